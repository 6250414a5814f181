import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApplicationStatus } from "@trellis/shared";
import { api } from "../../api/client";
import type { Application, ApplicationInput } from "../../api/types";
import { useCursorList } from "../../lib/useList";

export const applicationsKey = ["applications"] as const;

export function useSubmitApplication() {
  return useMutation({
    mutationFn: (input: ApplicationInput) => api<{ id: string; status: ApplicationStatus }>("/applications", { method: "POST", body: input }),
  });
}

export function useApplications(status: ApplicationStatus | null, q: string) {
  return useCursorList<Application>([...applicationsKey, "list"], "/applications", { status, q: q.trim() });
}

export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: [...applicationsKey, "detail", id],
    queryFn: () => api<Application>(`/applications/${encodeURIComponent(id ?? "")}`),
    enabled: Boolean(id),
  });
}

function useRefresh() {
  const client = useQueryClient();
  return (application?: Application) => {
    if (application) client.setQueryData([...applicationsKey, "detail", application.id], application);
    void client.invalidateQueries({ queryKey: [...applicationsKey, "list"] });
    void client.invalidateQueries({ queryKey: ["partners"] });
    void client.invalidateQueries({ queryKey: ["settings"] });
  };
}

export interface ApproveInput {
  tierId?: string;
  channelManagerId?: string;
  overrideReason?: string;
}

export function useApprove(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ApproveInput) =>
      api<{ application: Application; partnerId: string }>(`/applications/${id}/approve`, { method: "POST", body: input }),
    onSuccess: (result) => refresh(result.application),
  });
}

export function useDecline(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (reason: string) => api<Application>(`/applications/${id}/decline`, { method: "POST", body: { reason } }),
    onSuccess: refresh,
  });
}
