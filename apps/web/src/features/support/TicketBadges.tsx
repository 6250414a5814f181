import { Badge, Stack, Text, Tooltip } from "@mantine/core";
import { type TicketSeverity, type TicketStatus, ticketSeverityMeanings, ticketStatusLabels } from "@trellis/shared";
import type { SlaClock } from "../../api/types";
import { severityColors, slaDueTitle, slaShort, slaStateColors, slaStateLabels, statusColors } from "./support.format";

export function SeverityBadge({ severity }: { severity: TicketSeverity }) {
  return (
    <Tooltip label={ticketSeverityMeanings[severity]} multiline w={260} withArrow>
      <Badge color={severityColors[severity]} variant={severity === "P1" ? "filled" : "light"} aria-label={`Severity ${severity}`}>
        {severity}
      </Badge>
    </Tooltip>
  );
}

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return (
    <Badge color={statusColors[status]} variant="light">
      {ticketStatusLabels[status]}
    </Badge>
  );
}

/** The SLA state with the time to the next target, as the queue shows it. */
export function SlaBadge({ sla, withDue = true }: { sla: SlaClock; withDue?: boolean }) {
  if (sla.state === null) {
    return (
      <Text size="xs" c="dimmed">
        No SLA
      </Text>
    );
  }
  const due = withDue ? slaShort(sla) : "";
  return (
    <Stack gap={2} align="flex-start" title={slaDueTitle(sla)}>
      <Badge color={slaStateColors[sla.state]} variant={sla.state === "breached" ? "filled" : "light"}>
        {slaStateLabels[sla.state]}
      </Badge>
      {due && sla.state !== "met" && sla.state !== "paused" ? (
        <Text size="xs" c={sla.state === "breached" ? "red" : "dimmed"}>
          {due}
        </Text>
      ) : null}
    </Stack>
  );
}
