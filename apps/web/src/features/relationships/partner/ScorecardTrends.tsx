import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import { Box, SimpleGrid, Text } from "@mantine/core";
import type { TrendPoint } from "../../../api/relationships-types";
import { formatMonth } from "./labels";
import { formatHours, formatMinor, toMajor } from "./money";
import { Section } from "./Section";

// 24 months of the partner's money and support time. Charts carry a spoken summary in their
// aria-label; the figures themselves are on the scorecard and in the CSV export.

const moneySeries = [
  { name: "revenue", label: "Revenue", color: "blue.6" },
  { name: "margin", label: "Margin", color: "teal.6" },
  { name: "resources", label: "Resources", color: "orange.6" },
  { name: "net", label: "Net contribution", color: "grape.7" },
];

function compactMoney(currency: string) {
  const format = new Intl.NumberFormat(undefined, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  return (value: number) => format.format(value);
}

export function ScorecardTrends({ trend, currency }: { trend: TrendPoint[]; currency: string }) {
  const money = compactMoney(currency);
  const rows = trend.map((point) => ({
    month: formatMonth(point.month, true),
    revenue: toMajor(point.revenueMinor, currency),
    margin: toMajor(point.marginMinor, currency),
    resources: toMajor(point.resourcesMinor, currency),
    net: toMajor(point.netContributionMinor, currency),
    // null stays null: a month without a support figure is a gap, not zero hours.
    supportHours: point.supportMinutes === null ? null : Math.round((point.supportMinutes / 60) * 10) / 10,
  }));
  const first = trend[0];
  const last = trend[trend.length - 1];
  const totalNet = trend.reduce((sum, point) => sum + point.netContributionMinor, 0);
  const negativeMonths = trend.filter((point) => point.netContributionMinor < 0).length;
  const supportMeasured = trend.some((point) => point.supportMinutes !== null);
  const supportTotal = trend.reduce((sum, point) => sum + (point.supportMinutes ?? 0), 0) / 60;
  const moneySummary =
    first && last
      ? `Monthly revenue, margin, resources and net contribution from ${formatMonth(first.month)} to ${formatMonth(last.month)}. ` +
        `Net contribution over the 24 months ${formatMinor(totalNet, currency)}; negative in ${negativeMonths} of them. ` +
        `Latest month: revenue ${formatMinor(last.revenueMinor, currency)}, resources ${formatMinor(last.resourcesMinor, currency)}.`
      : "No months to show.";
  return (
    <Section title="24-month trend" hint="Money per month in the reporting currency; the dashed line is zero net contribution.">
      <SimpleGrid cols={{ base: 1, lg: 1 }} spacing="md">
        <Box role="figure" aria-label={moneySummary}>
          <LineChart
            h={280}
            data={rows}
            dataKey="month"
            series={moneySeries}
            curveType="linear"
            withDots={false}
            withLegend
            legendProps={{ verticalAlign: "bottom" }}
            valueFormatter={money}
            yAxisProps={{ width: 64 }}
            xAxisProps={{ minTickGap: 16 }}
            gridAxis="y"
            referenceLines={[{ y: 0, color: "gray.5", strokeDasharray: "4 4" }]}
          />
        </Box>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Support hours per month
          </Text>
          {supportMeasured ? (
            <Box
              role="figure"
              aria-label={`Support hours per month over 24 months, ${formatHours(supportTotal)} in all; months without a figure are left blank.`}
            >
              <BarChart
                h={180}
                data={rows}
                dataKey="month"
                series={[{ name: "supportHours", label: "Support hours", color: "orange.5" }]}
                valueFormatter={(value) => formatHours(value)}
                yAxisProps={{ width: 48 }}
                xAxisProps={{ minTickGap: 16 }}
                gridAxis="y"
                maxBarWidth={18}
              />
            </Box>
          ) : (
            <Text size="sm" c="dimmed" fs="italic">
              Support hours are not measured for this partner.
            </Text>
          )}
        </div>
      </SimpleGrid>
    </Section>
  );
}
