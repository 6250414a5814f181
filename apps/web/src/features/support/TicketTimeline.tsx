import { Paper, Text, Timeline, Title } from "@mantine/core";
import { type TicketStatus, ticketStatusLabels } from "@trellis/shared";
import type { TicketDetail, TicketEvent } from "../../api/types";
import { useCan } from "../../auth/session";
import { formatDateTime, humanize } from "../../lib/format";
import { useAgentOptions } from "./tickets.api";

const kindLabels: Record<string, string> = {
  opened: "Opened",
  assigned: "Assignee changed",
  severity: "Severity changed",
  status: "Status changed",
  known_problem: "Known problem",
  merged_into: "Merged into another ticket",
  merged: "Duplicate merged in",
  sla_breached: "SLA breached",
};

function isStatus(value: unknown): value is TicketStatus {
  return typeof value === "string" && value in ticketStatusLabels;
}

function valueText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (isStatus(value)) return ticketStatusLabels[value];
  if (typeof value === "string" || typeof value === "number") return String(value);
  return null;
}

interface Names {
  agents: Map<string, string>;
  knownProblem: TicketDetail["knownProblem"];
}

/** What changed, in words; ids are looked up where the page knows them and left out otherwise. */
function describe(event: TicketEvent, names: Names): string {
  const { detail } = event;
  switch (event.kind) {
    case "assigned": {
      const id = typeof detail.assigneeId === "string" ? detail.assigneeId : null;
      const who = id ? `Assigned to ${names.agents.get(id) ?? "an agent"}` : "Unassigned";
      return detail.auto ? `${who} automatically (round-robin)` : who;
    }
    case "known_problem": {
      const id = typeof detail.knownProblemId === "string" ? detail.knownProblemId : null;
      if (!id) return "Unlinked from its known problem";
      return names.knownProblem?.id === id ? `Linked to “${names.knownProblem.title}”` : "Linked to a known problem";
    }
    case "merged_into":
    case "merged":
      return typeof detail.number === "number" ? `Ticket #${detail.number}` : "";
    case "sla_breached":
      return detail.target === "first_response" ? "First response target missed" : "Resolution target missed";
  }
  const from = valueText(detail.from);
  const to = valueText(detail.to);
  if (from !== null || to !== null) return `${from ?? "—"} → ${to ?? "—"}`;
  return Object.entries(detail)
    .filter(([key]) => !/id$/i.test(key) && key !== "note")
    .map(([key, value]) => {
      const text = valueText(value);
      return text === null ? null : `${humanize(key.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase())}: ${text}`;
    })
    .filter(Boolean)
    .join(" · ");
}

/** Everything that happened to the ticket, oldest first. */
export function TicketTimeline({ ticket }: { ticket: TicketDetail }) {
  // Only people who work tickets may list the agents.
  const agents = useAgentOptions(useCan("support:work"));
  const names: Names = {
    agents: new Map((agents.data ?? []).map((option) => [option.value, option.label])),
    knownProblem: ticket.knownProblem,
  };
  if (ticket.assignee) names.agents.set(ticket.assignee.id, ticket.assignee.name);
  const { events } = ticket;
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={2} size="h5" mb="xs">
        Timeline
      </Title>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened yet.
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2} active={events.length - 1}>
          {events.map((event) => {
            const detail = describe(event, names);
            const note = event.detail.note;
            return (
              <Timeline.Item key={event.id} title={<Text size="sm">{kindLabels[event.kind] ?? humanize(event.kind)}</Text>}>
                {detail ? (
                  <Text size="xs" style={{ overflowWrap: "anywhere" }}>
                    {detail}
                  </Text>
                ) : null}
                {typeof note === "string" && note ? (
                  <Text size="xs" fs="italic" style={{ whiteSpace: "pre-wrap" }}>
                    “{note}”
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed">
                  {event.actor?.name ?? "Trellis"} · {formatDateTime(event.createdAt)}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Paper>
  );
}
