import type { HotspotRollupDimension } from "../../db/types.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest } from "../../platform/http/problem.js";
import { type HotspotKeyFilter, hotspotLabels, hotspotPartners, hotspotSeries, topHotspotKeys } from "./hotspots.repository.js";
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

/** Which rollup rows answer the query: the known-problem report narrowed to a product has its own keys. */
function rollupOf(query: HotspotQuery): { dimension: HotspotRollupDimension; filter: HotspotKeyFilter } {
  const productId = query.productId;
  if (query.dimension === "known_problem") {
    return productId
      ? { dimension: "product_known_problem", filter: { kind: "prefix", prefix: `${productId}|` } }
      : { dimension: "known_problem", filter: { kind: "all" } };
  }
  if (!productId) return { dimension: query.dimension, filter: { kind: "all" } };
  return {
    dimension: query.dimension,
    filter: query.dimension === "product" ? { kind: "key", key: productId } : { kind: "prefix", prefix: `${productId}|` },
  };
}

/** A rollup key as the report shows it: firmware keys are "productId|version", product_known_problem "productId|problemId". */
function parts(dimension: HotspotRollupDimension, key: string) {
  const bar = key.indexOf("|");
  if (dimension === "product") return { key, productId: key, firmware: null, knownProblemId: null };
  if (dimension === "firmware") return { key, productId: key.slice(0, bar), firmware: key.slice(bar + 1), knownProblemId: null };
  const problemId = dimension === "known_problem" ? key : key.slice(bar + 1);
  return { key: problemId, productId: null, firmware: null, knownProblemId: problemId };
}

/**
 * Where partners' tickets cluster: per product, product + firmware, or known problem, over the
 * months tickets were created in. A ticket naming several products counts once for each; hours
 * are the ticket's whole logged time, attributed to the month it was opened. Read from the rollup
 * kept on write (hotspots-rollup.ts), never from the tickets.
 */
export async function supportHotspots(ctx: AppContext, query: HotspotQuery): Promise<HotspotReport> {
  const months = hotspotMonths(query);
  const first = months[0] as string;
  const last = months[months.length - 1] as string;
  const range = { first, last };
  const { dimension, filter } = rollupOf(query);
  // Product ids are UUIDs: one with the key separator names no product (and must not widen a prefix).
  const ranked = query.productId?.includes("|") ? [] : await topHotspotKeys(ctx.db, dimension, range, filter, topKeys);
  const keys = ranked.map((row) => row.key);
  const [partners, series, labels] = await Promise.all([
    hotspotPartners(ctx.db, dimension, keys, range),
    hotspotSeries(ctx.db, dimension, keys, range),
    hotspotLabels(
      ctx.db,
      query.dimension === "known_problem" ? "known_problem" : "product",
      ranked.map((row) => {
        const p = parts(dimension, row.key);
        return p.knownProblemId ?? p.productId ?? "";
      }),
    ),
  ]);

  const items = new Map<string, Hotspot & { minutes: number }>();
  for (const row of ranked) {
    const p = parts(dimension, row.key);
    const name = labels.get(p.knownProblemId ?? p.productId ?? "") ?? "(deleted)";
    items.set(row.key, {
      key: p.key,
      label: p.firmware === null ? name : `${name} ${p.firmware === "" ? unknownFirmware : p.firmware}`,
      productId: p.productId,
      firmwareVersion: p.firmware,
      knownProblemId: p.knownProblemId,
      tickets: row.tickets,
      minutes: row.minutes,
      hours: hours(row.minutes),
      partners: partners.get(row.key) ?? 0,
      series: months.map((month) => ({ month, tickets: 0, hours: 0 })),
    });
  }
  for (const row of series) {
    const point = items.get(row.key)?.series[monthIndex(row.month) - monthIndex(first)];
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
