import { Anchor, Badge, Button, Select, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type KnownProblemStatus, knownProblemStatuses } from "@trellis/shared";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { KnownProblemSummary } from "../../api/types";
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
import { KnownProblemForm } from "./KnownProblemForm";
import { useKnownProblems } from "./known-problems.api";
import { knownProblemKindLabels, knownProblemStatusColors, knownProblemStatusLabels } from "./support-admin.labels";

const filterKeys = ["q", "status", "productId"] as const;

export function KnownProblemStatusBadge({ status }: { status: KnownProblemStatus }) {
  return (
    <Badge color={knownProblemStatusColors[status]} variant="light">
      {knownProblemStatusLabels[status]}
    </Badge>
  );
}

function ProblemRow({ problem }: { problem: KnownProblemSummary }) {
  const products = problem.products.map((product) => product.name);
  return (
    <Table.Tr>
      <Table.Td maw={360}>
        <Anchor component={Link} to={`/support/known-problems/${problem.id}`} fw={600} fz="sm">
          {problem.title}
        </Anchor>
        <Text size="xs" c="dimmed">
          {knownProblemKindLabels[problem.kind]}
          {products.length ? ` · ${products.slice(0, 3).join(", ")}${products.length > 3 ? ` +${products.length - 3}` : ""}` : ""}
        </Text>
      </Table.Td>
      <Table.Td>
        <KnownProblemStatusBadge status={problem.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {problem.affectedVersions || (
            <Text span c="dimmed">
              —
            </Text>
          )}
        </Text>
        {problem.fixVersion ? (
          <Text size="xs" c="teal.8">
            Fixed in {problem.fixVersion}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td ta="right" fw={600}>
        {problem.ticketCount}
      </Table.Td>
      <Table.Td ta="right">{problem.partnersAffected}</Table.Td>
      <Table.Td>{formatDate(problem.updatedAt)}</Table.Td>
    </Table.Tr>
  );
}

export function KnownProblemsPage() {
  const canWrite = useCan("support:work");
  const navigate = useNavigate();
  const { values, set, clear } = useSearchState(filterKeys);
  const [search, setSearch] = useState(values.q ?? "");
  const [q] = useDebouncedValue(search, 300);
  const [creating, setCreating] = useState(false);
  const products = useProductOptions();
  const status = knownProblemStatuses.find((item) => item === values.status) ?? null;

  // Keep the address bar in step with the typed words, so a shared link repeats the search.
  useEffect(() => set({ q: q.trim() || null }), [q, set]);

  const list = useKnownProblems({ q, status, productId: values.productId });
  const filtered = Boolean(q.trim() || status || values.productId);
  return (
    <Page
      title="Known problems"
      description="Product defects and limitations that partners run into. Link tickets to them from a ticket; the workaround is shown to partners on linked tickets."
      actions={
        <>
          <Button variant="default" component={Link} to="/support/hotspots?dimension=known_problem">
            Hot-spots
          </Button>
          {canWrite ? <Button onClick={() => setCreating(true)}>New known problem</Button> : null}
        </>
      }
    >
      <search>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput
            label="Search"
            placeholder="Words in the title, text or versions"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={knownProblemStatuses.map((value) => ({ value, label: knownProblemStatusLabels[value] }))}
            value={status}
            onChange={(value) => set({ status: value })}
          />
          <Select
            label="Product"
            placeholder="Any product"
            clearable
            searchable
            data={products.data ?? []}
            value={values.productId}
            onChange={(value) => set({ productId: value })}
          />
        </SimpleGrid>
      </search>
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorAlert error={list.error} title="Known problems could not be loaded" onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        filtered ? (
          <Empty
            title="No known problem matches"
            actions={
              <Button
                variant="default"
                onClick={() => {
                  setSearch("");
                  clear();
                }}
              >
                Clear filters
              </Button>
            }
          >
            Try other words, or another status or product.
          </Empty>
        ) : (
          <Empty title="No known problems yet" actions={canWrite ? <Button onClick={() => setCreating(true)}>New known problem</Button> : null}>
            When several tickets share a cause, record it here with its workaround, and link the tickets to it. Hot-spots then show how many partners
            it hits.
          </Empty>
        )
      ) : (
        <Stack gap="xs" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <DataTable minWidth={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Problem</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Versions</Table.Th>
                <Table.Th ta="right">Tickets</Table.Th>
                <Table.Th ta="right">Partners affected</Table.Th>
                <Table.Th>Changed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((problem) => (
                <ProblemRow key={problem.id} problem={problem} />
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
            shown={list.items.length}
          />
        </Stack>
      )}
      {creating ? (
        <KnownProblemForm problem={null} onClose={() => setCreating(false)} onSaved={(saved) => navigate(`/support/known-problems/${saved.id}`)} />
      ) : null}
    </Page>
  );
}
