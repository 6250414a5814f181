import { Anchor, Badge, Group, Switch, Table, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { PartnerConsumption, SupportConsumption } from "../../api/types";
import { Empty } from "../../components/Empty";
import { DataTable } from "../../components/TableScroll";
import { formatHours, formatMinor } from "./support-admin.api";

type SortKey = "partnerName" | "tierName" | "hours" | "share" | "costMinor" | "ticketsOpened" | "allowanceHours";
type Direction = "asc" | "desc";

interface Column {
  key: SortKey;
  label: string;
  numeric: boolean;
}

const columns: Column[] = [
  { key: "partnerName", label: "Partner", numeric: false },
  { key: "tierName", label: "Tier", numeric: false },
  { key: "hours", label: "Hours", numeric: true },
  { key: "share", label: "Share of capacity", numeric: true },
  { key: "costMinor", label: "Cost", numeric: true },
  { key: "ticketsOpened", label: "Tickets opened", numeric: true },
  { key: "allowanceHours", label: "Allowance", numeric: true },
];

const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });

function sortValue(row: PartnerConsumption, key: SortKey, capacity: number): string | number {
  if (key === "share") return capacity > 0 ? row.hours / capacity : 0;
  if (key === "partnerName") return row.partnerName.toLocaleLowerCase();
  if (key === "tierName") return (row.tierName ?? "").toLocaleLowerCase();
  if (key === "allowanceHours") return row.allowanceHours ?? Number.POSITIVE_INFINITY;
  return row[key];
}

function sortRows(rows: PartnerConsumption[], key: SortKey, direction: Direction, capacity: number): PartnerConsumption[] {
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key, capacity);
    const y = sortValue(b, key, capacity);
    if (x === y) return a.partnerName.localeCompare(b.partnerName);
    return (x < y ? -1 : 1) * sign;
  });
}

function SortHeader({ column, sort, onSort }: { column: Column; sort: { key: SortKey; direction: Direction }; onSort: (key: SortKey) => void }) {
  const active = sort.key === column.key;
  return (
    <Table.Th
      ta={column.numeric ? "right" : undefined}
      aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
      style={{ whiteSpace: "nowrap" }}
    >
      <UnstyledButton onClick={() => onSort(column.key)} fw={700} fz="sm">
        {column.label}{" "}
        <Text span c={active ? undefined : "dimmed"} aria-hidden>
          {active ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}
        </Text>
      </UnstyledButton>
    </Table.Th>
  );
}

/** Every partner's support hours in the month: sortable, filterable, each linked to its tickets. */
export function ConsumptionTable({ consumption }: { consumption: SupportConsumption }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: "hours", direction: "desc" });
  const [overOnly, setOverOnly] = useState(false);
  const [q, setQ] = useState("");
  const onSort = (key: SortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === "asc" ? "desc" : "asc" }
        : { key, direction: key === "partnerName" || key === "tierName" ? "asc" : "desc" },
    );
  const words = q.trim().toLocaleLowerCase();
  const visible = consumption.partners.filter(
    (row) => (!overOnly || row.overAllowance) && (!words || row.partnerName.toLocaleLowerCase().includes(words)),
  );
  const rows = sortRows(visible, sort.key, sort.direction, consumption.capacityHours);
  const money = (minor: number) => formatMinor(minor, consumption.currency);

  return (
    <>
      <Group gap="sm" align="flex-end">
        <TextInput
          label="Find a partner"
          placeholder="Partner name"
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          w={{ base: "100%", xs: 260 }}
        />
        <Switch
          label={`Only partners over their allowance (${consumption.partnersOverAllowance})`}
          checked={overOnly}
          onChange={(event) => setOverOnly(event.currentTarget.checked)}
          mb={6}
        />
      </Group>
      <Text size="xs" c="dimmed">
        Choose a column heading to sort; choose a partner to see its tickets.
      </Text>
      {rows.length === 0 ? (
        <Empty title={overOnly || words ? "No partner matches" : "No partner used support this month"}>
          {overOnly || words ? "Clear the search or the over-allowance switch to see every partner." : null}
        </Empty>
      ) : (
        <DataTable minWidth={820}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} onSort={onSort} />
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.partnerId}>
                <Table.Td>
                  <Anchor component={Link} to={`/support?partnerId=${encodeURIComponent(row.partnerId)}`} fw={600} fz="sm">
                    {row.partnerName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.tierName ?? <Text c="dimmed">No tier</Text>}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {formatHours(row.hours)}
                </Table.Td>
                <Table.Td ta="right">{consumption.capacityHours > 0 ? percent.format(row.hours / consumption.capacityHours) : "—"}</Table.Td>
                <Table.Td ta="right">{money(row.costMinor)}</Table.Td>
                <Table.Td ta="right">{row.ticketsOpened}</Table.Td>
                <Table.Td ta="right">
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    {row.overAllowance ? (
                      <Badge color="red" variant="filled" size="sm">
                        Over allowance
                      </Badge>
                    ) : null}
                    <span>{row.allowanceHours === null ? <Text c="dimmed">None</Text> : formatHours(row.allowanceHours)}</span>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>Total ({visible.length === consumption.partners.length ? "all partners" : `${visible.length} shown`})</Table.Th>
              <Table.Th />
              <Table.Th ta="right">{formatHours(visible.reduce((sum, row) => sum + row.hours, 0))}</Table.Th>
              <Table.Th ta="right">
                {consumption.capacityHours > 0 ? percent.format(visible.reduce((sum, row) => sum + row.hours, 0) / consumption.capacityHours) : "—"}
              </Table.Th>
              <Table.Th ta="right">{money(visible.reduce((sum, row) => sum + row.costMinor, 0))}</Table.Th>
              <Table.Th ta="right">{visible.reduce((sum, row) => sum + row.ticketsOpened, 0)}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Tfoot>
        </DataTable>
      )}
    </>
  );
}
