import { Anchor, Badge, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { StatementLine } from "../../api/incentives-types";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { signed, transactionKindLabels } from "./incentives.labels";

const numbers = new Intl.NumberFormat();

/** Where a movement came from, as a link when the portal has a page for it. */
function Source({ line, claimLink }: { line: StatementLine; claimLink?: (id: string) => string }) {
  if (line.sourceType === "claim" && claimLink)
    return (
      <Anchor component={Link} to={claimLink(line.sourceId)} size="sm">
        {line.memo || "Claim"}
      </Anchor>
    );
  return <Text size="sm">{line.memo || "—"}</Text>;
}

/** Every movement of a rep's points, newest first, with the balance of its account after it. */
export function StatementTable({ lines, claimLink }: { lines: StatementLine[]; claimLink?: (id: string) => string }) {
  return (
    <DataTable minWidth={720} caption="Points movements, newest first">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>What</Table.Th>
          <Table.Th>Details</Table.Th>
          <Table.Th>Account</Table.Th>
          <Table.Th ta="right">Points</Table.Th>
          <Table.Th ta="right">Balance after</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((line) => (
          <Table.Tr key={line.entryId}>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(line.at)}</Table.Td>
            <Table.Td>{transactionKindLabels[line.kind]}</Table.Td>
            <Table.Td>
              <Source line={line} claimLink={claimLink} />
              {line.reason ? (
                <Text size="xs" c="dimmed">
                  Reason: {line.reason}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Badge variant="outline" color={line.account === "available" ? "teal" : "blue"}>
                {line.account === "available" ? "Available" : "Reserved"}
              </Badge>
            </Table.Td>
            <Table.Td ta="right" c={line.points < 0 ? "red.7" : "teal.8"} fw={600}>
              {signed(line.points)}
            </Table.Td>
            <Table.Td ta="right">{numbers.format(line.balanceAfter)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}
