import { Button, Group, List, NumberInput, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type TicketSeverity, ticketSeverities, ticketSeverityMeanings } from "@trellis/shared";
import { useState } from "react";
import { fieldErrors } from "../../api/client";
import type { BusinessCalendar, SlaPolicyRow, Tier } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TableSkeleton } from "../../components/Skeletons";
import { useTiers } from "../tiers/tiers.api";
import { weeklyHours } from "./SupportSettingsCalendar";
import { useSaveSlaPolicies, useSlaPolicies } from "./support-admin.api";

/** The default row's key: the server's tierId null. */
const DEFAULT = "*";
const maxHours = 60 * 24;

type Hours = number | string;
interface Cell {
  first: Hours;
  resolution: Hours;
}
type Matrix = Record<string, Record<TicketSeverity, Cell>>;

function emptyRow(): Record<TicketSeverity, Cell> {
  return {
    P1: { first: "", resolution: "" },
    P2: { first: "", resolution: "" },
    P3: { first: "", resolution: "" },
    P4: { first: "", resolution: "" },
  };
}

const toHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function matrixOf(policies: SlaPolicyRow[], tiers: Tier[]): Matrix {
  const matrix: Matrix = { [DEFAULT]: emptyRow() };
  for (const tier of tiers) matrix[tier.id] = emptyRow();
  for (const policy of policies) {
    const row = matrix[policy.tierId ?? DEFAULT];
    if (row) row[policy.severity] = { first: toHours(policy.firstResponseMinutes), resolution: toHours(policy.resolutionMinutes) };
  }
  return matrix;
}

const filled = (value: Hours) => value !== "" && value !== null && value !== undefined;

/** Rows for PUT, plus where each row sits in the table so the server's `policies.N.field` errors find their input. */
function rowsOf(matrix: Matrix): { rows: SlaPolicyRow[]; cells: string[]; errors: Record<string, string> } {
  const rows: SlaPolicyRow[] = [];
  const cells: string[] = [];
  const errors: Record<string, string> = {};
  for (const [key, row] of Object.entries(matrix)) {
    for (const severity of ticketSeverities) {
      const cell = row[severity];
      const at = `${key}.${severity}`;
      if (!filled(cell.first) && !filled(cell.resolution)) {
        if (key === DEFAULT) errors[`${at}.first`] = "The default needs both targets";
        continue;
      }
      const first = Number(cell.first);
      const resolution = Number(cell.resolution);
      const check = (value: Hours, number: number) =>
        !filled(value) ? "Enter both targets, or neither" : number <= 0 ? "More than 0" : number > maxHours ? `At most ${maxHours} h` : undefined;
      const firstError = check(cell.first, first);
      const resolutionError = check(cell.resolution, resolution) ?? (resolution < first ? "Not before the first response" : undefined);
      if (firstError) errors[`${at}.first`] = firstError;
      if (resolutionError) errors[`${at}.resolution`] = resolutionError;
      rows.push({
        tierId: key === DEFAULT ? null : key,
        severity,
        firstResponseMinutes: Math.round(first * 60),
        resolutionMinutes: Math.round(resolution * 60),
      });
      cells.push(at);
    }
  }
  return { rows, cells, errors };
}

function serverErrors(error: unknown, cells: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const match = /^policies\.(\d+)\.(firstResponseMinutes|resolutionMinutes)/.exec(path);
    const cell = match ? cells[Number(match[1])] : undefined;
    if (match && cell) result[`${cell}.${match[2] === "firstResponseMinutes" ? "first" : "resolution"}`] = message;
  }
  return result;
}

function SlaMatrix({
  policies,
  tiers,
  calendar,
  canWrite,
}: {
  policies: SlaPolicyRow[];
  tiers: Tier[];
  calendar: BusinessCalendar;
  canWrite: boolean;
}) {
  const [matrix, setMatrix] = useState<Matrix>(() => matrixOf(policies, tiers));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveSlaPolicies();
  const rows = [
    { key: DEFAULT, label: "Default", hint: "Tiers without their own targets" },
    ...tiers.map((tier) => ({ key: tier.id, label: tier.name, hint: "" })),
  ];
  const setCell = (key: string, severity: TicketSeverity, change: Partial<Cell>) => {
    setMatrix((current) => {
      const row = current[key] ?? emptyRow();
      return { ...current, [key]: { ...row, [severity]: { ...row[severity], ...change } } };
    });
    setErrors({});
  };
  const submit = () => {
    const { rows: policiesToSave, cells, errors: found } = rowsOf(matrix);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(policiesToSave, {
      onSuccess: () =>
        notifications.show({ color: "teal", message: "SLA targets saved. New tickets get them; open tickets keep the targets they started with." }),
      onError: (error) => setErrors(serverErrors(error, cells)),
    });
  };
  const hoursPerWeek = weeklyHours(calendar);
  const defaultPlaceholder = (severity: TicketSeverity, which: keyof Cell) => {
    const value = matrix[DEFAULT]?.[severity][which] ?? "";
    return filled(value) ? `${value} h` : "—";
  };
  const hourInput = (key: string, label: string, severity: TicketSeverity, which: keyof Cell) => (
    <NumberInput
      size="xs"
      w={92}
      min={0}
      max={maxHours}
      decimalScale={2}
      suffix=" h"
      hideControls
      placeholder={key === DEFAULT ? "—" : defaultPlaceholder(severity, which)}
      aria-label={`${label}, ${severity}, ${which === "first" ? "first response" : "resolution"} in business hours`}
      value={matrix[key]?.[severity][which] ?? ""}
      onChange={(value) => setCell(key, severity, { [which]: value })}
      error={errors[`${key}.${severity}.${which}`]}
      disabled={!canWrite}
    />
  );
  return (
    <Stack>
      <ErrorAlert error={save.error} title="SLA targets not saved" />
      <Text size="sm" id="sla-matrix-hint">
        First response and resolution targets in business hours; 0.5 is 30 minutes. A tier&apos;s empty cell uses the Default row&apos;s target, shown
        in grey.
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" withTableBorder withColumnBorders aria-describedby="sla-matrix-hint">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tier</Table.Th>
              {ticketSeverities.map((severity) => (
                <Table.Th key={severity} title={ticketSeverityMeanings[severity]}>
                  {severity}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row">
                  <Text size="sm" fw={600}>
                    {row.label}
                  </Text>
                  {row.hint ? (
                    <Text size="xs" c="dimmed">
                      {row.hint}
                    </Text>
                  ) : null}
                </Table.Th>
                {ticketSeverities.map((severity) => (
                  <Table.Td key={severity}>
                    <Stack gap={4}>
                      <Group gap={4} wrap="nowrap">
                        <Text size="xs" c="dimmed" w={44}>
                          First
                        </Text>
                        {hourInput(row.key, row.label, severity, "first")}
                      </Group>
                      <Group gap={4} wrap="nowrap">
                        <Text size="xs" c="dimmed" w={44}>
                          Resolve
                        </Text>
                        {hourInput(row.key, row.label, severity, "resolution")}
                      </Group>
                    </Stack>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        Your calendar has {hoursPerWeek.toLocaleString(undefined, { maximumFractionDigits: 1 })} working hours a week
        {hoursPerWeek > 0 ? `, about ${(hoursPerWeek / 5).toLocaleString(undefined, { maximumFractionDigits: 1 })} h a weekday` : ""}: a 16 h target
        with 8-hour days is two working days.
      </Text>
      {canWrite ? (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setMatrix(matrixOf(policies, tiers))} disabled={save.isPending}>
            Undo changes
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            Save SLA targets
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

export function SupportSettingsSla({ calendar, canWrite }: { calendar: BusinessCalendar; canWrite: boolean }) {
  const policies = useSlaPolicies();
  const tiers = useTiers();
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        How fast the desk answers and resolves, by the partner&apos;s tier and the ticket&apos;s severity. The clock runs in business hours only and
        pauses while a ticket waits on the partner.
      </Text>
      <List size="sm" spacing={2}>
        {ticketSeverities.map((severity) => (
          <List.Item key={severity}>
            <strong>{severity}</strong> — {ticketSeverityMeanings[severity]}
          </List.Item>
        ))}
      </List>
      {policies.isPending || tiers.isPending ? (
        <TableSkeleton rows={4} />
      ) : policies.isError || tiers.isError ? (
        <ErrorAlert
          error={policies.error ?? tiers.error}
          title="SLA targets could not be loaded"
          onRetry={() => {
            void policies.refetch();
            void tiers.refetch();
          }}
        />
      ) : (
        <SlaMatrix
          key={policies.dataUpdatedAt}
          policies={policies.data}
          tiers={[...tiers.data].sort((a, b) => a.rank - b.rank)}
          calendar={calendar}
          canWrite={canWrite}
        />
      )}
    </Stack>
  );
}
