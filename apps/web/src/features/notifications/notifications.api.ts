import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationKind } from "@trellis/shared";
import { api } from "../../api/client";
import type { AppNotification, NotificationPage, NotificationPreferences } from "../../api/types";

export const notificationsKey = ["notifications"] as const;
const countKey = [...notificationsKey, "unread-count"] as const;
const listKey = [...notificationsKey, "list"] as const;
const preferencesKey = [...notificationsKey, "preferences"] as const;

/** How often the bell asks; a tab in the background does not ask at all. */
export const pollMs = 45_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: countKey,
    queryFn: () => api<{ unreadCount: number }>("/notifications/unread-count"),
    select: (data) => data.unreadCount,
    refetchInterval: pollMs,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: 15_000,
  });
}

export function useNotifications(options: { unread?: boolean; limit?: number; enabled?: boolean } = {}) {
  const limit = options.limit ?? 30;
  const unread = options.unread ? "true" : undefined;
  const result = useInfiniteQuery({
    queryKey: [...listKey, { unread, limit }],
    queryFn: ({ pageParam, signal }) => api<NotificationPage>("/notifications", { query: { unread, limit, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
  });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...result, items };
}

/** Marks in the cached lists at once, so the bell and the page agree before the server answers. */
function useMarkLocally() {
  const client = useQueryClient();
  return (match: (item: AppNotification) => boolean) => {
    const at = new Date().toISOString();
    let changed = 0;
    client.setQueriesData<{ pages: NotificationPage[]; pageParams: unknown[] }>({ queryKey: listKey }, (data) => {
      if (!data) return data;
      return {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.map((item) => {
            if (item.readAt || !match(item)) return item;
            changed += 1;
            return { ...item, readAt: at };
          }),
        })),
      };
    });
    return changed;
  };
}

export function useMarkRead() {
  const client = useQueryClient();
  const markLocally = useMarkLocally();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/notifications/${encodeURIComponent(id)}/read`, { method: "POST" }),
    onMutate: (id) => {
      markLocally((item) => item.id === id);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: countKey });
      void client.invalidateQueries({ queryKey: listKey });
    },
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  const markLocally = useMarkLocally();
  return useMutation({
    mutationFn: () => api<void>("/notifications/read-all", { method: "POST" }),
    onMutate: () => {
      markLocally(() => true);
      client.setQueryData(countKey, { unreadCount: 0 });
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: countKey });
      void client.invalidateQueries({ queryKey: listKey });
    },
  });
}

export function useNotificationPreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: () => api<NotificationPreferences>("/notifications/preferences") });
}

export function useSaveNotificationPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (kinds: { kind: NotificationKind; email: boolean }[]) =>
      api<NotificationPreferences | undefined>("/notifications/preferences", { method: "PUT", body: { kinds } }),
    onSuccess: (data) => {
      if (data?.kinds) client.setQueryData(preferencesKey, data);
      else void client.invalidateQueries({ queryKey: preferencesKey });
    },
  });
}
