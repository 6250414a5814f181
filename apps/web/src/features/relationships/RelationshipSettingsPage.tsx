import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Slider, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { fieldErrors } from "../../api/client";
import type { RelationshipSettings } from "../../api/relationships-types";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { EvaluatePanel } from "./EvaluatePanel";
import { FamilyMarginsPanel } from "./FamilyMarginsPanel";
import { useRelationshipSettings, useUpdateRelationshipSettings } from "./portfolio.api";
import {
  formErrorsOf,
  healthComponentLabels,
  healthComponentNames,
  type SettingsValues,
  settingsInputOf,
  settingsValues,
  weightShares,
} from "./settings.form";

const weightHints: Record<(typeof healthComponentNames)[number], string> = {
  return_on_resources: "Margin against resources, scored against the target return",
  growth: "Revenue against the prior period",
  engagement: "Active users, sales-library use, news read, logins",
  certification: "Certified staff",
  support_within_allowance: "Support hours within the tier's allowance",
};

function Block({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section" aria-label={title}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {hint ? (
            <Text size="sm" c="dimmed">
              {hint}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

function SettingsForm({ settings, canWrite }: { settings: RelationshipSettings; canWrite: boolean }) {
  const update = useUpdateRelationshipSettings();
  const form = useForm<SettingsValues>(settingsValues(settings));
  const { values } = form;
  const shares = weightShares(values);
  const target = Number(values.targetReturnPercent);
  const disabled = !canWrite;

  const save = (current: SettingsValues) => {
    const { input, errors } = settingsInputOf(current);
    form.setErrors(errors);
    if (!input) return;
    update.mutate(input, {
      onSuccess: () => notifications.show({ color: "teal", message: "Relationship settings saved; every scorecard was recomputed." }),
      onError: (error) => form.setErrors(formErrorsOf(fieldErrors(error))),
    });
  };

  return (
    <form onSubmit={form.onSubmit(save)} noValidate>
      <Stack gap="md">
        <Block
          title="Health score"
          hint="Each partner's health, 0 to 100, is a weighted mean of five components. A component that is not measured for a partner gives its weight to the others."
        >
          <Stack gap="sm">
            {healthComponentNames.map((name) => (
              <Group key={name} gap="md" align="flex-end" wrap="wrap">
                <NumberInput
                  clampBehavior="none"
                  label={healthComponentLabels[name]}
                  description={weightHints[name]}
                  min={0}
                  max={100}
                  allowDecimal={false}
                  disabled={disabled}
                  w={{ base: "100%", sm: 300 }}
                  {...form.field(name)}
                />
                <Slider
                  aria-label={`${healthComponentLabels[name]} weight`}
                  min={0}
                  max={100}
                  value={Number(values[name]) || 0}
                  onChange={(value) => form.setValue(name, value)}
                  disabled={disabled}
                  style={{ flex: "1 1 160px" }}
                  mb={12}
                  label={null}
                />
                <Text size="sm" w={110} ta="right" mb={6} aria-live="polite">
                  {shares[name]}% of health
                </Text>
              </Group>
            ))}
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              clampBehavior="none"
              label="Flag a partner whose health is below"
              min={0}
              max={100}
              allowDecimal={false}
              disabled={disabled}
              {...form.field("healthThreshold")}
            />
            <NumberInput
              clampBehavior="none"
              label="Target return on resources (%)"
              description={Number.isFinite(target) && target > 0 ? `Full marks at a margin ${(target / 100).toFixed(1)}× the resources` : undefined}
              min={1}
              max={10_000}
              allowDecimal={false}
              disabled={disabled}
              {...form.field("targetReturnPercent")}
            />
          </SimpleGrid>
        </Block>
        <Block title="Alerts" hint="The daily evaluation flags a partner whose net contribution over this window is negative.">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              clampBehavior="none"
              label="Net contribution window (months)"
              min={1}
              max={24}
              allowDecimal={false}
              disabled={disabled}
              {...form.field("netWindowMonths")}
            />
          </SimpleGrid>
        </Block>
        <Block
          title="Money"
          hint="The reporting currency, the margin of product families without their own, and what a channel manager's hour costs."
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Reporting currency"
              description="Amounts already recorded are not converted"
              maxLength={3}
              disabled={disabled}
              {...form.text("currency")}
            />
            <NumberInput
              clampBehavior="none"
              label="Default margin (%)"
              description="For families without a margin below"
              min={-100}
              max={100}
              decimalScale={2}
              disabled={disabled}
              {...form.field("defaultMarginPercent")}
            />
            <NumberInput
              clampBehavior="none"
              label={`Channel-manager cost per hour (${values.currency})`}
              min={0}
              decimalScale={3}
              thousandSeparator=","
              disabled={disabled}
              {...form.field("channelManagerCostPerHour")}
            />
          </SimpleGrid>
        </Block>
        <Block title="Capacity" hint="The hours your team has each month, and what a partner needs to be supported well.">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput
              clampBehavior="none"
              label="Support hours available a month"
              min={0}
              allowDecimal={false}
              thousandSeparator=","
              disabled={disabled}
              {...form.field("supportHoursAvailable")}
            />
            <NumberInput
              clampBehavior="none"
              label="Channel-manager hours available a month"
              min={0}
              allowDecimal={false}
              thousandSeparator=","
              disabled={disabled}
              {...form.field("channelManagerHoursAvailable")}
            />
            <NumberInput
              clampBehavior="none"
              label="Hours a partner needs a month"
              description="Leave blank to measure it from your healthiest partners"
              placeholder="Measured"
              min={0}
              decimalScale={2}
              disabled={disabled}
              {...form.field("hoursPerPartner")}
            />
          </SimpleGrid>
        </Block>
        <Block title="Partner access">
          <Switch
            label="Partner admins see their own scorecard"
            description="Off: only your team sees scorecards. A partner never sees another partner's."
            disabled={disabled}
            checked={values.partnerScorecardsVisible}
            onChange={(event) => form.setValue("partnerScorecardsVisible", event.currentTarget.checked)}
          />
        </Block>
        <ErrorAlert error={Object.values(form.errors).some(Boolean) ? null : update.error} title="Not saved" />
        {Object.values(form.errors).some(Boolean) ? (
          <Alert color="red" title="Not saved" role="alert">
            Check the fields marked above.
          </Alert>
        ) : null}
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            {new Date(settings.updatedAt).getTime() > 0
              ? `Last changed ${formatDateTime(settings.updatedAt)}.`
              : "Not changed yet: these are the defaults."}{" "}
            Saving recomputes every scorecard.
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

/** Health weights, alert thresholds, money and capacity settings, family margins and a manual evaluation. */
export function RelationshipSettingsPage() {
  const settings = useRelationshipSettings();
  const canWrite = useCan("relationships:configure");
  if (settings.isPending) return <PageSkeleton />;
  return (
    <Page
      title="Relationship settings"
      description={
        canWrite
          ? "How health is scored, when partners are flagged, what margins and hours the figures use."
          : "How health is scored, when partners are flagged, what margins and hours the figures use. Only a vendor admin or finance can change them."
      }
    >
      {settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Stack gap="lg">
          <SettingsForm key={settings.data.updatedAt} settings={settings.data} canWrite={canWrite} />
          <FamilyMarginsPanel canWrite={canWrite} />
          {canWrite ? <EvaluatePanel /> : null}
        </Stack>
      )}
    </Page>
  );
}
