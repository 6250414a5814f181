import { Anchor, Badge, Button, Table } from "@mantine/core";
import { Link } from "react-router";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDate } from "../../lib/format";
import { useKits } from "./library.api";

export function KitsPage() {
  const kits = useKits();
  const canWrite = useCan("library:write");
  const newButton = canWrite ? (
    <Button component={Link} to="/library/kits/new">
      New kit
    </Button>
  ) : null;
  return (
    <Page title="Sales kits" description="Named, ordered bundles of sales tools that partners download as one ZIP." actions={newButton}>
      {kits.isPending ? (
        <TableSkeleton rows={4} />
      ) : kits.isError ? (
        <ErrorAlert error={kits.error} onRetry={() => void kits.refetch()} />
      ) : kits.data.length === 0 ? (
        <Empty title="No kits yet" actions={newButton}>
          {canWrite
            ? "Bundle the sales tools for one product line or campaign, such as a launch kit with brochure, data sheet and video."
            : "Marketing puts kits together here."}
        </Empty>
      ) : (
        <DataTable minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kit</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Assets</Table.Th>
              <Table.Th>Changed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kits.data.map((kit) => (
              <Table.Tr key={kit.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/library/kits/${kit.id}`} fw={600}>
                    {kit.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={kit.status === "published" ? "teal" : "gray"}>
                    {kit.status === "published" ? "Published" : "Draft"}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{kit.assets.length}</Table.Td>
                <Table.Td>{formatDate(kit.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
    </Page>
  );
}
