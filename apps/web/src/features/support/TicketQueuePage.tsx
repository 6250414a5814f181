import { Anchor, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { TicketSummary } from "../../api/types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { QueueFilters } from "./QueueFilters";
import { SavedViews } from "./SavedViews";
import { SeverityBadge, SlaBadge, TicketStatusBadge } from "./TicketBadges";
import { useTickets } from "./tickets.api";
import { useQueueFilters } from "./useQueueFilters";

const ticketLink = (ticket: TicketSummary) => `/support/tickets/${ticket.id}`;

function QueueRow({ ticket }: { ticket: TicketSummary }) {
  const navigate = useNavigate();
  const open = () => navigate(ticketLink(ticket));
  return (
    <Table.Tr
      tabIndex={0}
      aria-label={`Ticket #${ticket.number}: ${ticket.subject}`}
      onClick={(event) => {
        // A click on the links inside follows them; anywhere else on the row opens the ticket too.
        if ((event.target as HTMLElement).closest("a")) return;
        open();
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter" && event.target === event.currentTarget) open();
      }}
      style={{ cursor: "pointer" }}
    >
      <Table.Td>
        <Anchor component={Link} to={ticketLink(ticket)} tabIndex={-1}>
          #{ticket.number}
        </Anchor>
      </Table.Td>
      <Table.Td maw={320}>
        <Text size="sm" fw={500} lineClamp={2}>
          {ticket.subject}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{ticket.partner.name}</Text>
        {ticket.partner.tierName ? (
          <Text size="xs" c="dimmed">
            {ticket.partner.tierName}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <SeverityBadge severity={ticket.severity} />
      </Table.Td>
      <Table.Td>
        <TicketStatusBadge status={ticket.status} />
      </Table.Td>
      <Table.Td>
        {ticket.assignee ? (
          ticket.assignee.name
        ) : (
          <Text size="sm" c="dimmed">
            Unassigned
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <SlaBadge sla={ticket.sla} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(ticket.lastActivityAt)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function TicketQueuePage() {
  const { filters, set, clear, apply, filtered } = useQueueFilters();
  const [search, setSearch] = useState(filters.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => set({ q: debounced.trim() || null }), [debounced, set]);
  const tickets = useTickets(filters);

  const clearAll = () => {
    setSearch("");
    clear();
  };

  return (
    <Page title="Support queue" description="Partners' tickets, most urgent first. Use Tab to reach a row and Enter to open it.">
      <Stack gap="sm">
        <SavedViews
          filters={filters}
          onPick={(next) => {
            setSearch(next.q ?? "");
            apply(next);
          }}
        />
        <QueueFilters filters={filters} search={search} onSearch={setSearch} set={set} />
        {filtered ? (
          <Group justify="flex-end">
            <Button variant="subtle" size="compact-sm" onClick={clearAll}>
              Clear filters
            </Button>
          </Group>
        ) : null}
      </Stack>

      {tickets.isPending ? (
        <TableSkeleton />
      ) : tickets.isError ? (
        <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : tickets.items.length === 0 ? (
        filtered ? (
          <Empty
            title="No tickets match these filters"
            actions={
              <Button variant="default" onClick={clearAll}>
                Clear filters
              </Button>
            }
          >
            Try fewer filters, or include resolved and closed tickets in the status filter.
          </Empty>
        ) : (
          <Empty title="The queue is empty">No active tickets: partners' new tickets appear here as they are opened.</Empty>
        )
      ) : (
        <Stack gap={0}>
          <DataTable minWidth={980}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Ticket</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Partner (tier)</Table.Th>
                <Table.Th>Severity</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Assignee</Table.Th>
                <Table.Th>SLA</Table.Th>
                <Table.Th>Last activity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tickets.items.map((ticket) => (
                <QueueRow key={ticket.id} ticket={ticket} />
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
