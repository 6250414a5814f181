import { Anchor, Button, Chip, Group, ScrollArea, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { NewsCategory } from "@trellis/shared";
import { newsCategories } from "@trellis/shared";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { useSearchState } from "../../lib/useSearchState";
import { FeedCard, FeedSkeleton } from "./FeedCard";
import { useFeed } from "./news.api";
import { categoryOptions, plural } from "./news.labels";

function categoryOf(value: string | null): NewsCategory | null {
  return value && (newsCategories as readonly string[]).includes(value) ? (value as NewsCategory) : null;
}

/** The partner's news: pinned posts first, then newest; unread ones stand out. */
export function PortalNewsPage() {
  const { values, set, clear } = useSearchState(["category", "q", "unread"] as const);
  const category = categoryOf(values.category);
  const unread = values.unread === "1";
  const [search, setSearch] = useState(values.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => set({ q: debounced.trim() || null }), [debounced, set]);
  const feed = useFeed({ category, q: values.q ?? "", unread });
  const filtered = Boolean(category || values.q || unread);
  const clearAll = () => {
    setSearch("");
    clear();
  };

  return (
    <Page
      title="News"
      description={
        feed.isSuccess && feed.unreadCount > 0
          ? `News from the vendor for your organisation. ${plural(feed.unreadCount, "post")} you have not read yet.`
          : "News from the vendor for your organisation: products, promotions, training and support notices."
      }
      actions={
        <Button component={Link} to="/account/notifications" variant="default">
          Digest and feed settings
        </Button>
      }
    >
      <search>
        <Stack gap="sm">
          <ScrollArea type="auto" offsetScrollbars scrollbarSize={6}>
            <Chip.Group multiple={false} value={category ?? "all"} onChange={(value) => set({ category: value === "all" ? null : value })}>
              <Group gap={6} wrap="nowrap" role="radiogroup" aria-label="Category">
                <Chip value="all" size="sm">
                  All
                </Chip>
                {categoryOptions.map((option) => (
                  <Chip key={option.value} value={option.value} size="sm">
                    {option.label}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </ScrollArea>
          <Group gap="md" align="flex-end">
            <TextInput
              type="search"
              label="Search news"
              placeholder="Words in the title or text"
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              style={{ flex: "1 1 16rem", maxWidth: 480 }}
            />
            <Switch label="Unread only" checked={unread} onChange={(event) => set({ unread: event.currentTarget.checked ? "1" : null })} mb={8} />
          </Group>
        </Stack>
      </search>
      <div aria-live="polite" className="sr-only">
        {feed.isSuccess ? `${plural(feed.items.length, "post")}${feed.hasNextPage ? " or more" : ""} shown` : ""}
      </div>
      {feed.isPending ? (
        <FeedSkeleton />
      ) : feed.isError ? (
        <ErrorAlert error={feed.error} onRetry={() => void feed.refetch()} />
      ) : feed.items.length === 0 ? (
        filtered ? (
          <Empty
            title={unread && !category && !values.q ? "You are all caught up" : "No posts match"}
            actions={
              <Button variant="default" onClick={clearAll}>
                Show all news
              </Button>
            }
          >
            {unread && !category && !values.q
              ? "You have read every post meant for you. Older posts stay here: turn off “Unread only” to see them."
              : "Try other words or another category, or show all news."}
          </Empty>
        ) : (
          <Empty title="No news yet">
            The vendor posts product launches, promotions, training dates and support notices here. Want them by mail instead? Choose a digest under{" "}
            <Anchor component={Link} to="/account/notifications">
              digest and feed settings
            </Anchor>
            .
          </Empty>
        )
      ) : (
        <Stack gap="sm" style={{ opacity: feed.isPlaceholderData ? 0.6 : 1 }}>
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="News posts">
            {feed.items.map((post) => (
              <FeedCard key={post.id} post={post} />
            ))}
          </Stack>
          <LoadMore
            hasNextPage={feed.hasNextPage}
            isFetchingNextPage={feed.isFetchingNextPage}
            fetchNextPage={feed.fetchNextPage}
            shown={feed.items.length}
          />
          <Text size="xs" c="dimmed" ta="center">
            Pinned posts come first, then the newest.
          </Text>
        </Stack>
      )}
    </Page>
  );
}
