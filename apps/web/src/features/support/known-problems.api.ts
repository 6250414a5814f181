import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KnownProblemStatus } from "@trellis/shared";
import { api, type Query } from "../../api/client";
import type { KnownProblemDetail, KnownProblemInput, KnownProblemSummary } from "../../api/types";
import { useCursorList } from "../../lib/useList";

export const knownProblemsKey = ["support", "known-problems"] as const;

export interface KnownProblemFilters {
  q: string;
  status: KnownProblemStatus | null;
  productId: string | null;
}

export function useKnownProblems(filters: KnownProblemFilters) {
  const query: Query = { q: filters.q.trim(), status: filters.status, productId: filters.productId };
  return useCursorList<KnownProblemSummary>([...knownProblemsKey, "list"], "/support/known-problems", query);
}

export function useKnownProblem(id: string) {
  return useQuery({
    queryKey: [...knownProblemsKey, "detail", id],
    queryFn: () => api<KnownProblemDetail>(`/support/known-problems/${encodeURIComponent(id)}`),
    enabled: Boolean(id),
  });
}

export function useSaveKnownProblem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: KnownProblemInput }) =>
      id
        ? api<KnownProblemDetail>(`/support/known-problems/${encodeURIComponent(id)}`, { method: "PATCH", body: input })
        : api<KnownProblemDetail>("/support/known-problems", { method: "POST", body: input }),
    onSuccess: (saved) => {
      client.setQueryData([...knownProblemsKey, "detail", saved.id], saved);
      void client.invalidateQueries({ queryKey: [...knownProblemsKey, "list"] });
      // Ticket pages show a linked problem's title, workaround and fix version; the ticket pickers list problems.
      void client.invalidateQueries({ queryKey: ["support", "tickets"] });
      void client.invalidateQueries({ queryKey: ["support", "known-problem-search"] });
    },
  });
}
