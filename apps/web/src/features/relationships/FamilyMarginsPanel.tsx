import { Anchor, Button, Group, NumberInput, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router";
import { fieldErrors } from "../../api/client";
import type { MarginsView } from "../../api/relationships-types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { DataTable } from "../../components/TableScroll";
import { formatDate } from "../../lib/format";
import { useFamilyMargins, useUpdateFamilyMargins } from "./portfolio.api";
import { marginBpsOf } from "./settings.form";

const percent = (bps: number) => `${(bps / 100).toLocaleString(undefined, { maximumFractionDigits: 2 })}%`;

function MarginsTable({ view, canWrite }: { view: MarginsView; canWrite: boolean }) {
  const update = useUpdateFamilyMargins();
  const initial = Object.fromEntries(view.families.map((family) => [family.familyId, family.marginBps === null ? "" : family.marginBps / 100]));
  const [typed, setTyped] = useState<Record<string, string | number>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const changed = view.families.filter((family) => {
    const bps = marginBpsOf(typed[family.familyId] ?? "");
    return bps !== family.marginBps;
  });

  const save = () => {
    const found: Record<string, string> = {};
    const margins = changed.map((family) => {
      const bps = marginBpsOf(typed[family.familyId] ?? "");
      if (bps === undefined) found[family.familyId] = "A percentage from -100 to 100, two decimals at most; blank for the default";
      return { familyId: family.familyId, marginBps: bps ?? null };
    });
    setErrors(found);
    if (Object.keys(found).length > 0 || margins.length === 0) return;
    update.mutate(
      { margins },
      {
        onSuccess: () =>
          notifications.show({ color: "teal", message: `Margins saved for ${margins.length === 1 ? "1 family" : `${margins.length} families`}.` }),
        onError: (error) => {
          // "margins.2.marginBps" names the request's third entry.
          const byFamily: Record<string, string> = {};
          for (const [path, message] of Object.entries(fieldErrors(error))) {
            const index = /^margins\.(\d+)/.exec(path)?.[1];
            const family = index === undefined ? undefined : margins[Number(index)];
            if (family) byFamily[family.familyId] = message;
          }
          setErrors(byFamily);
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      <DataTable minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product family</Table.Th>
            <Table.Th>Margin (%)</Table.Th>
            <Table.Th ta="right">Applied</Table.Th>
            <Table.Th>Changed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.families.map((family) => (
            <Table.Tr key={family.familyId}>
              <Table.Td>{family.familyName}</Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`Margin of ${family.familyName} (%)`}
                  placeholder={`Default ${percent(view.defaultMarginBps)}`}
                  min={-100}
                  max={100}
                  decimalScale={2}
                  size="xs"
                  w={150}
                  disabled={!canWrite}
                  value={typed[family.familyId] ?? ""}
                  onChange={(value) => {
                    setTyped((current) => ({ ...current, [family.familyId]: value }));
                    setErrors((current) => ({ ...current, [family.familyId]: "" }));
                  }}
                  error={errors[family.familyId] || undefined}
                />
              </Table.Td>
              <Table.Td ta="right">
                {percent(family.effectiveMarginBps)}
                {family.marginBps === null ? (
                  <Text span size="xs" c="dimmed">
                    {" "}
                    (default)
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{family.updatedAt ? formatDate(family.updatedAt) : "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      <ErrorAlert error={Object.values(errors).some(Boolean) ? null : update.error} title="Margins not saved" />
      {canWrite ? (
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            {changed.length > 0 ? `${changed.length} changed, not saved yet.` : "Blank: the default margin applies."}
          </Text>
          <Button onClick={save} loading={update.isPending} disabled={changed.length === 0}>
            Save margins
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** Gross margin per product family: it turns each partner's sell-through revenue into margin. */
export function FamilyMarginsPanel({ canWrite }: { canWrite: boolean }) {
  const margins = useFamilyMargins();
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section" aria-label="Margins per product family">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            Margins per product family
          </Title>
          <Text size="sm" c="dimmed">
            Your gross margin on each family, in percent of the net sale. It applies to all sell-through, past and future.
          </Text>
        </div>
        {margins.isPending ? (
          <Skeleton height={160} />
        ) : margins.isError ? (
          <ErrorAlert error={margins.error} onRetry={() => void margins.refetch()} />
        ) : margins.data.families.length === 0 ? (
          <Empty title="No product families yet">
            Families are set up under{" "}
            <Anchor component={Link} to="/products/families">
              Product families
            </Anchor>
            ; until then the default margin applies to every sale.
          </Empty>
        ) : (
          <MarginsTable key={margins.data.families.map((f) => `${f.familyId}:${f.marginBps}`).join(",")} view={margins.data} canWrite={canWrite} />
        )}
      </Stack>
    </Paper>
  );
}
