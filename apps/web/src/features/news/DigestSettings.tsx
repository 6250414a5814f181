import { Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { DigestFrequency } from "@trellis/shared";
import { useMemo, useState } from "react";
import { errorMessage, fieldErrors } from "../../api/client";
import type { NewsPreferences, NewsPreferencesInput } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../lib/format";
import { weekdayLabels } from "./news.labels";
import { useNewsPreferences, useSaveNewsPreferences } from "./news-settings.api";

const frequencyOptions: { value: DigestFrequency; label: string }[] = [
  { value: "immediate", label: "Immediately" },
  { value: "daily", label: "Daily" },
  { value: "weekly", label: "Weekly" },
  { value: "off", label: "Off" },
];

const frequencyHints: Record<DigestFrequency, string> = {
  immediate: "A mail soon after each new post (collected every few minutes).",
  daily: "One mail a day at the hour you choose, with the posts you have not read.",
  weekly: "One mail a week, on the day and at the hour you choose.",
  off: "No news by mail. Posts stay in the portal and in your feed reader.",
};

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Every IANA zone the browser knows, with the saved one kept even if this browser lacks it. */
export function timeZoneOptions(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const all = new Set(zones);
  all.add("UTC");
  if (current) all.add(current);
  return [...all].sort();
}

const hourOptions = Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: `${String(hour).padStart(2, "0")}:00` }));
const weekdayOptions = weekdayLabels.map((label, index) => ({ value: String(index + 1), label }));

function DigestForm({ saved }: { saved: NewsPreferences }) {
  const save = useSaveNewsPreferences();
  const [values, setValues] = useState<NewsPreferencesInput>({
    digestFrequency: saved.digestFrequency,
    digestHour: saved.digestHour,
    digestWeekday: saved.digestWeekday,
    timeZone: saved.timeZone || browserTimeZone(),
  });
  const zones = useMemo(() => timeZoneOptions(values.timeZone), [values.timeZone]);
  const errors = fieldErrors(save.error);
  const scheduled = values.digestFrequency === "daily" || values.digestFrequency === "weekly";
  const browserZone = browserTimeZone();
  const set = (change: Partial<NewsPreferencesInput>) => setValues((current) => ({ ...current, ...change }));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(values, {
          onSuccess: () => notifications.show({ color: "teal", message: "Your digest settings are saved." }),
          onError: (error) => notifications.show({ color: "red", title: "Not saved", message: errorMessage(error) }),
        });
      }}
    >
      <Stack gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="digest-frequency">
            Send me news by mail
          </Text>
          <SegmentedControl
            aria-labelledby="digest-frequency"
            data={frequencyOptions}
            value={values.digestFrequency}
            onChange={(value) => set({ digestFrequency: value as DigestFrequency })}
            style={{ alignSelf: "flex-start" }}
          />
          <Text size="xs" c="dimmed">
            {frequencyHints[values.digestFrequency]}
          </Text>
        </Stack>
        {scheduled ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label="At"
              allowDeselect={false}
              data={hourOptions}
              value={String(values.digestHour)}
              onChange={(value) => set({ digestHour: Number(value ?? 8) })}
              error={errors.digestHour}
            />
            {values.digestFrequency === "weekly" ? (
              <Select
                label="On"
                allowDeselect={false}
                data={weekdayOptions}
                value={String(values.digestWeekday)}
                onChange={(value) => set({ digestWeekday: Number(value ?? 1) })}
                error={errors.digestWeekday}
              />
            ) : null}
            <Select
              label="Time zone"
              searchable
              allowDeselect={false}
              data={zones}
              value={values.timeZone}
              onChange={(value) => set({ timeZone: value ?? browserZone })}
              error={errors.timeZone}
              nothingFoundMessage="No time zone by that name"
              description={values.timeZone !== browserZone ? `This browser is on ${browserZone}.` : undefined}
            />
          </SimpleGrid>
        ) : null}
        {save.isError && !Object.keys(errors).length ? <ErrorAlert error={save.error} /> : null}
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {saved.nextDigestAt && saved.digestFrequency !== "off" ? `Next digest due ${formatDateTime(saved.nextDigestAt)}.` : ""}
          </Text>
          <Button type="submit" loading={save.isPending}>
            Save digest settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The news digest: how often, when, and in which time zone (partner users). */
export function DigestSettings() {
  const preferences = useNewsPreferences();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="digest-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="digest-heading">
          News digest
        </Title>
        {preferences.isPending ? (
          <Skeleton height={96} aria-label="Loading" />
        ) : preferences.isError ? (
          <ErrorAlert error={preferences.error} onRetry={() => void preferences.refetch()} />
        ) : (
          <DigestForm key={`${preferences.data.digestFrequency}:${preferences.data.nextDigestAt}`} saved={preferences.data} />
        )}
      </Stack>
    </Paper>
  );
}
