import { Button, Group, NativeSelect, Paper, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { CostCategory, CostImportResult } from "../../../api/relationships-types";
import { Empty } from "../../../components/Empty";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { LoadMore } from "../../../components/LoadMore";
import { TableSkeleton } from "../../../components/Skeletons";
import { DataTable } from "../../../components/TableScroll";
import { formatDate } from "../../../lib/format";
import { AddCostLineButton, VoidCostLineButton } from "./CostLineForm";
import { CsvPreviewImport } from "./CsvPreviewImport";
import { costExportUrl, useCostImport, useCostLines } from "./costs.api";
import { costCategoryLabels } from "./labels";
import { formatHours, formatMinor } from "./money";

// Money and time the vendor spends on a partner besides desk time and points: marketing funds,
// channel-manager hours, training, other. Voided lines stay listed, struck through, with the reason.

function ImportSummary({ result }: { result: CostImportResult }) {
  return (
    <Text size="sm">
      {result.lines.length} {result.lines.length === 1 ? "line" : "lines"} for {new Set(result.lines.map((line) => line.partnerName)).size}{" "}
      partner(s), {formatMinor(result.totalMinor, result.currency)} in all.
    </Text>
  );
}

export function CostLinesTab({ partnerId, canAdd, currency }: { partnerId: string; canAdd: boolean; currency: string | null }) {
  const [category, setCategory] = useState<CostCategory | null>(null);
  const lines = useCostLines(partnerId, category);
  const importCosts = useCostImport();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <NativeSelect
          label="Category"
          w={220}
          data={[
            { value: "", label: "All categories" },
            ...(Object.keys(costCategoryLabels) as CostCategory[]).map((value) => ({ value, label: costCategoryLabels[value] })),
          ]}
          value={category ?? ""}
          onChange={(event) => setCategory((event.currentTarget.value || null) as CostCategory | null)}
        />
        <Group gap="xs">
          <Button component="a" href={costExportUrl(partnerId)} variant="default" download>
            Export CSV
          </Button>
          {canAdd ? (
            <>
              <CsvPreviewImport
                noun="cost lines"
                help="Columns: partner (id or exact name), date, category, label, amount, hours, purpose, currency. Rows may name several partners."
                run={({ csv, mode }) => importCosts.mutateAsync({ csv, mode })}
                renderResult={(result) => <ImportSummary result={result} />}
                onApplied={(result) => notifications.show({ color: "teal", message: `${result.lines.length} cost lines imported.` })}
              />
              <AddCostLineButton partnerId={partnerId} currency={currency} />
            </>
          ) : null}
        </Group>
      </Group>
      {lines.isPending ? (
        <TableSkeleton />
      ) : lines.isError ? (
        <ErrorAlert error={lines.error} title="Cost lines could not be loaded" onRetry={() => void lines.refetch()} />
      ) : lines.items.length === 0 ? (
        <Paper withBorder>
          <Empty title={category ? `No ${costCategoryLabels[category].toLowerCase()} lines` : "No cost lines yet"}>
            {canAdd
              ? "Record marketing funds, channel-manager hours, training and other money spent on this partner, or import them from a CSV file. Support time and incentive points are counted by themselves."
              : "Cost lines appear here as the channel team records them."}
          </Empty>
        </Paper>
      ) : (
        <Stack gap={0}>
          <DataTable minWidth={680} caption="Cost lines, newest first">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th>Purpose</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th ta="right">Hours</Table.Th>
                {canAdd ? (
                  <Table.Th>
                    <span className="sr-only">Void</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.items.map((line) => {
                const voided = line.voided !== null;
                const struck = voided ? { textDecoration: "line-through" } : undefined;
                return (
                  <Table.Tr key={line.id} c={voided ? "dimmed" : undefined}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(line.spentOn)}</Table.Td>
                    <Table.Td miw={120}>
                      {costCategoryLabels[line.category]}
                      {line.label ? (
                        <Text size="xs" c="dimmed">
                          {line.label}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={struck}>
                        {line.purpose}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {line.source === "manual" ? "Entered" : line.source.toUpperCase()}
                        {line.createdBy ? ` · ${line.createdBy.name}` : ""}
                      </Text>
                      {line.voided ? (
                        <Text size="xs" c="red.7">
                          Voided {formatDate(line.voided.at)}
                          {line.voided.by ? ` by ${line.voided.by.name}` : ""}: {line.voided.reason}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap", ...struck }}>
                      {formatMinor(line.amountMinor, line.currency)}
                    </Table.Td>
                    <Table.Td ta="right">{line.hours === null ? "—" : formatHours(line.hours)}</Table.Td>
                    {canAdd ? <Table.Td>{voided ? null : <VoidCostLineButton line={line} />}</Table.Td> : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </DataTable>
          <LoadMore {...lines} shown={lines.items.length} />
        </Stack>
      )}
    </Stack>
  );
}
