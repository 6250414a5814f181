import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { ticketCategoryLabels, ticketStatuses } from "@trellis/shared";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { TicketFilters } from "../../api/types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { finishedStatuses } from "./support.format";
import { SeverityBadge, TicketStatusBadge } from "./TicketBadges";
import { useTickets } from "./tickets.api";

type Tab = "active" | "resolved" | "all";

const tabs: { value: Tab; label: string }[] = [
  { value: "active", label: "Active" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
];

function filtersOf(tab: Tab, q: string): TicketFilters {
  // No status means "every active status" to the server.
  const status = tab === "resolved" ? finishedStatuses : tab === "all" ? [...ticketStatuses] : undefined;
  return { status, q: q || undefined, sort: "updated" };
}

export function PortalTicketsPage() {
  const { values, set } = useSearchState(["tab", "q"] as const);
  const tab: Tab = values.tab === "resolved" || values.tab === "all" ? values.tab : "active";
  const [search, setSearch] = useState(values.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => set({ q: debounced.trim() || null }), [debounced, set]);
  const canOpen = useCan("support:open");
  const tickets = useTickets(filtersOf(tab, values.q ?? ""), { limit: 30 });
  const searching = Boolean(values.q);

  const openButton = canOpen ? (
    <Button component={Link} to="/portal/support/new">
      Open a ticket
    </Button>
  ) : null;

  return (
    <Page title="Support" description="Your organisation's technical support tickets with the vendor." actions={openButton}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" gap="xs">
          <SegmentedControl
            aria-label="Which tickets"
            data={tabs}
            value={tab}
            onChange={(value) => set({ tab: value === "active" ? null : value })}
          />
          <TextInput
            type="search"
            label="Search"
            placeholder="Ticket number, subject or serial"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            style={{ flex: "1 1 16rem", maxWidth: 420 }}
          />
        </Group>
      </Stack>

      {tickets.isPending ? (
        <TableSkeleton />
      ) : tickets.isError ? (
        <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : tickets.items.length === 0 ? (
        searching || tab !== "active" ? (
          <Empty title={searching ? "No ticket matches this search" : "No tickets here"}>
            {searching ? "Try the ticket number, a word from the subject or a unit's serial number." : "Tickets appear here once they are resolved."}
          </Empty>
        ) : (
          <Empty title="No open tickets" actions={openButton}>
            When a product does not behave as it should, or you need design advice, open a ticket: describe the problem, pick a severity, add the
            serial numbers and logs. The vendor's support team answers here and by email.
          </Empty>
        )
      ) : (
        <Stack gap={0}>
          <DataTable minWidth={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Ticket</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Severity</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Opened by</Table.Th>
                <Table.Th>Last activity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tickets.items.map((ticket) => (
                <Table.Tr key={ticket.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/portal/support/${ticket.id}`}>
                      #{ticket.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/portal/support/${ticket.id}`} c="inherit" fw={500}>
                      {ticket.subject}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {ticketCategoryLabels[ticket.category]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={ticket.severity} />
                  </Table.Td>
                  <Table.Td>
                    <TicketStatusBadge status={ticket.status} />
                  </Table.Td>
                  <Table.Td>{ticket.requester.name}</Table.Td>
                  <Table.Td>{formatDateTime(ticket.lastActivityAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore
            hasNextPage={tickets.hasNextPage}
            isFetchingNextPage={tickets.isFetchingNextPage}
            fetchNextPage={tickets.fetchNextPage}
            shown={tickets.items.length}
          />
        </Stack>
      )}
    </Page>
  );
}
