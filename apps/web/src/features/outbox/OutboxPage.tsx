import { Anchor, Badge, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link } from "react-router";
import type { OutboxMessage } from "../../api/types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { useOutbox } from "./outbox.api";

const statusColors: Record<OutboxMessage["status"], string> = { sent: "teal", written: "blue", failed: "red" };

export function OutboxStatus({ message }: { message: OutboxMessage }) {
  return (
    <Badge color={statusColors[message.status]} variant="light">
      {message.status === "written" ? "In outbox" : message.status === "sent" ? "Sent" : "Failed"}
    </Badge>
  );
}

export function OutboxPage() {
  const [search, setSearch] = useState("");
  const [to] = useDebouncedValue(search, 300);
  const outbox = useOutbox(to);
  return (
    <Page title="Outbox" description="Every email Trellis sent or, without an SMTP server, wrote here instead. Nothing is silently dropped.">
      <TextInput
        label="Recipient"
        placeholder="name@example.com"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={360}
      />
      {outbox.isPending ? (
        <TableSkeleton />
      ) : outbox.isError ? (
        <ErrorAlert error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : outbox.items.length === 0 ? (
        <Empty title={to ? "No email to this recipient" : "No email yet"}>Invitations, password resets and notices appear here once sent.</Empty>
      ) : (
        <Stack gap={0}>
          <DataTable minWidth={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Subject</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outbox.items.map((message) => (
                <Table.Tr key={message.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/outbox/${message.id}`} fw={600}>
                      {message.subject}
                    </Anchor>
                    {message.error ? (
                      <Text size="xs" c="red">
                        {message.error}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ wordBreak: "break-all" }}>{message.to}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(message.createdAt)}</Table.Td>
                  <Table.Td>
                    <OutboxStatus message={message} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore {...outbox} shown={outbox.items.length} />
        </Stack>
      )}
    </Page>
  );
}
