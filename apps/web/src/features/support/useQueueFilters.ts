import { type SlaState, slaStates, type TicketSeverity, type TicketStatus, ticketSeverities, ticketStatuses } from "@trellis/shared";
import { useCallback } from "react";
import type { QueueSort, TicketFilters } from "../../api/types";
import { useSearchState } from "../../lib/useSearchState";

const keys = ["status", "severity", "partnerId", "tierId", "productId", "assignee", "sla", "q", "sort"] as const;
export type QueueKey = (typeof keys)[number];
const sorts: readonly QueueSort[] = ["sla", "newest", "updated"];

function listOf<T extends string>(allowed: readonly T[], value: string | null): T[] | undefined {
  const items = (value ?? "").split(",").filter((item): item is T => allowed.includes(item as T));
  return items.length ? items : undefined;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** Filters as the address bar keeps them: lists comma-separated, so a link or a reload shows the same queue. */
export function toSearch(filters: TicketFilters): Record<QueueKey, string | null> {
  return {
    status: filters.status?.length ? filters.status.join(",") : null,
    severity: filters.severity?.length ? filters.severity.join(",") : null,
    partnerId: filters.partnerId ?? null,
    tierId: filters.tierId ?? null,
    productId: filters.productId ?? null,
    assignee: filters.assigneeId ?? null,
    sla: filters.slaState ?? null,
    q: filters.q?.trim() || null,
    sort: filters.sort && filters.sort !== "sla" ? filters.sort : null,
  };
}

/** A saved view's filters, kept to what the queue knows (a view saved by an older version may hold more). */
export function filtersFromSaved(saved: Record<string, unknown>): TicketFilters {
  const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
  const list = (value: unknown) => (Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : null);
  return {
    status: listOf<TicketStatus>(ticketStatuses, list(saved.status)),
    severity: listOf<TicketSeverity>(ticketSeverities, list(saved.severity)),
    partnerId: text(saved.partnerId),
    tierId: text(saved.tierId),
    productId: text(saved.productId),
    assigneeId: text(saved.assigneeId),
    slaState: oneOf<SlaState>(slaStates, text(saved.slaState) ?? null),
    q: text(saved.q),
    sort: oneOf(sorts, text(saved.sort) ?? null),
  };
}

/** Drops empty keys, so what is saved and compared is only what was chosen. */
export function compact(filters: TicketFilters): TicketFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0)),
  ) as TicketFilters;
}

export function useQueueFilters() {
  const { values, set, clear } = useSearchState(keys);
  const filters: TicketFilters = {
    status: listOf<TicketStatus>(ticketStatuses, values.status),
    severity: listOf<TicketSeverity>(ticketSeverities, values.severity),
    partnerId: values.partnerId ?? undefined,
    tierId: values.tierId ?? undefined,
    productId: values.productId ?? undefined,
    assigneeId: values.assignee ?? undefined,
    slaState: oneOf<SlaState>(slaStates, values.sla),
    q: values.q ?? undefined,
    sort: oneOf(sorts, values.sort) ?? "sla",
  };
  const apply = useCallback((next: TicketFilters) => set(toSearch(next)), [set]);
  const filtered = keys.some((key) => key !== "sort" && values[key]);
  return { filters, set, clear, apply, filtered };
}
