import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { VendorSettings } from "../../api/types";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { useSettings, useUpdateSettings } from "./settings.api";

function SettingsForm({ settings }: { settings: VendorSettings }) {
  const canWrite = useCan("settings:write");
  const update = useUpdateSettings();
  const form = useForm<{ vendorName: string; capacity: number | string; hideStaleCompetitive: boolean }>({
    vendorName: settings.vendorName,
    capacity: settings.supportedPartnerCapacity,
    hideStaleCompetitive: settings.hideStaleCompetitive,
  });
  const capacity = Number(form.values.capacity);
  const over = Number.isFinite(capacity) && settings.activePartners > capacity;
  return (
    <form
      onSubmit={form.onSubmit((values) => {
        const valid = form.validate({
          vendorName: (v) => (String(v).trim() ? undefined : "Enter your company name"),
          capacity: (v) => (Number.isInteger(Number(v)) && Number(v) >= 0 ? undefined : "A whole number, 0 or more"),
        });
        if (!valid) return;
        update.mutate(
          {
            vendorName: values.vendorName.trim(),
            supportedPartnerCapacity: Number(values.capacity),
            // Sent only when changed, so the PATCH stays minimal.
            ...(values.hideStaleCompetitive !== settings.hideStaleCompetitive ? { hideStaleCompetitive: values.hideStaleCompetitive } : {}),
          },
          {
            onSuccess: () => notifications.show({ color: "teal", message: "Settings saved." }),
            onError: (error) => {
              if (form.setApiErrors(error)) form.setErrors((current) => ({ ...current, capacity: current.supportedPartnerCapacity }));
            },
          },
        );
      })}
    >
      <Stack>
        <ErrorAlert error={update.error} />
        <TextInput label="Vendor name" description="Shown to partners and in emails" required disabled={!canWrite} {...form.text("vendorName")} />
        <NumberInput
          label="Partners we can support well"
          description="How many active partners your channel team can give real attention: training, support, joint selling. Active and probation partners count against it."
          required
          min={0}
          max={100000}
          allowDecimal={false}
          disabled={!canWrite}
          value={form.values.capacity}
          onChange={(value) => form.setValue("capacity", value)}
          error={form.errors.capacity}
        />
        <Text size="sm">
          Now: <strong>{settings.activePartners}</strong> active partners.
        </Text>
        {over ? (
          <Alert color="orange" title="Below your current partner count">
            You have more active partners than this. Nobody is removed, but new partners need a vendor admin&apos;s written override until the count
            is below it.
          </Alert>
        ) : null}
        <Switch
          label="Hide competitive data sheets past their review-by date from partners"
          description="Outdated comparisons can mislead a customer. Marketing still sees them, marked as needing review."
          disabled={!canWrite}
          checked={form.values.hideStaleCompetitive}
          onChange={(event) => form.setValue("hideStaleCompetitive", event.currentTarget.checked)}
          error={form.errors.hideStaleCompetitive}
        />
        {canWrite ? (
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              Save settings
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Only a vendor admin can change these.
          </Text>
        )}
      </Stack>
    </form>
  );
}

export function SettingsPage() {
  const settings = useSettings();
  return (
    <Page
      title="Settings"
      description="Trellis rests on one idea: a vendor does better with fewer partners it supports well than with many it starves."
    >
      {settings.isPending ? (
        <PageSkeleton />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Paper withBorder p={{ base: "md", sm: "lg" }} maw={640}>
          <SettingsForm settings={settings.data} />
          <Text size="xs" c="dimmed" mt="md">
            Last changed {formatDateTime(settings.data.updatedAt)}
          </Text>
        </Paper>
      )}
    </Page>
  );
}
