import { Accordion, Alert, Badge, Group, List, Skeleton, Stack, Text } from "@mantine/core";
import type { Decision } from "../../../api/relationship-decisions-types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatDate, formatDateTime } from "../../../lib/format";
import { decisionLabels } from "../portfolio.format";
import { ActionList, AddActionButton, CloseDecisionButton, ReviewButton } from "./DecisionActions";
import { DecisionForm } from "./DecisionForm";
import { decisionColors, decisionOutcomeLabels, reviewOutcomeLabels } from "./labels";
import { dayFromToday, useDecisions, useOffboarding } from "./relationship.api";
import { Section } from "./Section";

// The fix-or-cut panel: the open decision with its actions, reviews and (for a cut) what is left to
// settle; or, when none is open, the form that records one. Earlier decisions are listed below.

const stageLabels = { notice: "Notice given", reduced: "Access reduced", removed: "Removed" } as const;

function OffboardingSettle({ partnerId }: { partnerId: string }) {
  const offboarding = useOffboarding(partnerId, true);
  if (offboarding.isPending) return <Skeleton height={60} />;
  if (offboarding.isError) return <ErrorAlert error={offboarding.error} title="What is left to settle could not be loaded" />;
  const { settle } = offboarding.data;
  const open = settle.openTickets + settle.pendingClaims + settle.openRedemptions;
  return (
    <Alert color={open > 0 ? "orange" : "teal"} title="To settle before the partner leaves" variant="light">
      <List size="sm" spacing={2}>
        <List.Item>
          {settle.openTickets} open support {settle.openTickets === 1 ? "ticket" : "tickets"}
        </List.Item>
        <List.Item>
          {settle.pendingClaims} incentive {settle.pendingClaims === 1 ? "claim" : "claims"} waiting for review
        </List.Item>
        <List.Item>
          {settle.openRedemptions} reward {settle.openRedemptions === 1 ? "redemption" : "redemptions"} not yet fulfilled
        </List.Item>
      </List>
      {open === 0 ? (
        <Text size="sm" mt={4}>
          Nothing is left open. The partner's data is kept after it leaves.
        </Text>
      ) : null}
    </Alert>
  );
}

function ReviewHistory({ decision }: { decision: Decision }) {
  if (decision.reviews.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        Reviews
      </Text>
      {decision.reviews.map((review) => (
        <Text key={review.id} size="sm">
          <strong>{reviewOutcomeLabels[review.outcome].split(":")[0]}</strong> · {formatDate(review.reviewedAt)}
          {review.reviewedByName ? ` · ${review.reviewedByName}` : ""}
          {review.nextReviewOn ? ` · next ${formatDate(review.nextReviewOn)}` : ""}
          <br />
          <Text span size="sm" c="dimmed">
            {review.note}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

function OpenDecision({ decision, canWrite }: { decision: Decision; canWrite: boolean }) {
  const today = dayFromToday(0);
  const reviewDue = decision.reviewOn !== null && decision.reviewOn <= today;
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge color={decisionColors[decision.kind]} size="lg">
          {decisionLabels[decision.kind]}
        </Badge>
        {decision.cut ? <Badge variant="outline">{stageLabels[decision.cut.stage]}</Badge> : null}
        <Text size="xs" c="dimmed">
          decided {formatDateTime(decision.decidedAt)}
          {decision.decidedByName ? ` by ${decision.decidedByName}` : ""}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {decision.reason}
      </Text>
      {decision.reviewOn ? (
        <Text size="sm" c={reviewDue ? "red.7" : undefined} fw={reviewDue ? 600 : undefined}>
          Review {reviewDue ? "due" : "on"} {formatDate(decision.reviewOn)}
        </Text>
      ) : null}
      {decision.cut ? (
        <Text size="sm">
          Notice {formatDate(decision.cut.noticeOn)} · access reduced {formatDate(decision.cut.reduceOn)} · removed {formatDate(decision.cut.endOn)}
        </Text>
      ) : null}
      {decision.kind === "cut" ? <OffboardingSettle partnerId={decision.partnerId} /> : null}
      <ActionList decision={decision} canWrite={canWrite} />
      <ReviewHistory decision={decision} />
      {canWrite ? (
        <Group gap="xs">
          <ReviewButton decision={decision} />
          <AddActionButton decision={decision} />
          <CloseDecisionButton decision={decision} />
        </Group>
      ) : null}
    </Stack>
  );
}

function EarlierDecisions({ decisions }: { decisions: Decision[] }) {
  if (decisions.length === 0) return null;
  return (
    <Accordion variant="contained" chevronPosition="left">
      <Accordion.Item value="earlier">
        <Accordion.Control>
          <Text size="sm">Earlier decisions ({decisions.length})</Text>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            {decisions.map((decision) => (
              <Stack key={decision.id} gap={2}>
                <Group gap="xs">
                  <Badge color={decisionColors[decision.kind]} variant="light">
                    {decisionLabels[decision.kind]}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {formatDate(decision.decidedAt)} – {formatDate(decision.closedAt)}
                    {decision.outcome ? ` · ${decisionOutcomeLabels[decision.outcome]}` : ""}
                  </Text>
                </Group>
                <Text size="sm" lineClamp={3}>
                  {decision.reason}
                </Text>
                {decision.outcomeReason ? (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    Closed: {decision.outcomeReason}
                  </Text>
                ) : null}
              </Stack>
            ))}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

export function DecisionPanel({ partnerId, partnerName, canWrite }: { partnerId: string; partnerName: string; canWrite: boolean }) {
  const decisions = useDecisions(partnerId);
  const open = decisions.data?.find((decision) => decision.status === "open") ?? null;
  const earlier = decisions.data?.filter((decision) => decision.status !== "open") ?? [];
  return (
    <Section
      title={open ? "Open decision" : "Decision"}
      hint={open ? undefined : "Fix, watch or cut: every decision and review is kept on the timeline with its reason."}
    >
      {decisions.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label="Loading decisions">
          <Skeleton height={24} width="50%" />
          <Skeleton height={80} />
        </Stack>
      ) : decisions.isError ? (
        <ErrorAlert error={decisions.error} title="Decisions could not be loaded" onRetry={() => void decisions.refetch()} />
      ) : open ? (
        <OpenDecision decision={open} canWrite={canWrite} />
      ) : canWrite ? (
        <DecisionForm partnerId={partnerId} partnerName={partnerName} />
      ) : (
        <Text size="sm" c="dimmed">
          No open decision. A channel manager or vendor admin records one when the partner is flagged.
        </Text>
      )}
      {decisions.data ? <EarlierDecisions decisions={earlier} /> : null}
    </Section>
  );
}
