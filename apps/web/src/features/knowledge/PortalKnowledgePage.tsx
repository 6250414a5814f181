import { Button, Grid, Select, Stack, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link } from "react-router";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { useSearchState } from "../../lib/useSearchState";
import { useProductOptions } from "../library/library.api";
import { ArticleResults, ResultsSkeleton } from "./ArticleResults";
import { useArticles } from "./knowledge.api";

/** The partner's self-help: search as you type, narrow by product, read before opening a ticket. */
export function PortalKnowledgePage() {
  const { values, set, clear } = useSearchState(["q", "product"] as const);
  const [search, setSearch] = useState(values.q ?? "");
  const [q] = useDebouncedValue(search, 300);
  const products = useProductOptions();
  const articles = useArticles({ q, productId: values.product, status: null, sort: null });
  const filtered = Boolean(q.trim() || values.product);
  const canOpenTicket = useCan("support:open");
  const ticketButton = canOpenTicket ? (
    <Button component={Link} to="/portal/support/new" variant="default">
      Open a support ticket
    </Button>
  ) : null;
  const clearAll = () => {
    setSearch("");
    clear();
  };

  return (
    <Page title="Knowledge base" description="Answers from the vendor's support team: installation, configuration, known problems and their fixes.">
      <search>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Search articles"
              placeholder="Describe the problem, e.g. camera reboots"
              type="search"
              value={search}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setSearch(value);
                set({ q: value.trim() || null });
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
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
        </Grid>
      </search>
      <div aria-live="polite" className="sr-only">
        {articles.isSuccess ? `${articles.items.length}${articles.hasNextPage ? " or more" : ""} articles found` : ""}
      </div>
      {articles.isPending ? (
        <ResultsSkeleton />
      ) : articles.isError ? (
        <ErrorAlert error={articles.error} onRetry={() => void articles.refetch()} />
      ) : articles.items.length === 0 ? (
        filtered ? (
          <Empty
            title="No articles match"
            actions={
              <>
                <Button variant="default" onClick={clearAll}>
                  Clear the search
                </Button>
                {ticketButton}
              </>
            }
          >
            Try fewer or other words (a model number, an error message), or any product. Still stuck? Open a support ticket and the vendor's support
            team will help.
          </Empty>
        ) : (
          <Empty title="No articles yet" actions={ticketButton}>
            The vendor's support team publishes answers here as they solve problems. Until then, open a support ticket for any question.
          </Empty>
        )
      ) : (
        <Stack gap="xs">
          <ArticleResults articles={articles.items} />
          <LoadMore {...articles} shown={articles.items.length} />
        </Stack>
      )}
    </Page>
  );
}
