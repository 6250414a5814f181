import "@mantine/charts/styles.css";
import { BarChart, GaugeChart } from "@mantine/charts";
import { Alert, Anchor, Box, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { SupportConsumption } from "../../api/types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { useSearchState } from "../../lib/useSearchState";
import { ConsumptionTable } from "./ConsumptionTable";
import { SupportMonthPicker } from "./SupportMonthPicker";
import { formatHours, formatMinor, formatMonth, thisMonth, useConsumption } from "./support-admin.api";

const topCount = 10;
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });

function Section({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section">
      <Stack gap="sm">
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
        {children}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value, hint, color }: { label: string; value: ReactNode; hint?: ReactNode; color?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fz="xl" fw={700} c={color}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

function capacityColor(share: number): string {
  if (share >= 1) return "red.7";
  if (share >= 0.8) return "orange.6";
  return "teal.6";
}

function CapacityGauge({ data }: { data: SupportConsumption }) {
  const canConfigure = useCan("support:configure");
  if (data.capacityHours <= 0) {
    return (
      <Alert color="gray" title="No team capacity set">
        {formatHours(data.usedHours)} used. Set the hours your team can give in a month on{" "}
        {canConfigure ? (
          <Anchor component={Link} to="/support/settings">
            Support desk settings
          </Anchor>
        ) : (
          "Support desk settings (a vendor admin can)"
        )}{" "}
        to see how full the desk is.
      </Alert>
    );
  }
  const share = data.usedShare * 100;
  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <GaugeChart
        value={share}
        max={Math.max(100, Math.ceil(share))}
        size={110}
        thickness={12}
        roundCaps
        filledColor={capacityColor(data.usedShare)}
        target={100}
        valueFormatter={(value) => `${Math.round(value)}%`}
        aria-label={`${percent.format(data.usedShare)} of the team's capacity used`}
        role="img"
      />
      <Stack gap={2}>
        <Text fw={700} fz="lg" lh={1.2}>
          {formatHours(data.usedHours)}
        </Text>
        <Text size="sm">of {formatHours(data.capacityHours)}</Text>
        <Text size="sm" c={data.usedShare >= 1 ? "red.7" : "dimmed"}>
          {data.usedShare >= 1
            ? `Over capacity by ${formatHours(data.usedHours - data.capacityHours)}`
            : `${formatHours(data.capacityHours - data.usedHours)} left this month`}
        </Text>
      </Stack>
    </Group>
  );
}

function Summary({ data }: { data: SupportConsumption }) {
  const using = data.partners.filter((row) => row.minutes > 0).length;
  const opened = data.partners.reduce((sum, row) => sum + row.ticketsOpened, 0);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
      <Paper withBorder p="sm" style={{ gridColumn: "span 1" }}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
          Team capacity used
        </Text>
        <CapacityGauge data={data} />
      </Paper>
      <Figure
        label="Support cost"
        value={formatMinor(data.costMinor, data.currency)}
        hint={`${formatHours(data.usedHours)} at ${formatMinor(data.costPerHourMinor, data.currency)} an hour`}
      />
      <Figure
        label="Partners over allowance"
        value={data.partnersOverAllowance}
        color={data.partnersOverAllowance > 0 ? "red.7" : undefined}
        hint={`of ${using} ${using === 1 ? "partner" : "partners"} with support time`}
      />
      <Figure label="Tickets opened" value={opened} hint={`in ${formatMonth(data.month)}`} />
    </SimpleGrid>
  );
}

/** The busiest partners: hours within the allowance, hours above it, and the allowance beside them. */
function TopPartnersChart({ data }: { data: SupportConsumption }) {
  const phone = useMediaQuery("(max-width: 36em)") ?? false;
  const top = [...data.partners]
    .filter((row) => row.minutes > 0)
    .sort((a, b) => b.hours - a.hours)
    .slice(0, topCount);
  if (top.length === 0) return null;
  const rows = top.map((row) => {
    const within = row.allowanceHours === null ? row.hours : Math.min(row.hours, row.allowanceHours);
    return {
      partner: row.partnerName.length > 28 ? `${row.partnerName.slice(0, 27)}…` : row.partnerName,
      within: Math.round(within * 10) / 10,
      over: Math.round(Math.max(0, row.hours - within) * 10) / 10,
      allowance: row.allowanceHours ?? 0,
    };
  });
  const topHours = top.slice(0, 3).reduce((sum, row) => sum + row.hours, 0);
  const described = top.map(
    (row) => `${row.partnerName}: ${formatHours(row.hours)}${row.allowanceHours === null ? "" : ` of ${formatHours(row.allowanceHours)} allowed`}`,
  );
  return (
    <Stack gap="xs">
      {data.usedHours > 0 ? (
        <Text size="sm">
          {top.length >= 3 ? "The top 3 partners" : top.map((row) => row.partnerName).join(" and ")} used{" "}
          <strong>{percent.format(topHours / data.usedHours)}</strong> of the hours the desk gave in {formatMonth(data.month)}.
        </Text>
      ) : null}
      <Box role="figure" aria-label={`Support hours of the ${top.length} busiest partners. ${described.join("; ")}.`}>
        <BarChart
          h={Math.max(220, rows.length * 44)}
          data={rows}
          dataKey="partner"
          orientation="vertical"
          series={[
            { name: "within", label: "Hours within allowance", color: "teal.6", stackId: "used" },
            { name: "over", label: "Hours above allowance", color: "red.6", stackId: "used" },
            { name: "allowance", label: "Allowance", color: "gray.4", stackId: "allowance" },
          ]}
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          valueFormatter={(value) => formatHours(value)}
          yAxisProps={{ width: phone ? 96 : 150 }}
          maxBarWidth={24}
          gridAxis="x"
          tickLine="x"
        />
      </Box>
    </Stack>
  );
}

export function ConsumptionPage() {
  const { values, set } = useSearchState(["month"] as const);
  const month = values.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(values.month) ? values.month : thisMonth();
  const consumption = useConsumption(month);
  const canSeeSettings = useCan("support:work");
  const data = consumption.data;
  const usingCount = data ? data.partners.filter((row) => row.minutes > 0).length : 0;
  return (
    <Page
      title="Support consumption"
      description="Who uses the support desk's hours, what they cost, and which partners go beyond their tier's allowance. Hours come from the time agents log on replies and notes."
      actions={<SupportMonthPicker label="Month" value={month} onChange={(next) => set({ month: next === thisMonth() ? null : next })} />}
    >
      {consumption.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading consumption">
          <Skeleton height={150} />
          <Skeleton height={320} />
        </Stack>
      ) : consumption.isError || !data ? (
        <ErrorAlert error={consumption.error} title="Consumption could not be loaded" onRetry={() => void consumption.refetch()} />
      ) : (
        <Stack gap="lg" style={{ opacity: consumption.isPlaceholderData ? 0.6 : 1 }}>
          <Summary data={data} />
          {data.partners.every((row) => row.minutes === 0 && row.ticketsOpened === 0) ? (
            <Paper withBorder>
              <Empty title={`No support time logged in ${formatMonth(data.month)}`}>
                Hours appear here as agents log minutes on their replies and notes. Pick another month above to look back.
              </Empty>
            </Paper>
          ) : (
            <>
              {usingCount > 0 ? (
                <Section
                  title={usingCount === 1 ? "The partner using support" : `Busiest ${Math.min(topCount, usingCount)} partners`}
                  hint="Hours used in the month against the monthly allowance of the partner's tier."
                >
                  <TopPartnersChart data={data} />
                </Section>
              ) : null}
              <Section
                title="Every partner"
                hint={
                  canSeeSettings ? (
                    <>
                      Allowances are set per tier on{" "}
                      <Anchor component={Link} to="/support/settings?tab=allowances">
                        Support desk settings
                      </Anchor>
                      .
                    </>
                  ) : (
                    "Allowances are set per tier by a vendor admin."
                  )
                }
              >
                <ConsumptionTable consumption={data} />
              </Section>
            </>
          )}
        </Stack>
      )}
    </Page>
  );
}
