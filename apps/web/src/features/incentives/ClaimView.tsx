import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { ClaimDetail } from "../../api/incentives-types";
import { DataTable } from "../../components/TableScroll";
import { formatDate, formatDateTime, formatMoney } from "../../lib/format";
import { ClaimStatusBadge } from "./IncentiveBadges";
import { points } from "./incentives.labels";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

const sizeOf = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** What happened to the claim after it was filed: the decision, and a reversal if any. */
function Decisions({ claim }: { claim: ClaimDetail }) {
  if (claim.status === "pending") return <Text size="sm">Waiting for the vendor's review. Nothing has been paid yet.</Text>;
  return (
    <Stack gap={6}>
      {claim.status !== "rejected" ? (
        <Text size="sm">
          {claim.autoApproved
            ? "Approved automatically (at or under the program's threshold)"
            : `Approved by ${claim.decidedBy?.name ?? "the vendor"}`}{" "}
          on {formatDateTime(claim.decidedAt)}.{claim.decisionReason ? ` Note: ${claim.decisionReason}` : ""}
        </Text>
      ) : (
        <Text size="sm">
          Rejected by {claim.decidedBy?.name ?? "the vendor"} on {formatDateTime(claim.decidedAt)}. Reason: {claim.decisionReason ?? "—"}. Its serial
          numbers can be claimed again.
        </Text>
      )}
      {claim.status === "reversed" ? (
        <Text size="sm">
          Reversed by {claim.reversedBy?.name ?? "the vendor"} on {formatDateTime(claim.reversedAt)}. Reason: {claim.reversalReason ?? "—"}.{" "}
          {points(claim.reversedPoints ?? 0)} taken back
          {claim.shortfallPoints ? `; ${points(claim.shortfallPoints)} already spent are owed and come out of the next approved claims` : ""}.
        </Text>
      ) : null}
    </Stack>
  );
}

/** A claim as filed: facts, products and serials, how the points were worked out, the decision. */
export function ClaimView({ claim, invoiceSlot }: { claim: ClaimDetail; invoiceSlot?: ReactNode }) {
  const lineOf = (productId: string) => claim.lines.find((line) => line.productId === productId);
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <ClaimStatusBadge status={claim.status} autoApproved={claim.autoApproved} />
          <Text fw={700} fz="xl" aria-label={`Score: ${points(claim.points)}`}>
            {points(claim.points)}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Fact label="Rep">{claim.rep.name}</Fact>
          <Fact label="Partner">{claim.partner.name}</Fact>
          <Fact label="Invoice">
            {claim.invoiceNumber}, {formatDate(`${claim.invoiceDate}T12:00:00Z`)}
          </Fact>
          <Fact label="End customer">{claim.endCustomer}</Fact>
          <Fact label="Filed">
            {formatDateTime(claim.createdAt)} by {claim.submittedBy.name}
          </Fact>
          <Fact label="Invoice file">
            {claim.invoice ? (
              <Anchor href={claim.invoice.url} target="_blank" rel="noopener">
                {claim.invoice.fileName} ({sizeOf(claim.invoice.size)})
              </Anchor>
            ) : (
              "Not attached yet"
            )}
          </Fact>
        </SimpleGrid>
      </Paper>
      {invoiceSlot}
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Products and serial numbers
        </Title>
        <DataTable minWidth={440}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th ta="right">Units</Table.Th>
              <Table.Th ta="right">Net per unit</Table.Th>
              <Table.Th>Serial numbers</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claim.lines.map((line) => (
              <Table.Tr key={line.lineNo}>
                <Table.Td>
                  {line.productName}
                  <Text size="xs" c="dimmed">
                    {line.sku}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{line.quantity}</Table.Td>
                <Table.Td ta="right">{formatMoney(line.unitNetAmount)}</Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {line.serials.join(", ")}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          How the points were worked out
        </Title>
        {claim.score.length === 0 ? (
          <Text size="sm" c="dimmed">
            No earning rule applied to these products on the sale date, so the claim is worth 0 points.
          </Text>
        ) : (
          <DataTable minWidth={340} caption={claim.status === "pending" ? "Scored when filed; scored again when approved" : "The final score"}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Rule</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th ta="right">Points</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {claim.score.map((line) => (
                <Table.Tr key={`${line.ruleId}:${line.productId}:${line.why}`}>
                  <Table.Td>
                    {line.ruleName}
                    <Text size="xs" c="dimmed">
                      version {line.version} · {lineOf(line.productId)?.sku ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>{line.why}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {line.points}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td colSpan={2} fw={700}>
                  Total
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  {claim.points}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </DataTable>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Decision
        </Title>
        <Decisions claim={claim} />
      </Paper>
    </Stack>
  );
}
