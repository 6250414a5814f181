import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NewsCategory } from "@trellis/shared";
import { api } from "../../api/client";
import type {
  CommentInput,
  EditorPost,
  FeedPage,
  FeedPost,
  NewsAttachment,
  NewsComment,
  NewsImage,
  Page,
  PostAnalytics,
  PostDetail,
  PostInput,
  PostPatch,
  PostState,
  ReadShare,
} from "../../api/types";
import { useCursorList } from "../../lib/useList";
import { uploadWithProgress } from "../library/upload";

/** Everything news; the reader's settings (digest, Atom) live in news-settings.api.ts under the same key. */
export const newsKey = ["news"] as const;
const feedKey = [...newsKey, "feed"] as const;
const mustReadKey = [...newsKey, "must-read"] as const;
const postsKey = [...newsKey, "posts"] as const;
const commentsKey = [...newsKey, "comments"] as const;

export const postPath = (id: string) => `/news/posts/${encodeURIComponent(id)}`;

export interface FeedFilters {
  category: NewsCategory | null;
  q: string;
  unread: boolean;
}

export function useFeed(filters: FeedFilters, limit = 20) {
  const query = { category: filters.category, q: filters.q.trim(), unread: filters.unread ? "true" : undefined };
  const result = useInfiniteQuery({
    queryKey: [...feedKey, query, limit],
    queryFn: ({ pageParam, signal }) => api<FeedPage>("/news/feed", { query: { ...query, cursor: pageParam, limit }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...result, items, unreadCount: result.data?.pages[0]?.unreadCount ?? 0 };
}

/** Must-read posts the caller has not acknowledged: the banner in the portal shell. */
export function useMustRead(enabled = true) {
  return useQuery({
    queryKey: mustReadKey,
    queryFn: () => api<{ items: FeedPost[] }>("/news/must-read"),
    select: (data) => data.items,
    enabled,
    // A scheduled must-read post goes live without anyone touching the page.
    refetchInterval: 60_000,
  });
}

export function usePost(id: string) {
  return useQuery({ queryKey: [...postsKey, "detail", id], queryFn: () => api<PostDetail>(postPath(id)), enabled: Boolean(id) });
}

/** The first open of a post is recorded once (the server keeps the first time). */
export function useRecordRead(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ readAt: string }>(`${postPath(id)}/read`, { method: "POST" }),
    onSuccess: ({ readAt }) => {
      client.setQueryData<PostDetail>([...postsKey, "detail", id], (post) => (post ? { ...post, read: true, readAt: post.readAt ?? readAt } : post));
      void client.invalidateQueries({ queryKey: feedKey });
    },
  });
}

export function useAcknowledge(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ readAt: string; acknowledgedAt: string }>(`${postPath(id)}/acknowledge`, { method: "POST" }),
    onSuccess: ({ readAt, acknowledgedAt }) => {
      client.setQueryData<PostDetail>([...postsKey, "detail", id], (post) =>
        post ? { ...post, read: true, readAt, acknowledged: true, acknowledgedAt } : post,
      );
      client.setQueryData<{ items: FeedPost[] }>(mustReadKey, (data) => (data ? { items: data.items.filter((item) => item.id !== id) } : data));
      void client.invalidateQueries({ queryKey: mustReadKey });
      void client.invalidateQueries({ queryKey: feedKey });
    },
  });
}

/* Editors */

export function useEditorPosts(filters: { state: PostState; category: NewsCategory | null; q: string }) {
  return useCursorList<EditorPost>(
    [...postsKey, "list"],
    "/news/posts",
    { status: filters.state, category: filters.category, q: filters.q.trim() },
    { limit: 30 },
  );
}

function useRefreshPosts() {
  const client = useQueryClient();
  return (post?: PostDetail) => {
    if (post) client.setQueryData([...postsKey, "detail", post.id], post);
    void client.invalidateQueries({ queryKey: [...postsKey, "list"] });
    void client.invalidateQueries({ queryKey: feedKey });
    void client.invalidateQueries({ queryKey: mustReadKey });
  };
}

export function useCreatePost() {
  const refresh = useRefreshPosts();
  return useMutation({ mutationFn: (input: PostInput) => api<PostDetail>("/news/posts", { method: "POST", body: input }), onSuccess: refresh });
}

export function useUpdatePost(id: string) {
  const refresh = useRefreshPosts();
  return useMutation({ mutationFn: (patch: PostPatch) => api<PostDetail>(postPath(id), { method: "PATCH", body: patch }), onSuccess: refresh });
}

export function uploadPostAttachment(postId: string, file: File, onProgress: (fraction: number) => void): Promise<NewsAttachment> {
  const form = new FormData();
  form.append("file", file);
  return uploadWithProgress<NewsAttachment>(`${postPath(postId)}/attachments`, form, onProgress);
}

export function useRemoveAttachment(postId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => api<void>(`${postPath(postId)}/attachments/${encodeURIComponent(attachmentId)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...postsKey, "detail", postId] }),
  });
}

export function useUploadNewsImage() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return api<NewsImage>("/news/images", { method: "POST", body: form });
    },
  });
}

/* Comments */

export function useComments(postId: string, enabled = true) {
  return useQuery({
    queryKey: [...commentsKey, postId],
    queryFn: () => api<{ items: NewsComment[] }>(`${postPath(postId)}/comments`),
    select: (data) => data.items,
    enabled: Boolean(postId) && enabled,
  });
}

export function useAddComment(postId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CommentInput) => api<NewsComment>(`${postPath(postId)}/comments`, { method: "POST", body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: [...commentsKey, postId] });
      void client.invalidateQueries({ queryKey: [...postsKey, "detail", postId] });
    },
  });
}

export function useModerateComment(postId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, action, reason }: { commentId: string; action: "hide" | "unhide"; reason: string }) =>
      api<NewsComment>(`/news/comments/${encodeURIComponent(commentId)}/${action}`, { method: "POST", body: { reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...commentsKey, postId] }),
  });
}

/* Analytics */

export function usePostAnalytics(id: string) {
  return useQuery({ queryKey: [...newsKey, "analytics", id], queryFn: () => api<PostAnalytics>(`${postPath(id)}/analytics`), enabled: Boolean(id) });
}

export function useReadShare(month: string) {
  return useQuery({
    queryKey: [...newsKey, "read-share", month],
    queryFn: ({ signal }) => api<ReadShare>("/news/read-share", { query: { month }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Quick pickers for the post form: the first matches of the library. */
export function useAssetOptions(q: string) {
  return useQuery({
    queryKey: ["library", "assets", "search", "news", q],
    queryFn: ({ signal }) => api<Page<{ id: string; title: string }>>("/library/assets", { query: { q: q.trim(), limit: 20 }, signal }),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}
