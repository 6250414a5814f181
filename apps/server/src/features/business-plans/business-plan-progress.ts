import type { PlanItemMeasure } from "@trellis/shared";
import type { PlanItemStatus, PlanSide } from "../../db/types.js";
import type { MonthFigures } from "../scorecards/scorecard.types.js";

/**
 * How a joint business plan's items are measured and how far each side has come (docs/business-plans.md).
 * Pure: no database, no clock; `today` is passed in.
 *
 * Rules
 * - A measured item's actual is its figure over the plan's year, from January to the month of its due date or the
 *   current month, whichever is earlier (whole months: a due date of 15 June counts all of June).
 * - Revenue, margin, marketing funds and channel-manager hours are always measured (no rows = nothing yet = 0).
 *   Support hours are measured when the support desk recorded a figure in the window; certified staff when training
 *   records exist (the latest month's count, a stock, not a sum); opportunities wait for leads. Otherwise the item
 *   is "not measured": its actual is null (never 0) and whatever was entered by hand applies.
 * - A measured item's status: planned before its window starts, done when actual >= target, missed when past due
 *   and below target, in progress otherwise. Any other item keeps the status entered by hand.
 * - Progress of an item: 1 when done; min(actual / target, 1) (at least 0) when there is an actual; 0 for a hand-kept
 *   item with nothing entered; null (left out of the average) for a not-measured item with nothing entered.
 * - A side's fulfilment: the share of its items that are done, and the average progress of the items that have one.
 */

/** Measures a figure exists for today; the others fall back to hand-kept values until their feature lands. */
export const measuredFromData: readonly PlanItemMeasure[] = ["revenue", "margin", "marketing_funds", "channel_manager_hours", "support_hours"];

export type ActualSource = "measured" | "manual" | "not_measured";

export interface ItemFacts {
  side: PlanSide;
  targetValue: number;
  measure: PlanItemMeasure | null;
  /** YYYY-MM-DD. */
  dueOn: string;
  storedStatus: PlanItemStatus;
  storedActual: number | null;
}

export interface ItemProgress {
  actualValue: number | null;
  source: ActualSource;
  status: PlanItemStatus;
  /** 0..1; null: not measured and nothing entered. */
  progress: number | null;
  /** Why the actual is what it is, in words. */
  basis: string;
}

export interface SideFulfilment {
  items: number;
  done: number;
  /** done / items; null without items. */
  doneShare: number | null;
  /** Mean progress over the items that have one; null when none has. */
  averageProgress: number | null;
  measuredItems: number;
  notMeasuredItems: number;
}

export interface MeasureWindow {
  fromMonth: string;
  toMonth: string;
}

/** January of the plan's year to the earliest of December, the due month and the current month; null before it starts. */
export function measureWindow(year: number, dueOn: string, today: string): MeasureWindow | null {
  const fromMonth = `${year}-01`;
  const toMonth = [`${year}-12`, dueOn.slice(0, 7), today.slice(0, 7)].sort()[0] as string;
  return toMonth < fromMonth ? null : { fromMonth, toMonth };
}

const notMeasuredWhy: Record<PlanItemMeasure, string> = {
  revenue: "",
  margin: "",
  marketing_funds: "",
  channel_manager_hours: "",
  support_hours: "No support hours recorded for the period: not measured",
  certified_staff: "Training records are not kept yet: not measured",
  opportunities: "Leads are not kept yet: not measured",
};

const measureWords: Record<PlanItemMeasure, string> = {
  revenue: "Revenue (sell-through and approved claims)",
  margin: "Contribution margin",
  marketing_funds: "Marketing funds spent (cost lines)",
  channel_manager_hours: "Channel-manager hours logged (cost lines)",
  support_hours: "Support hours consumed (support desk)",
  certified_staff: "Certified staff (training records)",
  opportunities: "Opportunities (leads)",
};

/** The figure for a measure over a window, or null when its source has nothing to say. */
export function measuredActual(measure: PlanItemMeasure, months: readonly MonthFigures[], window: MeasureWindow): number | null {
  const inWindow = months.filter((m) => m.month >= window.fromMonth && m.month <= window.toMonth);
  const sum = (pick: (m: MonthFigures) => number) => inWindow.reduce((total, m) => total + pick(m), 0);
  switch (measure) {
    case "revenue":
      return sum((m) => m.revenueMinor);
    case "margin":
      return sum((m) => m.marginMinor);
    case "marketing_funds":
      return sum((m) => m.marketingCostMinor);
    case "channel_manager_hours":
      return sum((m) => m.channelManagerHoursHundredths);
    case "support_hours": {
      const recorded = inWindow.filter((m) => m.supportMinutes !== null);
      if (recorded.length === 0) return null;
      // Minutes to hundredths of an hour.
      return Math.round((recorded.reduce((total, m) => total + (m.supportMinutes ?? 0), 0) * 100) / 60);
    }
    case "certified_staff": {
      const counted = inWindow.filter((m) => m.certifiedStaff !== null).sort((a, b) => a.month.localeCompare(b.month));
      return counted.length === 0 ? null : (counted[counted.length - 1]?.certifiedStaff ?? null);
    }
    case "opportunities":
      return null;
  }
}

function clampProgress(actual: number, target: number): number {
  return Math.min(Math.max(actual / target, 0), 1);
}

/** One item's actual, status and progress, given the partner's month figures for the plan's year. */
export function itemProgress(item: ItemFacts, year: number, months: readonly MonthFigures[], today: string): ItemProgress {
  if (item.measure !== null) {
    const window = measureWindow(year, item.dueOn, today);
    // Before the plan's year starts, a figure that exists simply has nothing in it yet.
    const measured = window ? measuredActual(item.measure, months, window) : measuredFromData.includes(item.measure) ? 0 : null;
    if (measured !== null) {
      const status: PlanItemStatus =
        window === null ? "planned" : measured >= item.targetValue ? "done" : today > item.dueOn ? "missed" : "in_progress";
      const basis = window
        ? `${measureWords[item.measure]}, ${window.fromMonth} to ${window.toMonth}`
        : `${measureWords[item.measure]}: the plan's year has not started`;
      return {
        actualValue: measured,
        source: "measured",
        status,
        progress: status === "done" ? 1 : clampProgress(measured, item.targetValue),
        basis,
      };
    }
    const progress = item.storedStatus === "done" ? 1 : item.storedActual !== null ? clampProgress(item.storedActual, item.targetValue) : null;
    return { actualValue: item.storedActual, source: "not_measured", status: item.storedStatus, progress, basis: notMeasuredWhy[item.measure] };
  }
  const progress = item.storedStatus === "done" ? 1 : item.storedActual !== null ? clampProgress(item.storedActual, item.targetValue) : 0;
  return { actualValue: item.storedActual, source: "manual", status: item.storedStatus, progress, basis: "Kept by hand" };
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export function sideFulfilment(items: readonly { side: PlanSide; progress: ItemProgress }[], side: PlanSide): SideFulfilment {
  const mine = items.filter((i) => i.side === side);
  const done = mine.filter((i) => i.progress.status === "done").length;
  const progresses = mine.map((i) => i.progress.progress).filter((p): p is number => p !== null);
  return {
    items: mine.length,
    done,
    doneShare: mine.length === 0 ? null : round4(done / mine.length),
    averageProgress: progresses.length === 0 ? null : round4(progresses.reduce((a, b) => a + b, 0) / progresses.length),
    measuredItems: mine.filter((i) => i.progress.source === "measured").length,
    notMeasuredItems: mine.filter((i) => i.progress.source === "not_measured").length,
  };
}
