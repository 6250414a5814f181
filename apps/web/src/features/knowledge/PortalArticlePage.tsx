import { Anchor, Grid, List, Paper, Stack, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDate } from "../../lib/format";
import { ArticleBody } from "./ArticleBody";
import { ArticleCrumbs } from "./ArticleCrumbs";
import { useArticle } from "./knowledge.api";
import { SolvedFeedback } from "./SolvedFeedback";

/** One article on the portal; opening it counts a view (once per user and day, on the server). */
export function PortalArticlePage() {
  const { id = "" } = useParams();
  const article = useArticle(id);
  const crumbs = <ArticleCrumbs listPath="/portal/knowledge" title={article.data?.title} />;

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
    <Page title={data.title} description={crumbs}>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {data.summary ? <Text fw={500}>{data.summary}</Text> : null}
            <ArticleBody html={data.bodyHtml} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <SolvedFeedback article={data} />
            <Paper withBorder p="md">
              <Stack gap="xs">
                <Title order={2} size="h4">
                  Products
                </Title>
                {data.products.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Applies to any product.
                  </Text>
                ) : (
                  <List size="sm" spacing={4}>
                    {data.products.map((product) => (
                      <List.Item key={product.id}>
                        <Anchor component={Link} to={`/portal/products?q=${encodeURIComponent(product.sku)}`} size="sm">
                          {product.name}
                        </Anchor>{" "}
                        <Text span size="xs" c="dimmed">
                          {product.sku}
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                )}
                <Text size="xs" c="dimmed">
                  Updated {formatDate(data.updatedAt)}
                </Text>
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
