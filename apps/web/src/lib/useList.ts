import { useInfiniteQuery } from "@tanstack/react-query";
import { api, type Query } from "../api/client";
import type { Page } from "../api/types";

/** A cursor-paginated list ("Load more"): flat items plus the infinite-query controls. */
export function useCursorList<T>(key: readonly unknown[], path: string, query: Query = {}, options: { enabled?: boolean; limit?: number } = {}) {
  const result = useInfiniteQuery({
    queryKey: [...key, query],
    queryFn: ({ pageParam, signal }) => api<Page<T>>(path, { query: { ...query, cursor: pageParam, limit: options.limit ?? 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
    placeholderData: (previous) => previous,
  });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...result, items };
}
