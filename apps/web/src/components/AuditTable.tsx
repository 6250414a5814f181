import { Button, Code, Table, Text } from "@mantine/core";
import { Fragment, useState } from "react";
import type { AuditEntry } from "../api/types";
import { formatDateTime } from "../lib/format";
import { DataTable } from "./TableScroll";

type Change = { key: string; before: string; after: string };

function show(value: unknown): string {
  if (value === undefined) return "";
  if (value === null) return "null";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Field-by-field differences between the before and after snapshots. */
export function changesOf(entry: Pick<AuditEntry, "before" | "after">): Change[] {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .map((key) => ({ key, before: show(before[key]), after: show(after[key]) }))
    .filter((change) => change.before !== change.after || entry.before === null || entry.after === null);
}

function ChangeList({ entry }: { entry: AuditEntry }) {
  const changes = changesOf(entry);
  if (changes.length === 0) return <Text size="sm">No field changes recorded.</Text>;
  return (
    <Table withTableBorder fz="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.key}>
            <Table.Td>
              <Code>{change.key}</Code>
            </Table.Td>
            <Table.Td style={{ wordBreak: "break-word" }}>{change.before || "—"}</Table.Td>
            <Table.Td style={{ wordBreak: "break-word" }}>{change.after || "—"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AuditTable({ entries, showEntity = true }: { entries: AuditEntry[]; showEntity?: boolean }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = showEntity ? 5 : 4;
  return (
    <DataTable minWidth={640}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Who</Table.Th>
          <Table.Th>Action</Table.Th>
          {showEntity ? <Table.Th>Record</Table.Th> : null}
          <Table.Th>Changes</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => {
          const expanded = open.has(entry.id);
          return (
            <Fragment key={entry.id}>
              <Table.Tr>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(entry.at)}</Table.Td>
                <Table.Td>{entry.actorLabel}</Table.Td>
                <Table.Td>
                  <Code>{entry.action}</Code>
                </Table.Td>
                {showEntity ? (
                  <Table.Td>
                    <Text size="sm">{entry.entityType}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {entry.entityId}
                    </Text>
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    aria-expanded={expanded}
                    aria-controls={`audit-${entry.id}`}
                    onClick={() => toggle(entry.id)}
                  >
                    {expanded ? "Hide changes" : "Show changes"}
                  </Button>
                </Table.Td>
              </Table.Tr>
              {expanded ? (
                <Table.Tr id={`audit-${entry.id}`}>
                  <Table.Td colSpan={columns}>
                    <ChangeList entry={entry} />
                    {entry.requestId ? (
                      <Text size="xs" c="dimmed" mt={4}>
                        Request {entry.requestId}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </DataTable>
  );
}
