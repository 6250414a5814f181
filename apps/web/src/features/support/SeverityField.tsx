import { Group, Radio, SimpleGrid, Text } from "@mantine/core";
import { type TicketSeverity, ticketSeverities, ticketSeverityMeanings } from "@trellis/shared";
import type { SlaPolicyRow } from "../../api/types";
import { formatMinutes } from "./support.format";
import { SeverityBadge } from "./TicketBadges";

interface SeverityFieldProps {
  value: TicketSeverity | null;
  onChange: (value: TicketSeverity) => void;
  /** The caller's tier's targets (or the default ones); empty when none apply. */
  policies: SlaPolicyRow[];
  error?: string;
}

/** A partner's own tier comes before the vendor's default for tiers without a policy. */
function targetFor(policies: SlaPolicyRow[], severity: TicketSeverity): SlaPolicyRow | undefined {
  const rows = policies.filter((row) => row.severity === severity);
  return rows.find((row) => row.tierId !== null) ?? rows.find((row) => row.tierId === null);
}

/** P1–P4 as cards: each with what it means and the response and resolution targets the partner can expect. */
export function SeverityField({ value, onChange, policies, error }: SeverityFieldProps) {
  return (
    <Radio.Group
      label="Severity"
      description="Pick the one that describes the impact at the site. Targets count business hours."
      value={value}
      onChange={(next) => onChange(next as TicketSeverity)}
      error={error}
      withAsterisk
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        {ticketSeverities.map((severity) => {
          const target = targetFor(policies, severity);
          return (
            <Radio.Card key={severity} value={severity} p="sm" radius="md" withBorder aria-label={`${severity}: ${ticketSeverityMeanings[severity]}`}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator mt={2} />
                <div>
                  <Group gap="xs">
                    <SeverityBadge severity={severity} />
                  </Group>
                  <Text size="sm" mt={4}>
                    {ticketSeverityMeanings[severity]}
                  </Text>
                  <Text size="xs" c="dimmed" mt={4}>
                    {target
                      ? `First response within ${formatMinutes(target.firstResponseMinutes)}, resolution within ${formatMinutes(target.resolutionMinutes)}`
                      : "No SLA target for your tier"}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          );
        })}
      </SimpleGrid>
    </Radio.Group>
  );
}
