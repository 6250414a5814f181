import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AssetStatus, AssetType, Market } from "@trellis/shared";
import { api, apiUrl, type Query } from "../../api/client";
import type {
  AssetDetail,
  AssetInput,
  AssetPatch,
  AssetSummary,
  AssetUsageRow,
  EngagementRow,
  Kit,
  KitInput,
  LibraryImage,
  Page,
  PartnerUsageRow,
  Product,
  RepUsageRow,
  UnusedAsset,
  UsageSeries,
} from "../../api/types";
import { useCursorList } from "../../lib/useList";
import { uploadWithProgress } from "./upload";

export const libraryKey = ["library"] as const;
export const assetsKey = [...libraryKey, "assets"] as const;
const kitsKey = [...libraryKey, "kits"] as const;

export type AssetSort = "relevance" | "newest" | "most_used" | "title";

export interface AssetFilters {
  q: string;
  type: AssetType | null;
  productId: string | null;
  market: Market | null;
  /** Vendor users only. */
  status: AssetStatus | null;
  /** Vendor users only: assets past their review-by date. */
  needsReview: boolean;
  /** null: the server's default (relevance when searching, else newest). */
  sort: AssetSort | null;
}

export const noFilters: AssetFilters = { q: "", type: null, productId: null, market: null, status: null, needsReview: false, sort: null };

export function assetQuery(filters: AssetFilters): Query {
  const q = filters.q.trim();
  return {
    q,
    type: filters.type,
    productId: filters.productId,
    market: filters.market,
    status: filters.status,
    needsReview: filters.needsReview ? "true" : undefined,
    // Relevance means nothing without words to match; the server would refuse or ignore it.
    sort: filters.sort === "relevance" && !q ? undefined : filters.sort,
  };
}

export function useAssets(filters: AssetFilters, options: { limit?: number; enabled?: boolean } = {}) {
  return useCursorList<AssetSummary>([...assetsKey, "list"], "/library/assets", assetQuery(filters), {
    limit: options.limit ?? 24,
    enabled: options.enabled,
  });
}

/** A quick search for pickers (kit editor): the first matches only. */
export function useAssetSearch(q: string) {
  return useQuery({
    queryKey: [...assetsKey, "search", q],
    queryFn: ({ signal }) => api<Page<AssetSummary>>("/library/assets", { query: { q: q.trim(), limit: 20 }, signal }),
    select: (data) => data.items,
    placeholderData: (previous) => previous,
  });
}

export function useAsset(id: string) {
  return useQuery({
    queryKey: [...assetsKey, "detail", id],
    queryFn: () => api<AssetDetail>(`/library/assets/${encodeURIComponent(id)}`),
    enabled: Boolean(id),
  });
}

function useRefreshAssets() {
  const client = useQueryClient();
  return (asset?: AssetDetail) => {
    if (asset) client.setQueryData([...assetsKey, "detail", asset.id], asset);
    void client.invalidateQueries({ queryKey: [...assetsKey, "list"] });
    void client.invalidateQueries({ queryKey: [...assetsKey, "search"] });
    void client.invalidateQueries({ queryKey: kitsKey });
  };
}

/** Counts a view and clears "Updated"; the open page keeps its badge so the reader sees why they came. */
export function useMarkOpened() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/library/assets/${encodeURIComponent(id)}/opened`, { method: "POST" }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: [...assetsKey, "list"] });
      void client.invalidateQueries({ queryKey: kitsKey });
    },
  });
}

export function useCreateAsset() {
  const refresh = useRefreshAssets();
  return useMutation({
    mutationFn: (input: AssetInput) => api<AssetDetail>("/library/assets", { method: "POST", body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateAsset(id: string) {
  const refresh = useRefreshAssets();
  return useMutation({
    mutationFn: (patch: AssetPatch) => api<AssetDetail>(`/library/assets/${encodeURIComponent(id)}`, { method: "PATCH", body: patch }),
    onSuccess: refresh,
  });
}

export function useSavePage(id: string) {
  const refresh = useRefreshAssets();
  return useMutation({
    mutationFn: (input: { bodyMarkdown: string; note: string }) =>
      api<AssetDetail>(`/library/assets/${encodeURIComponent(id)}/page`, { method: "POST", body: input }),
    onSuccess: refresh,
  });
}

export interface FileUpload {
  file: File;
  note: string;
  onProgress: (fraction: number) => void;
  signal: AbortSignal;
}

export function useUploadFile(id: string) {
  const refresh = useRefreshAssets();
  return useMutation({
    mutationFn: ({ file, note, onProgress, signal }: FileUpload) => {
      const form = new FormData();
      // Fields before the file: the server reads the note without buffering the upload.
      if (note.trim()) form.append("note", note.trim());
      form.append("file", file);
      return uploadWithProgress<AssetDetail>(`/library/assets/${encodeURIComponent(id)}/file`, form, onProgress, signal);
    },
    onSuccess: refresh,
  });
}

export function useUploadImage() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return api<LibraryImage>("/library/images", { method: "POST", body: form });
    },
  });
}

export function contentUrl(id: string, options: { download?: boolean; version?: number } = {}): string {
  return apiUrl(`/library/assets/${encodeURIComponent(id)}/content`, { download: options.download ? "1" : undefined, version: options.version });
}

export function cobrandedUrl(id: string): string {
  return apiUrl(`/library/assets/${encodeURIComponent(id)}/cobranded`);
}

export function kitZipUrl(id: string): string {
  return apiUrl(`/library/kits/${encodeURIComponent(id)}/download`);
}

/* Kits */

export function useKits() {
  return useQuery({ queryKey: kitsKey, queryFn: () => api<{ items: Kit[] }>("/library/kits"), select: (data) => data.items });
}

export function useKit(id: string) {
  return useQuery({ queryKey: [...kitsKey, id], queryFn: () => api<Kit>(`/library/kits/${encodeURIComponent(id)}`), enabled: Boolean(id) });
}

export function useSaveKit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: KitInput }) =>
      id
        ? api<Kit>(`/library/kits/${encodeURIComponent(id)}`, { method: "PATCH", body: input })
        : api<Kit>("/library/kits", { method: "POST", body: input }),
    onSuccess: (kit) => {
      client.setQueryData([...kitsKey, kit.id], kit);
      void client.invalidateQueries({ queryKey: kitsKey, exact: true });
    },
  });
}

export function useDeleteKit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/library/kits/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: [...kitsKey, id] });
      void client.invalidateQueries({ queryKey: kitsKey, exact: true });
    },
  });
}

/* Usage and analytics */

export interface Period {
  from: string;
  to: string;
}

export type PeriodDays = 30 | 90 | 365;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The last `days` days up to today (UTC, as the server counts them). */
export function lastDays(days: PeriodDays, now = new Date()): Period {
  const from = new Date(now.getTime() - (days - 1) * 86_400_000);
  return { from: isoDay(from), to: isoDay(now) };
}

export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

const analyticsKey = [...libraryKey, "analytics"] as const;

export function useAssetUsage(id: string, period: Period) {
  return useQuery({
    queryKey: [...analyticsKey, "asset", id, period],
    queryFn: () => api<UsageSeries>(`/library/assets/${encodeURIComponent(id)}/usage`, { query: { ...period } }),
    placeholderData: (previous) => previous,
  });
}

export function useUsageOverview(period: Period) {
  return useQuery({
    queryKey: [...analyticsKey, "overview", period],
    queryFn: () => api<UsageSeries>("/library/analytics/overview", { query: { ...period } }),
    placeholderData: (previous) => previous,
  });
}

export function useAssetUsageRows(period: Period) {
  return useQuery({
    queryKey: [...analyticsKey, "assets", period],
    queryFn: () => api<{ items: AssetUsageRow[] }>("/library/analytics/assets", { query: { ...period } }),
    select: (data) => data.items,
    placeholderData: (previous) => previous,
  });
}

export function usePartnerUsage(period: Period) {
  return useQuery({
    queryKey: [...analyticsKey, "partners", period],
    queryFn: () => api<{ items: PartnerUsageRow[] }>("/library/analytics/partners", { query: { ...period } }),
    select: (data) => data.items,
    placeholderData: (previous) => previous,
  });
}

export function useRepUsage(partnerId: string | null, period: Period) {
  return useQuery({
    queryKey: [...analyticsKey, "reps", partnerId, period],
    queryFn: () => api<{ items: RepUsageRow[] }>(`/library/analytics/partners/${encodeURIComponent(partnerId ?? "")}/reps`, { query: { ...period } }),
    select: (data) => data.items,
    enabled: Boolean(partnerId),
  });
}

export function useUnusedAssets(days = 90) {
  return useQuery({
    queryKey: [...analyticsKey, "unused", days],
    queryFn: () => api<{ items: UnusedAsset[] }>("/library/analytics/unused", { query: { days } }),
    select: (data) => data.items,
  });
}

export function useEngagement(month: string) {
  return useQuery({
    queryKey: [...analyticsKey, "engagement", month],
    queryFn: () => api<{ items: EngagementRow[] }>("/library/analytics/engagement", { query: { month } }),
    select: (data) => data.items,
  });
}

/** Products for pickers and filters: the whole catalogue of a surveillance maker fits in one page. */
export function useProductOptions() {
  return useQuery({
    queryKey: ["products", "options"],
    queryFn: () => api<Page<Product>>("/products", { query: { limit: 200, sort: "name" } }),
    select: (data) => data.items.map((product) => ({ value: product.id, label: `${product.name} (${product.sku})` })),
    staleTime: 5 * 60_000,
  });
}
