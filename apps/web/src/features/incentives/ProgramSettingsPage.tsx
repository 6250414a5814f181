import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { fieldErrors } from "../../api/client";
import type { IncentiveSettings } from "../../api/incentives-types";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime, formatMoney, toMinor } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { useIncentiveSettings, useUpdateIncentiveSettings } from "./incentives.api";

interface SettingsValues {
  /** Money value of 1,000 points, in whole currency units as typed. */
  valueOf1000: number | string;
  currency: string;
  expiryMonths: number | string;
  expiryWarningDays: number | string;
  claimWindowDays: number | string;
  autoApproveUpToPoints: number | string;
}

const between = (min: number, max: number) => (value: unknown) =>
  value !== "" && Number.isInteger(Number(value)) && Number(value) >= min && Number(value) <= max
    ? undefined
    : `A whole number from ${min} to ${max}`;

const serverToForm: Record<string, keyof SettingsValues> = { valueMinorPer1000Points: "valueOf1000" };

function SettingsForm({ settings, canWrite }: { settings: IncentiveSettings; canWrite: boolean }) {
  const update = useUpdateIncentiveSettings();
  const form = useForm<SettingsValues>({
    valueOf1000: settings.valueMinorPer1000Points / 100,
    currency: settings.currency,
    expiryMonths: settings.expiryMonths,
    expiryWarningDays: settings.expiryWarningDays,
    claimWindowDays: settings.claimWindowDays,
    autoApproveUpToPoints: settings.autoApproveUpToPoints,
  });
  const { values } = form;
  const perPoint = Number(values.valueOf1000) / 1000;
  return (
    <form
      onSubmit={form.onSubmit((current) => {
        const valid = form.validate({
          valueOf1000: (v) => (v !== "" && Number(v) >= 0 ? undefined : "An amount, 0 or more"),
          currency: (v) => (/^[A-Z]{3}$/.test(String(v)) ? undefined : "A currency code such as EUR"),
          expiryMonths: between(1, 120),
          expiryWarningDays: between(0, 365),
          claimWindowDays: between(1, 3650),
          autoApproveUpToPoints: between(0, 10_000_000),
        });
        if (!valid) return;
        update.mutate(
          {
            valueMinorPer1000Points: toMinor(current.valueOf1000),
            currency: current.currency,
            expiryMonths: Number(current.expiryMonths),
            expiryWarningDays: Number(current.expiryWarningDays),
            claimWindowDays: Number(current.claimWindowDays),
            autoApproveUpToPoints: Number(current.autoApproveUpToPoints),
          },
          {
            onSuccess: () => notifications.show({ color: "teal", message: "Program settings saved." }),
            onError: (error) =>
              form.setErrors(Object.fromEntries(Object.entries(fieldErrors(error)).map(([key, message]) => [serverToForm[key] ?? key, message]))),
          },
        );
      })}
      noValidate
    >
      <Stack gap="md">
        <Paper withBorder p="md">
          <Text fw={700} mb="xs">
            Point value
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              label="Value of 1,000 points"
              description={Number.isFinite(perPoint) ? `One point is worth ${perPoint.toFixed(4)} ${values.currency}` : undefined}
              min={0}
              decimalScale={2}
              thousandSeparator=","
              disabled={!canWrite}
              {...form.field("valueOf1000")}
            />
            <TextInput label="Currency" maxLength={3} disabled={!canWrite} {...form.text("currency")} />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Text fw={700} mb="xs">
            Claims
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              label="Claim window (days)"
              description="How long after the sale a rep may claim it"
              min={1}
              max={3650}
              allowDecimal={false}
              disabled={!canWrite}
              {...form.field("claimWindowDays")}
            />
            <NumberInput
              label="Approve automatically up to (points)"
              description="Claims scoring this or less are paid at once; 0: every claim is reviewed"
              min={0}
              allowDecimal={false}
              thousandSeparator=","
              disabled={!canWrite}
              {...form.field("autoApproveUpToPoints")}
            />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Text fw={700} mb="xs">
            Expiry
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              label="Points expire after (months)"
              description="Counted from the month they were earned; the oldest points are spent first"
              min={1}
              max={120}
              allowDecimal={false}
              disabled={!canWrite}
              {...form.field("expiryMonths")}
            />
            <NumberInput
              label="Warn reps (days before)"
              min={0}
              max={365}
              allowDecimal={false}
              disabled={!canWrite}
              {...form.field("expiryWarningDays")}
            />
          </SimpleGrid>
        </Paper>
        <ErrorAlert error={Object.values(form.errors).some(Boolean) ? null : update.error} title="Not saved" />
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            Last changed {formatDateTime(settings.updatedAt)}. Cost and liability figures use today's point value (
            {formatMoney({ amountMinor: settings.valueMinorPer1000Points, currency: settings.currency })} per 1,000 points).
          </Text>
          {canWrite ? (
            <Button type="submit" loading={update.isPending}>
              Save settings
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

export function ProgramSettingsPage() {
  const settings = useIncentiveSettings();
  const canWrite = useCan("incentives:configure");
  if (settings.isPending) return <PageSkeleton />;
  return (
    <Page title="Incentive program settings" description="Point value, claim window, auto-approval and expiry.">
      {settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm key={settings.data.updatedAt} settings={settings.data} canWrite={canWrite} />
      )}
    </Page>
  );
}
