import "@mantine/charts/styles.css";
import { AreaChart } from "@mantine/charts";
import { Group, Paper, SegmentedControl, SimpleGrid, Text } from "@mantine/core";
import type { UsageSeries } from "../../api/types";
import type { PeriodDays } from "./library.api";

const series = [
  { name: "views", label: "Views", color: "teal.6" },
  { name: "downloads", label: "Downloads", color: "indigo.6" },
  { name: "cobrandDownloads", label: "Co-branded downloads", color: "orange.6" },
];

const shortDay = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

export function PeriodPicker({ value, onChange }: { value: PeriodDays; onChange: (days: PeriodDays) => void }) {
  return (
    <SegmentedControl
      aria-label="Period"
      value={String(value)}
      onChange={(days) => onChange(Number(days) as PeriodDays)}
      data={[
        { value: "30", label: "30 days" },
        { value: "90", label: "90 days" },
        { value: "365", label: "12 months" },
      ]}
    />
  );
}

export function UsageTotals({ usage }: { usage: UsageSeries }) {
  return (
    <SimpleGrid cols={3} spacing={{ base: "xs", sm: "sm" }}>
      {series.map((item) => (
        <Paper key={item.name} withBorder p="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {item.label}
          </Text>
          <Text fz="xl" fw={700}>
            {usage.totals[item.name as keyof UsageSeries["totals"]].toLocaleString()}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** Views and downloads per day. The totals above it carry the same figures for screen readers. */
export function UsageChart({ usage, label }: { usage: UsageSeries; label: string }) {
  const data = usage.days.map((day) => ({ ...day, label: shortDay.format(new Date(`${day.day}T00:00:00Z`)) }));
  return (
    <Group grow aria-label={label} role="figure">
      <AreaChart
        h={260}
        data={data}
        dataKey="label"
        series={series}
        curveType="monotone"
        withDots={false}
        withLegend
        legendProps={{ verticalAlign: "bottom" }}
        tickLine="y"
        gridAxis="x"
        fillOpacity={0.15}
        yAxisProps={{ allowDecimals: false, width: 40 }}
        xAxisProps={{ minTickGap: 24 }}
      />
    </Group>
  );
}
