import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useDocumentTitle } from "../lib/useDocumentTitle";

interface PageProps {
  title: string;
  description?: ReactNode;
  /** Buttons shown beside the heading (they wrap under it on a phone). */
  actions?: ReactNode;
  children: ReactNode;
}

/** Every page: one <h1>, the document title, optional actions. */
export function Page({ title, description, actions, children }: PageProps) {
  useDocumentTitle(title);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 16rem" }}>
          <Title order={1} size="h2">
            {title}
          </Title>
          {typeof description === "string" ? (
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          ) : (
            description
          )}
        </Stack>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
      {children}
    </Stack>
  );
}
