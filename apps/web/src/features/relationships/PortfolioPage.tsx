import { Alert, Anchor, Button, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Portfolio, PortfolioQuadrant } from "../../api/relationships-types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { formatDateTime } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { formatMonth, thisMonth } from "../support/support-admin.api";
import { AttentionPanel } from "./AttentionPanel";
import { PeriodPicker } from "./PeriodPicker";
import { PortfolioScatter } from "./PortfolioScatter";
import { PortfolioTable, type TableFilters } from "./PortfolioTable";
import { type PeriodChoice, portfolioCsvUrl, usePortfolio, useRefreshFigures } from "./portfolio.api";
import { isMonth, isPeriod, money, periodLabels, plural, quadrantColors, quadrantHints, quadrantLabels, quadrants } from "./portfolio.format";

function Section({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section" aria-label={title}>
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

/** One card per quadrant: how many partners, what they contribute; choosing one filters the table. */
function QuadrantCards({
  portfolio,
  selected,
  onSelect,
}: {
  portfolio: Portfolio;
  selected: PortfolioQuadrant | null;
  onSelect: (q: PortfolioQuadrant | null) => void;
}) {
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      {quadrants.map((quadrant) => {
        const members = portfolio.partners.filter((row) => row.quadrant === quadrant);
        const net = members.reduce((sum, row) => sum + row.netContributionMinor, 0);
        const pressed = selected === quadrant;
        return (
          <UnstyledButton
            key={quadrant}
            aria-pressed={pressed}
            onClick={() => onSelect(pressed ? null : quadrant)}
            title={pressed ? "Show every quadrant in the table" : `Show only the ${quadrantLabels[quadrant].toLowerCase()} partners in the table`}
          >
            <Paper
              withBorder
              p="sm"
              h="100%"
              style={{
                borderLeft: `4px solid var(--mantine-color-${quadrantColors[quadrant]}-6)`,
                outline: pressed ? `2px solid var(--mantine-color-${quadrantColors[quadrant]}-6)` : undefined,
              }}
            >
              <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                {quadrantLabels[quadrant]}
              </Text>
              <Text fz={28} fw={700} lh={1.2}>
                {portfolio.quadrantCounts[quadrant]}
              </Text>
              <Text size="xs" c={net < 0 ? "red.8" : "dimmed"}>
                Net {money(net, portfolio.currency)}
              </Text>
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {quadrantHints[quadrant]}
              </Text>
            </Paper>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}

function NoFigures({
  canRefresh,
  onRefresh,
  refreshing,
  pastPeriod,
}: {
  canRefresh: boolean;
  onRefresh: () => void;
  refreshing: boolean;
  /** A period the user picked in the past: say so, rather than "nothing recorded at all". */
  pastPeriod: string | null;
}) {
  if (pastPeriod) {
    return (
      <Paper withBorder>
        <Empty title="No figures in this period">
          No partner had sales, claims, support time or costs recorded in the {pastPeriod}. Pick a later month above.
        </Empty>
      </Paper>
    );
  }
  return (
    <Paper withBorder>
      <Empty
        title="No figures yet"
        actions={
          canRefresh ? (
            <Button onClick={onRefresh} loading={refreshing}>
              Refresh now
            </Button>
          ) : null
        }
      >
        <Text size="sm" c="dimmed" ta="center" maw={620} mx="auto">
          Each partner's revenue comes from the sell-through it reports and the incentive claims you approve; its margin from your{" "}
          <Anchor component={Link} to="/relationships/settings">
            margins per product family
          </Anchor>
          ; its cost from{" "}
          <Anchor component={Link} to="/support/consumption">
            support time
          </Anchor>
          , incentive points paid and the cost lines (marketing funds, channel-manager hours, training) recorded on each{" "}
          <Anchor component={Link} to="/partners">
            partner
          </Anchor>
          . Once any of these is recorded, the figures appear here after the next refresh (hourly, or now).
        </Text>
      </Empty>
    </Paper>
  );
}

function hasFigures(portfolio: Portfolio): boolean {
  return portfolio.partners.some((row) => row.revenueMinor !== 0 || row.marginMinor !== 0 || row.resourcesMinor !== 0);
}

/** Every partner on one screen: margin against the resources it consumes, and what needs attention today. */
export function PortfolioPage() {
  const { values, set } = useSearchState(["period", "end", "quadrant", "flagged"] as const);
  const period = isPeriod(values.period) ? values.period : "t12";
  const endMonth = isMonth(values.end) ? values.end : undefined;
  const choice: PeriodChoice = { period, endMonth };
  const quadrant = quadrants.find((q) => q === values.quadrant) ?? null;
  const filters: TableFilters = { quadrant, flaggedOnly: values.flagged === "1" };
  const portfolio = usePortfolio(choice);
  const refresh = useRefreshFigures();
  const canRefresh = useCan("relationships:write");
  const data = portfolio.data;

  const runRefresh = () =>
    refresh.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show({
          color: "teal",
          message: `Figures refreshed: ${plural(result.partners, "partner")} over ${plural(result.months, "month")} in ${Math.round(result.ms)} ms.`,
        }),
    });
  const setFilters = (next: Partial<TableFilters>) =>
    set({
      ...("quadrant" in next ? { quadrant: next.quadrant ?? null } : {}),
      ...("flaggedOnly" in next ? { flagged: next.flaggedOnly ? "1" : null } : {}),
    });

  return (
    <Page
      title="Relationships"
      description="Every partner's margin against the resources it consumes: whom to invest in, maintain, fix or cut."
      actions={
        <>
          <Button component={Link} to="/relationships/capacity" variant="default">
            Capacity
          </Button>
          <Button component={Link} to="/relationships/settings" variant="default">
            Settings
          </Button>
          <Button component="a" href={portfolioCsvUrl(choice)} download variant="default">
            Export CSV
          </Button>
          {canRefresh ? (
            <Button onClick={runRefresh} loading={refresh.isPending}>
              Refresh now
            </Button>
          ) : null}
        </>
      }
    >
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <PeriodPicker
          period={period}
          endMonth={endMonth ?? data?.endMonth ?? thisMonth()}
          onChange={(next) => set({ period: next.period === "t12" ? null : next.period, end: next.endMonth })}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {data ? (data.refreshedAt ? `Figures as of ${formatDateTime(data.refreshedAt)}` : "Figures not refreshed yet") : null}
        </Text>
      </Group>
      {data && data.otherCurrencies.length > 0 ? <OtherCurrencies portfolio={data} /> : null}
      {refresh.isPending ? (
        <Stack gap={4} aria-live="polite">
          <Progress value={100} animated striped aria-label="Refreshing figures" />
          <Text size="xs" c="dimmed">
            Pulling sell-through, claims, support time, points and cost lines again for this month and the last…
          </Text>
        </Stack>
      ) : null}
      <ErrorAlert error={refresh.error} title="The figures could not be refreshed" />
      {portfolio.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading the portfolio">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            {[1, 2, 3, 4].map((key) => (
              <Skeleton key={key} height={104} />
            ))}
          </SimpleGrid>
          <Skeleton height={460} />
        </Stack>
      ) : portfolio.isError || !data ? (
        <ErrorAlert error={portfolio.error} title="The portfolio could not be loaded" onRetry={() => void portfolio.refetch()} />
      ) : !hasFigures(data) ? (
        <Stack gap="lg">
          <NoFigures
            canRefresh={canRefresh}
            onRefresh={runRefresh}
            refreshing={refresh.isPending}
            pastPeriod={endMonth && endMonth < thisMonth() ? `${periodLabels[data.period].toLowerCase()} ending ${formatMonth(data.endMonth)}` : null}
          />
          <AttentionPanel currency={data.currency} />
        </Stack>
      ) : (
        <Stack gap="lg" style={{ opacity: portfolio.isPlaceholderData ? 0.6 : 1 }}>
          <QuadrantCards portfolio={data} selected={filters.quadrant} onSelect={(q) => setFilters({ quadrant: q })} />
          <AttentionPanel currency={data.currency} onShowFlagged={() => setFilters({ flaggedOnly: true })} />
          <Section
            title="Portfolio map"
            hint={`${periodLabels[data.period]} ending ${formatMonth(data.endMonth)}. Above the diagonal a partner's margin covers what it costs; right of the median line it is one of the heavier half to serve. Choose a bubble to open the partner's scorecard.`}
          >
            <PortfolioScatter portfolio={data} />
          </Section>
          <Section title="Every partner">
            <PortfolioTable portfolio={data} filters={filters} onFilters={setFilters} />
          </Section>
        </Stack>
      )}
    </Page>
  );
}

const sourceNames = { support: "Support cost", incentives: "Incentive points' value" } as const;
const settingsLinks = { support: "/support/settings", incentives: "/incentives/settings" } as const;

/** Money the scorecards cannot count: Trellis keeps no exchange rates, so it is shown as not measured. */
function OtherCurrencies({ portfolio }: { portfolio: Portfolio }) {
  return (
    <Alert color="yellow" title="Some costs are not measured">
      <Stack gap={4}>
        {portfolio.otherCurrencies.map((source) => (
          <Text key={source.source} size="sm">
            {sourceNames[source.source]} is kept in {source.currency}, not the reporting currency {portfolio.currency}, so it is not counted.{" "}
            <Anchor component={Link} to={settingsLinks[source.source]}>
              Count it in {portfolio.currency}
            </Anchor>
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
