import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { ClaimDetail, ClaimImportResult, ClaimInput, ClaimStatus, ClaimSummary } from "../../api/incentives-types";
import { useCursorList } from "../../lib/useList";
import { uploadWithProgress } from "../library/upload";
import { idempotencyHeader, useIdempotencyKeys } from "./idempotency";
import { incentivesKey, refreshPoints, usePointsMutation } from "./incentives.api";

const claimsKey = [...incentivesKey, "claims"] as const;
export const claimPath = (id: string) => `/incentives/claims/${encodeURIComponent(id)}`;

export interface ClaimFilters {
  status: ClaimStatus | null;
  partnerId?: string | null;
  repId?: string | null;
}

export function useClaims(filters: ClaimFilters, limit = 30) {
  return useCursorList<ClaimSummary>(
    [...claimsKey, "list"],
    "/incentives/claims",
    { status: filters.status, partnerId: filters.partnerId, repId: filters.repId },
    { limit },
  );
}

export function useClaim(id: string) {
  return useQuery({ queryKey: [...claimsKey, "detail", id], queryFn: () => api<ClaimDetail>(claimPath(id)), enabled: Boolean(id) });
}

export function useSubmitClaim(onDone?: (claim: ClaimDetail) => void) {
  return usePointsMutation<ClaimInput, ClaimDetail>((input) => ({ path: "/incentives/claims", body: input }), onDone);
}

export type ReviewDecision = { action: "approve"; note?: string } | { action: "reject" | "reverse"; reason: string };

export function useReviewClaim(id: string, onDone?: (claim: ClaimDetail) => void) {
  return usePointsMutation<ReviewDecision, ClaimDetail>((decision) => {
    const path = `${claimPath(id)}/${decision.action}`;
    if (decision.action === "approve") return { path, body: decision.note ? { note: decision.note } : {} };
    return { path, body: { reason: decision.reason } };
  }, onDone);
}

/** The invoice goes up after the claim is filed, with progress (a scan can be several MB). */
export function useUploadInvoice(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) => {
      const form = new FormData();
      form.append("file", file);
      return uploadWithProgress<ClaimDetail>(`${claimPath(id)}/invoice`, form, onProgress);
    },
    onSuccess: (claim) => {
      client.setQueryData([...claimsKey, "detail", id], claim);
      void client.invalidateQueries({ queryKey: [...claimsKey, "list"] });
    },
  });
}

/** The CSV preview runs the whole filing and rolls it back: what it shows is what the apply does. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (csv: string) => api<ClaimImportResult>("/incentives/claims/import", { method: "POST", body: csv, query: { dryRun: "true" } }),
  });
}

export function useApplyImport() {
  const client = useQueryClient();
  const keys = useIdempotencyKeys();
  return useMutation({
    mutationFn: (csv: string) =>
      api<ClaimImportResult>("/incentives/claims/import", {
        method: "POST",
        body: csv,
        headers: idempotencyHeader(keys.keyFor("/incentives/claims/import", csv)),
      }),
    onSuccess: () => {
      keys.settled();
      refreshPoints(client);
    },
  });
}
