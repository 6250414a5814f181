import { Anchor, Card, Group, Skeleton, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { ArticleSummary } from "../../api/types";
import { formatDate } from "../../lib/format";
import { plural } from "./knowledge.labels";

export function ResultsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={index} height={88} radius="md" />
      ))}
    </Stack>
  );
}

/** Search results on the portal: title, summary, and how often the article solved someone's problem. */
export function ArticleResults({ articles }: { articles: ArticleSummary[] }) {
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {articles.map((article) => (
        <Card key={article.id} withBorder padding="md" component="li" aria-labelledby={`article-${article.id}`}>
          <Stack gap={6}>
            <Anchor component={Link} to={`/portal/knowledge/${article.id}`} fw={700} id={`article-${article.id}`}>
              {article.title}
            </Anchor>
            {article.summary ? (
              <Text size="sm" c="dimmed" lineClamp={3}>
                {article.summary}
              </Text>
            ) : null}
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {article.solvedCount > 0 ? `Solved it for ${plural(article.solvedCount, "user")} · ` : ""}
                Updated {formatDate(article.updatedAt)}
              </Text>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
