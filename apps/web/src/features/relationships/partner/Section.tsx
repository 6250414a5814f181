import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

interface SectionProps {
  title: string;
  hint?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** Heading level inside the page (the page's own title is the h1). */
  order?: 2 | 3;
}

/** A bordered block with a heading: the relationship pages are built of these. */
export function Section({ title, hint, actions, children, order = 2 }: SectionProps) {
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div style={{ minWidth: 0, flex: "1 1 12rem" }}>
            <Title order={order} size="h4">
              {title}
            </Title>
            {hint ? (
              <Text size="sm" c="dimmed">
                {hint}
              </Text>
            ) : null}
          </div>
          {actions ? <Group gap="xs">{actions}</Group> : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** One figure in a grid of figures. */
export function Figure({ label, value, hint, color }: { label: string; value: ReactNode; hint?: ReactNode; color?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fz="xl" fw={700} c={color}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** The words for a figure a source does not supply: never shown as 0. */
export function NotMeasured() {
  return (
    <Text span c="dimmed" fs="italic" size="sm">
      not measured
    </Text>
  );
}
