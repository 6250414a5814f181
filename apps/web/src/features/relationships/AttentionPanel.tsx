import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ReviewDue } from "../../api/relationship-decisions-types";
import type { RelationshipFlag } from "../../api/relationships-types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../lib/format";
import { useOpenFlags, useReviewsDue } from "./portfolio.api";
import { decisionLabel, flagLabels, flagSummary, partnerPath, plural } from "./portfolio.format";

const shown = 6;

function Panel({ title, count, children }: { title: string; count: number | null; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4">
            {title}
          </Title>
          {count !== null ? (
            <Badge color={count > 0 ? "red" : "gray"} variant="light">
              {count}
            </Badge>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

function FlagItem({ flag, currency }: { flag: RelationshipFlag; currency: string }) {
  return (
    <li>
      <Group gap="xs" wrap="nowrap" align="baseline">
        <Anchor component={Link} to={partnerPath(flag.partnerId)} fw={600} size="sm">
          {flag.partnerName}
        </Anchor>
        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          since {formatDate(flag.raisedOn)}
        </Text>
      </Group>
      <Text size="sm">
        <Text span fw={600} c="red.8">
          {flagLabels[flag.rule]}.
        </Text>{" "}
        {flagSummary(flag.rule, flag.figures, currency)}
      </Text>
    </li>
  );
}

function ReviewItem({ review }: { review: ReviewDue }) {
  return (
    <li>
      <Group gap="xs" wrap="nowrap" align="baseline">
        <Anchor component={Link} to={partnerPath(review.partnerId)} fw={600} size="sm">
          {review.partnerName}
        </Anchor>
        <Badge size="sm" variant="light" color={review.kind === "cut" ? "red" : review.kind === "fix" ? "orange" : "blue"}>
          {decisionLabel(review.kind)}
        </Badge>
      </Group>
      <Text size="sm">
        Review {review.daysOverdue > 0 ? `${plural(review.daysOverdue, "day")} overdue` : "due today"} ({formatDate(review.reviewOn)})
        {review.channelManagerName ? ` · ${review.channelManagerName}` : ""}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {review.reason}
      </Text>
    </li>
  );
}

const listStyle = { margin: 0, paddingInlineStart: "1.1rem", display: "flex", flexDirection: "column" as const, gap: 8 };

/** What needs attention today: partners flagged by the daily evaluation, and decisions whose review has come. */
export function AttentionPanel({ currency, onShowFlagged }: { currency: string; onShowFlagged?: () => void }) {
  const flags = useOpenFlags();
  const reviews = useReviewsDue();
  const flagItems = flags.data ?? [];
  const reviewItems = reviews.data?.items ?? [];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Panel title="Open flags" count={flags.data ? flagItems.length : null}>
        {flags.isPending ? (
          <Skeleton height={90} />
        ) : flags.isError ? (
          <ErrorAlert error={flags.error} onRetry={() => void flags.refetch()} />
        ) : flagItems.length === 0 ? (
          <Text size="sm" c="dimmed">
            No partner is flagged. The daily evaluation flags a partner whose net contribution turns negative, whose health drops below the threshold,
            or whose support goes over its allowance.
          </Text>
        ) : (
          <>
            <ul style={listStyle}>
              {flagItems.slice(0, shown).map((flag) => (
                <FlagItem key={flag.id} flag={flag} currency={currency} />
              ))}
            </ul>
            {flagItems.length > shown && onShowFlagged ? (
              <Button variant="subtle" size="compact-sm" onClick={onShowFlagged} style={{ alignSelf: "flex-start" }}>
                {plural(flagItems.length - shown, "more flag")}: show the flagged partners in the table
              </Button>
            ) : flagItems.length > shown ? (
              <Text size="xs" c="dimmed">
                {plural(flagItems.length - shown, "more flag")} open.
              </Text>
            ) : null}
          </>
        )}
      </Panel>
      <Panel title="Reviews due" count={reviews.data ? reviewItems.length : null}>
        {reviews.isPending ? (
          <Skeleton height={90} />
        ) : reviews.isError ? (
          <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} />
        ) : reviewItems.length === 0 ? (
          <Text size="sm" c="dimmed">
            No review is due. Fix and watch decisions come back here on their review date.
          </Text>
        ) : (
          <>
            <ul style={listStyle}>
              {reviewItems.slice(0, shown).map((review) => (
                <ReviewItem key={review.decisionId} review={review} />
              ))}
            </ul>
            {reviewItems.length > shown || reviews.data?.nextCursor ? (
              <Text size="xs" c="dimmed">
                {reviews.data?.nextCursor ? "More reviews are due than shown here" : `${plural(reviewItems.length - shown, "more review")} due`}: the
                oldest come first.
              </Text>
            ) : null}
          </>
        )}
      </Panel>
    </SimpleGrid>
  );
}
