import type { WhatIfAddition, WhatIfInput } from "../../api/relationships-types";
import { currencyDigits } from "./partner/money";

// The what-if's hypothetical partners as typed (hours and money as text, money in whole currency
// units) turned into the request, with the server's limits checked first (scorecards.schemas.ts whatIfInput).

export interface AdditionDraft {
  /** Stable React key. */
  key: string;
  label: string;
  monthlyHours: string | number;
  /** Net contribution over a year (the capacity figures are trailing twelve months), in whole currency units; may be negative. */
  netContribution: string | number;
}

export type AdditionErrors = Partial<Record<"label" | "monthlyHours" | "netContribution", string>>;

const maxHours = 10_000;
const maxMinor = 1e13;

function numberOf(value: string | number): number | null {
  const text = typeof value === "number" ? String(value) : value.trim().replaceAll(",", "");
  if (text === "" || !/^-?\d+(\.\d+)?$/.test(text)) return null;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : null;
}

function isBlank(draft: AdditionDraft): boolean {
  return String(draft.label).trim() === "" && String(draft.monthlyHours).trim() === "" && String(draft.netContribution).trim() === "";
}

/** Blank rows are left out; any other row must be complete. Errors are keyed by the draft's key. */
export function parseAdditions(
  drafts: readonly AdditionDraft[],
  currency: string,
): { additions: WhatIfAddition[]; errors: Record<string, AdditionErrors> } {
  const additions: WhatIfAddition[] = [];
  const errors: Record<string, AdditionErrors> = {};
  const scale = 10 ** currencyDigits(currency);
  for (const draft of drafts) {
    if (isBlank(draft)) continue;
    const found: AdditionErrors = {};
    const label = draft.label.trim();
    if (label.length === 0) found.label = "Name the partner";
    else if (label.length > 120) found.label = "At most 120 characters";
    const hours = numberOf(draft.monthlyHours);
    if (hours === null || hours < 0 || hours > maxHours) found.monthlyHours = `Hours from 0 to ${maxHours.toLocaleString()}`;
    const net = numberOf(draft.netContribution);
    const netMinor = net === null ? null : Math.round(net * scale);
    if (netMinor === null || Math.abs(netMinor) > maxMinor) found.netContribution = "An amount, negative for a loss";
    if (Object.keys(found).length > 0 || hours === null || netMinor === null) {
      errors[draft.key] = found;
      continue;
    }
    additions.push({ label, monthlyHours: Math.round(hours * 100) / 100, netContributionMinor: netMinor });
  }
  return { additions, errors };
}

export function whatIfInput(cut: Iterable<string>, additions: WhatIfAddition[]): WhatIfInput {
  return { cut: [...new Set(cut)].sort(), add: additions };
}

/** "Partners after" said as a change: "12 → 9 partners". */
export function changeInPartners(before: number, after: number): string {
  return before === after ? `${after} partners` : `${before} → ${after} partners`;
}
