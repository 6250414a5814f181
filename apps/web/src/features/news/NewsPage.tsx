import { Anchor, Badge, Button, Group, ScrollArea, Select, Stack, Table, Tabs, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type NewsCategory, newsCategories, newsCategoryLabels } from "@trellis/shared";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { EditorPost, PostState } from "../../api/types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { useEditorPosts } from "./news.api";
import { categoryOptions, formatRate, plural, postStateLabels, postStates } from "./news.labels";

const emptyHints: Record<PostState, string> = {
  draft: "Drafts are posts you saved without publishing. Only vendor users see them.",
  scheduled: "Posts published with a future time wait here until they go out.",
  published: "Nothing is live for partners right now.",
  expired: "Posts whose expiry time has passed leave partners' feeds and are listed here.",
  archived: "Archived posts are off every feed; their figures and questions are kept.",
};

function whenOf(post: EditorPost): string {
  if (post.state === "draft") return post.publishAt ? `Planned ${formatDateTime(post.publishAt)}` : "—";
  if (post.state === "expired") return `Expired ${formatDateTime(post.expiresAt)}`;
  return formatDateTime(post.publishAt);
}

function PostRow({ post, canAnalyse }: { post: EditorPost; canAnalyse: boolean }) {
  const live = post.state === "published" || post.state === "expired" || post.state === "archived";
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/news/${post.id}/edit`} fw={600}>
          {post.title}
        </Anchor>
        <Group gap={4} mt={2}>
          <Text size="xs" c="dimmed">
            {newsCategoryLabels[post.category]}
            {post.author ? ` · ${post.author.name}` : ""}
          </Text>
          {post.pinned ? (
            <Badge size="xs" color="yellow" variant="light">
              Pinned
            </Badge>
          ) : null}
          {post.mustRead ? (
            <Badge size="xs" color="red" variant="light">
              Must read
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>{whenOf(post)}</Table.Td>
      <Table.Td ta="right">{post.reach}</Table.Td>
      <Table.Td ta="right">
        {live ? (
          <>
            {post.reads}{" "}
            <Text span size="xs" c="dimmed">
              ({formatRate(post.reach ? post.reads / post.reach : 0)})
            </Text>
          </>
        ) : (
          "—"
        )}
      </Table.Td>
      <Table.Td ta="right">
        {post.mustRead && live ? (
          <>
            {post.acknowledgements}{" "}
            <Text span size="xs" c="dimmed">
              ({formatRate(post.reach ? post.acknowledgements / post.reach : 0)})
            </Text>
          </>
        ) : (
          "—"
        )}
      </Table.Td>
      <Table.Td ta="right">
        {canAnalyse && live ? (
          <Anchor component={Link} to={`/news/${post.id}/analytics`} aria-label={`Questions and reach of ${post.title}`}>
            {post.commentCount}
          </Anchor>
        ) : (
          post.commentCount
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The editors' list: every post by where it stands, with how far it reached. */
export function NewsPage() {
  const { values, set } = useSearchState(["state", "category", "q"] as const);
  const state: PostState = (postStates as readonly string[]).includes(values.state ?? "") ? (values.state as PostState) : "published";
  const category = (newsCategories as readonly string[]).includes(values.category ?? "") ? (values.category as NewsCategory) : null;
  const [search, setSearch] = useState(values.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => set({ q: debounced.trim() || null }), [debounced, set]);
  const posts = useEditorPosts({ state, category, q: values.q ?? "" });
  const canAnalyse = useCan("news:analytics");
  const filtered = Boolean(category || values.q);
  const newButton = (
    <Button component={Link} to="/news/new">
      New post
    </Button>
  );

  return (
    <Page
      title="News"
      description="Posts for partners: drafts, what is scheduled, what is live, and how many of the partners it reaches have read it."
      actions={
        <>
          {canAnalyse ? (
            <>
              <Button component={Link} to="/news/read-share" variant="default">
                Read share
              </Button>
              <Button component={Link} to="/news/digests" variant="default">
                Digests
              </Button>
            </>
          ) : null}
          {newButton}
        </>
      }
    >
      <Tabs value={state} onChange={(value) => set({ state: value === "published" ? null : value })}>
        <ScrollArea type="auto" scrollbarSize={6}>
          <Tabs.List aria-label="Post status" style={{ flexWrap: "nowrap" }}>
            {postStates.map((value) => (
              <Tabs.Tab key={value} value={value}>
                {postStateLabels[value]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </ScrollArea>
      </Tabs>
      <Group gap="sm" align="flex-end">
        <TextInput
          type="search"
          label="Search posts"
          placeholder="Words in the title or text"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: "1 1 16rem", maxWidth: 420 }}
        />
        <Select
          label="Category"
          placeholder="Any category"
          clearable
          data={categoryOptions}
          value={category}
          onChange={(value) => set({ category: value })}
          w={220}
        />
      </Group>
      <div aria-live="polite" className="sr-only">
        {posts.isSuccess ? `${plural(posts.items.length, "post")}${posts.hasNextPage ? " or more" : ""} shown` : ""}
      </div>
      {posts.isPending ? (
        <TableSkeleton />
      ) : posts.isError ? (
        <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} />
      ) : posts.items.length === 0 ? (
        filtered ? (
          <Empty
            title="No posts match"
            actions={
              <Button
                variant="default"
                onClick={() => {
                  setSearch("");
                  set({ q: null, category: null });
                }}
              >
                Clear the search
              </Button>
            }
          >
            Try other words, another category or another tab.
          </Empty>
        ) : (
          <Empty title={`No ${postStateLabels[state].toLowerCase()} posts`} actions={state === "draft" || state === "published" ? newButton : null}>
            {emptyHints[state]}
          </Empty>
        )
      ) : (
        <Stack gap="xs" style={{ opacity: posts.isPlaceholderData ? 0.6 : 1 }}>
          <DataTable minWidth={760} caption="Reach: active partner users in the audience now. Read and acknowledged: of them.">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Post</Table.Th>
                <Table.Th>{state === "expired" ? "Expired" : "Goes out"}</Table.Th>
                <Table.Th ta="right">Reach</Table.Th>
                <Table.Th ta="right">Read</Table.Th>
                <Table.Th ta="right">Acknowledged</Table.Th>
                <Table.Th ta="right">Questions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {posts.items.map((post) => (
                <PostRow key={post.id} post={post} canAnalyse={canAnalyse} />
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore
            hasNextPage={posts.hasNextPage}
            isFetchingNextPage={posts.isFetchingNextPage}
            fetchNextPage={posts.fetchNextPage}
            shown={posts.items.length}
          />
        </Stack>
      )}
    </Page>
  );
}
