import { Anchor, ScrollArea, SegmentedControl, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { type ClaimStatus, type ClaimSummary, claimStatuses } from "../../api/incentives-types";
import { DataTable } from "../../components/TableScroll";
import { formatDate, formatDateTime } from "../../lib/format";
import { ClaimStatusBadge } from "./IncentiveBadges";
import { claimStatusLabels } from "./incentives.labels";

export function statusOf(value: string | null): ClaimStatus | null {
  return value && (claimStatuses as readonly string[]).includes(value) ? (value as ClaimStatus) : null;
}

/** All, or one status. */
export function ClaimStatusFilter({
  value,
  onChange,
  allLabel = "All",
}: {
  value: ClaimStatus | null;
  onChange: (status: ClaimStatus | null) => void;
  allLabel?: string;
}) {
  return (
    <ScrollArea type="auto" offsetScrollbars scrollbarSize={6} maw="100%">
      <SegmentedControl
        aria-label="Status"
        value={value ?? "all"}
        onChange={(next) => onChange(statusOf(next))}
        data={[
          { value: "all", label: allLabel },
          ...claimStatuses.map((status) => ({ value: status, label: status === "pending" ? "Waiting" : claimStatusLabels[status] })),
        ]}
      />
    </ScrollArea>
  );
}

/** Claims as a table; each invoice number links to the claim. */
export function ClaimsTable({
  claims,
  linkOf,
  showRep,
  showPartner,
}: {
  claims: ClaimSummary[];
  linkOf: (id: string) => string;
  showRep: boolean;
  showPartner: boolean;
}) {
  return (
    <DataTable minWidth={720}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Invoice</Table.Th>
          <Table.Th>Sale date</Table.Th>
          {showPartner ? <Table.Th>Partner</Table.Th> : null}
          {showRep ? <Table.Th>Rep</Table.Th> : null}
          <Table.Th>End customer</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th ta="right">Points</Table.Th>
          <Table.Th>Filed</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {claims.map((claim) => (
          <Table.Tr key={claim.id}>
            <Table.Td>
              <Anchor component={Link} to={linkOf(claim.id)} fw={600}>
                {claim.invoiceNumber}
              </Anchor>
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(`${claim.invoiceDate}T12:00:00Z`)}</Table.Td>
            {showPartner ? <Table.Td>{claim.partner.name}</Table.Td> : null}
            {showRep ? <Table.Td>{claim.rep.name}</Table.Td> : null}
            <Table.Td>
              <Text size="sm" lineClamp={1}>
                {claim.endCustomer}
              </Text>
            </Table.Td>
            <Table.Td>
              <ClaimStatusBadge status={claim.status} autoApproved={claim.autoApproved} />
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {claim.points.toLocaleString()}
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(claim.createdAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}
