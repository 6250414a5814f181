import { Badge, Group, Paper, Progress, Skeleton, Stack, Text } from "@mantine/core";
import { partnerStatuses } from "@trellis/shared";
import { humanize } from "../../lib/format";
import { usePartnerSummary } from "./partners.api";

/** The thesis in one bar: how many partners count against what the vendor can support well. */
export function CapacityIndicator() {
  const summary = usePartnerSummary();
  if (summary.isPending) return <Skeleton height={84} />;
  if (summary.isError || !summary.data) return null;
  const { activePartners, supportedPartnerCapacity, byStatus } = summary.data;
  const capacity = supportedPartnerCapacity ?? 0;
  const full = activePartners >= capacity;
  const ratio = capacity > 0 ? Math.min(100, (activePartners / capacity) * 100) : 100;
  const color = full ? "red" : ratio >= 85 ? "orange" : "teal";
  const label = `${activePartners} of ${capacity} active partners we can support well`;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" align="baseline" gap="xs">
          <Text fw={700} fz="lg" c={full ? "red.8" : undefined}>
            {label}
          </Text>
          <Text size="sm" c="dimmed">
            {full
              ? "At capacity: fix or retire a partner before adding another."
              : `${capacity - activePartners} more can be supported well. Active and probation partners count.`}
          </Text>
        </Group>
        <Progress value={ratio} color={color} size="lg" aria-label={label} />
        <Group gap="xs">
          {partnerStatuses.map((status) => (
            <Badge key={status} variant="outline" color="gray" tt="none">
              {humanize(status)}: {byStatus[status]}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}
