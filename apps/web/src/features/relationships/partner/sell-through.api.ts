import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import type { SellThroughLine, SellThroughRecordResult } from "../../../api/sell-through-types";
import { useCursorList } from "../../../lib/useList";
import { partnerKey } from "./relationship.api";

// A partner's sell-through: the vendor's tab and the partner portal's page use the same routes
// (a partner admin reaches only its own partner's).

const sellThroughPath = (partnerId: string) => `/partners/${encodeURIComponent(partnerId)}/sell-through`;

export function useSellThroughLines(partnerId: string) {
  return useCursorList<SellThroughLine>(
    [...partnerKey(partnerId), "sell-through"],
    sellThroughPath(partnerId),
    {},
    { limit: 25, enabled: partnerId !== "" },
  );
}

export function useSellThroughImport(partnerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ csv, mode, fileName, key }: { csv: string; mode: "preview" | "apply"; fileName: string; key: string }) =>
      api<SellThroughRecordResult>(`${sellThroughPath(partnerId)}/import`, {
        method: "POST",
        body: csv,
        query: { mode, fileName },
        // A retried apply (a lost answer, a double click) must not record the lines twice.
        headers: mode === "apply" ? { "idempotency-key": key } : undefined,
      }),
    onSuccess: (result) => {
      if (result.mode === "apply") void client.invalidateQueries({ queryKey: partnerKey(partnerId) });
    },
  });
}

export function sellThroughExportUrl(partnerId: string): string {
  return `/api/v1${sellThroughPath(partnerId)}.csv`;
}
