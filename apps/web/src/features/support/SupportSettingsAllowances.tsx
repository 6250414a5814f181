import { Anchor, Button, Group, NumberInput, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router";
import { fieldErrors } from "../../api/client";
import type { Tier, TierAllowance } from "../../api/types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TableSkeleton } from "../../components/Skeletons";
import { useTiers } from "../tiers/tiers.api";
import { useAllowances, useSaveAllowances } from "./support-admin.api";

type Hours = number | string;

function AllowanceForm({ tiers, allowances, canWrite }: { tiers: Tier[]; allowances: TierAllowance[]; canWrite: boolean }) {
  const initial = () => Object.fromEntries(tiers.map((tier) => [tier.id, allowances.find((row) => row.tierId === tier.id)?.hoursPerMonth ?? ""]));
  const [values, setValues] = useState<Record<string, Hours>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveAllowances();
  const submit = () => {
    const found: Record<string, string> = {};
    for (const tier of tiers) {
      const value = values[tier.id] ?? "";
      if (value !== "" && !(Number.isInteger(Number(value)) && Number(value) >= 0)) found[tier.id] = "Whole hours, 0 or more; empty for none";
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input = tiers.map((tier) => {
      const value = values[tier.id] ?? "";
      return { tierId: tier.id, hoursPerMonth: value === "" ? null : Number(value) };
    });
    save.mutate(input, {
      onSuccess: () => notifications.show({ color: "teal", message: "Allowances saved. Consumption flags partners against them from now on." }),
      onError: (error) => {
        const mapped: Record<string, string> = {};
        for (const [path, message] of Object.entries(fieldErrors(error))) {
          const match = /^allowances\.(\d+)/.exec(path);
          const tier = match ? tiers[Number(match[1])] : undefined;
          if (tier) mapped[tier.id] = message;
        }
        setErrors(mapped);
      },
    });
  };
  return (
    <Stack>
      <ErrorAlert error={save.error} title="Allowances not saved" />
      <Table.ScrollContainer minWidth={360}>
        <Table verticalSpacing="xs" maw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tier</Table.Th>
              <Table.Th>Support hours a month, per partner</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tiers.map((tier) => (
              <Table.Tr key={tier.id}>
                <Table.Th scope="row">{tier.name}</Table.Th>
                <Table.Td>
                  <NumberInput
                    aria-label={`${tier.name}: support hours a month per partner`}
                    placeholder="No allowance"
                    w={180}
                    min={0}
                    max={100_000}
                    allowDecimal={false}
                    suffix=" h"
                    value={values[tier.id] ?? ""}
                    onChange={(value) => {
                      setValues((current) => ({ ...current, [tier.id]: value }));
                      setErrors({});
                    }}
                    error={errors[tier.id]}
                    disabled={!canWrite}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canWrite ? (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setValues(initial())} disabled={save.isPending}>
            Undo changes
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            Save allowances
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

export function SupportSettingsAllowances({ canWrite }: { canWrite: boolean }) {
  const tiers = useTiers();
  const allowances = useAllowances();
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        How many support hours a month a partner in each tier may use. Partners above it are flagged on{" "}
        <Anchor component={Link} to="/support/consumption">
          Support consumption
        </Anchor>
        ; nobody is refused help. Leave a tier empty for no allowance.
      </Text>
      {tiers.isPending || allowances.isPending ? (
        <TableSkeleton rows={3} />
      ) : tiers.isError || allowances.isError ? (
        <ErrorAlert
          error={tiers.error ?? allowances.error}
          title="Allowances could not be loaded"
          onRetry={() => {
            void tiers.refetch();
            void allowances.refetch();
          }}
        />
      ) : tiers.data.length === 0 ? (
        <Empty title="No tiers yet">
          Allowances are set per tier.{" "}
          <Anchor component={Link} to="/settings/tiers">
            Create tiers
          </Anchor>{" "}
          first.
        </Empty>
      ) : (
        <AllowanceForm
          key={allowances.dataUpdatedAt}
          tiers={[...tiers.data].sort((a, b) => a.rank - b.rank)}
          allowances={allowances.data}
          canWrite={canWrite}
        />
      )}
    </Stack>
  );
}
