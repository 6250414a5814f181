import { Badge, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useParams } from "react-router";
import type { ArticleDetail } from "../../api/types";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { ArticleCrumbs } from "./ArticleCrumbs";
import { ArticleForm, showApiErrors } from "./ArticleForm";
import { patchOf } from "./article.form";
import { useArticle, useUpdateArticle } from "./knowledge.api";
import { articleStatusColors, articleStatusLabels } from "./knowledge.labels";

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

/** How partners use the article: views and answers to "Did this solve it?". */
function ArticleFigures({ article }: { article: ArticleDetail }) {
  return (
    <Stack gap={6}>
      <SimpleGrid cols={{ base: 3 }} spacing="xs" maw={480}>
        <Figure label="Views" value={article.viewCount} />
        <Figure label="Solved it" value={article.solvedCount} />
        <Figure label="Did not" value={article.notSolvedCount} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Partner users only; a user's views count once a day.
        {article.sourceTicketId ? ` Written from ticket ${article.sourceTicketId}.` : ""}
        {article.updatedByName ? ` Last changed by ${article.updatedByName}, ${formatDateTime(article.updatedAt)}.` : ""}
      </Text>
    </Stack>
  );
}

export function ArticleEditPage() {
  const { id = "" } = useParams();
  const article = useArticle(id);
  const update = useUpdateArticle(id);
  const canWrite = useCan("knowledge:write");
  const crumbs = <ArticleCrumbs listPath="/support/knowledge" title={article.data?.title} />;

  if (article.isPending) return <PageSkeleton />;
  if (article.isError) {
    return (
      <Page title="Article" description={crumbs}>
        <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />
      </Page>
    );
  }
  const data = article.data;
  return (
    <Page
      title={data.title}
      description={
        <Group gap="xs">
          {crumbs}
          <Badge color={articleStatusColors[data.status]} variant="light">
            {articleStatusLabels[data.status]}
          </Badge>
        </Group>
      }
    >
      <ArticleFigures article={data} />
      <ArticleForm
        key={`${data.id}:${data.updatedAt}`}
        article={data}
        readOnly={!canWrite}
        pending={update.isPending}
        error={update.error}
        submitLabel="Save changes"
        onSubmit={(values, form) => {
          const patch = patchOf(data, values);
          if (Object.keys(patch).length === 0) {
            notifications.show({ message: "Nothing changed." });
            return;
          }
          update.mutate(patch, {
            onSuccess: (saved) => notifications.show({ color: "teal", message: `${saved.title} was saved.` }),
            onError: (error) => showApiErrors(form, error),
          });
        }}
      />
    </Page>
  );
}
