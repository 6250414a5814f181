import { Button, Paper, Stack } from "@mantine/core";
import { Link } from "react-router";
import { ApiError } from "../../../api/client";
import { useCan, useUser } from "../../../auth/session";
import { Empty } from "../../../components/Empty";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { Page } from "../../../components/Page";
import { PageSkeleton } from "../../../components/Skeletons";
import { useSearchState } from "../../../lib/useSearchState";
import { thisMonth } from "../../support/support-admin.api";
import { PeriodPicker } from "../PeriodPicker";
import { isMonth, isPeriod } from "../portfolio.format";
import { BusinessPlanView } from "./BusinessPlanView";
import { type PeriodChoice, useScorecard } from "./relationship.api";
import { ScorecardTrends } from "./ScorecardTrends";
import { ScorecardBody } from "./ScorecardView";
import { SellThroughView } from "./SellThroughView";

// The partner portal's side of the relationship (partner admins): the joint business plan, read
// only; sell-through uploads; and the partner's own scorecard when the vendor shares it.
//
// "My scorecard" is not in the navigation: whether the vendor shares scorecards is a setting the
// partner cannot read, and the nav is static per role. The business plan page asks the scorecard
// once (404: not shared) and shows a "My scorecard" button only when it answers; the scorecard page
// itself explains a 404 instead of showing an error.

const notShared = (error: unknown) => error instanceof ApiError && error.status === 404;

export function PortalBusinessPlanPage() {
  const user = useUser();
  const partnerId = user.partnerId ?? "";
  const scorecard = useScorecard(partnerId, { period: "t12", endMonth: thisMonth() });
  return (
    <Page
      title="Joint business plan"
      description="What you and the vendor agreed for the year: your targets and commitments, the vendor's, and how far each side has come. Figures such as revenue fill in from your reported sales."
      actions={
        scorecard.isSuccess ? (
          <Button component={Link} to="/portal/scorecard" variant="default">
            My scorecard
          </Button>
        ) : null
      }
    >
      <BusinessPlanView partnerId={partnerId} canWrite={false} />
    </Page>
  );
}

export function PortalSellThroughPage() {
  const user = useUser();
  const canReport = useCan("sales:report");
  return (
    <Page
      title="Sell-through"
      description="Report what you sold (and what came back) so your revenue counts towards your plan and your rewards. Upload a CSV: check it, then import."
    >
      <SellThroughView
        partnerId={user.partnerId ?? ""}
        canReport={canReport}
        emptyHint="Upload your sell-through report as a CSV file: date, SKU, quantity and net amount per line, with serials and end customer when you have them."
      />
    </Page>
  );
}

export function PortalScorecardPage() {
  const user = useUser();
  const { values, set } = useSearchState(["period", "end"] as const);
  const choice: PeriodChoice = { period: isPeriod(values.period) ? values.period : "t12", endMonth: isMonth(values.end) ? values.end : thisMonth() };
  const scorecard = useScorecard(user.partnerId ?? "", choice);
  if (scorecard.isPending) return <PageSkeleton />;
  if (scorecard.isError) {
    return (
      <Page title="My scorecard">
        {notShared(scorecard.error) ? (
          <Paper withBorder>
            <Empty
              title="Your scorecard is not shared"
              actions={
                <Button component={Link} to="/portal/business-plan" variant="default">
                  See the business plan
                </Button>
              }
            >
              The vendor has not made partner scorecards visible. Ask your channel manager for your latest quarterly review.
            </Empty>
          </Paper>
        ) : (
          <ErrorAlert error={scorecard.error} title="Your scorecard could not be loaded" onRetry={() => void scorecard.refetch()} />
        )}
      </Page>
    );
  }
  const data = scorecard.data;
  return (
    <Page
      title="My scorecard"
      description="How the relationship stands in the vendor's figures: what you sell, what it earns, what it costs to serve you, and your health score."
      actions={
        <PeriodPicker
          period={choice.period}
          endMonth={choice.endMonth}
          onChange={(next) => set({ period: next.period === "t12" ? null : next.period, end: next.endMonth === thisMonth() ? null : next.endMonth })}
        />
      }
    >
      <Stack gap="md" style={{ opacity: scorecard.isPlaceholderData ? 0.6 : 1 }}>
        <ScorecardBody data={data} />
        <ScorecardTrends trend={data.trend} currency={data.scorecard.currency} />
      </Stack>
    </Page>
  );
}
