import { Badge, Group, List, Progress, RingProgress, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { PartnerScorecard, ResourceLine, Scorecard } from "../../../api/relationships-types";
import { formatDate } from "../../../lib/format";
import { flagLabels } from "../portfolio.format";
import { flagFigures, formatRange, healthLabels, resourceLabels, sourceLabels } from "./labels";
import { formatGrowth, formatHours, formatMinor, formatRatio, formatShare } from "./money";
import { Figure, NotMeasured, Section } from "./Section";

// The scorecard's figures for the chosen period. `null` is "not measured" everywhere: a source
// that is not there yet is never shown as 0 (the rule).

function growthText(growth: number | null): string {
  return growth === null ? "—" : formatGrowth(growth);
}

function healthColor(score: number | null): string {
  if (score === null) return "gray";
  if (score >= 70) return "teal";
  if (score >= 40) return "orange";
  return "red";
}

export function KeyFigures({ card }: { card: Scorecard }) {
  const { period, prior, currency } = card;
  const net = period.netContributionMinor;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 3 }} spacing="sm">
      <Figure
        label="Revenue"
        value={formatMinor(period.revenueMinor, currency)}
        hint={`${growthText(card.revenueGrowth)} vs prior (${formatMinor(prior.revenueMinor, currency)})`}
      />
      <Figure
        label="Margin"
        value={formatMinor(period.marginMinor, currency)}
        hint={`${growthText(card.marginGrowth)} vs prior (${formatMinor(prior.marginMinor, currency)})`}
      />
      <Figure
        label="Resources consumed"
        value={formatMinor(period.resourcesMinor, currency)}
        hint={`prior ${formatMinor(prior.resourcesMinor, currency)}`}
      />
      <Figure
        label="Net contribution"
        value={formatMinor(net, currency)}
        color={net < 0 ? "red.7" : undefined}
        hint={net < 0 ? "Resources exceed margin" : `prior ${formatMinor(prior.netContributionMinor, currency)}`}
      />
      <Figure
        label="Return on resources"
        value={period.returnOnResources === null ? "—" : formatRatio(period.returnOnResources)}
        color={period.returnOnResources !== null && period.returnOnResources < 1 ? "red.7" : undefined}
        hint={period.returnOnResources === null ? "No resources recorded" : "margin ÷ resources"}
      />
      <Figure
        label="Growth vs prior"
        value={growthText(card.revenueGrowth)}
        hint={card.revenueGrowth === null ? "No revenue in the prior period" : "revenue"}
      />
    </SimpleGrid>
  );
}

export function ResourcesList({ resources, currency }: { resources: ResourceLine[]; currency: string }) {
  const largest = Math.max(1, ...resources.map((line) => Math.abs(line.amountMinor ?? 0)));
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Resources by category">
      {resources.map((line) => (
        <li key={line.category}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">{resourceLabels[line.category]}</Text>
            {line.amountMinor === null ? (
              <NotMeasured />
            ) : (
              <Text size="sm" fw={600}>
                {formatMinor(line.amountMinor, currency)}
              </Text>
            )}
          </Group>
          {line.amountMinor === null ? (
            <Progress value={0} size="sm" color="gray.3" aria-hidden />
          ) : (
            <Progress value={(Math.abs(line.amountMinor) / largest) * 100} size="sm" color="orange.6" aria-hidden />
          )}
        </li>
      ))}
    </Stack>
  );
}

function EngagementTable({ card }: { card: Scorecard }) {
  const { engagement } = card.period;
  const count = (value: number | null) => (value === null ? <NotMeasured /> : value.toLocaleString(undefined, { maximumFractionDigits: 1 }));
  const share = (value: number | null) => (value === null ? <NotMeasured /> : formatShare(value));
  const rows: [string, ReactNode][] = [
    ["Active users (monthly average)", count(engagement.activeUsers)],
    ["Sales-library use (share of users)", share(engagement.libraryUseShare)],
    ["News read (share of posts)", share(engagement.newsReadShare)],
    ["Certified staff", count(engagement.certifiedStaff)],
    ["Portal sign-ins (monthly average)", count(engagement.logins)],
  ];
  return (
    <Table verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th fw={400} scope="row">
              {label}
            </Table.Th>
            <Table.Td ta="right">{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ordinal(value: number): string {
  const rounded = Math.round(value);
  const rules = new Intl.PluralRules("en", { type: "ordinal" });
  const suffix: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };
  return `${rounded}${suffix[rules.select(rounded)] ?? "th"}`;
}

/** 0 and 100 read better as words than as "0th percentile". */
function percentileWords(percentile: number): string {
  if (percentile <= 0) return "The lowest health score";
  if (percentile >= 100) return "The highest health score";
  return `${ordinal(percentile)} percentile`;
}

function HealthSection({ data }: { data: PartnerScorecard }) {
  const { health } = data.scorecard;
  const score = health.score;
  const tier = data.partner.tierName ?? "its tier";
  const percentileText =
    data.percentile === null
      ? "No health score to rank yet."
      : data.peers === 0
        ? `No other partner in ${tier} to compare with.`
        : `${percentileWords(data.percentile)} among ${data.peers} ${data.peers === 1 ? "peer" : "peers"} in ${tier}.`;
  return (
    <Section title="Health" hint="A score from 0 to 100 built from the components below; unmeasured components hand their weight to the others.">
      <Group gap="lg" align="center" wrap="wrap">
        <RingProgress
          size={120}
          thickness={12}
          roundCaps
          sections={[{ value: score ?? 0, color: healthColor(score) }]}
          label={
            <Text ta="center" fw={700} fz="xl">
              {score === null ? "—" : Math.round(score)}
            </Text>
          }
          aria-label={score === null ? "Health not measured" : `Health ${Math.round(score)} of 100`}
          role="img"
        />
        <Stack gap={4} style={{ flex: "1 1 14rem" }}>
          <Text fw={600}>{score === null ? "Health not measured" : `Health ${Math.round(score)} / 100`}</Text>
          <Text size="sm">{percentileText}</Text>
        </Stack>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Component</Table.Th>
              <Table.Th ta="right">Score</Table.Th>
              <Table.Th ta="right">Weight</Table.Th>
              <Table.Th ta="right">Applied</Table.Th>
              <Table.Th>Basis</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {health.components.map((component) => (
              <Table.Tr key={component.name}>
                <Table.Td>{healthLabels[component.name]}</Table.Td>
                <Table.Td ta="right">{component.score === null ? <NotMeasured /> : Math.round(component.score * 100)}</Table.Td>
                <Table.Td ta="right">{component.weight}</Table.Td>
                <Table.Td ta="right">{`${Math.round(component.appliedWeightPercent)}%`}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {component.basis}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

export function FlagsList({ data }: { data: PartnerScorecard }) {
  const open = data.flags.filter((flag) => flag.status === "open");
  if (open.length === 0) return null;
  return (
    <Section title="Open flags" hint="Raised by the daily evaluation; each clears by itself when its figure recovers.">
      <List spacing="xs" listStyleType="none" p={0}>
        {open.map((flag) => (
          <List.Item key={flag.id}>
            <Group gap="xs" align="flex-start">
              <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
                {flagLabels[flag.rule]}
              </Badge>
              <Text size="sm" style={{ flex: "1 1 18rem" }}>
                {flagFigures(flag.rule, flag.figures, data.scorecard.currency)}{" "}
                <Text span size="xs" c="dimmed">
                  (raised {formatDate(flag.raisedOn)})
                </Text>
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

function SourcesSection({ data }: { data: PartnerScorecard }) {
  return (
    <Section title="Sources" hint="Where the figures come from. A source that is not measured is left out, never counted as 0.">
      <Group gap="xs">
        {data.sources.map((item) => (
          <Badge key={item.source} color={item.measured ? "teal" : "gray"} variant={item.measured ? "light" : "outline"}>
            {sourceLabels[item.source]}: {item.measured ? "measured" : "not measured"}
          </Badge>
        ))}
      </Group>
      {data.refreshedAt ? (
        <Text size="xs" c="dimmed">
          Figures refreshed {formatDate(data.refreshedAt)}.
        </Text>
      ) : null}
    </Section>
  );
}

/** Support time against the tier's allowance, when both are measured. */
function supportHint(card: Scorecard): string | undefined {
  const { supportMinutes, supportAllowanceMinutes, supportMinutesAgainstAllowance } = card.period;
  if (supportMinutes === null) return "Support hours are not measured.";
  const used = formatHours(supportMinutes / 60);
  if (supportAllowanceMinutes === null || supportMinutesAgainstAllowance === null) return `${used} of support in the period; no allowance set.`;
  return `${used} of support; ${formatHours(supportMinutesAgainstAllowance / 60)} against an allowance of ${formatHours(supportAllowanceMinutes / 60)}.`;
}

/** Everything on the card except the trend charts: used by the vendor's page and the partner's read-only view. */
export function ScorecardBody({ data }: { data: PartnerScorecard }) {
  const card = data.scorecard;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {formatRange(card.period.fromMonth, card.period.toMonth)}, against {formatRange(card.prior.fromMonth, card.prior.toMonth)}.
        {card.tierChanges.length > 0 ? " The partner changed tier during the period." : ""}
      </Text>
      <KeyFigures card={card} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title="Resources by category" hint={supportHint(card)}>
          <ResourcesList resources={card.period.resources} currency={card.currency} />
        </Section>
        <Section title="Engagement" hint="Monthly averages over the period.">
          <EngagementTable card={card} />
        </Section>
      </SimpleGrid>
      <HealthSection data={data} />
      <SourcesSection data={data} />
    </Stack>
  );
}
