import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { IncentiveSettings, PartnerCostPage } from "../../api/incentives-types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { DataTable } from "../../components/TableScroll";
import { formatMoney } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { useLiability } from "../rewards/rewards.api";
import { rewardsKey, useIncentiveSettings } from "./incentives.api";
import { points, pointsValueMinor } from "./incentives.labels";

const palette = ["teal.6", "indigo.6", "orange.6", "grape.6", "cyan.6", "red.6", "lime.7", "yellow.6"];
const shownPartners = 8;

function lastMonths(count: number): string[] {
  const now = new Date();
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1)).toISOString().slice(0, 7),
  );
}

const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, { month: "short", year: "2-digit", timeZone: "UTC" });

/** Points earned per partner per month (GET /incentives/cost), grouped for the chart and the table. */
function useCostByPartner(months: string[]) {
  const fromMonth = months[0] ?? "";
  const toMonth = months.at(-1) ?? "";
  return useQuery({
    queryKey: [...rewardsKey, "cost-by-partner", fromMonth, toMonth],
    queryFn: async () => {
      const report = await api<PartnerCostPage>("/incentives/cost", { query: { fromMonth, toMonth } });
      const partners = new Map<string, { name: string; total: number; byMonth: Map<string, number> }>();
      for (const row of report.items) {
        const partner = partners.get(row.partnerId) ?? { name: row.partnerName, total: 0, byMonth: new Map<string, number>() };
        partner.total += row.earnedPoints;
        partner.byMonth.set(row.month, (partner.byMonth.get(row.month) ?? 0) + row.earnedPoints);
        partners.set(row.partnerId, partner);
      }
      return { partners: [...partners.entries()].map(([id, row]) => ({ id, ...row })).sort((a, b) => b.total - a.total) };
    },
  });
}

function LiabilityCards({ settings }: { settings: IncentiveSettings | undefined }) {
  const liability = useLiability();
  if (liability.isError) return <ErrorAlert error={liability.error} onRetry={() => void liability.refetch()} />;
  const data = liability.data;
  const money = (minor: number) => formatMoney({ amountMinor: minor, currency: data?.currency ?? settings?.currency ?? "EUR" });
  const cards = data
    ? [
        { label: "Owed to reps", value: money(data.valueMinor), hint: `${points(data.points)} not yet redeemed` },
        {
          label: "Available points",
          value: points(data.availablePoints),
          hint: settings ? money(pointsValueMinor(data.availablePoints, settings.valueMinorPer1000Points)) : "",
        },
        { label: "Reserved points", value: points(data.reservedPoints), hint: "Held by redemptions awaiting fulfilment" },
      ]
    : [];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      {data
        ? cards.map((card) => (
            <Paper key={card.label} withBorder p="md" component="section" aria-label={card.label}>
              <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                {card.label}
              </Text>
              <Text fz={26} fw={700}>
                {card.value}
              </Text>
              <Text size="xs" c="dimmed">
                {card.hint}
              </Text>
            </Paper>
          ))
        : [1, 2, 3].map((key) => <Skeleton key={key} height={96} />)}
    </SimpleGrid>
  );
}

/** What the program owes (liability) and what it costs, per partner per month. */
export function ProgramCostPage() {
  const { values, set } = useSearchState(["months"] as const);
  const count = values.months === "12" ? 12 : 6;
  const months = lastMonths(count);
  const settings = useIncentiveSettings();
  const cost = useCostByPartner(months);
  const value = (pts: number) =>
    settings.data
      ? formatMoney({ amountMinor: pointsValueMinor(pts, settings.data.valueMinorPer1000Points), currency: settings.data.currency })
      : "—";
  const top = cost.data?.partners.slice(0, shownPartners) ?? [];
  const others = cost.data?.partners.slice(shownPartners) ?? [];
  const series = [
    ...top.map((partner, i) => ({ name: partner.id, label: partner.name, color: palette[i % palette.length] ?? "gray.6" })),
    ...(others.length ? [{ name: "others", label: `${others.length} other partners`, color: "gray.5" }] : []),
  ];
  const chart = months.map((month) => ({
    month: monthLabel(month),
    ...Object.fromEntries(top.map((partner) => [partner.id, partner.byMonth.get(month) ?? 0])),
    ...(others.length ? { others: others.reduce((sum, partner) => sum + (partner.byMonth.get(month) ?? 0), 0) } : {}),
  }));

  return (
    <Page
      title="Program cost"
      description="What the program owes reps today, and the points it paid each partner's reps month by month, at today's point value."
    >
      <LiabilityCards settings={settings.data} />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Incentive cost per partner per month
          </Title>
          <SegmentedControl
            aria-label="Months shown"
            value={String(count)}
            onChange={(next) => set({ months: next === "12" ? "12" : null })}
            data={[
              { value: "6", label: "6 months" },
              { value: "12", label: "12 months" },
            ]}
            style={{ alignSelf: "flex-start" }}
          />
          {cost.isPending ? (
            <Skeleton height={280} />
          ) : cost.isError ? (
            <ErrorAlert error={cost.error} onRetry={() => void cost.refetch()} />
          ) : cost.data.partners.length === 0 ? (
            <Empty title="No points earned in these months">Once claims are approved, each partner's points show here month by month.</Empty>
          ) : (
            <>
              <figure aria-label="Points earned per partner per month; the table below has the same figures" style={{ margin: 0 }}>
                <BarChart
                  h={300}
                  data={chart}
                  dataKey="month"
                  type="stacked"
                  series={series}
                  withLegend
                  legendProps={{ verticalAlign: "bottom" }}
                  yAxisProps={{ width: 56 }}
                />
              </figure>
              <DataTable minWidth={520} caption={`Totals over the last ${count} months`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Partner</Table.Th>
                    <Table.Th ta="right">Points earned</Table.Th>
                    <Table.Th ta="right">Cost</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cost.data.partners.map((partner) => (
                    <Table.Tr key={partner.id}>
                      <Table.Td>{partner.name}</Table.Td>
                      <Table.Td ta="right">{partner.total.toLocaleString()}</Table.Td>
                      <Table.Td ta="right">{value(partner.total)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </DataTable>
            </>
          )}
        </Stack>
      </Paper>
    </Page>
  );
}
