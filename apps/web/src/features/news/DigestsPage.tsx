import { Anchor, Badge, Button, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type DigestStatus, digestStatuses } from "@trellis/shared";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import type { DigestRun } from "../../api/types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime, humanize } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { plural } from "./news.labels";
import { useDigests, useRunDigests } from "./news-settings.api";

const statusColors: Record<DigestStatus, string> = { pending: "blue", sending: "indigo", sent: "teal", failed: "red", skipped: "gray" };

function summary(run: DigestRun): string {
  const parts = [`${plural(run.stored, "digest")} composed`, `${run.sent} sent`];
  if (run.empty) parts.push(`${run.empty} with nothing new`);
  if (run.retrying) parts.push(`${run.retrying} to retry`);
  if (run.failed) parts.push(`${run.failed} failed`);
  return `${parts.join(", ")}.`;
}

/** Recent digest mails, whether they went out, and why not; a vendor admin can run the job at once. */
export function DigestsPage() {
  const { values, set } = useSearchState(["status"] as const);
  const status = (digestStatuses as readonly string[]).includes(values.status ?? "") ? (values.status as DigestStatus) : null;
  const digests = useDigests(status);
  const run = useRunDigests();
  const canRun = useCan("settings:write");
  const runButton = canRun ? (
    <Button
      loading={run.isPending}
      onClick={() =>
        run.mutate(undefined, {
          onSuccess: (result) => notifications.show({ color: "teal", title: "Digests run", message: summary(result) }),
          onError: (error) => notifications.show({ color: "red", title: "Digests not run", message: errorMessage(error) }),
        })
      }
    >
      Run digests now
    </Button>
  ) : null;

  return (
    <Page
      title="News digests"
      description="The mails that carry unread news to partner users who chose a digest. The job runs every five minutes; failed sends are retried, then marked failed."
      actions={runButton}
    >
      <SegmentedControl
        aria-label="Digest status"
        value={status ?? "all"}
        onChange={(value) => set({ status: value === "all" ? null : value })}
        data={[{ value: "all", label: "All" }, ...digestStatuses.map((value) => ({ value, label: humanize(value) }))]}
        style={{ alignSelf: "flex-start", maxWidth: "100%", overflowX: "auto" }}
      />
      {digests.isPending ? (
        <TableSkeleton />
      ) : digests.isError ? (
        <ErrorAlert error={digests.error} onRetry={() => void digests.refetch()} />
      ) : digests.items.length === 0 ? (
        <Empty title={status ? `No ${status} digests` : "No digests yet"} actions={runButton}>
          Digests are composed when a partner user's chosen time comes and there are posts they have not read. Each one is also listed in the outbox.
        </Empty>
      ) : (
        <Stack gap="xs">
          <DataTable minWidth={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>To</Table.Th>
                <Table.Th>Partner</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th ta="right">Posts</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Sent or next try</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {digests.items.map((digest) => (
                <Table.Tr key={digest.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {digest.userName}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
                      {digest.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {digest.partnerId ? (
                      <Anchor component={Link} to={`/partners/${digest.partnerId}`} size="sm">
                        {digest.partnerName}
                      </Anchor>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(digest.dueAt)}</Table.Td>
                  <Table.Td ta="right">{digest.postCount}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColors[digest.status]} variant="light">
                      {humanize(digest.status)}
                    </Badge>
                    {digest.lastError ? (
                      <Text size="xs" c="red" lineClamp={2}>
                        {digest.attempts > 1 ? `${digest.attempts} attempts: ` : ""}
                        {digest.lastError}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(digest.sentAt ?? digest.nextAttemptAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore
            hasNextPage={digests.hasNextPage}
            isFetchingNextPage={digests.isFetchingNextPage}
            fetchNextPage={digests.fetchNextPage}
            shown={digests.items.length}
          />
        </Stack>
      )}
    </Page>
  );
}
