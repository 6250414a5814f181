import type { DecisionKind } from "../../api/relationship-decisions-types";
import type { FlagRule, PortfolioQuadrant, ScorecardPeriod } from "../../api/relationships-types";
import { formatMinor } from "./partner/money";

// Words and colours for the relationship figures, shared by the portfolio, capacity and settings pages.

/** The partner's scorecard (the partner scorecard page). */
export function partnerPath(partnerId: string): string {
  return `/relationships/partners/${encodeURIComponent(partnerId)}`;
}

export const quadrants: readonly PortfolioQuadrant[] = ["invest", "maintain", "fix", "cut"];

export const quadrantLabels: Record<PortfolioQuadrant, string> = { invest: "Invest", maintain: "Maintain", fix: "Fix", cut: "Cut" };

/** Mantine colour names; the chart uses the matching CSS variables. */
export const quadrantColors: Record<PortfolioQuadrant, string> = { invest: "teal", maintain: "blue", fix: "orange", cut: "red" };

export const quadrantHints: Record<PortfolioQuadrant, string> = {
  invest: "Earns more than it costs, on light resources: grow it",
  maintain: "Earns its keep, on heavy resources: keep it well served",
  fix: "Costs more than it earns, on heavy resources: fix the relationship",
  cut: "Costs more than it earns (or sells nothing) on light resources: consider cutting",
};

export function quadrantCssColor(quadrant: PortfolioQuadrant, shade = 6): string {
  return `var(--mantine-color-${quadrantColors[quadrant]}-${shade})`;
}

export const flagLabels: Record<FlagRule, string> = {
  net_negative: "Net contribution negative",
  health_low: "Health below threshold",
  support_over_allowance: "Support over allowance",
};

export const flagShortLabels: Record<FlagRule, string> = {
  net_negative: "Net < 0",
  health_low: "Low health",
  support_over_allowance: "Over allowance",
};

export const decisionLabels: Record<DecisionKind, string> = { fix: "Fix", watch: "Watch", cut: "Cut" };

export function decisionLabel(kind: string): string {
  return kind in decisionLabels ? decisionLabels[kind as DecisionKind] : kind;
}

export const periodLabels: Record<ScorecardPeriod, string> = { t12: "Trailing 12 months", quarter: "Quarter", month: "Month" };

export function isPeriod(value: string | null): value is ScorecardPeriod {
  return value === "t12" || value === "quarter" || value === "month";
}

export function isMonth(value: string | null): value is string {
  return value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** Minor units in the currency's own decimals (JPY 0, EUR 2, KWD 3), as the partner scorecard shows them. */
export function money(amountMinor: number, currency: string): string {
  return formatMinor(amountMinor, currency);
}

/** Axis ticks: "€12K". */
export function compactMoney(amountMinor: number, currency: string): string {
  return formatMinor(amountMinor, currency, { compact: true });
}

const ratio = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Return on resources as "2.4×"; null (no resources) as "—". */
export function formatReturn(value: number | null): string {
  return value === null ? "—" : `${ratio.format(value)}×`;
}

export function formatHealth(score: number | null): string {
  return score === null ? "not measured" : String(Math.round(score));
}

const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function formatHours(hours: number): string {
  return `${hoursFormat.format(hours)} h`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

function numberIn(figures: Record<string, unknown>, key: string): number | null {
  const value = figures[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The figures behind a flag, in words (the daily evaluation's, evaluation.service.ts). */
export function flagSummary(rule: FlagRule, figures: Record<string, unknown>, currency: string): string {
  if (rule === "net_negative") {
    const margin = numberIn(figures, "marginMinor");
    const resources = numberIn(figures, "resourcesMinor");
    const net = numberIn(figures, "netContributionMinor");
    if (margin === null || resources === null || net === null) return flagLabels[rule];
    return `Margin ${money(margin, currency)} against resources ${money(resources, currency)}: net ${money(net, currency)}`;
  }
  if (rule === "health_low") {
    const score = numberIn(figures, "healthScore");
    const threshold = numberIn(figures, "threshold");
    return score === null || threshold === null ? flagLabels[rule] : `Health ${Math.round(score)}, below the threshold of ${threshold}`;
  }
  const used = numberIn(figures, "supportHours");
  const allowed = numberIn(figures, "allowanceHours");
  return used === null || allowed === null ? flagLabels[rule] : `Support ${formatHours(used)} against an allowance of ${formatHours(allowed)}`;
}
