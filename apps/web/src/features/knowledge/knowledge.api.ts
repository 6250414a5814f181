import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ArticleStatus } from "@trellis/shared";
import { api, type Query } from "../../api/client";
import type { ArticleDetail, ArticleFeedback, ArticleInput, ArticlePatch, ArticleSort, ArticleSuggestion, ArticleSummary } from "../../api/types";
import { useCursorList } from "../../lib/useList";

export const knowledgeKey = ["knowledge"] as const;
const articlesKey = [...knowledgeKey, "articles"] as const;
const suggestKey = [...knowledgeKey, "suggest"] as const;

export interface ArticleFilters {
  q: string;
  productId: string | null;
  /** Vendor users only. */
  status: ArticleStatus | null;
  /** null: the server's default (relevance when searching, else newest). */
  sort: ArticleSort | null;
}

export function articleQuery(filters: ArticleFilters): Query {
  const q = filters.q.trim();
  return {
    q,
    productId: filters.productId,
    status: filters.status,
    // Relevance means nothing without words to match.
    sort: filters.sort === "relevance" && !q ? undefined : filters.sort,
  };
}

export function useArticles(filters: ArticleFilters, options: { limit?: number } = {}) {
  return useCursorList<ArticleSummary>([...articlesKey, "list"], "/knowledge/articles", articleQuery(filters), { limit: options.limit ?? 20 });
}

/** Opening an article as a partner user counts a view (once per day, so a refetch cannot inflate it). */
export function useArticle(id: string) {
  return useQuery({
    queryKey: [...articlesKey, "detail", id],
    queryFn: () => api<ArticleDetail>(`/knowledge/articles/${encodeURIComponent(id)}`),
    enabled: Boolean(id),
  });
}

function useRefreshArticles() {
  const client = useQueryClient();
  return (article?: ArticleDetail) => {
    if (article) client.setQueryData([...articlesKey, "detail", article.id], article);
    void client.invalidateQueries({ queryKey: [...articlesKey, "list"] });
    void client.invalidateQueries({ queryKey: suggestKey });
  };
}

export function useCreateArticle() {
  const refresh = useRefreshArticles();
  return useMutation({
    mutationFn: (input: ArticleInput) => api<ArticleDetail>("/knowledge/articles", { method: "POST", body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateArticle(id: string) {
  const refresh = useRefreshArticles();
  return useMutation({
    mutationFn: (patch: ArticlePatch) => api<ArticleDetail>(`/knowledge/articles/${encodeURIComponent(id)}`, { method: "PATCH", body: patch }),
    onSuccess: refresh,
  });
}

/** "Did this solve it?": the answer updates the open article's counts in place. */
export function useArticleFeedback(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (solved: boolean) =>
      api<ArticleFeedback>(`/knowledge/articles/${encodeURIComponent(id)}/feedback`, { method: "POST", body: { solved } }),
    onSuccess: (feedback) => {
      client.setQueryData<ArticleDetail>([...articlesKey, "detail", id], (current) => (current ? { ...current, ...feedback } : current));
      void client.invalidateQueries({ queryKey: [...articlesKey, "list"] });
    },
  });
}

/** The editor's preview, rendered by the server exactly as partners will see it. */
export function usePreview(bodyMarkdown: string, enabled: boolean) {
  return useQuery({
    queryKey: [...knowledgeKey, "preview", bodyMarkdown],
    queryFn: ({ signal }) => api<{ bodyHtml: string }>("/knowledge/preview", { method: "POST", body: { bodyMarkdown }, signal }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Articles for the words typed into a new ticket; the server answers [] under two characters. */
export function useSuggestions(text: string, productIds: readonly string[]) {
  const q = text.trim();
  return useQuery({
    queryKey: [...suggestKey, q, [...productIds].sort().join(",")],
    queryFn: ({ signal }) =>
      api<{ items: ArticleSuggestion[] }>("/knowledge/suggest", { query: { q, productIds: productIds.join(",") || undefined }, signal }),
    select: (data) => data.items,
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
