import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { OutboxMessage, OutboxMessageDetail } from "../../api/types";
import { useCursorList } from "../../lib/useList";

export function useOutbox(to: string) {
  return useCursorList<OutboxMessage>(["outbox", "list"], "/admin/outbox", { to: to.trim() });
}

export function useOutboxMessage(id: string) {
  return useQuery({ queryKey: ["outbox", "detail", id], queryFn: () => api<OutboxMessageDetail>(`/admin/outbox/${encodeURIComponent(id)}`) });
}
