import { Button, Paper, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  type TicketCategory,
  type TicketSeverity,
  type TicketStatus,
  ticketCategories,
  ticketCategoryLabels,
  ticketSeverities,
  ticketSeverityMeanings,
  ticketStatusLabels,
} from "@trellis/shared";
import { useState } from "react";
import { errorMessage } from "../../api/client";
import type { TicketDetail, TicketPatch } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatMinutes } from "./support.format";
import { useAgentOptions, useChangeStatus, useUpdateTicket } from "./tickets.api";

function StatusChanger({ ticket }: { ticket: TicketDetail }) {
  const change = useChangeStatus(ticket.id);
  const [status, setStatus] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const options = ticket.allowedStatuses.filter((value) => value !== ticket.status).map((value) => ({ value, label: ticketStatusLabels[value] }));
  if (options.length === 0) return null;
  return (
    <Stack gap={6}>
      <Select
        label="Change status"
        placeholder={`Now ${ticketStatusLabels[ticket.status].toLowerCase()}`}
        data={options}
        value={status}
        onChange={setStatus}
        clearable
      />
      {status ? (
        <>
          <Textarea
            label="Note on the timeline (optional)"
            description="The partner sees it"
            autosize
            minRows={2}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Button
            size="xs"
            loading={change.isPending}
            onClick={() =>
              change.mutate(
                { status: status as TicketStatus, note: note.trim() || undefined },
                {
                  onSuccess: () => {
                    setStatus(null);
                    setNote("");
                  },
                },
              )
            }
          >
            Set to {ticketStatusLabels[status as TicketStatus].toLowerCase()}
          </Button>
        </>
      ) : null}
      {change.isError ? <ErrorAlert error={change.error} title="Status not changed" /> : null}
    </Stack>
  );
}

/** Status, assignee, severity and category: each change is saved as soon as it is picked. */
export function TicketSidePanel({ ticket }: { ticket: TicketDetail }) {
  const update = useUpdateTicket(ticket.id);
  const agents = useAgentOptions();
  const patch = (change: TicketPatch, what: string) =>
    update.mutate(change, {
      onSuccess: () => notifications.show({ color: "teal", message: `${what} saved` }),
      onError: (error) => notifications.show({ color: "red", title: `${what} not saved`, message: errorMessage(error) }),
    });

  const agentOptions = [...(agents.data ?? [])];
  if (ticket.assignee && !agentOptions.some((option) => option.value === ticket.assignee?.id)) {
    agentOptions.unshift({ value: ticket.assignee.id, label: ticket.assignee.name });
  }

  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Work this ticket
        </Title>
        <StatusChanger ticket={ticket} />
        <Select
          label="Assignee"
          placeholder="Unassigned"
          clearable
          searchable
          data={agentOptions}
          value={ticket.assignee?.id ?? null}
          onChange={(value) => patch({ assigneeId: value }, "Assignee")}
          disabled={update.isPending}
          description={agents.isError ? "The list of agents could not be loaded" : undefined}
        />
        <Select
          label="Severity"
          allowDeselect={false}
          data={ticketSeverities.map((value) => ({ value, label: `${value} · ${ticketSeverityMeanings[value].split(":")[0]}` }))}
          value={ticket.severity}
          onChange={(value) => value && value !== ticket.severity && patch({ severity: value as TicketSeverity }, "Severity")}
          disabled={update.isPending}
        />
        <Select
          label="Category"
          allowDeselect={false}
          data={ticketCategories.map((value) => ({ value, label: ticketCategoryLabels[value] }))}
          value={ticket.category}
          onChange={(value) => value && value !== ticket.category && patch({ category: value as TicketCategory }, "Category")}
          disabled={update.isPending}
        />
        <Text size="sm">
          Time logged: <strong>{formatMinutes(ticket.minutesLogged)}</strong>
        </Text>
      </Stack>
    </Paper>
  );
}
