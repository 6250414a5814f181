import { Alert, Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { ticketCategoryLabels } from "@trellis/shared";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { SlaClock, TicketDetail } from "../../api/types";
import { formatDateTime, humanize } from "../../lib/format";
import { formatMinutes, slaSentence, slaStateColors } from "./support.format";
import { SlaBadge } from "./TicketBadges";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

/** The SLA clock in words, with the targets and when each falls due. */
export function SlaSummary({ sla, viewer }: { sla: SlaClock; viewer: "partner" | "vendor" }) {
  const color = sla.state ? slaStateColors[sla.state] : "gray";
  return (
    <Paper withBorder p="sm" radius="md" style={{ borderLeft: `4px solid var(--mantine-color-${color}-filled)` }}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h5">
            SLA
          </Title>
          <SlaBadge sla={sla} withDue={false} />
        </Group>
        <Text size="sm" fw={500} role="status">
          {slaSentence(sla, viewer)}
        </Text>
        {sla.state !== null ? (
          <Text size="xs" c="dimmed">
            {sla.firstResponseTarget !== null
              ? `First response target ${formatMinutes(sla.firstResponseTarget)}${
                  sla.firstResponseAt
                    ? `, answered ${formatDateTime(sla.firstResponseAt)}`
                    : sla.firstResponseDueAt
                      ? `, due ${formatDateTime(sla.firstResponseDueAt)}`
                      : ""
                }. `
              : ""}
            {sla.resolutionTarget !== null
              ? `Resolution target ${formatMinutes(sla.resolutionTarget)}${sla.resolutionDueAt ? `, due ${formatDateTime(sla.resolutionDueAt)}` : ""}. `
              : ""}
            {`${formatMinutes(sla.elapsedMinutes)} of business time counted so far.`}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Category, products and serials, version, site, who and when: what both sides need at a glance. */
export function TicketFacts({ ticket, vendor }: { ticket: TicketDetail; vendor: boolean }) {
  return (
    <Stack gap="sm">
      {vendor ? (
        <Fact label="Partner">
          <Anchor component={Link} to={`/partners/${ticket.partner.id}`}>
            {ticket.partner.name}
          </Anchor>
          {ticket.partner.tierName ? ` (${ticket.partner.tierName})` : ""}
        </Fact>
      ) : null}
      <Fact label="Category">{ticketCategoryLabels[ticket.category]}</Fact>
      <Fact label="Opened by">
        {ticket.requester.name}, {formatDateTime(ticket.createdAt)}
      </Fact>
      <Fact label="Products">
        {ticket.products.length === 0
          ? "None given"
          : ticket.products.map((product) => (
              <div key={product.productId}>
                {product.name} ({product.sku})
                {product.serials.length ? (
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {" "}
                    {product.serials.join(", ")}
                  </Text>
                ) : null}
              </div>
            ))}
      </Fact>
      {ticket.firmwareVersion ? <Fact label="Firmware / software">{ticket.firmwareVersion}</Fact> : null}
      {ticket.siteName ? <Fact label="End-customer site">{ticket.siteName}</Fact> : null}
      {ticket.resolvedAt ? <Fact label="Resolved">{formatDateTime(ticket.resolvedAt)}</Fact> : null}
      {ticket.closedAt ? <Fact label="Closed">{formatDateTime(ticket.closedAt)}</Fact> : null}
    </Stack>
  );
}

/** A merged ticket points to the one that stays open; the survivor lists what was merged into it. */
export function MergeNotice({ ticket, linkTo }: { ticket: TicketDetail; linkTo: (id: string) => string }) {
  if (!ticket.mergedInto && ticket.merged.length === 0) return null;
  return (
    <Alert color="gray" title={ticket.mergedInto ? `Merged into ticket #${ticket.mergedInto.number}` : "Duplicates merged into this ticket"}>
      {ticket.mergedInto ? (
        <Anchor component={Link} to={linkTo(ticket.mergedInto.id)}>
          Continue on ticket #{ticket.mergedInto.number}
        </Anchor>
      ) : (
        <Stack gap={2}>
          {ticket.merged.map((other) => (
            <Anchor key={other.id} component={Link} to={linkTo(other.id)} size="sm">
              #{other.number} {other.subject}
            </Anchor>
          ))}
        </Stack>
      )}
    </Alert>
  );
}

/** The ticket's returns (RMAs): number, unit and where each stands. */
export function TicketReturnsList({ rmas }: { rmas: TicketDetail["rmas"] }) {
  if (rmas.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={2} size="h5">
        Returns (RMA)
      </Title>
      {rmas.map((rma) => (
        <Text key={rma.id} size="sm">
          RMA-{rma.number} ·{" "}
          <Text span ff="monospace" size="sm">
            {rma.serial}
          </Text>{" "}
          · {humanize(rma.status)}
        </Text>
      ))}
    </Stack>
  );
}
