import type { AppContext } from "../../platform/context.js";
import { badRequest } from "../../platform/http/problem.js";
import { hotspotRows } from "./hotspots.repository.js";
import { type Hotspot, type HotspotQuery, type HotspotReport, maxHotspotMonths } from "./hotspots.schemas.js";

const topKeys = 20;
const unknownFirmware = "unknown";

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** The months of the report: `to` defaults to this month (UTC), `from` to 11 months before it. */
export function hotspotMonths(query: { from?: string; to?: string }, now = new Date()): string[] {
  const to = query.to ?? now.toISOString().slice(0, 7);
  const from = query.from ?? monthOf(monthIndex(to) - 11);
  const first = monthIndex(from);
  const last = monthIndex(to);
  if (last < first) throw badRequest("to is before from", [{ path: "querystring.to", message: "must not be before from" }]);
  if (last - first + 1 > maxHotspotMonths) {
    throw badRequest(`The range is at most ${maxHotspotMonths} months`, [
      { path: "querystring.from", message: `at most ${maxHotspotMonths} months before to` },
    ]);
  }
  return Array.from({ length: last - first + 1 }, (_, i) => monthOf(first + i));
}

/**
 * Where partners' tickets cluster: per product, product + firmware, or known problem, over the
 * months tickets were created in. A ticket naming several products counts once for each; hours
 * are the ticket's whole logged time, attributed to the month it was opened.
 */
export async function supportHotspots(ctx: AppContext, query: HotspotQuery): Promise<HotspotReport> {
  const months = hotspotMonths(query);
  const first = months[0] as string;
  const last = months[months.length - 1] as string;
  const range = { start: `${first}-01T00:00:00.000Z`, end: `${monthOf(monthIndex(last) + 1)}-01T00:00:00.000Z` };
  const rows = await hotspotRows(ctx.db, ctx.engine, query.dimension, range, query.productId, topKeys);

  const items = new Map<string, Hotspot & { minutes: number }>();
  const keyOf = (keyId: string, firmware: string) => (query.dimension === "firmware" ? `${keyId}|${firmware}` : keyId);
  for (const row of rows) {
    if (row.month !== null) continue;
    const name = row.label ?? "(deleted)";
    const firmware = query.dimension === "firmware" ? row.firmware : null;
    items.set(keyOf(row.key_id, row.firmware), {
      key: keyOf(row.key_id, row.firmware),
      label: firmware === null ? name : `${name} ${firmware === "" ? unknownFirmware : firmware}`,
      productId: query.dimension === "known_problem" ? null : row.key_id,
      firmwareVersion: firmware,
      knownProblemId: query.dimension === "known_problem" ? row.key_id : null,
      tickets: row.tickets,
      minutes: row.minutes,
      hours: hours(row.minutes),
      partners: row.partners,
      series: months.map((month) => ({ month, tickets: 0, hours: 0 })),
    });
  }
  for (const row of rows) {
    if (row.month === null) continue;
    const point = items.get(keyOf(row.key_id, row.firmware))?.series[monthIndex(row.month) - monthIndex(first)];
    if (!point) continue;
    point.tickets = row.tickets;
    point.hours = hours(row.minutes);
  }
  const sorted = [...items.values()].sort((a, b) => b.tickets - a.tickets || b.minutes - a.minutes || a.label.localeCompare(b.label));
  return {
    from: first,
    to: last,
    dimension: query.dimension,
    months,
    items: sorted.map(({ minutes: _minutes, ...item }) => item),
  };
}
