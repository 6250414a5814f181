import { EmptyState } from "@mantine/core";
import type { ReactNode } from "react";

interface EmptyProps {
  title: string;
  /** What to do next. */
  children?: ReactNode;
  actions?: ReactNode;
}

export function Empty({ title, children, actions }: EmptyProps) {
  return (
    <EmptyState py="xl" title={title} description={children}>
      {actions ? <EmptyState.Actions>{actions}</EmptyState.Actions> : null}
    </EmptyState>
  );
}
