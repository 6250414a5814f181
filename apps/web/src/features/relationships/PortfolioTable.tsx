import { Anchor, Badge, Group, Select, Switch, Table, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { Portfolio, PortfolioPartner, PortfolioQuadrant } from "../../api/relationships-types";
import { Empty } from "../../components/Empty";
import { DataTable } from "../../components/TableScroll";
import { formatDate } from "../../lib/format";
import { formatMonth } from "../support/support-admin.api";
import {
  decisionLabel,
  flagLabels,
  flagShortLabels,
  formatHealth,
  formatReturn,
  money,
  partnerPath,
  quadrantColors,
  quadrantLabels,
  quadrants,
} from "./portfolio.format";

type SortKey =
  | "name"
  | "tierName"
  | "channelManagerName"
  | "revenueMinor"
  | "marginMinor"
  | "resourcesMinor"
  | "netContributionMinor"
  | "returnOnResources"
  | "healthScore"
  | "quadrant"
  | "flags"
  | "decision";
type Direction = "asc" | "desc";

interface Column {
  key: SortKey;
  label: string;
  numeric: boolean;
}

const columns: Column[] = [
  { key: "name", label: "Partner", numeric: false },
  { key: "tierName", label: "Tier", numeric: false },
  { key: "channelManagerName", label: "Channel manager", numeric: false },
  { key: "revenueMinor", label: "Revenue", numeric: true },
  { key: "marginMinor", label: "Margin", numeric: true },
  { key: "resourcesMinor", label: "Resources", numeric: true },
  { key: "netContributionMinor", label: "Net contribution", numeric: true },
  { key: "returnOnResources", label: "Return", numeric: true },
  { key: "healthScore", label: "Health", numeric: true },
  { key: "quadrant", label: "Quadrant", numeric: false },
  { key: "flags", label: "Flags", numeric: true },
  { key: "decision", label: "Decision", numeric: false },
];

const textKeys = new Set<SortKey>(["name", "tierName", "channelManagerName", "quadrant", "decision"]);

function sortValue(row: PortfolioPartner, key: SortKey): string | number {
  switch (key) {
    case "name":
      return row.name.toLocaleLowerCase();
    case "tierName":
      return (row.tierName ?? "\uffff").toLocaleLowerCase();
    case "channelManagerName":
      return (row.channelManagerName ?? "\uffff").toLocaleLowerCase();
    case "quadrant":
      return quadrants.indexOf(row.quadrant);
    case "flags":
      return row.openFlags.length;
    case "decision":
      return row.decision ? row.decision.kind : "\uffff";
    case "returnOnResources":
      // No resources at all: an infinite return, above every finite one.
      return row.returnOnResources ?? Number.POSITIVE_INFINITY;
    case "healthScore":
      return row.healthScore ?? Number.NEGATIVE_INFINITY;
    default:
      return row[key];
  }
}

function sortRows(rows: PortfolioPartner[], key: SortKey, direction: Direction): PortfolioPartner[] {
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === y) return a.name.localeCompare(b.name);
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

export interface TableFilters {
  quadrant: PortfolioQuadrant | null;
  flaggedOnly: boolean;
}

interface PortfolioTableProps {
  portfolio: Portfolio;
  filters: TableFilters;
  onFilters: (next: Partial<TableFilters>) => void;
}

/** Every partner's figures: sortable by any column, filtered by quadrant or flag, each row a link to its scorecard. */
export function PortfolioTable({ portfolio, filters, onFilters }: PortfolioTableProps) {
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: "netContributionMinor", direction: "asc" });
  const [q, setQ] = useState("");
  const onSort = (key: SortKey) =>
    setSort((current) =>
      current.key === key ? { key, direction: current.direction === "asc" ? "desc" : "asc" } : { key, direction: textKeys.has(key) ? "asc" : "desc" },
    );
  const words = q.trim().toLocaleLowerCase();
  const flaggedCount = portfolio.partners.filter((row) => row.openFlags.length > 0).length;
  const visible = portfolio.partners.filter(
    (row) =>
      (!filters.flaggedOnly || row.openFlags.length > 0) &&
      (!filters.quadrant || row.quadrant === filters.quadrant) &&
      (!words || row.name.toLocaleLowerCase().includes(words) || (row.channelManagerName ?? "").toLocaleLowerCase().includes(words)),
  );
  const rows = sortRows(visible, sort.key, sort.direction);
  const cash = (minor: number) => money(minor, portfolio.currency);
  const filtered = filters.flaggedOnly || filters.quadrant !== null || words !== "";

  return (
    <>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Find a partner"
          placeholder="Partner or channel manager"
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          w={{ base: "100%", xs: 240 }}
        />
        <Select
          label="Quadrant"
          placeholder="Every quadrant"
          clearable
          data={quadrants.map((quadrant) => ({ value: quadrant, label: `${quadrantLabels[quadrant]} (${portfolio.quadrantCounts[quadrant]})` }))}
          value={filters.quadrant}
          onChange={(value) => onFilters({ quadrant: (value as PortfolioQuadrant | null) ?? null })}
          w={{ base: "100%", xs: 200 }}
        />
        <Switch
          label={`Flagged only (${flaggedCount})`}
          checked={filters.flaggedOnly}
          onChange={(event) => onFilters({ flaggedOnly: event.currentTarget.checked })}
          mb={6}
        />
      </Group>
      <Text size="xs" c="dimmed" aria-live="polite">
        {rows.length === portfolio.partners.length ? `${rows.length} partners.` : `${rows.length} of ${portfolio.partners.length} partners.`} Choose a
        column heading to sort; choose a partner to open its scorecard.
      </Text>
      {rows.length === 0 ? (
        <Empty title={filtered ? "No partner matches" : "No partners yet"}>
          {filtered ? "Clear the search, the quadrant or the flagged-only switch to see every partner." : null}
        </Empty>
      ) : (
        <DataTable
          minWidth={1280}
          caption={`Figures over ${portfolio.period === "t12" ? "the trailing 12 months" : `the ${portfolio.period}`} ending ${formatMonth(portfolio.endMonth)}, in ${portfolio.currency}`}
        >
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
                  <Anchor component={Link} to={partnerPath(row.partnerId)} fw={600}>
                    {row.name}
                  </Anchor>
                  {row.status !== "active" ? (
                    <Text size="xs" c="dimmed">
                      {row.status}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{row.tierName ?? "—"}</Table.Td>
                <Table.Td>{row.channelManagerName ?? "—"}</Table.Td>
                <Table.Td ta="right">{cash(row.revenueMinor)}</Table.Td>
                <Table.Td ta="right">{cash(row.marginMinor)}</Table.Td>
                <Table.Td ta="right">{cash(row.resourcesMinor)}</Table.Td>
                <Table.Td ta="right" c={row.netContributionMinor < 0 ? "red.8" : undefined} fw={600}>
                  {cash(row.netContributionMinor)}
                </Table.Td>
                <Table.Td ta="right">{formatReturn(row.returnOnResources)}</Table.Td>
                <Table.Td ta="right" c={row.healthScore === null ? "dimmed" : undefined}>
                  {formatHealth(row.healthScore)}
                </Table.Td>
                <Table.Td>
                  <Badge color={quadrantColors[row.quadrant]} variant="light">
                    {quadrantLabels[row.quadrant]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="wrap" justify="flex-end">
                    {row.openFlags.map((rule) => (
                      <Badge key={rule} color="red" variant="outline" size="sm" title={flagLabels[rule]}>
                        {flagShortLabels[rule]}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {row.decision ? (
                    <>
                      <Text size="sm" fw={600}>
                        {decisionLabel(row.decision.kind)}
                        {row.decision.status === "closed" ? " (closed)" : ""}
                      </Text>
                      {row.decision.reviewOn ? (
                        <Text size="xs" c="dimmed">
                          review {formatDate(row.decision.reviewOn)}
                        </Text>
                      ) : null}
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
    </>
  );
}
