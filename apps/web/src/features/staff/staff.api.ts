import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@trellis/shared";
import { api } from "../../api/client";
import type { User } from "../../api/types";

export type UserAction = "deactivate" | "reactivate" | "resend-invitation";

/** Staff of one partner (/partners/:id/staff) or the vendor's own users (/users): the same shape and verbs. */
export interface PeopleScope {
  key: readonly unknown[];
  base: string;
}

export const staffScope = (partnerId: string): PeopleScope => ({ key: ["partners", partnerId, "staff"], base: `/partners/${partnerId}/staff` });
export const vendorUsersScope: PeopleScope = { key: ["users"], base: "/users" };

export function usePeople(scope: PeopleScope, query: Record<string, string | undefined> = {}, enabled = true) {
  return useQuery({
    queryKey: [...scope.key, query],
    queryFn: () => api<{ items: User[] }>(scope.base, { query }),
    select: (data) => data.items,
    enabled,
  });
}

function useRefresh(scope: PeopleScope) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: scope.key });
    void client.invalidateQueries({ queryKey: ["partners", "list"] });
  };
}

export function useInvite(scope: PeopleScope) {
  const refresh = useRefresh(scope);
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: Role }) => api<User>(scope.base, { method: "POST", body: input }),
    onSuccess: refresh,
  });
}

export function useUpdatePerson(scope: PeopleScope) {
  const refresh = useRefresh(scope);
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { name?: string; role?: Role } }) =>
      api<User>(`${scope.base}/${id}`, { method: "PATCH", body: patch }),
    onSuccess: refresh,
  });
}

export function usePersonAction(scope: PeopleScope) {
  const refresh = useRefresh(scope);
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: UserAction }) => api<unknown>(`${scope.base}/${id}/${action}`, { method: "POST" }),
    onSuccess: refresh,
  });
}
