import { Anchor, Button, Grid, Group, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { ReplyComposer } from "./ReplyComposer";
import { formatMinutes } from "./support.format";
import { TicketActions } from "./TicketActions";
import { SeverityBadge, TicketStatusBadge } from "./TicketBadges";
import { TicketConversation } from "./TicketConversation";
import { MergeNotice, SlaSummary, TicketFacts, TicketReturnsList } from "./TicketFacts";
import { TicketProblemLink } from "./TicketProblemLink";
import { TicketSidePanel } from "./TicketSidePanel";
import { TicketTimeline } from "./TicketTimeline";
import { useTicket } from "./tickets.api";

const agentLink = (id: string) => `/support/tickets/${id}`;

/**
 * The vendor's view of a ticket: the partner's conversation plus internal notes, and the controls to
 * work it. Vendor roles without support:work read it without the controls.
 */
export function AgentTicketPage() {
  const { id = "" } = useParams();
  const ticket = useTicket(id);
  const canWork = useCan("support:work");
  const canWriteKnowledge = useCan("knowledge:write");

  if (ticket.isPending) return <PageSkeleton />;
  if (ticket.isError) {
    return (
      <Page title="Ticket">
        <ErrorAlert error={ticket.error} onRetry={() => void ticket.refetch()} />
        <Anchor component={Link} to="/support">
          Back to the queue
        </Anchor>
      </Page>
    );
  }
  const data = ticket.data;

  return (
    <Page
      title={`#${data.number} ${data.subject}`}
      description={
        <Group gap="xs">
          <TicketStatusBadge status={data.status} />
          <SeverityBadge severity={data.severity} />
          <Text size="sm" c="dimmed">
            {data.partner.name}
            {data.partner.tierName ? ` (${data.partner.tierName})` : ""} · {data.assignee ? `assigned to ${data.assignee.name}` : "unassigned"} · last
            activity {formatDateTime(data.lastActivityAt)}
          </Text>
        </Group>
      }
      actions={
        <Button component={Link} to="/support" variant="default">
          Queue
        </Button>
      }
    >
      <MergeNotice ticket={data} linkTo={agentLink} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <TicketConversation ticket={data} />
            {canWork ? <ReplyComposer ticket={data} agent /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <SlaSummary sla={data.sla} viewer="vendor" />
            {canWork ? (
              <TicketSidePanel ticket={data} />
            ) : (
              <Text size="sm">
                Time logged: <strong>{formatMinutes(data.minutesLogged)}</strong>
              </Text>
            )}
            <TicketFacts ticket={data} vendor />
            <TicketProblemLink ticket={data} canWork={canWork} />
            <TicketReturnsList rmas={data.rmas} />
            {canWork ? <TicketActions ticket={data} canWriteKnowledge={canWriteKnowledge} /> : null}
            <TicketTimeline ticket={data} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
