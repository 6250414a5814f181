import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Stack, Tabs, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { ApiError } from "../../../api/client";
import type { PartnerScorecard } from "../../../api/relationships-types";
import { useCan } from "../../../auth/session";
import { Empty } from "../../../components/Empty";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { Page } from "../../../components/Page";
import { PageSkeleton } from "../../../components/Skeletons";
import { humanize } from "../../../lib/format";
import { useSearchState } from "../../../lib/useSearchState";
import { thisMonth } from "../../support/support-admin.api";
import { PeriodPicker } from "../PeriodPicker";
import { isMonth, isPeriod, quadrantColors, quadrantLabels } from "../portfolio.format";
import { BusinessPlanView } from "./BusinessPlanView";
import { CostLinesTab } from "./CostLinesTab";
import { DecisionPanel } from "./DecisionPanel";
import { RelationshipTimeline } from "./RelationshipTimeline";
import { exportUrl, type PeriodChoice, useScorecard } from "./relationship.api";
import { ScorecardTrends } from "./ScorecardTrends";
import { FlagsList, ScorecardBody } from "./ScorecardView";
import { SellThroughView } from "./SellThroughView";

// One partner's relationship, for the vendor's channel team: the scorecard for a period with its
// 24-month trend, the fix / watch / cut decision and the timeline beside it, and tabs for the joint
// business plan, cost lines and sell-through. URL: /relationships/partners/:partnerId?period=&end=&tab=

const tabs = ["scorecard", "plan", "costs", "sell-through"] as const;
type Tab = (typeof tabs)[number];

function Header({ data, choice }: { data: PartnerScorecard; choice: PeriodChoice }) {
  const { partner, scorecard } = data;
  return (
    <Group gap="xs">
      <Badge variant="light" color={partner.status === "active" ? "teal" : "orange"}>
        {humanize(partner.status)}
      </Badge>
      {partner.tierName ? <Badge variant="light">{partner.tierName}</Badge> : <Badge variant="outline">No tier</Badge>}
      <Badge color={quadrantColors[scorecard.quadrant]} variant="outline">
        {quadrantLabels[scorecard.quadrant]} quadrant
      </Badge>
      <Text span size="sm" c="dimmed">
        Channel manager: {partner.channelManagerName ?? "none assigned"}
      </Text>
      <Group gap="xs" ml={{ base: 0, md: "auto" }}>
        <Button component="a" href={exportUrl(partner.id, "review.pdf", choice)} size="xs" variant="default" download>
          Download review (PDF)
        </Button>
        <Button component="a" href={exportUrl(partner.id, "scorecard.csv", choice)} size="xs" variant="default" download>
          Scorecard CSV
        </Button>
      </Group>
    </Group>
  );
}

function ScorecardTab({ data }: { data: PartnerScorecard }) {
  return (
    <Stack gap="md">
      <ScorecardBody data={data} />
      <ScorecardTrends trend={data.trend} currency={data.scorecard.currency} />
    </Stack>
  );
}

export function PartnerRelationshipPage() {
  const { partnerId = "" } = useParams();
  const { values, set } = useSearchState(["period", "end", "tab"] as const);
  const choice: PeriodChoice = { period: isPeriod(values.period) ? values.period : "t12", endMonth: isMonth(values.end) ? values.end : thisMonth() };
  const tab: Tab = tabs.find((value) => value === values.tab) ?? "scorecard";
  const scorecard = useScorecard(partnerId, choice);
  const canWrite = useCan("relationships:write");
  const canCost = useCan("relationships:costs");
  const canReport = useCan("sales:report");

  if (scorecard.isPending) return <PageSkeleton />;
  if (scorecard.isError) {
    const missing = scorecard.error instanceof ApiError && scorecard.error.status === 404;
    return (
      <Page title={missing ? "Partner not found" : "Partner relationship"}>
        {missing ? (
          <Empty
            title="There is no such partner"
            actions={
              <Anchor component={Link} to="/relationships">
                Back to the portfolio
              </Anchor>
            }
          >
            It may have been archived, or the link is mistyped.
          </Empty>
        ) : (
          <ErrorAlert error={scorecard.error} title="The scorecard could not be loaded" onRetry={() => void scorecard.refetch()} />
        )}
      </Page>
    );
  }
  const data = scorecard.data;
  const { partner } = data;
  return (
    <Page title={partner.name} description={<Header data={data} choice={choice} />}>
      <Group justify="space-between" gap="sm">
        <Breadcrumbs>
          <Anchor component={Link} to="/relationships" size="sm">
            Portfolio
          </Anchor>
          <Anchor component={Link} to={`/partners/${encodeURIComponent(partner.id)}`} size="sm">
            {partner.name}
          </Anchor>
          <Text size="sm">Relationship</Text>
        </Breadcrumbs>
        <PeriodPicker
          period={choice.period}
          endMonth={choice.endMonth}
          onChange={(next) => set({ period: next.period === "t12" ? null : next.period, end: next.endMonth === thisMonth() ? null : next.endMonth })}
        />
      </Group>
      <Grid gap="md" style={{ opacity: scorecard.isPlaceholderData ? 0.6 : 1 }}>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <FlagsList data={data} />
            <Tabs value={tab} onChange={(value) => set({ tab: value && value !== "scorecard" ? value : null })} keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="scorecard">Scorecard</Tabs.Tab>
                <Tabs.Tab value="plan">Joint business plan</Tabs.Tab>
                <Tabs.Tab value="costs">Cost lines</Tabs.Tab>
                <Tabs.Tab value="sell-through">Sell-through</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="scorecard" pt="md">
                <ScorecardTab data={data} />
              </Tabs.Panel>
              <Tabs.Panel value="plan" pt="md">
                <BusinessPlanView partnerId={partner.id} canWrite={canWrite} />
              </Tabs.Panel>
              <Tabs.Panel value="costs" pt="md">
                <CostLinesTab partnerId={partner.id} canAdd={canCost} currency={data.scorecard.currency} />
              </Tabs.Panel>
              <Tabs.Panel value="sell-through" pt="md">
                <SellThroughView
                  partnerId={partner.id}
                  canReport={canReport}
                  emptyHint="Upload the partner's sell-through report (CSV), or let the partner upload it from its portal. Lines can also be posted through the API."
                />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <DecisionPanel partnerId={partner.id} partnerName={partner.name} canWrite={canWrite} />
            <RelationshipTimeline partnerId={partner.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
