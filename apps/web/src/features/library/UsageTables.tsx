import { Anchor, Button, Modal, Table, Text } from "@mantine/core";
import { type Role, roleLabels } from "@trellis/shared";
import { useState } from "react";
import { Link } from "react-router";
import type { PartnerUsageRow } from "../../api/types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { TypeBadge } from "./AssetBadges";
import { type Period, useAssetUsageRows, usePartnerUsage, useRepUsage } from "./library.api";

const total = (row: { views: number; downloads: number; cobrandDownloads: number }) => row.views + row.downloads + row.cobrandDownloads;

function CountCells({ row }: { row: { views: number; downloads: number; cobrandDownloads: number } }) {
  return (
    <>
      <Table.Td ta="right">{row.views.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{row.downloads.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{row.cobrandDownloads.toLocaleString()}</Table.Td>
    </>
  );
}

function CountHeads() {
  return (
    <>
      <Table.Th ta="right">Views</Table.Th>
      <Table.Th ta="right">Downloads</Table.Th>
      <Table.Th ta="right">Co-branded</Table.Th>
    </>
  );
}

export function TopAssetsTable({ period }: { period: Period }) {
  const rows = useAssetUsageRows(period);
  if (rows.isPending) return <TableSkeleton rows={5} />;
  if (rows.isError) return <ErrorAlert error={rows.error} onRetry={() => void rows.refetch()} />;
  const sorted = [...rows.data].sort((a, b) => total(b) - total(a)).slice(0, 20);
  if (sorted.length === 0)
    return <Empty title="No use in this period">When partner users open or download sales tools, the busiest appear here.</Empty>;
  return (
    <DataTable minWidth={620}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Asset</Table.Th>
          <Table.Th>Type</Table.Th>
          <CountHeads />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((row) => (
          <Table.Tr key={row.assetId}>
            <Table.Td>
              <Anchor component={Link} to={`/library/assets/${row.assetId}?tab=usage`} size="sm" fw={600}>
                {row.title}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <TypeBadge type={row.type} />
            </Table.Td>
            <CountCells row={row} />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

function RepsModal({ partner, period, onClose }: { partner: PartnerUsageRow; period: Period; onClose: () => void }) {
  const reps = useRepUsage(partner.partnerId, period);
  return (
    <Modal opened onClose={onClose} title={`${partner.partnerName}: who used the library`} size="xl">
      {reps.isPending ? (
        <TableSkeleton rows={3} />
      ) : reps.isError ? (
        <ErrorAlert error={reps.error} onRetry={() => void reps.refetch()} />
      ) : reps.data.length === 0 ? (
        <Empty title="Nobody at this partner used the library in this period" />
      ) : (
        <DataTable minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Role</Table.Th>
              <CountHeads />
              <Table.Th>Last used</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reps.data.map((rep) => (
              <Table.Tr key={rep.userId}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {rep.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {rep.email}
                  </Text>
                </Table.Td>
                <Table.Td>{roleLabels[rep.role as Role] ?? rep.role}</Table.Td>
                <CountCells row={rep} />
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(rep.lastUsedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
    </Modal>
  );
}

export function PartnerUsageTable({ period }: { period: Period }) {
  const rows = usePartnerUsage(period);
  const [open, setOpen] = useState<PartnerUsageRow | null>(null);
  if (rows.isPending) return <TableSkeleton rows={5} />;
  if (rows.isError) return <ErrorAlert error={rows.error} onRetry={() => void rows.refetch()} />;
  if (rows.data.length === 0)
    return <Empty title="No partner used the library in this period">Publish sales tools and tell partners where to find them.</Empty>;
  const sorted = [...rows.data].sort((a, b) => total(b) - total(a));
  return (
    <>
      <DataTable minWidth={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Partner</Table.Th>
            <Table.Th ta="right">Active reps</Table.Th>
            <CountHeads />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((row) => (
            <Table.Tr key={row.partnerId}>
              <Table.Td>
                <Button variant="subtle" size="compact-sm" px={4} onClick={() => setOpen(row)} aria-label={`Show reps of ${row.partnerName}`}>
                  {row.partnerName}
                </Button>
              </Table.Td>
              <Table.Td ta="right">{row.activeReps}</Table.Td>
              <CountCells row={row} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      {open ? <RepsModal partner={open} period={period} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
