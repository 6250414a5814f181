import { Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { EngagementList, formatMonth, UnusedAssetsList } from "./EngagementLists";
import { currentMonth, lastDays, type PeriodDays, useUsageOverview } from "./library.api";
import { PeriodPicker, UsageChart, UsageTotals } from "./UsageChart";
import { PartnerUsageTable, TopAssetsTable } from "./UsageTables";

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
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

export function LibraryAnalyticsPage() {
  const [days, setDays] = useState<PeriodDays>(30);
  const period = lastDays(days);
  const overview = useUsageOverview(period);
  const month = currentMonth();
  return (
    <Page
      title="Sales tools usage"
      description="Which sales tools partners use, and which partners use them. Only partner users count."
      actions={<PeriodPicker value={days} onChange={setDays} />}
    >
      <Section title="Views and downloads per day">
        {overview.isPending ? (
          <Skeleton height={340} aria-label="Loading usage" />
        ) : overview.isError ? (
          <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
        ) : (
          <>
            <UsageTotals usage={overview.data} />
            <UsageChart usage={overview.data} label={`Library usage per day from ${overview.data.from} to ${overview.data.to}`} />
          </>
        )}
      </Section>
      <Section title="Most used assets" hint="The 20 busiest in the period.">
        <TopAssetsTable period={period} />
      </Section>
      <Section title="Use per partner" hint="Choose a partner to see which of its people used the library.">
        <PartnerUsageTable period={period} />
      </Section>
      <Section
        title={`Engagement in ${formatMonth(month)}`}
        hint="Share of each partner's active users who opened or downloaded a sales tool this month."
      >
        <EngagementList month={month} />
      </Section>
      <Section
        title="Not used by any partner in 90 days"
        hint="Published assets nobody opened: refresh them, tell partners about them, or archive them."
      >
        <UnusedAssetsList />
      </Section>
    </Page>
  );
}
