import { Anchor, Button, Grid, Group, Paper, Stack, Text, Textarea } from "@mantine/core";
import { ticketStatusLabels } from "@trellis/shared";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { TicketDetail } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { ReplyComposer } from "./ReplyComposer";
import { SeverityBadge, TicketStatusBadge } from "./TicketBadges";
import { TicketConversation } from "./TicketConversation";
import { MergeNotice, SlaSummary, TicketFacts, TicketReturnsList } from "./TicketFacts";
import { useChangeStatus, useTicket } from "./tickets.api";

const portalLink = (id: string) => `/portal/support/${id}`;

/** "Mark resolved" while it is open; "Reopen" once resolved, while the window lasts. */
function PartnerStatusActions({ ticket }: { ticket: TicketDetail }) {
  const change = useChangeStatus(ticket.id);
  const [note, setNote] = useState("");
  const canResolve = ticket.status !== "resolved" && ticket.status !== "closed" && ticket.allowedStatuses.includes("resolved");
  const reopenTo = ticket.allowedStatuses.find((status) => status === "open" || status === "new");
  const canReopen = ticket.status === "resolved" && reopenTo !== undefined;
  if (!canResolve && !canReopen) {
    if (ticket.status === "resolved" && ticket.reopenableUntil) {
      return (
        <Text size="sm" c="dimmed">
          This ticket can no longer be reopened; open a new one and mention #{ticket.number}.
        </Text>
      );
    }
    return null;
  }
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Textarea
          label={canReopen ? "Why reopen? (optional)" : "How was it solved? (optional)"}
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        {change.isError ? <ErrorAlert error={change.error} title="Status not changed" /> : null}
        <Group>
          {canResolve ? (
            <Button
              color="teal"
              loading={change.isPending}
              onClick={() => change.mutate({ status: "resolved", note: note.trim() || undefined }, { onSuccess: () => setNote("") })}
            >
              Mark resolved
            </Button>
          ) : null}
          {canReopen && reopenTo ? (
            <Button
              variant="default"
              loading={change.isPending}
              onClick={() => change.mutate({ status: reopenTo, note: note.trim() || undefined }, { onSuccess: () => setNote("") })}
            >
              Reopen
            </Button>
          ) : null}
        </Group>
        {canReopen && ticket.reopenableUntil ? (
          <Text size="xs" c="dimmed">
            You can reopen this ticket until {formatDateTime(ticket.reopenableUntil)}.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function PortalTicketPage() {
  const { id = "" } = useParams();
  const ticket = useTicket(id);

  if (ticket.isPending) return <PageSkeleton />;
  if (ticket.isError) {
    return (
      <Page title="Ticket">
        <ErrorAlert error={ticket.error} onRetry={() => void ticket.refetch()} />
        <Anchor component={Link} to="/portal/support">
          Back to support
        </Anchor>
      </Page>
    );
  }
  const data = ticket.data;
  const canReply = data.status !== "closed" && !data.mergedInto;

  return (
    <Page
      title={`#${data.number} ${data.subject}`}
      description={
        <Group gap="xs">
          <TicketStatusBadge status={data.status} />
          <SeverityBadge severity={data.severity} />
          <Text size="sm" c="dimmed">
            Last activity {formatDateTime(data.lastActivityAt)}
          </Text>
        </Group>
      }
      actions={
        <Button component={Link} to="/portal/support" variant="default">
          All tickets
        </Button>
      }
    >
      <MergeNotice ticket={data} linkTo={portalLink} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="md">
            <TicketConversation ticket={data} />
            {canReply ? (
              <ReplyComposer ticket={data} agent={false} />
            ) : (
              <Text size="sm" c="dimmed">
                This ticket is {ticketStatusLabels[data.status].toLowerCase()}
                {data.mergedInto ? ` and merged into #${data.mergedInto.number}` : ""}; replies are closed.
              </Text>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="md">
            <SlaSummary sla={data.sla} viewer="partner" />
            <PartnerStatusActions ticket={data} />
            <TicketFacts ticket={data} vendor={false} />
            <TicketReturnsList rmas={data.rmas} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
