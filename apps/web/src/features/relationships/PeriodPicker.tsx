import { Group, SegmentedControl } from "@mantine/core";
import type { ScorecardPeriod } from "../../api/relationships-types";
import { SupportMonthPicker } from "../support/SupportMonthPicker";
import { thisMonth } from "../support/support-admin.api";

interface PeriodPickerProps {
  period: ScorecardPeriod;
  /** YYYY-MM; the period's last month. */
  endMonth: string;
  onChange: (next: { period: ScorecardPeriod; endMonth: string }) => void;
}

/** Trailing 12 months, quarter or month, ending with a chosen month. */
export function PeriodPicker({ period, endMonth, onChange }: PeriodPickerProps) {
  return (
    <Group gap="xs" wrap="wrap">
      <SegmentedControl
        aria-label="Period"
        value={period}
        onChange={(value) => onChange({ period: value as ScorecardPeriod, endMonth })}
        data={[
          { value: "t12", label: "T12" },
          { value: "quarter", label: "Quarter" },
          { value: "month", label: "Month" },
        ]}
      />
      <SupportMonthPicker label="Period ends with" value={endMonth} max={thisMonth()} onChange={(month) => onChange({ period, endMonth: month })} />
    </Group>
  );
}
