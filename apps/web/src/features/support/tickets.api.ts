import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ticketStatuses } from "@trellis/shared";
import { api } from "../../api/client";
import type {
  AgentCoverage,
  Page,
  Product,
  ReplyInput,
  SavedView,
  SavedViewInput,
  SlaPolicyRow,
  StatusChange,
  TicketAttachment,
  TicketDetail,
  TicketFilters,
  TicketInput,
  TicketPatch,
  TicketSummary,
} from "../../api/types";
import { uploadWithProgress } from "../library/upload";

/** Ticket lists and details; the admin pages keep theirs under ["support", "admin"]. */
export const ticketsKey = ["support", "tickets"] as const;
const viewsKey = ["support", "views"] as const;

const ticketPath = (id: string) => `/support/tickets/${encodeURIComponent(id)}`;

/**
 * The query string of a ticket list. Built here rather than with the api client's `query`, because
 * status and severity repeat (`status=new&status=open`) and the client's query takes one value a key.
 */
export function ticketSearch(filters: TicketFilters, page: { cursor?: string; limit?: number } = {}): string {
  const params = new URLSearchParams();
  for (const status of filters.status ?? []) params.append("status", status);
  for (const severity of filters.severity ?? []) params.append("severity", severity);
  const single = { ...filters, status: undefined, severity: undefined, q: filters.q?.trim(), ...page };
  for (const [key, value] of Object.entries(single)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  return params.toString();
}

export function useTickets(filters: TicketFilters, options: { limit?: number; enabled?: boolean } = {}) {
  const limit = options.limit ?? 50;
  const result = useInfiniteQuery({
    queryKey: [...ticketsKey, "list", filters, limit],
    queryFn: ({ pageParam, signal }) =>
      api<Page<TicketSummary>>(`/support/tickets?${ticketSearch(filters, { cursor: pageParam, limit })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
    placeholderData: (previous) => previous,
  });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...result, items };
}

/** The ticket with this number, whatever its status (merge by number). */
export async function findTicketByNumber(number: number): Promise<TicketSummary | null> {
  const search = ticketSearch({ q: String(number), status: [...ticketStatuses] }, { limit: 20 });
  const page = await api<Page<TicketSummary>>(`/support/tickets?${search}`);
  return page.items.find((ticket) => ticket.number === number) ?? null;
}

export function useTicket(id: string) {
  return useQuery({ queryKey: [...ticketsKey, "detail", id], queryFn: () => api<TicketDetail>(ticketPath(id)), enabled: Boolean(id) });
}

/** After any change: the detail refetches (replies, events, SLA) and every list follows. */
function useRefreshTicket(id: string) {
  const client = useQueryClient();
  return (detail?: TicketDetail) => {
    if (detail) client.setQueryData([...ticketsKey, "detail", id], detail);
    else void client.invalidateQueries({ queryKey: [...ticketsKey, "detail", id] });
    void client.invalidateQueries({ queryKey: [...ticketsKey, "list"] });
  };
}

export function useCreateTicket() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TicketInput) => api<TicketDetail>("/support/tickets", { method: "POST", body: input }),
    onSuccess: (ticket) => {
      client.setQueryData([...ticketsKey, "detail", ticket.id], ticket);
      void client.invalidateQueries({ queryKey: [...ticketsKey, "list"] });
    },
  });
}

export interface AttachmentUpload {
  file: File;
  replyId?: string;
  /** Agents only: hidden from the partner. */
  internal?: boolean;
  onProgress: (fraction: number) => void;
  signal?: AbortSignal;
}

/** One file, with progress; the caller refreshes the ticket once its batch is done. */
export function uploadAttachment(ticketId: string, upload: AttachmentUpload): Promise<TicketAttachment> {
  const form = new FormData();
  // Fields before the file: the server reads them without buffering the upload.
  if (upload.replyId) form.append("replyId", upload.replyId);
  if (upload.internal) form.append("internal", "true");
  form.append("file", upload.file);
  return uploadWithProgress<TicketAttachment>(`${ticketPath(ticketId)}/attachments`, form, upload.onProgress, upload.signal);
}

export function useUpdateTicket(id: string) {
  const refresh = useRefreshTicket(id);
  return useMutation({
    mutationFn: (patch: TicketPatch) => api<TicketDetail>(ticketPath(id), { method: "PATCH", body: patch }),
    onSuccess: refresh,
  });
}

export function useChangeStatus(id: string) {
  const refresh = useRefreshTicket(id);
  return useMutation({
    mutationFn: (change: StatusChange) => api<TicketDetail>(`${ticketPath(id)}/status`, { method: "POST", body: change }),
    onSuccess: refresh,
  });
}

export function useReply(id: string) {
  const refresh = useRefreshTicket(id);
  return useMutation({
    // The server answers with the whole ticket, the new reply included.
    mutationFn: (input: ReplyInput) => api<TicketDetail>(`${ticketPath(id)}/replies`, { method: "POST", body: input }),
    onSuccess: refresh,
  });
}

export function useRefreshAfterUpload(id: string) {
  const refresh = useRefreshTicket(id);
  return () => refresh();
}

export function useMergeTicket(id: string) {
  const refresh = useRefreshTicket(id);
  return useMutation({
    mutationFn: (intoTicketId: string) => api<TicketDetail>(`${ticketPath(id)}/merge`, { method: "POST", body: { intoTicketId } }),
    onSuccess: refresh,
  });
}

export function useCreateArticle(id: string) {
  return useMutation({
    mutationFn: (title?: string) => api<{ id: string }>(`${ticketPath(id)}/article`, { method: "POST", body: title ? { title } : {} }),
  });
}

export interface RmaInput {
  productId: string;
  serial: string;
  reason: string;
}

export function useAuthoriseReturn(id: string) {
  const refresh = useRefreshTicket(id);
  return useMutation({
    mutationFn: (input: RmaInput) => api<unknown>(`${ticketPath(id)}/rmas`, { method: "POST", body: input }),
    onSuccess: () => refresh(),
  });
}

/* Saved queue views */

export function useSavedViews(enabled = true) {
  return useQuery({
    queryKey: viewsKey,
    queryFn: () => api<{ items: SavedView[] } | SavedView[]>("/support/views"),
    select: (data) => (Array.isArray(data) ? data : data.items),
    enabled,
  });
}

export function useSaveView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SavedViewInput) => api<SavedView>("/support/views", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: viewsKey }),
  });
}

export function useDeleteView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/support/views/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: viewsKey }),
  });
}

/* Pickers */

/** Agents for the assignee picker; the list may be refused to roles that do not work tickets. */
export function useAgentOptions(enabled = true) {
  return useQuery({
    queryKey: ["support", "agent-options"],
    queryFn: () => api<AgentCoverage[] | { items: AgentCoverage[] }>("/support/agents"),
    select: (data) => (Array.isArray(data) ? data : data.items).map((agent) => ({ value: agent.userId, label: agent.name })),
    staleTime: 5 * 60_000,
    retry: false,
    enabled,
  });
}

/** Partners get their tier's targets (or the default ones); vendors get every row. */
export function useTicketSlaPolicies() {
  return useQuery({
    queryKey: ["support", "sla-targets"],
    queryFn: () => api<{ policies: SlaPolicyRow[] }>("/support/sla-policies"),
    select: (data) => data.policies,
    staleTime: 5 * 60_000,
  });
}

/** Products with their serial patterns; partners are shown active products only. A maker's catalogue fits in one page. */
export function useTicketProducts() {
  return useQuery({
    queryKey: ["products", "support-options"],
    queryFn: () => api<Page<Product>>("/products", { query: { limit: 200, sort: "name" } }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export interface KnownProblemOption {
  id: string;
  title: string;
}

/** Known problems matching the words (another part of the desk; a missing route shows as an error). */
export function useKnownProblemSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ["support", "known-problem-search", q],
    queryFn: ({ signal }) =>
      api<{ items: KnownProblemOption[] } | KnownProblemOption[]>("/support/known-problems", { query: { q: q.trim(), limit: 20 }, signal }),
    select: (data) => (Array.isArray(data) ? data : data.items),
    placeholderData: (previous) => previous,
    retry: false,
    enabled,
  });
}
