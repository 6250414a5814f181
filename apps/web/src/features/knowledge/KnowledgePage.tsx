import { Anchor, Badge, Button, Grid, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { ArticleStatus } from "@trellis/shared";
import { articleStatuses } from "@trellis/shared";
import { useState } from "react";
import { Link } from "react-router";
import type { ArticleSort } from "../../api/types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDate } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { useProductOptions } from "../library/library.api";
import { useArticles } from "./knowledge.api";
import { articleSortOptions, articleStatusColors, articleStatusLabels } from "./knowledge.labels";

/** The vendor's list: what partners can read, and whether it works (views, "solved it"). */
export function KnowledgePage() {
  const canWrite = useCan("knowledge:write");
  const { values, set, clear } = useSearchState(["q", "product", "status", "sort"] as const);
  const [search, setSearch] = useState(values.q ?? "");
  const [q] = useDebouncedValue(search, 300);
  const products = useProductOptions();
  const searching = q.trim() !== "";
  const sort = (values.sort === "relevance" && !searching ? null : values.sort) as ArticleSort | null;
  const articles = useArticles({ q, productId: values.product, status: values.status as ArticleStatus | null, sort });
  const filtered = Boolean(searching || values.product || values.status);
  const newButton = (
    <Button component={Link} to="/support/knowledge/new">
      New article
    </Button>
  );

  return (
    <Page
      title="Knowledge base"
      description="Answers partners find themselves, and that are suggested while they write a ticket. Partners see published articles meant for them."
      actions={canWrite ? newButton : null}
    >
      <search>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TextInput
              label="Search articles"
              placeholder="Words in the title, summary or text"
              type="search"
              value={search}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setSearch(value);
                set({ q: value.trim() || null });
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <Select
              label="Product"
              placeholder="Any product"
              clearable
              searchable
              nothingFoundMessage="No product by that name"
              data={products.data ?? []}
              value={values.product}
              onChange={(value) => set({ product: value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <Select
              label="Status"
              placeholder="Drafts and published"
              clearable
              data={articleStatuses.map((value) => ({ value, label: articleStatusLabels[value] }))}
              value={values.status}
              onChange={(value) => set({ status: value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 2 }}>
            <Select
              label="Sort"
              allowDeselect={false}
              data={articleSortOptions.map((option) => ({ ...option, disabled: option.value === "relevance" && !searching }))}
              value={sort ?? (searching ? "relevance" : "newest")}
              onChange={(value) => set({ sort: value })}
            />
          </Grid.Col>
        </Grid>
      </search>
      <div aria-live="polite" className="sr-only">
        {articles.isSuccess ? `${articles.items.length}${articles.hasNextPage ? " or more" : ""} articles shown` : ""}
      </div>
      {articles.isPending ? (
        <TableSkeleton />
      ) : articles.isError ? (
        <ErrorAlert error={articles.error} onRetry={() => void articles.refetch()} />
      ) : articles.items.length === 0 ? (
        filtered ? (
          <Empty
            title="No articles match"
            actions={
              <Button
                variant="default"
                onClick={() => {
                  setSearch("");
                  clear();
                }}
              >
                Clear the filters
              </Button>
            }
          >
            Try other words, or clear the filters to see every article.
          </Empty>
        ) : (
          <Empty title="No articles yet" actions={canWrite ? newButton : null}>
            {canWrite
              ? "Write the first answer partners keep asking for, or turn a resolved ticket into an article from the ticket."
              : "Support agents and marketing write articles here."}
          </Empty>
        )
      ) : (
        <Stack gap="xs">
          <DataTable minWidth={720} caption="Views and answers count partner users only">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Views</Table.Th>
                <Table.Th ta="right">Solved it</Table.Th>
                <Table.Th ta="right">Did not</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {articles.items.map((article) => (
                <Table.Tr key={article.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/support/knowledge/${article.id}`} fw={600}>
                      {article.title}
                    </Anchor>
                    {article.summary ? (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {article.summary}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={articleStatusColors[article.status]} variant="light">
                      {articleStatusLabels[article.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{article.viewCount}</Table.Td>
                  <Table.Td ta="right">{article.solvedCount}</Table.Td>
                  <Table.Td ta="right">{article.notSolvedCount}</Table.Td>
                  <Table.Td>{formatDate(article.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore {...articles} shown={articles.items.length} />
        </Stack>
      )}
    </Page>
  );
}
