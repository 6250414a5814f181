import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { Tier } from "../../api/types";

export const tiersKey = ["tiers"] as const;

export interface TierInput {
  name: string;
  rank: number;
  description: string;
}

export function useTiers() {
  return useQuery({ queryKey: tiersKey, queryFn: () => api<{ items: Tier[] }>("/tiers"), select: (data) => data.items, staleTime: 5 * 60_000 });
}

export function useSaveTier() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: TierInput }) =>
      id ? api<Tier>(`/tiers/${id}`, { method: "PATCH", body: input }) : api<Tier>("/tiers", { method: "POST", body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: tiersKey });
      void client.invalidateQueries({ queryKey: ["partners"] });
    },
  });
}

export function useDeleteTier() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/tiers/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: tiersKey }),
  });
}
