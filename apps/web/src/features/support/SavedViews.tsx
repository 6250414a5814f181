import { Button, Group, Popover, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { errorMessage, fieldErrors } from "../../api/client";
import type { TicketFilters } from "../../api/types";
import { useCan } from "../../auth/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useDeleteView, useSavedViews, useSaveView } from "./tickets.api";
import { compact, filtersFromSaved } from "./useQueueFilters";

/** Filters compared regardless of key order or empty keys. */
function sameFilters(a: TicketFilters, b: TicketFilters): boolean {
  const key = (filters: TicketFilters) =>
    JSON.stringify(
      Object.entries(compact({ ...filters, sort: filters.sort ?? "sla" }))
        .map(([name, value]) => [name, Array.isArray(value) ? [...value].sort() : value])
        .sort(([x], [y]) => String(x).localeCompare(String(y))),
    );
  return key(a) === key(b);
}

interface SavedViewsProps {
  filters: TicketFilters;
  onPick: (filters: TicketFilters) => void;
}

/** An agent's named queues: pick one to apply its filters, save the current ones under a name, delete. */
export function SavedViews({ filters, onPick }: SavedViewsProps) {
  const canWork = useCan("support:work");
  const views = useSavedViews(canWork);
  const save = useSaveView();
  const remove = useDeleteView();
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState("");
  const list = views.data ?? [];
  const current = list.find((view) => sameFilters(filtersFromSaved(view.filters), filters));
  const nameError = fieldErrors(save.error).name ?? (save.isError ? errorMessage(save.error) : undefined);

  // Saved views belong to people who work the queue; a role without them just does not see the control.
  if (!canWork || views.isError) return null;

  const submit = () => {
    if (!name.trim()) return;
    save.mutate(
      { name: name.trim(), filters: compact(filters) },
      {
        onSuccess: (view) => {
          setOpened(false);
          setName("");
          notifications.show({ color: "teal", message: `View “${view.name}” saved` });
        },
      },
    );
  };

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label="Saved view"
        placeholder={views.isPending ? "Loading…" : list.length ? "Pick a view" : "No saved views yet"}
        data={list.map((view) => ({ value: view.id, label: view.name }))}
        value={current?.id ?? null}
        onChange={(id) => {
          const view = list.find((item) => item.id === id);
          if (view) onPick(filtersFromSaved(view.filters));
        }}
        allowDeselect={false}
        disabled={list.length === 0}
        w={220}
      />
      <Popover opened={opened} onChange={setOpened} trapFocus returnFocus position="bottom-start" withArrow shadow="md" width={280}>
        <Popover.Target>
          <Button variant="default" onClick={() => setOpened((value) => !value)} disabled={Boolean(current)}>
            Save view
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <Stack gap="xs">
              <TextInput
                label="Name of this view"
                placeholder="e.g. My P1 and P2"
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                error={nameError}
                maxLength={80}
                data-autofocus
              />
              <Group justify="flex-end" gap="xs">
                <Button size="xs" variant="default" onClick={() => setOpened(false)}>
                  Cancel
                </Button>
                <Button size="xs" type="submit" loading={save.isPending} disabled={!name.trim()}>
                  Save
                </Button>
              </Group>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
      {current ? (
        <ConfirmButton
          variant="subtle"
          question={`Delete the view “${current.name}”? The tickets stay as they are.`}
          confirmLabel="Delete view"
          loading={remove.isPending}
          onConfirm={() =>
            remove.mutate(current.id, {
              onError: (error) => notifications.show({ color: "red", title: "View not deleted", message: errorMessage(error) }),
            })
          }
        >
          Delete view
        </ConfirmButton>
      ) : null}
    </Group>
  );
}
