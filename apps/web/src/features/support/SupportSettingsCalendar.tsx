import { Button, CloseButton, Group, Pill, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMemo, useState } from "react";
import { fieldErrors } from "../../api/client";
import type { BusinessCalendar, IsoWeekday, WorkingPeriod } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../lib/format";
import { useUpdateSupportSettings } from "./support-admin.api";

export const weekdays: { day: IsoWeekday; label: string }[] = [
  { day: 1, label: "Monday" },
  { day: 2, label: "Tuesday" },
  { day: 3, label: "Wednesday" },
  { day: 4, label: "Thursday" },
  { day: 5, label: "Friday" },
  { day: 6, label: "Saturday" },
  { day: 7, label: "Sunday" },
];

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

/** Working hours in a week, for the SLA tab's hint. */
export function weeklyHours(calendar: BusinessCalendar): number {
  let minutes = 0;
  for (const { day } of weekdays) {
    for (const period of calendar.week[day] ?? []) {
      if (hhmm.test(period.start) && hhmm.test(period.end)) minutes += Math.max(0, minutesOf(period.end) - minutesOf(period.start));
    }
  }
  return minutes / 60;
}

function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  // "UTC" is valid everywhere but missing from some browsers' list.
  const all = new Set([...zones, "UTC", current]);
  return [...all].sort();
}

/** Client checks with the same keys the server uses in `fields`, so both land on the same input. */
function validate(calendar: BusinessCalendar): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!calendar.timeZone) errors["calendar.timeZone"] = "Choose a time zone";
  for (const { day } of weekdays) {
    const periods = calendar.week[day] ?? [];
    periods.forEach((period, index) => {
      const key = `calendar.week.${day}.${index}`;
      if (!hhmm.test(period.start)) errors[`${key}.start`] = "A time as HH:MM";
      if (!hhmm.test(period.end)) errors[`${key}.end`] = "A time as HH:MM";
      if (hhmm.test(period.start) && hhmm.test(period.end) && minutesOf(period.end) <= minutesOf(period.start)) {
        errors[`${key}.end`] = "Must end after it starts";
      }
    });
    const sorted = [...periods].filter((p) => hhmm.test(p.start) && hhmm.test(p.end)).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (let index = 1; index < sorted.length; index++) {
      const previous = sorted[index - 1];
      const period = sorted[index];
      if (previous && period && minutesOf(period.start) < minutesOf(previous.end)) errors[`calendar.week.${day}`] = "Periods overlap";
    }
  }
  return errors;
}

interface CalendarProps {
  calendar: BusinessCalendar;
  canWrite: boolean;
}

export function SupportSettingsCalendar({ calendar: saved, canWrite }: CalendarProps) {
  const [calendar, setCalendar] = useState<BusinessCalendar>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [holiday, setHoliday] = useState("");
  const update = useUpdateSupportSettings();
  const zones = useMemo(() => timeZones(saved.timeZone), [saved.timeZone]);

  const setPeriods = (day: IsoWeekday, periods: WorkingPeriod[]) => {
    setCalendar((current) => ({ ...current, week: { ...current.week, [day]: periods } }));
    setErrors({});
  };
  const setPeriod = (day: IsoWeekday, index: number, change: Partial<WorkingPeriod>) =>
    setPeriods(
      day,
      (calendar.week[day] ?? []).map((period, at) => (at === index ? { ...period, ...change } : period)),
    );
  const addPeriod = (day: IsoWeekday) => {
    const periods = calendar.week[day] ?? [];
    const last = periods[periods.length - 1];
    setPeriods(day, [...periods, last ? { start: last.end, end: last.end === "24:00" ? "24:00" : "18:00" } : { start: "09:00", end: "17:00" }]);
  };
  const copyMonday = () => {
    const monday = calendar.week[1] ?? [];
    setCalendar((current) => ({ ...current, week: { ...current.week, 2: monday, 3: monday, 4: monday, 5: monday } }));
  };
  const addHoliday = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday)) {
      setErrors({ holiday: "Pick a date first" });
      return;
    }
    if (!calendar.holidays.includes(holiday)) setCalendar((current) => ({ ...current, holidays: [...current.holidays, holiday].sort() }));
    setHoliday("");
  };

  const save = () => {
    const found = validate(calendar);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    update.mutate(
      { calendar },
      {
        onSuccess: (data) => {
          setCalendar(data.calendar);
          notifications.show({ color: "teal", message: "Business calendar saved. Open tickets' SLA clocks follow it from now on." });
        },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  };

  const hours = weeklyHours(calendar);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        SLA targets count only these working hours, in this time zone. Holidays count as closed all day.
      </Text>
      <ErrorAlert error={update.error} title="Calendar not saved" />
      <Select
        label="Time zone"
        description="Where the desk works; daylight saving is followed."
        searchable
        allowDeselect={false}
        maw={360}
        data={zones}
        value={calendar.timeZone}
        onChange={(value) => {
          if (value) setCalendar((current) => ({ ...current, timeZone: value }));
        }}
        error={errors["calendar.timeZone"]}
        disabled={!canWrite}
      />
      <div>
        <Group justify="space-between" align="flex-end" mb="xs">
          <Title order={3} size="h5">
            Working hours ({hours.toLocaleString(undefined, { maximumFractionDigits: 1 })} h a week)
          </Title>
          {canWrite ? (
            <Button size="xs" variant="default" onClick={copyMonday}>
              Copy Monday to Tuesday–Friday
            </Button>
          ) : null}
        </Group>
        <Table.ScrollContainer minWidth={330}>
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {weekdays.map(({ day, label }) => {
                const periods = calendar.week[day] ?? [];
                return (
                  <Table.Tr key={day}>
                    <Table.Th scope="row" w={96} pl={4} style={{ verticalAlign: "top", paddingTop: 14 }}>
                      {label}
                    </Table.Th>
                    <Table.Td>
                      <Stack gap={6}>
                        {periods.length === 0 ? (
                          <Text size="sm" c="dimmed" pt={6}>
                            Closed
                          </Text>
                        ) : null}
                        {periods.map((period, index) => {
                          const key = `calendar.week.${day}.${index}`;
                          return (
                            // biome-ignore lint/suspicious/noArrayIndexKey: periods have no id; their position is what the server reports errors by
                            <Group key={index} gap={6} wrap="nowrap" align="flex-start">
                              <TextInput
                                aria-label={`${label}, period ${index + 1}, from`}
                                placeholder="09:00"
                                w={74}
                                maxLength={5}
                                inputMode="numeric"
                                value={period.start}
                                onChange={(event) => setPeriod(day, index, { start: event.currentTarget.value })}
                                error={errors[`${key}.start`]}
                                disabled={!canWrite}
                              />
                              <Text pt={6} aria-hidden>
                                –
                              </Text>
                              <TextInput
                                aria-label={`${label}, period ${index + 1}, until`}
                                placeholder="17:00"
                                w={74}
                                maxLength={5}
                                inputMode="numeric"
                                value={period.end}
                                onChange={(event) => setPeriod(day, index, { end: event.currentTarget.value })}
                                error={errors[`${key}.end`] ?? errors[key]}
                                disabled={!canWrite}
                              />
                              {canWrite ? (
                                <CloseButton
                                  mt={4}
                                  aria-label={`Remove ${label} ${period.start}–${period.end}`}
                                  onClick={() =>
                                    setPeriods(
                                      day,
                                      periods.filter((_, at) => at !== index),
                                    )
                                  }
                                />
                              ) : null}
                            </Group>
                          );
                        })}
                        {errors[`calendar.week.${day}`] ? (
                          <Text size="xs" c="red" role="alert">
                            {errors[`calendar.week.${day}`]}
                          </Text>
                        ) : null}
                        {canWrite && periods.length < 6 ? (
                          <div>
                            <Button size="compact-xs" variant="subtle" onClick={() => addPeriod(day)} aria-label={`Add a working period on ${label}`}>
                              + Add period
                            </Button>
                          </div>
                        ) : null}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          Times are HH:MM in 24-hour form; use 24:00 for midnight at the end of the day.
        </Text>
      </div>
      <div>
        <Title order={3} size="h5" mb="xs">
          Holidays ({calendar.holidays.length})
        </Title>
        {canWrite ? (
          <Group gap="xs" align="flex-start" mb="xs">
            <TextInput
              type="date"
              aria-label="Holiday date"
              value={holiday}
              onChange={(event) => {
                setHoliday(event.currentTarget.value);
                setErrors({});
              }}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  addHoliday();
                }
              }}
              error={errors.holiday}
            />
            <Button variant="default" onClick={addHoliday}>
              Add holiday
            </Button>
          </Group>
        ) : null}
        {calendar.holidays.length === 0 ? (
          <Text size="sm" c="dimmed">
            No holidays: every working day counts.
          </Text>
        ) : (
          <Group gap={6}>
            {calendar.holidays.map((date, index) => (
              <Pill
                key={date}
                withRemoveButton={canWrite}
                onRemove={() => setCalendar((current) => ({ ...current, holidays: current.holidays.filter((item) => item !== date) }))}
                removeButtonProps={{ "aria-label": `Remove holiday ${formatDate(`${date}T12:00:00`)}` }}
                bg={errors[`calendar.holidays.${index}`] ? "red.1" : undefined}
              >
                {formatDate(`${date}T12:00:00`)}
              </Pill>
            ))}
          </Group>
        )}
        {Object.entries(errors)
          .filter(([key]) => key.startsWith("calendar.holidays"))
          .map(([key, message]) => (
            <Text key={key} size="xs" c="red" role="alert">
              {message}
            </Text>
          ))}
      </div>
      {canWrite ? (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setCalendar(saved)} disabled={update.isPending}>
            Undo changes
          </Button>
          <Button onClick={save} loading={update.isPending}>
            Save calendar
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
