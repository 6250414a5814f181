import { Button, Group, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import type { AuditEntry } from "../../api/types";
import { AuditTable } from "../../components/AuditTable";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { useCursorList } from "../../lib/useList";
import { useSearchState } from "../../lib/useSearchState";

const keys = ["action", "entityType", "entityId", "partnerId", "actorUserId", "from", "to"] as const;

/** A local date (yyyy-mm-dd) as the ISO instant of that day's start, or of the next day's start for "to". */
function dayToIso(day: string | null, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  if (end) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

export function useAuditEntries(query: Record<string, string | undefined>) {
  return useCursorList<AuditEntry>(["audit"], "/audit", query);
}

export function AuditLog({ fixed = {}, showPartnerFilter = true }: { fixed?: Record<string, string>; showPartnerFilter?: boolean }) {
  const { values, set, clear } = useSearchState(keys);
  const [draft, setDraft] = useState({ action: values.action ?? "", entityType: values.entityType ?? "", entityId: values.entityId ?? "" });
  const [debounced] = useDebouncedValue(draft, 400);
  const query = {
    action: debounced.action.trim() || undefined,
    entityType: debounced.entityType.trim() || undefined,
    entityId: debounced.entityId.trim() || undefined,
    partnerId: values.partnerId ?? undefined,
    actorUserId: values.actorUserId ?? undefined,
    from: dayToIso(values.from, false),
    to: dayToIso(values.to, true),
    ...fixed,
  };
  const entries = useAuditEntries(query);
  const filtered = Object.entries(query).some(([key, value]) => value && !(key in fixed));

  return (
    <Stack>
      <search>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            set({ action: draft.action.trim() || null, entityType: draft.entityType.trim() || null, entityId: draft.entityId.trim() || null });
          }}
        >
          <SimpleGrid cols={{ base: 2, md: showPartnerFilter ? 5 : 4 }} spacing="xs">
            <TextInput
              label="Action"
              placeholder="partner. or partner.update"
              value={draft.action}
              onChange={(event) => setDraft({ ...draft, action: event.currentTarget.value })}
            />
            <TextInput
              label="Record type"
              placeholder="partner, user, product"
              value={draft.entityType}
              onChange={(event) => setDraft({ ...draft, entityType: event.currentTarget.value })}
            />
            {showPartnerFilter ? (
              <TextInput
                label="Partner id"
                value={values.partnerId ?? ""}
                onChange={(event) => set({ partnerId: event.currentTarget.value.trim() || null })}
              />
            ) : null}
            <TextInput label="From" type="date" value={values.from ?? ""} onChange={(event) => set({ from: event.currentTarget.value || null })} />
            <TextInput label="To" type="date" value={values.to ?? ""} onChange={(event) => set({ to: event.currentTarget.value || null })} />
          </SimpleGrid>
          {filtered ? (
            <Group justify="flex-end" mt="xs">
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => {
                  setDraft({ action: "", entityType: "", entityId: "" });
                  clear();
                }}
              >
                Clear filters
              </Button>
            </Group>
          ) : null}
        </form>
      </search>
      {entries.isPending ? (
        <TableSkeleton />
      ) : entries.isError ? (
        <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
      ) : entries.items.length === 0 ? (
        <Empty title={filtered ? "Nothing matches these filters" : "No activity yet"}>
          {filtered ? "Widen the dates or clear a filter." : "Every change anyone makes is recorded here."}
        </Empty>
      ) : (
        <Stack gap={0}>
          <AuditTable entries={entries.items} />
          <LoadMore {...entries} shown={entries.items.length} />
        </Stack>
      )}
    </Stack>
  );
}

export function AuditPage() {
  return (
    <Page title="Audit log" description="Who changed what, and when. Newest first; open a row to see the fields that changed.">
      <AuditLog />
    </Page>
  );
}
