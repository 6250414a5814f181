import "@mantine/charts/styles.css";
import { LineChart, Sparkline } from "@mantine/charts";
import { Anchor, Box, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { ticketStatuses } from "@trellis/shared";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Hotspot, HotspotDimension, HotspotReport } from "../../api/types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { DataTable } from "../../components/TableScroll";
import { useSearchState } from "../../lib/useSearchState";
import { useProductOptions } from "../library/library.api";
import { SupportMonthPicker } from "./SupportMonthPicker";
import { formatHours, formatMonth, shiftMonth, thisMonth, useHotspots } from "./support-admin.api";

const dimensions: { value: HotspotDimension; label: string; noun: string }[] = [
  { value: "product", label: "Product", noun: "products" },
  { value: "firmware", label: "Firmware", noun: "firmware versions" },
  { value: "known_problem", label: "Known problem", noun: "known problems" },
];
type Metric = "tickets" | "hours";

const chartColors = ["teal.6", "indigo.6", "orange.6", "grape.6", "red.6", "cyan.7"];
const chartedCount = chartColors.length;
const maxMonths = 36;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const filterKeys = ["dimension", "from", "to", "productId", "metric"] as const;

function monthsBetween(from: string, to: string): number {
  const [fy = 0, fm = 0] = from.split("-").map(Number);
  const [ty = 0, tm = 0] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function rowLabel(item: Hotspot, dimension: HotspotDimension): string {
  if (dimension === "firmware" && item.firmwareVersion === "") return `${item.label.trim()} (version not given)`;
  return item.label;
}

/** Where a row leads: the known problem, or the queue filtered to the product. */
function RowLink({ item, dimension }: { item: Hotspot; dimension: HotspotDimension }) {
  const label = rowLabel(item, dimension);
  const to = item.knownProblemId
    ? `/support/known-problems/${item.knownProblemId}`
    : item.productId
      ? `/support?productId=${encodeURIComponent(item.productId)}&status=${ticketStatuses.join(",")}&sort=newest`
      : null;
  if (!to) return <Text size="sm">{label}</Text>;
  return (
    <Anchor component={Link} to={to} fz="sm" fw={600}>
      {label}
    </Anchor>
  );
}

function TrendChart({ report, metric }: { report: HotspotReport; metric: Metric }) {
  const charted = report.items.slice(0, chartedCount);
  const data = report.months.map((month, index) => {
    const row: Record<string, string | number> = { month: formatMonth(month, true) };
    charted.forEach((item, at) => {
      row[`s${at}`] = item.series[index]?.[metric] ?? 0;
    });
    return row;
  });
  const series = charted.map((item, at) => ({
    name: `s${at}`,
    label: rowLabel(item, report.dimension),
    color: chartColors[at] ?? "gray.6",
  }));
  const summary = charted.map(
    (item) => `${rowLabel(item, report.dimension)}: ${metric === "tickets" ? `${item.tickets} tickets` : formatHours(item.hours)}`,
  );
  return (
    <Box
      role="figure"
      aria-label={`${metric === "tickets" ? "Tickets" : "Hours"} per month from ${formatMonth(report.from)} to ${formatMonth(report.to)} for the top ${charted.length}. ${summary.join("; ")}. The table below has every figure.`}
    >
      <LineChart
        h={300}
        data={data}
        dataKey="month"
        series={series}
        curveType="monotone"
        withLegend
        legendProps={{ verticalAlign: "bottom" }}
        valueFormatter={(value) => (metric === "hours" ? formatHours(value) : String(value))}
        yAxisProps={{ allowDecimals: metric === "hours", width: 44 }}
        xAxisProps={{ minTickGap: 16 }}
        gridAxis="y"
        tickLine="y"
        connectNulls
      />
    </Box>
  );
}

function HotspotTable({ report }: { report: HotspotReport }) {
  const noun = dimensions.find((item) => item.value === report.dimension)?.label ?? "Key";
  return (
    <DataTable minWidth={640}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{noun}</Table.Th>
          <Table.Th ta="right">Tickets</Table.Th>
          <Table.Th ta="right">Hours</Table.Th>
          <Table.Th ta="right">Partners affected</Table.Th>
          <Table.Th>Tickets per month</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.items.map((item, index) => (
          <Table.Tr key={item.key}>
            <Table.Td>
              <Group gap={8} wrap="nowrap">
                {index < chartedCount ? (
                  <Box
                    w={10}
                    h={10}
                    style={{
                      borderRadius: 5,
                      flex: "none",
                      background: `var(--mantine-color-${(chartColors[index] ?? "gray.6").replace(".", "-")})`,
                    }}
                    aria-hidden
                  />
                ) : (
                  <Box w={10} style={{ flex: "none" }} aria-hidden />
                )}
                <RowLink item={item} dimension={report.dimension} />
              </Group>
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {item.tickets}
            </Table.Td>
            <Table.Td ta="right">{formatHours(item.hours)}</Table.Td>
            <Table.Td ta="right">{item.partners}</Table.Td>
            <Table.Td>
              <Sparkline
                w={120}
                h={28}
                data={item.series.map((point) => point.tickets)}
                curveType="monotone"
                color="teal.6"
                fillOpacity={0.2}
                aria-label={`Tickets per month: ${item.series.map((point) => point.tickets).join(", ")}`}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

function Section({ title, hint, children, actions }: { title: string; hint?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section">
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {hint ? (
            <Text size="sm" c="dimmed">
              {hint}
            </Text>
          ) : null}
        </div>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

export function HotspotsPage() {
  const { values, set } = useSearchState(filterKeys);
  const products = useProductOptions();
  const dimension = dimensions.find((item) => item.value === values.dimension)?.value ?? "product";
  const latest = thisMonth();
  const to = values.to && monthPattern.test(values.to) && values.to <= latest ? values.to : latest;
  const from = values.from && monthPattern.test(values.from) && values.from <= to ? values.from : shiftMonth(to, -11);
  const metric: Metric = values.metric === "hours" ? "hours" : "tickets";
  const report = useHotspots({ dimension, from, to, productId: values.productId });
  const noun = dimensions.find((item) => item.value === dimension)?.noun ?? "keys";

  const setFrom = (month: string) => {
    // Keep the range readable and within what the server answers: at most 36 months, never reversed.
    const end = month > to ? month : monthsBetween(month, to) > maxMonths ? shiftMonth(month, maxMonths - 1) : to;
    set({ from: month, to: end === latest ? null : end });
  };
  const setTo = (month: string) => {
    const start = month < from ? month : monthsBetween(from, month) > maxMonths ? shiftMonth(month, -(maxMonths - 1)) : from;
    set({ to: month === latest ? null : month, from: start });
  };

  return (
    <Page
      title="Support hot-spots"
      description="Where partners run into trouble: tickets, support hours and partners affected per product, firmware version or known problem, month by month. Product management's view of what the field surfaces."
    >
      <Paper withBorder p="sm" component="search">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="hotspot-dimension">
              Group by
            </Text>
            <SegmentedControl
              aria-labelledby="hotspot-dimension"
              value={dimension}
              onChange={(value) => set({ dimension: value === "product" ? null : value })}
              data={dimensions.map(({ value, label }) => ({ value, label }))}
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              From
            </Text>
            <SupportMonthPicker label="From month" value={from} onChange={setFrom} withArrows={false} months={60} />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              To
            </Text>
            <SupportMonthPicker label="To month" value={to} onChange={setTo} withArrows={false} months={60} />
          </Stack>
          <Select
            label="Product"
            placeholder="All products"
            clearable
            searchable
            w={{ base: "100%", xs: 260 }}
            data={products.data ?? []}
            value={values.productId}
            onChange={(value) => set({ productId: value })}
          />
        </Group>
      </Paper>
      {report.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading hot-spots">
          <Skeleton height={320} />
          <Skeleton height={200} />
        </Stack>
      ) : report.isError ? (
        <ErrorAlert error={report.error} title="Hot-spots could not be loaded" onRetry={() => void report.refetch()} />
      ) : report.data.items.length === 0 ? (
        <Paper withBorder>
          <Empty title={`No tickets from ${formatMonth(report.data.from)} to ${formatMonth(report.data.to)}`}>
            {dimension === "known_problem"
              ? "No ticket in this range is linked to a known problem. Agents link tickets from a ticket's page; choose another range or group by product."
              : values.productId
                ? "No ticket named this product in the range. Clear the product or widen the range."
                : "Partners opened no tickets in this range. Widen the range to look further back."}
          </Empty>
        </Paper>
      ) : (
        <Stack gap="lg" style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
          <Section
            title={
              report.data.items.length === 1 && report.data.items[0]
                ? `${rowLabel(report.data.items[0], dimension)} over time`
                : `Top ${Math.min(chartedCount, report.data.items.length)} ${noun} over time`
            }
            hint={metric === "tickets" ? "Tickets opened per month." : "Support hours logged per month on those tickets."}
            actions={
              <SegmentedControl
                aria-label="Measure"
                size="xs"
                value={metric}
                onChange={(value) => set({ metric: value === "tickets" ? null : value })}
                data={[
                  { value: "tickets", label: "Tickets" },
                  { value: "hours", label: "Hours" },
                ]}
              />
            }
          >
            <TrendChart report={report.data} metric={metric} />
          </Section>
          <Section
            title={`${dimensions.find((item) => item.value === dimension)?.label ?? ""} hot-spots`}
            hint={`The top ${report.data.items.length} by tickets, then hours, from ${formatMonth(report.data.from)} to ${formatMonth(report.data.to)}. ${dimension === "known_problem" ? "" : "A ticket naming several products counts for each. "}Partners affected: distinct partners with such a ticket.`}
          >
            <HotspotTable report={report.data} />
          </Section>
        </Stack>
      )}
    </Page>
  );
}
