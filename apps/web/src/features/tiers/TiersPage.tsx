import { Button, Group, Modal, NumberInput, Stack, Table, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { errorMessage } from "../../api/client";
import type { Tier } from "../../api/types";
import { useCan } from "../../auth/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { useForm } from "../../lib/useForm";
import { useDeleteTier, useSaveTier, useTiers } from "./tiers.api";

function TierModal({ tier, nextRank, onClose }: { tier: Tier | null; nextRank: number; onClose: () => void }) {
  const form = useForm<{ name: string; rank: number | string; description: string }>({
    name: tier?.name ?? "",
    rank: tier?.rank ?? nextRank,
    description: tier?.description ?? "",
  });
  const save = useSaveTier();
  return (
    <Modal opened onClose={onClose} title={tier ? `Edit ${tier.name}` : "New tier"}>
      <form
        onSubmit={form.onSubmit((values) => {
          const valid = form.validate({
            name: (v) => (String(v).trim() ? undefined : "Enter a name"),
            rank: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 ? undefined : "A whole number from 1 (the top tier)"),
          });
          if (!valid) return;
          save.mutate(
            { id: tier?.id ?? null, input: { name: values.name.trim(), rank: Number(values.rank), description: values.description } },
            { onSuccess: onClose, onError: (error) => form.setApiErrors(error) },
          );
        })}
      >
        <Stack>
          <ErrorAlert error={save.error} />
          <TextInput label="Name" required data-autofocus {...form.text("name")} />
          <NumberInput
            label="Rank"
            description="1 is the top tier"
            required
            min={1}
            max={100}
            allowDecimal={false}
            value={form.values.rank}
            onChange={(value) => form.setValue("rank", value)}
            error={form.errors.rank}
          />
          <Textarea label="Description" description="What a partner in this tier gets and gives" autosize minRows={2} {...form.text("description")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function TiersPage() {
  const tiers = useTiers();
  const remove = useDeleteTier();
  const canWrite = useCan("tiers:write");
  const [editing, setEditing] = useState<Tier | "new" | null>(null);
  const nextRank = Math.max(0, ...(tiers.data ?? []).map((tier) => tier.rank)) + 1;
  return (
    <Page
      title="Tiers"
      description="Partner levels, top first. A tier sets what a partner can expect from you."
      actions={canWrite ? <Button onClick={() => setEditing("new")}>New tier</Button> : null}
    >
      {tiers.isPending ? (
        <TableSkeleton rows={3} />
      ) : tiers.isError ? (
        <ErrorAlert error={tiers.error} onRetry={() => void tiers.refetch()} />
      ) : tiers.data.length === 0 ? (
        <Empty title="No tiers yet" actions={canWrite ? <Button onClick={() => setEditing("new")}>New tier</Button> : null}>
          Create tiers such as Gold and Silver, then assign partners to them.
        </Empty>
      ) : (
        <DataTable minWidth={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rank</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th ta="right">Partners</Table.Th>
              {canWrite ? <Table.Th>Actions</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...tiers.data]
              .sort((a, b) => a.rank - b.rank)
              .map((tier) => (
                <Table.Tr key={tier.id}>
                  <Table.Td>{tier.rank}</Table.Td>
                  <Table.Td fw={600}>{tier.name}</Table.Td>
                  <Table.Td>{tier.description}</Table.Td>
                  <Table.Td ta="right">{tier.partnerCount ?? "—"}</Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(tier)} aria-label={`Edit ${tier.name}`}>
                          Edit
                        </Button>
                        <ConfirmButton
                          size="compact-sm"
                          variant="subtle"
                          question={
                            tier.partnerCount !== null && tier.partnerCount > 0
                              ? `${tier.partnerCount} partner(s) are in ${tier.name}; move them to another tier first.`
                              : `Delete the tier ${tier.name}?`
                          }
                          confirmLabel="Delete"
                          loading={remove.isPending && remove.variables === tier.id}
                          onConfirm={() =>
                            remove.mutate(tier.id, {
                              onError: (error) => notifications.show({ color: "red", title: "Not deleted", message: errorMessage(error) }),
                            })
                          }
                        >
                          Delete
                        </ConfirmButton>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
          </Table.Tbody>
        </DataTable>
      )}
      {editing ? <TierModal tier={editing === "new" ? null : editing} nextRank={nextRank} onClose={() => setEditing(null)} /> : null}
    </Page>
  );
}
