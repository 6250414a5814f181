import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  ScrollArea,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import type { CapacityView, WhatIfResult } from "../../api/relationships-types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { capacityStatement } from "./capacity.text";
import { useWhatIf } from "./portfolio.api";
import { formatHealth, formatHours, money, plural, quadrantColors, quadrantLabels } from "./portfolio.format";
import { type AdditionDraft, type AdditionErrors, parseAdditions, whatIfInput } from "./what-if.form";

let nextKey = 1;
const newDraft = (): AdditionDraft => ({ key: `add-${nextKey++}`, label: "", monthlyHours: "", netContribution: "" });

function Outcome({ label, before, after, better }: { label: string; before: string; after: string; better: boolean | null }) {
  const changed = before !== after;
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fz="lg" fw={700} c={!changed || better === null ? undefined : better ? "teal.8" : "red.8"}>
        {after}
      </Text>
      <Text size="xs" c="dimmed">
        {changed ? `from ${before}` : "unchanged"}
      </Text>
    </Paper>
  );
}

function Result({ view, result, currency }: { view: CapacityView; result: WhatIfResult; currency: string }) {
  const after = result.capacityAfter;
  const statement = capacityStatement(
    { ...after, activePartners: result.partnersAfter, overBy: result.partnersAfter - after.partnersSupportable },
    true,
  );
  const perPartnerBefore = view.activePartners > 0 ? view.hoursAvailable / view.activePartners : view.hoursAvailable;
  return (
    <Stack gap="sm" aria-live="polite">
      <Text fw={700}>
        {statement.headline} {statement.detail}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Hours freed a month
          </Text>
          <Text fz="lg" fw={700}>
            {formatHours(result.freedHoursPerMonth)}
          </Text>
          <Text size="xs" c="dimmed">
            {result.addedHoursPerMonth > 0 ? `The partners added would take ${formatHours(result.addedHoursPerMonth)}` : "by the partners cut"}
          </Text>
        </Paper>
        <Outcome label="Partners" before={String(view.activePartners)} after={String(result.partnersAfter)} better={null} />
        <Outcome
          label="Hours per partner a month"
          before={formatHours(perPartnerBefore)}
          after={formatHours(result.hoursPerPartnerAfter)}
          better={result.hoursPerPartnerAfter >= perPartnerBefore}
        />
        <Outcome
          label="Net contribution (12 months)"
          before={money(result.netContributionBeforeMinor, currency)}
          after={money(result.netContributionAfterMinor, currency)}
          better={result.netContributionAfterMinor >= result.netContributionBeforeMinor}
        />
      </SimpleGrid>
    </Stack>
  );
}

function AdditionRow({
  draft,
  errors,
  currency,
  onChange,
  onRemove,
}: {
  draft: AdditionDraft;
  errors: AdditionErrors | undefined;
  currency: string;
  onChange: (next: AdditionDraft) => void;
  onRemove: () => void;
}) {
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <TextInput
        label="Partner to add"
        placeholder="e.g. a Gold reseller in the north"
        value={draft.label}
        onChange={(event) => onChange({ ...draft, label: event.currentTarget.value })}
        error={errors?.label}
        w={{ base: "100%", sm: 260 }}
      />
      <NumberInput
        label="Hours a month"
        min={0}
        max={10_000}
        decimalScale={2}
        value={draft.monthlyHours}
        onChange={(value) => onChange({ ...draft, monthlyHours: value })}
        error={errors?.monthlyHours}
        w={{ base: "45%", sm: 140 }}
      />
      <NumberInput
        label={`Net contribution a year (${currency})`}
        thousandSeparator=","
        value={draft.netContribution}
        onChange={(value) => onChange({ ...draft, netContribution: value })}
        error={errors?.netContribution}
        w={{ base: "50%", sm: 220 }}
      />
      <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${draft.label || "this partner"}`} onClick={onRemove} mt={28}>
        ✕
      </ActionIcon>
    </Group>
  );
}

/** Choose partners to cut and hypothetical ones to add; the server works out the hours and money (it changes nothing). */
export function WhatIfPanel({ view, currency }: { view: CapacityView; currency: string | null }) {
  const whatIf = useWhatIf();
  const [cut, setCut] = useState<Set<string>>(new Set());
  const [drafts, setDrafts] = useState<AdditionDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, AdditionErrors>>({});
  const [asked, setAsked] = useState<string | null>(null);
  const [q, setQ] = useState("");
  if (!currency) return <Skeleton height={240} />;

  const words = q.trim().toLocaleLowerCase();
  const shown = view.partners.filter((partner) => !words || partner.name.toLocaleLowerCase().includes(words));
  const toggle = (partnerId: string, checked: boolean) =>
    setCut((current) => {
      const next = new Set(current);
      if (checked) next.add(partnerId);
      else next.delete(partnerId);
      return next;
    });
  const cutQuadrant = view.partners.filter((partner) => partner.quadrant === "cut");
  const parsed = parseAdditions(drafts, currency);
  const question = JSON.stringify(whatIfInput(cut, parsed.additions));
  const stale = whatIf.data !== undefined && asked !== question;
  const run = () => {
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) return;
    const input = whatIfInput(cut, parsed.additions);
    setAsked(JSON.stringify(input));
    whatIf.mutate(input);
  };

  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section" aria-label="What if">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4">
            What if
          </Title>
          <Text size="sm" c="dimmed">
            Tick partners to cut and add partners you are thinking of signing, then see the hours freed, the support each remaining partner would get
            and the net contribution before and after. Nothing is changed.
          </Text>
        </div>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Find a partner"
            placeholder="Partner name"
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
            w={{ base: "100%", xs: 240 }}
          />
          <Button
            variant="default"
            disabled={cutQuadrant.length === 0}
            onClick={() => setCut(new Set([...cut, ...cutQuadrant.map((partner) => partner.partnerId)]))}
          >
            Tick the “cut” quadrant ({cutQuadrant.length})
          </Button>
          <Button variant="subtle" disabled={cut.size === 0} onClick={() => setCut(new Set())}>
            Clear ticks
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420} type="auto">
          <Table striped highlightOnHover stickyHeader verticalSpacing={6} miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>Cut</Table.Th>
                <Table.Th>Partner</Table.Th>
                <Table.Th ta="right">Hours a month</Table.Th>
                <Table.Th ta="right">Health</Table.Th>
                <Table.Th ta="right">Net (12 months)</Table.Th>
                <Table.Th>Quadrant</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((partner) => (
                <Table.Tr key={partner.partnerId} bg={cut.has(partner.partnerId) ? "var(--mantine-color-red-light)" : undefined}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Cut ${partner.name}`}
                      checked={cut.has(partner.partnerId)}
                      onChange={(event) => toggle(partner.partnerId, event.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {partner.name}
                    </Text>
                    {partner.tierName ? (
                      <Text size="xs" c="dimmed">
                        {partner.tierName}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right">{formatHours(partner.monthlyHours)}</Table.Td>
                  <Table.Td ta="right">{formatHealth(partner.healthScore)}</Table.Td>
                  <Table.Td ta="right" c={partner.netContributionMinor < 0 ? "red.8" : undefined}>
                    {money(partner.netContributionMinor, currency)}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={quadrantColors[partner.quadrant]} variant="light">
                      {quadrantLabels[partner.quadrant]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        <Text size="sm">
          {cut.size > 0 ? `${plural(cut.size, "partner")} ticked to cut.` : "No partner ticked to cut."}
          {shown.length < view.partners.length ? ` Showing ${shown.length} of ${view.partners.length} active partners.` : ""}
        </Text>
        <Stack gap="xs">
          {drafts.map((draft) => (
            <AdditionRow
              key={draft.key}
              draft={draft}
              errors={errors[draft.key]}
              currency={currency}
              onChange={(next) => setDrafts((current) => current.map((row) => (row.key === draft.key ? next : row)))}
              onRemove={() => setDrafts((current) => current.filter((row) => row.key !== draft.key))}
            />
          ))}
          <Group gap="sm">
            <Button variant="default" onClick={() => setDrafts((current) => [...current, newDraft()])}>
              Add a hypothetical partner
            </Button>
            <Button onClick={run} loading={whatIf.isPending} disabled={cut.size === 0 && parsed.additions.length === 0 && drafts.length === 0}>
              Work it out
            </Button>
          </Group>
        </Stack>
        <ErrorAlert error={whatIf.error} title="The what-if could not be worked out" />
        {whatIf.data ? (
          <div style={{ opacity: stale ? 0.55 : 1 }}>
            {stale ? (
              <Text size="xs" c="dimmed" mb={4}>
                The choices changed since: work it out again to update.
              </Text>
            ) : null}
            <Result view={view} result={whatIf.data} currency={currency} />
          </div>
        ) : null}
      </Stack>
    </Paper>
  );
}
