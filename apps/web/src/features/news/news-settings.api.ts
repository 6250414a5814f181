import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DigestStatus } from "@trellis/shared";
import { api } from "../../api/client";
import type { DigestListItem, DigestRun, FeedTokenState, NewsPreferences, NewsPreferencesInput, UnsubscribeInfo } from "../../api/types";
import { useCursorList } from "../../lib/useList";
import { newsKey } from "./news.api";

const preferencesKey = [...newsKey, "preferences"] as const;
const feedTokenKey = [...newsKey, "feed-token"] as const;

export function useNewsPreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: () => api<NewsPreferences>("/news/preferences") });
}

export function useSaveNewsPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewsPreferencesInput) => api<NewsPreferences>("/news/preferences", { method: "PUT", body: input }),
    onSuccess: (data) => client.setQueryData(preferencesKey, data),
  });
}

export function useFeedToken() {
  return useQuery({ queryKey: feedTokenKey, queryFn: () => api<FeedTokenState>("/news/feed-token") });
}

/** A new secret feed URL; the previous one stops working. The URL is shown once, never stored by the server in clear. */
export function useCreateFeedToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ url: string }>("/news/feed-token", { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: feedTokenKey }),
  });
}

export function useRevokeFeedToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("/news/feed-token", { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: feedTokenKey }),
  });
}

/* The public unsubscribe page: no session, the token in the mail's link is the only key. */

export function useUnsubscribeInfo(token: string) {
  return useQuery({
    queryKey: [...newsKey, "unsubscribe", token],
    queryFn: () => api<UnsubscribeInfo>(`/news/unsubscribe/${encodeURIComponent(token)}`),
    enabled: Boolean(token),
    retry: false,
  });
}

export function useUnsubscribe(token: string) {
  return useMutation({ mutationFn: () => api<unknown>(`/news/unsubscribe/${encodeURIComponent(token)}`, { method: "POST" }) });
}

/* The vendor's view of digest sends. */

export function useDigests(status: DigestStatus | null) {
  return useCursorList<DigestListItem>([...newsKey, "digests"], "/news/digests", { status }, { limit: 50 });
}

export function useRunDigests() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<DigestRun>("/news/digests/run-now", { method: "POST" }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: [...newsKey, "digests"] });
      void client.invalidateQueries({ queryKey: ["outbox"] });
    },
  });
}
