import { Table } from "@mantine/core";
import type { ReactNode } from "react";

/** A real <table> that scrolls sideways on a phone instead of squeezing its columns. */
export function DataTable({ children, minWidth = 640, caption }: { children: ReactNode; minWidth?: number; caption?: string }) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="xs">
        {caption ? <Table.Caption>{caption}</Table.Caption> : null}
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
