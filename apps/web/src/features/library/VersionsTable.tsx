import { Anchor, Table, Text } from "@mantine/core";
import type { AssetDetail } from "../../api/types";
import { Empty } from "../../components/Empty";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { contentUrl } from "./library.api";
import { formatSize } from "./library.labels";

export function VersionsTable({ asset }: { asset: AssetDetail }) {
  if (asset.versions.length === 0) return <Empty title="No versions yet">Each upload or saved page becomes a version; earlier ones stay here.</Empty>;
  return (
    <DataTable minWidth={680} caption="Every version, newest first">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Version</Table.Th>
          <Table.Th>File</Table.Th>
          <Table.Th ta="right">Size</Table.Th>
          <Table.Th>Note</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th>When</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {asset.versions.map((version) => (
          <Table.Tr key={version.id}>
            <Table.Td>
              <Anchor
                href={contentUrl(asset.id, { version: version.version })}
                target="_blank"
                rel="noopener"
                aria-label={`Open version ${version.version}`}
              >
                v{version.version}
              </Anchor>
              {version.version === asset.currentVersion ? (
                <Text span size="xs" c="dimmed" ml={6}>
                  current
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td style={{ wordBreak: "break-all" }}>{version.fileName ?? (asset.format === "page" ? "Page text" : "—")}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
              {formatSize(version.size) || "—"}
            </Table.Td>
            <Table.Td>{version.note || "—"}</Table.Td>
            <Table.Td>{version.createdByName ?? "—"}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(version.createdAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}
