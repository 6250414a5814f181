import { Anchor, Badge, Card, Group, Skeleton, Stack, Text } from "@mantine/core";
import { newsCategoryLabels } from "@trellis/shared";
import { Link } from "react-router";
import type { FeedPost } from "../../api/types";
import { formatDate } from "../../lib/format";
import { categoryColors, plural } from "./news.labels";

export function FeedSkeleton({ count = 4 }: { count?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={index} height={104} radius="md" />
      ))}
    </Stack>
  );
}

/** Badges that say why a post stands out; "Unread" is words, not only a colour, so it is announced too. */
export function PostFlags({ post }: { post: Pick<FeedPost, "pinned" | "mustRead" | "read" | "acknowledged" | "category"> }) {
  return (
    <Group gap={6}>
      {post.read ? null : (
        <Badge color="blue" variant="filled" size="sm">
          Unread
        </Badge>
      )}
      {post.pinned ? (
        <Badge color="yellow" variant="light" size="sm">
          Pinned
        </Badge>
      ) : null}
      {post.mustRead ? (
        <Badge color={post.acknowledged ? "gray" : "red"} variant={post.acknowledged ? "outline" : "light"} size="sm">
          {post.acknowledged ? "Must read · acknowledged" : "Must read"}
        </Badge>
      ) : null}
      <Badge color={categoryColors[post.category]} variant="outline" size="sm">
        {newsCategoryLabels[post.category]}
      </Badge>
    </Group>
  );
}

/** One post in the feed: unread posts carry a coloured edge, a bold title and an "Unread" badge. */
export function FeedCard({ post }: { post: FeedPost }) {
  const titleId = `post-${post.id}`;
  return (
    <Card
      withBorder
      padding="md"
      component="li"
      aria-labelledby={titleId}
      style={post.read ? undefined : { borderLeft: "4px solid var(--mantine-color-blue-filled)" }}
      bg={post.pinned ? "var(--mantine-color-yellow-light)" : undefined}
    >
      <Stack gap={6}>
        <PostFlags post={post} />
        <Anchor component={Link} to={`/portal/news/${post.id}`} fw={post.read ? 500 : 700} fz="lg" id={titleId} c={post.read ? "inherit" : undefined}>
          {post.title}
        </Anchor>
        {post.excerpt ? (
          <Text size="sm" c="dimmed" lineClamp={3}>
            {post.excerpt}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {formatDate(post.publishAt)}
          {post.commentCount ? ` · ${plural(post.commentCount, "question")}` : ""}
          {post.attachmentCount ? ` · ${plural(post.attachmentCount, "attachment")}` : ""}
        </Text>
      </Stack>
    </Card>
  );
}
