import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isPartnerRole, type Permission, roleHas } from "@trellis/shared";
import { api, setCsrfToken } from "../api/client";
import type { Me, MeResponse, SessionInfo, SignedIn } from "../api/types";

export const meKey = ["auth", "me"] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      const me = await api<MeResponse>("/auth/me");
      setCsrfToken(me.csrfToken);
      return me.user;
    },
    staleTime: 5 * 60_000,
    retry: 1,
  });
}

/** The signed-in user; only for components rendered under RequireAuth. */
export function useUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error("useUser() outside a signed-in route");
  return data;
}

export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return data ? roleHas(data.role, permission) : false;
}

/** Stores a fresh session (login, invitation accepted) and forgets every cached answer of the previous one. */
export function useSignedIn() {
  const client = useQueryClient();
  return (result: SignedIn) => {
    setCsrfToken(result.csrfToken);
    // Only what no mounted page watches: the page that signed in is about to navigate away.
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== "auth" && query.getObserversCount() === 0 });
    client.setQueryData(meKey, result.user);
  };
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api<SignedIn>("/auth/login", { method: "POST", body: input }),
    onSuccess: signedIn,
  });
}

function useSignedOut() {
  const client = useQueryClient();
  return () => {
    setCsrfToken(null);
    client.clear();
    client.setQueryData(meKey, null);
  };
}

export function useLogout() {
  const signedOut = useSignedOut();
  return useMutation({ mutationFn: () => api<void>("/auth/logout", { method: "POST" }), onSettled: signedOut });
}

export function useLogoutEverywhere() {
  const signedOut = useSignedOut();
  return useMutation({ mutationFn: () => api<void>("/auth/logout-all", { method: "POST" }), onSuccess: signedOut });
}

export function useSessions() {
  return useQuery({ queryKey: ["auth", "sessions"], queryFn: () => api<{ items: SessionInfo[] }>("/auth/sessions") });
}

export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/auth/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["auth", "sessions"] }),
  });
}

/** Where a user lands after signing in. */
export function homeOf(user: Me): string {
  return isPartnerRole(user.role) ? "/portal" : "/partners";
}

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: string | null): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/login")) return null;
  return next;
}
