import { Skeleton, Stack, Text, ThemeIcon, Timeline } from "@mantine/core";
import { Empty } from "../../../components/Empty";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { LoadMore } from "../../../components/LoadMore";
import { formatDateTime } from "../../../lib/format";
import { useTimeline } from "./relationship.api";
import { Section } from "./Section";

// The relationship's history, newest first: flags, decisions, actions, reviews, offboarding. The
// icon is decoration; the kind is also said in words under each event.

interface KindLook {
  label: string;
  symbol: string;
  color: string;
}

const kinds: Record<string, KindLook> = {
  flag_raised: { label: "Flag raised", symbol: "⚑", color: "red" },
  flag_cleared: { label: "Flag cleared", symbol: "✓", color: "teal" },
  decision_opened: { label: "Decision opened", symbol: "◆", color: "orange" },
  decision_closed: { label: "Decision closed", symbol: "■", color: "gray" },
  action_added: { label: "Action added", symbol: "+", color: "blue" },
  action_updated: { label: "Action updated", symbol: "↻", color: "blue" },
  review_recorded: { label: "Review", symbol: "✎", color: "grape" },
  offboarding_reduced: { label: "Access reduced", symbol: "↓", color: "red" },
  offboarding_removed: { label: "Partner removed", symbol: "⨯", color: "dark" },
};

const fallback: KindLook = { label: "Event", symbol: "•", color: "gray" };

export function RelationshipTimeline({ partnerId }: { partnerId: string }) {
  const timeline = useTimeline(partnerId);
  return (
    <Section title="Timeline" hint="Flags, decisions, actions, reviews and offboarding, newest first.">
      {timeline.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading the timeline">
          <Skeleton height={40} />
          <Skeleton height={40} />
          <Skeleton height={40} />
        </Stack>
      ) : timeline.isError ? (
        <ErrorAlert error={timeline.error} title="The timeline could not be loaded" onRetry={() => void timeline.refetch()} />
      ) : timeline.items.length === 0 ? (
        <Empty title="Nothing has happened yet">Flags from the daily evaluation and every decision about this partner appear here.</Empty>
      ) : (
        <Stack gap={0}>
          <Timeline bulletSize={26} lineWidth={2} aria-label="Relationship timeline">
            {timeline.items.map((event) => {
              const look = kinds[event.kind] ?? fallback;
              return (
                <Timeline.Item
                  key={event.id}
                  bullet={
                    <ThemeIcon size={26} radius="xl" color={look.color} variant="light" aria-hidden>
                      <span style={{ fontSize: 14, lineHeight: 1 }}>{look.symbol}</span>
                    </ThemeIcon>
                  }
                  title={
                    <Text size="sm" fw={600}>
                      {event.title}
                    </Text>
                  }
                >
                  {event.detail ? (
                    <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                      {event.detail}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed" mt={2}>
                    {look.label} · {formatDateTime(event.at)}
                    {event.actorName ? ` · ${event.actorName}` : event.actorId === null ? " · Trellis" : ""}
                  </Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
          <LoadMore {...timeline} shown={timeline.items.length} />
        </Stack>
      )}
    </Section>
  );
}
