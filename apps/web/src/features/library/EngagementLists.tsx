import { Anchor, Group, Progress, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDate } from "../../lib/format";
import { TypeBadge } from "./AssetBadges";
import { useEngagement, useUnusedAssets } from "./library.api";

export function UnusedAssetsList() {
  const unused = useUnusedAssets(90);
  if (unused.isPending) return <TableSkeleton rows={4} />;
  if (unused.isError) return <ErrorAlert error={unused.error} onRetry={() => void unused.refetch()} />;
  if (unused.data.length === 0) return <Empty title="Every published asset was used in the last 90 days" />;
  return (
    <DataTable minWidth={560}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Asset</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Published</Table.Th>
          <Table.Th>Last used</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {unused.data.map((asset) => (
          <Table.Tr key={asset.assetId}>
            <Table.Td>
              <Anchor component={Link} to={`/library/assets/${asset.assetId}`} size="sm" fw={600}>
                {asset.title}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <TypeBadge type={asset.type} />
            </Table.Td>
            <Table.Td>{formatDate(asset.publishedAt)}</Table.Td>
            <Table.Td>{asset.lastUsedAt ? formatDate(asset.lastUsedAt) : "Never"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

const monthName = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });

export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : monthName.format(date);
}

/** Per partner, the share of its users who opened or downloaded something this month. */
export function EngagementList({ month }: { month: string }) {
  const rows = useEngagement(month);
  if (rows.isPending) return <TableSkeleton rows={4} />;
  if (rows.isError) return <ErrorAlert error={rows.error} onRetry={() => void rows.refetch()} />;
  if (rows.data.length === 0) return <Empty title="No partners with users yet">Partners appear here once their staff can sign in.</Empty>;
  const sorted = [...rows.data].sort((a, b) => b.share - a.share || a.partnerName.localeCompare(b.partnerName));
  return (
    <Stack gap="sm">
      {sorted.map((row) => {
        const percent = Math.round(row.share * 100);
        const label = `${row.partnerName}: ${row.usersUsingLibrary} of ${row.usersTotal} users used the library (${percent}%)`;
        return (
          <div key={row.partnerId}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" fw={600} truncate>
                {row.partnerName}
              </Text>
              <Text size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {row.usersUsingLibrary} of {row.usersTotal} · {percent}%
              </Text>
            </Group>
            <Progress value={percent} color={percent >= 50 ? "teal" : percent >= 20 ? "yellow" : "red"} size="md" mt={4} aria-label={label} />
          </div>
        );
      })}
    </Stack>
  );
}
