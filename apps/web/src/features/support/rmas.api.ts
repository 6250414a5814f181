import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RmaStatus } from "@trellis/shared";
import { api } from "../../api/client";
import type { Rma, RmaPatch } from "../../api/types";
import { useCursorList } from "../../lib/useList";

export const rmasKey = ["support", "rmas"] as const;

export interface RmaFilters {
  status: RmaStatus | null;
  /** Vendor users only; partners always see their own organisation's. */
  partnerId: string | null;
}

export function useRmas(filters: RmaFilters) {
  return useCursorList<Rma>([...rmasKey, "list"], "/support/rmas", { status: filters.status, partnerId: filters.partnerId });
}

export function useUpdateRma() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: RmaPatch }) =>
      api<Rma>(`/support/rmas/${encodeURIComponent(id)}`, { method: "PATCH", body: patch }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: rmasKey });
      // A ticket's page lists its RMAs with their status.
      void client.invalidateQueries({ queryKey: ["support", "tickets"] });
    },
  });
}
