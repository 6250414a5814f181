import { Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef } from "react";
import type { SellThroughRecordResult } from "../../../api/sell-through-types";
import { Empty } from "../../../components/Empty";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { LoadMore } from "../../../components/LoadMore";
import { TableSkeleton } from "../../../components/Skeletons";
import { DataTable } from "../../../components/TableScroll";
import { formatDate } from "../../../lib/format";
import { CsvPreviewImport } from "./CsvPreviewImport";
import { formatMonth } from "./labels";
import { formatMinor } from "./money";
import { sellThroughExportUrl, useSellThroughImport, useSellThroughLines } from "./sell-through.api";

// Sell-through lines of one partner: the vendor's tab and the partner's own upload page. Lines are
// append-only; a return is a negative line, so a mistake is corrected by reporting its reverse.

export const sellThroughColumns =
  "date, sku, quantity, net_amount, and optionally currency, serials (space or semicolon separated, one per unit) and end_customer";

function MonthsTable({ result }: { result: SellThroughRecordResult }) {
  return (
    <Stack gap={4}>
      <Text size="sm">
        {result.lines} {result.lines === 1 ? "line" : "lines"} {result.mode === "preview" ? "to record" : "recorded"}:
      </Text>
      <Table.ScrollContainer minWidth={320} mah={240}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Month</Table.Th>
              <Table.Th ta="right">Lines</Table.Th>
              <Table.Th ta="right">Units</Table.Th>
              <Table.Th ta="right">Revenue</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.months.map((month) => (
              <Table.Tr key={month.month}>
                <Table.Td>{formatMonth(month.month)}</Table.Td>
                <Table.Td ta="right">{month.lines}</Table.Td>
                <Table.Td ta="right">{month.units}</Table.Td>
                <Table.Td ta="right">{formatMinor(month.revenueMinor, result.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export function SellThroughImportButton({ partnerId }: { partnerId: string }) {
  const importLines = useSellThroughImport(partnerId);
  // One key per file checked: a retried apply of the same file is answered once, not recorded twice.
  const key = useRef<string>(crypto.randomUUID());
  return (
    <CsvPreviewImport
      noun="sell-through"
      buttonLabel="Upload sell-through CSV"
      help={`Columns: ${sellThroughColumns}. Net amounts are decimals in the reporting currency; a return has a negative quantity and amount.`}
      run={({ csv, mode, fileName }) => {
        if (mode === "preview") key.current = crypto.randomUUID();
        return importLines.mutateAsync({ csv, mode, fileName, key: key.current });
      }}
      renderResult={(result) => <MonthsTable result={result} />}
      onApplied={(result) =>
        notifications.show({ color: "teal", message: `${result.lines} sell-through ${result.lines === 1 ? "line" : "lines"} recorded.` })
      }
    />
  );
}

export function SellThroughView({ partnerId, canReport, emptyHint }: { partnerId: string; canReport: boolean; emptyHint: string }) {
  const lines = useSellThroughLines(partnerId);
  return (
    <Stack gap="md">
      <Group justify="flex-end" gap="xs">
        <Button component="a" href={sellThroughExportUrl(partnerId)} variant="default" download>
          Export CSV
        </Button>
        {canReport ? <SellThroughImportButton partnerId={partnerId} /> : null}
      </Group>
      {lines.isPending ? (
        <TableSkeleton />
      ) : lines.isError ? (
        <ErrorAlert error={lines.error} title="Sell-through could not be loaded" onRetry={() => void lines.refetch()} />
      ) : lines.items.length === 0 ? (
        <Paper withBorder>
          <Empty title="No sell-through reported yet">{emptyHint}</Empty>
        </Paper>
      ) : (
        <Stack gap={0}>
          <DataTable minWidth={760} caption="Sell-through lines, newest sale first">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Product</Table.Th>
                <Table.Th ta="right">Quantity</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                  Net amount
                </Table.Th>
                <Table.Th>End customer</Table.Th>
                <Table.Th>Serials</Table.Th>
                <Table.Th>Source</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.items.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(line.date)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{line.productName}</Text>
                    <Text size="xs" c="dimmed">
                      {line.sku} · {line.familyName}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {line.quantity < 0 ? (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Badge size="xs" color="orange" variant="light">
                          Return
                        </Badge>
                        {line.quantity}
                      </Group>
                    ) : (
                      line.quantity
                    )}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {formatMinor(line.netAmount.amountMinor, line.netAmount.currency)}
                  </Table.Td>
                  <Table.Td>{line.endCustomer || "—"}</Table.Td>
                  <Table.Td>
                    {line.serials.length === 0 ? (
                      "—"
                    ) : (
                      <Text size="xs" title={line.serials.join(" ")} lineClamp={1} maw={180}>
                        {line.serials.length === 1 ? line.serials[0] : `${line.serials.length} serials`}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{line.source.toUpperCase()}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore {...lines} shown={lines.items.length} />
        </Stack>
      )}
    </Stack>
  );
}
