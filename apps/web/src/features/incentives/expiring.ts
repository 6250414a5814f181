import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { IncentiveSettings, StatementLine } from "../../api/incentives-types";
import type { Page } from "../../api/types";
import { incentivesKey } from "./incentives.api";

// The server has no "expiring soon" figure yet, so the portal works it out from the statement the
// same way the expiry job does (docs/incentives.md, Points expiry): points earned in month M expire
// on the first day of month M + N + 1, and spending takes the OLDEST points first, so what expires
// on a day is max(0, available - points earned since that day's cutoff).

const earningKinds = new Set(["claim_approved", "adjustment"]);
const pageSize = 200;
const maxPages = 10;

export interface ExpiringSoon {
  points: number;
  /** The first day any of it expires (ISO date), or null when nothing expires within the warning days. */
  firstDate: string | null;
  /** The last expiry day inside the warning window. */
  byDate: string | null;
}

const monthStart = (at: Date, offset: number) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));

/** Pure: the points that expire within the warning days, from the available balance and the statement (newest first). */
export function expiringSoon(
  available: number,
  lines: StatementLine[],
  settings: Pick<IncentiveSettings, "expiryMonths" | "expiryWarningDays">,
  now = new Date(),
): ExpiringSoon {
  const horizon = now.getTime() + settings.expiryWarningDays * 86_400_000;
  let firstDate: string | null = null;
  let byDate: string | null = null;
  let total = 0;
  for (let offset = 1; offset <= 13; offset++) {
    const expiresOn = monthStart(now, offset);
    if (expiresOn.getTime() > horizon) break;
    const cutoff = monthStart(now, offset - settings.expiryMonths).toISOString();
    const earnedSince = lines
      .filter((line) => line.account === "available" && line.points > 0 && earningKinds.has(line.kind) && line.at >= cutoff)
      .reduce((sum, line) => sum + line.points, 0);
    const expiring = Math.max(0, available - earnedSince);
    if (expiring > total) {
      firstDate ??= expiresOn.toISOString().slice(0, 10);
      byDate = expiresOn.toISOString().slice(0, 10);
      total = expiring;
    }
  }
  return { points: total, firstDate, byDate };
}

/** Loads the statement back to the oldest cutoff that matters, then computes; null while unknown (or too long to page through). */
export function useExpiringSoon(available: number | undefined, settings: IncentiveSettings | undefined) {
  return useQuery({
    queryKey: [...incentivesKey, "statement", "me", "expiring", available, settings?.expiryMonths, settings?.expiryWarningDays],
    enabled: available !== undefined && settings !== undefined,
    queryFn: async (): Promise<ExpiringSoon | null> => {
      if (available === undefined || !settings) return null;
      if (available === 0) return { points: 0, firstDate: null, byDate: null };
      const now = new Date();
      const oldestCutoff = monthStart(now, 1 - settings.expiryMonths).toISOString();
      const lines: StatementLine[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const result = await api<Page<StatementLine>>("/incentives/statement", { query: { cursor, limit: pageSize } });
        lines.push(...result.items);
        const oldest = result.items.at(-1);
        if (!result.nextCursor || (oldest && oldest.at < oldestCutoff)) return expiringSoon(available, lines, settings, now);
        cursor = result.nextCursor;
      }
      return null;
    },
  });
}
