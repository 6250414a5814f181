import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import type { CostCategory, CostImportResult, CostLine, CostLineInput } from "../../../api/relationships-types";
import { useCursorList } from "../../../lib/useList";
import { relationshipsKey } from "../portfolio.api";
import { partnerKey } from "./relationship.api";

// Cost lines: what the vendor spends on a partner besides desk time and points. Every change moves
// the scorecard, so the partner's whole relationship cache is refreshed.

const costsPath = (partnerId: string) => `/partners/${encodeURIComponent(partnerId)}/cost-lines`;

export function useCostLines(partnerId: string, category: CostCategory | null) {
  return useCursorList<CostLine>([...partnerKey(partnerId), "cost-lines"], costsPath(partnerId), { category: category ?? undefined }, { limit: 25 });
}

function useCostMutation<I, O>(partnerId: string, send: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => void client.invalidateQueries({ queryKey: partnerKey(partnerId) }) });
}

export function useAddCostLine(partnerId: string) {
  return useCostMutation(partnerId, (input: CostLineInput) => api<CostLine>(costsPath(partnerId), { method: "POST", body: input }));
}

export function useVoidCostLine(partnerId: string) {
  return useCostMutation(partnerId, ({ id, reason }: { id: string; reason: string }) =>
    api<CostLine>(`${costsPath(partnerId)}/${encodeURIComponent(id)}/void`, { method: "POST", body: { reason } }),
  );
}

/** The import names partners in the file, so it may touch several: refresh every relationship query after an apply. */
export function useCostImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ csv, mode }: { csv: string; mode: "preview" | "apply" }) =>
      api<CostImportResult>("/relationships/cost-lines/import", { method: "POST", body: csv, query: { mode } }),
    onSuccess: (result) => {
      if (result.mode === "apply") void client.invalidateQueries({ queryKey: relationshipsKey });
    },
  });
}

export function costExportUrl(partnerId: string): string {
  return `/api/v1/relationships/cost-lines.csv?${new URLSearchParams({ partnerId }).toString()}`;
}
