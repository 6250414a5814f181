import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Alert, Anchor, Box, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { CapacityView } from "../../api/relationships-types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { capacityStatement } from "./capacity.text";
import { useCapacity, useRelationshipSettings } from "./portfolio.api";
import { formatHours, plural } from "./portfolio.format";
import { WhatIfPanel } from "./WhatIfPanel";

const chartPartners = 30;

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

function Statement({ view }: { view: CapacityView }) {
  const canConfigure = useCan("relationships:configure");
  const settingsLink = canConfigure ? (
    <Anchor component={Link} to="/relationships/settings">
      relationship settings
    </Anchor>
  ) : (
    "relationship settings (a vendor admin or finance can change them)"
  );
  if (view.hoursAvailable <= 0) {
    return (
      <Alert color="gray" title="No team hours set">
        Set the support and channel-manager hours your team has each month in the {settingsLink} to see how many partners it can support well.
      </Alert>
    );
  }
  if (view.hoursPerPartner <= 0) {
    return (
      <Alert color="gray" title="The hours a partner needs are not known yet">
        No active partner has logged support or channel-manager hours, so the hours a well-supported partner needs cannot be measured. Set them in the{" "}
        {settingsLink}, or log time against partners.
      </Alert>
    );
  }
  const { headline, detail, tone } = capacityStatement(view);
  const color = tone === "over" ? "red" : tone === "at" ? "orange" : "teal";
  return (
    <Paper withBorder p="md" style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }} component="section" aria-label="Capacity">
      <Text fz={{ base: "lg", sm: 24 }} fw={700} lh={1.3}>
        {headline}
      </Text>
      <Text size="sm" mt={4}>
        {detail}
      </Text>
    </Paper>
  );
}

function Figures({ view }: { view: CapacityView }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      <Figure
        label="Hours available a month"
        value={formatHours(view.hoursAvailable)}
        hint={`${formatHours(view.supportHoursAvailable)} support + ${formatHours(view.channelManagerHoursAvailable)} channel managers`}
      />
      <Figure
        label="Hours a partner needs"
        value={formatHours(view.hoursPerPartner)}
        hint={
          view.hoursPerPartnerSource === "set"
            ? "As set in the relationship settings"
            : "Measured: the median of the healthiest quarter of your active partners"
        }
      />
      <Figure
        label="Partners supportable"
        value={view.partnersSupportable.toLocaleString()}
        color={view.overBy > 0 ? "red.8" : undefined}
        hint={`${formatHours(view.hoursAvailable)} ÷ ${formatHours(view.hoursPerPartner)}, rounded down`}
      />
      <Figure
        label="Active partners today"
        value={view.activePartners.toLocaleString()}
        hint={`Using ${formatHours(view.hoursUsed)} a month on average over the last 12 months`}
      />
    </SimpleGrid>
  );
}

function HoursChart({ view }: { view: CapacityView }) {
  const phone = useMediaQuery("(max-width: 36em)") ?? false;
  const top = view.partners.filter((partner) => partner.monthlyHours > 0).slice(0, chartPartners);
  if (top.length === 0) {
    return <Empty title="No hours logged yet">Support time and channel-manager hours logged against partners show here.</Empty>;
  }
  const need = view.hoursPerPartner;
  const rows = top.map((partner) => ({
    partner: partner.name.length > 26 ? `${partner.name.slice(0, 25)}…` : partner.name,
    hours: partner.monthlyHours,
  }));
  const above = top.filter((partner) => need > 0 && partner.monthlyHours > need).length;
  const described = top.map((partner) => `${partner.name}: ${formatHours(partner.monthlyHours)}`).join("; ");
  return (
    <Stack gap="xs">
      <Text size="sm">
        {need > 0
          ? `The red line marks the ${formatHours(need)} a well-supported partner needs; ${plural(above, "partner")} (orange) ${above === 1 ? "uses" : "use"} more.`
          : "Hours each partner uses a month."}
        {view.partners.length > top.length ? ` The ${top.length} partners using the most hours are shown; the table below lists every one.` : ""}
      </Text>
      <Box role="figure" aria-label={`Monthly hours per partner against the ${formatHours(need)} a partner needs. ${described}.`}>
        <BarChart
          h={Math.max(200, rows.length * 30 + 60)}
          data={rows}
          dataKey="partner"
          orientation="vertical"
          series={[{ name: "hours", label: "Hours a month", color: "teal.6" }]}
          getBarColor={(value) => (need > 0 && value > need ? "orange.6" : "teal.6")}
          referenceLines={need > 0 ? [{ x: need, color: "red.7", strokeWidth: 2 }] : []}
          valueFormatter={(value) => formatHours(value)}
          yAxisProps={{ width: phone ? 100 : 170 }}
          maxBarWidth={20}
          gridAxis="x"
          tickLine="x"
        />
      </Box>
    </Stack>
  );
}

/** How many partners the team's hours support well, against today's count, with a what-if for cutting or adding. */
export function CapacityPage() {
  const capacity = useCapacity();
  const settings = useRelationshipSettings();
  const view = capacity.data;
  return (
    <Page
      title="Capacity"
      description="Support and channel-manager hours available a month, the hours a partner needs to be supported well, and how many partners that makes."
    >
      {capacity.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading capacity">
          <Skeleton height={90} />
          <Skeleton height={96} />
          <Skeleton height={320} />
        </Stack>
      ) : capacity.isError || !view ? (
        <ErrorAlert error={capacity.error} title="Capacity could not be loaded" onRetry={() => void capacity.refetch()} />
      ) : (
        <Stack gap="lg">
          <Statement view={view} />
          <Figures view={view} />
          <Paper withBorder p={{ base: "sm", sm: "md" }} component="section" aria-label="Hours per partner">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Hours per partner
              </Title>
              <HoursChart view={view} />
            </Stack>
          </Paper>
          <WhatIfPanel view={view} currency={settings.data?.currency ?? null} />
        </Stack>
      )}
    </Page>
  );
}
