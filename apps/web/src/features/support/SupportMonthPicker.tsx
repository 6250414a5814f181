import { ActionIcon, Group, Select } from "@mantine/core";
import { useMemo } from "react";
import { formatMonth, shiftMonth, thisMonth } from "./support-admin.api";

interface MonthPickerProps {
  value: string;
  onChange: (month: string) => void;
  /** Accessible name, e.g. "Month" or "From". */
  label: string;
  /** How far back the list goes. */
  months?: number;
  /** Hide the previous/next arrows (in a range, two pairs are noise). */
  withArrows?: boolean;
  min?: string;
  max?: string;
}

/** A month as YYYY-MM: a list of recent months, with previous/next arrows for stepping through. */
export function SupportMonthPicker({ value, onChange, label, months = 36, withArrows = true, min, max }: MonthPickerProps) {
  const latest = max ?? thisMonth();
  const data = useMemo(() => {
    const items: { value: string; label: string }[] = [];
    for (let back = 0; back < months; back++) {
      const month = shiftMonth(latest, -back);
      if (min && month < min) break;
      items.push({ value: month, label: formatMonth(month) });
    }
    // A month from a shared link older than the list still shows.
    if (!items.some((item) => item.value === value)) items.push({ value, label: formatMonth(value) });
    return items;
  }, [latest, months, min, value]);
  const previous = shiftMonth(value, -1);
  const next = shiftMonth(value, 1);
  const select = (
    <Select
      aria-label={label}
      w={170}
      allowDeselect={false}
      data={data}
      value={value}
      onChange={(month) => {
        if (month) onChange(month);
      }}
    />
  );
  if (!withArrows) return select;
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Previous month, ${formatMonth(previous)}`}
        disabled={Boolean(min && previous < min)}
        onClick={() => onChange(previous)}
      >
        ‹
      </ActionIcon>
      {select}
      <ActionIcon variant="default" size="lg" aria-label={`Next month, ${formatMonth(next)}`} disabled={next > latest} onClick={() => onChange(next)}>
        ›
      </ActionIcon>
    </Group>
  );
}
