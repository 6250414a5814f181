import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PartnerStatus } from "@trellis/shared";
import { api } from "../../api/client";
import type { AuditEntry, Partner, PartnerSummary } from "../../api/types";
import { useCursorList } from "../../lib/useList";

export const partnersKey = ["partners"] as const;

export type PartnerSort = "name" | "-name" | "createdAt" | "-createdAt" | "status" | "-status" | "region";

export interface PartnerFilters {
  q: string;
  tierId: string | null;
  status: PartnerStatus | null;
  region: string | null;
  channelManagerId: string | null;
  includeArchived: boolean;
  sort: PartnerSort;
}

/** What the partner form sends: the stored profile fields of a Partner, plus an override reason. */
export type PartnerInput = Pick<
  Partner,
  | "name"
  | "legalName"
  | "addressLine1"
  | "addressLine2"
  | "city"
  | "postalCode"
  | "country"
  | "region"
  | "territory"
  | "website"
  | "phone"
  | "tierId"
  | "status"
  | "channelManagerId"
> & { overrideReason?: string };

export function filterQuery(filters: PartnerFilters) {
  return {
    q: filters.q.trim(),
    tierId: filters.tierId,
    status: filters.status,
    region: filters.region,
    channelManagerId: filters.channelManagerId,
    includeArchived: filters.includeArchived ? "true" : undefined,
    sort: filters.sort,
  };
}

export function usePartners(filters: PartnerFilters) {
  return useCursorList<Partner>([...partnersKey, "list"], "/partners", filterQuery(filters));
}

export function usePartnerSummary() {
  return useQuery({ queryKey: [...partnersKey, "summary"], queryFn: () => api<PartnerSummary>("/partners/summary") });
}

export function usePartner(id: string | null | undefined) {
  return useQuery({
    queryKey: [...partnersKey, "detail", id],
    queryFn: () => api<Partner>(`/partners/${encodeURIComponent(id ?? "")}`),
    enabled: Boolean(id),
  });
}

function useRefreshPartners() {
  const client = useQueryClient();
  return (partner?: Partner) => {
    if (partner) client.setQueryData([...partnersKey, "detail", partner.id], partner);
    void client.invalidateQueries({ queryKey: [...partnersKey, "list"] });
    void client.invalidateQueries({ queryKey: [...partnersKey, "summary"] });
    void client.invalidateQueries({ queryKey: ["settings"] });
    void client.invalidateQueries({ queryKey: ["tiers"] });
  };
}

export function useCreatePartner() {
  const refresh = useRefreshPartners();
  return useMutation({ mutationFn: (input: PartnerInput) => api<Partner>("/partners", { method: "POST", body: input }), onSuccess: refresh });
}

export function useUpdatePartner(id: string) {
  const refresh = useRefreshPartners();
  return useMutation({
    mutationFn: (patch: Partial<PartnerInput>) => api<Partner>(`/partners/${id}`, { method: "PATCH", body: patch }),
    onSuccess: refresh,
  });
}

export function useArchivePartner(id: string) {
  const refresh = useRefreshPartners();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (archive: boolean) => {
      if (archive) await api<void>(`/partners/${id}`, { method: "DELETE" });
      else await api<Partner>(`/partners/${id}/restore`, { method: "POST" });
    },
    onSuccess: () => {
      refresh();
      void client.invalidateQueries({ queryKey: [...partnersKey, "detail", id] });
    },
  });
}

export function useUploadLogo(id: string) {
  const refresh = useRefreshPartners();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return api<Partner>(`/partners/${id}/logo`, { method: "PUT", body: form });
    },
    onSuccess: refresh,
  });
}

export function usePartnerActivity(id: string) {
  return useCursorList<AuditEntry>([...partnersKey, "activity", id], `/partners/${id}/activity`);
}

/** The logo URL, versioned by updatedAt so a new upload is not hidden by the browser cache. */
export function logoUrl(partner: Pick<Partner, "id" | "updatedAt">): string {
  return `/api/v1/partners/${partner.id}/logo?v=${encodeURIComponent(partner.updatedAt)}`;
}
