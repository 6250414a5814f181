import { type Kysely, sql } from "kysely";
import { engineOf } from "../../db/dialect.js";
import { backfillSupportHotspots } from "../../db/migrations/0005_support_hotspots.js";
import type { Database, HotspotRollupDimension } from "../../db/types.js";

/**
 * Keeps the hot-spots rollup (the four support_hotspot* tables of migration 0005) in step with the
 * tickets, inside the caller's transaction. A ticket counts once per distinct product it names,
 * under the month it was opened (UTC), with its whole logged time: exactly what the report counted
 * when it grouped the tickets table itself.
 */

/** The ticket columns the rollup counts by. */
export interface HotspotTicket {
  id: string;
  partner_id: string;
  created_at: string;
  firmware_version: string;
  known_problem_id: string | null;
  minutes_logged: number;
}

interface Delta {
  dimension: HotspotRollupDimension;
  key: string;
  month: string;
  partnerId: string;
  tickets: number;
  minutes: number;
}

/** Every rollup key a ticket with these products counts under. */
export function hotspotKeys(
  ticket: Pick<HotspotTicket, "firmware_version" | "known_problem_id">,
  productIds: readonly string[],
): { dimension: HotspotRollupDimension; key: string }[] {
  const products = [...new Set(productIds)];
  const problem = ticket.known_problem_id;
  return [
    ...products.map((id) => ({ dimension: "product" as const, key: id })),
    ...products.map((id) => ({ dimension: "firmware" as const, key: `${id}|${ticket.firmware_version}` })),
    ...(problem
      ? [
          { dimension: "known_problem" as const, key: problem },
          ...products.map((id) => ({ dimension: "product_known_problem" as const, key: `${id}|${problem}` })),
        ]
      : []),
  ];
}

function deltasOf(ticket: HotspotTicket, productIds: readonly string[], tickets: number, minutes: number): Delta[] {
  const month = ticket.created_at.slice(0, 7);
  return hotspotKeys(ticket, productIds).map((k) => ({ ...k, month, partnerId: ticket.partner_id, tickets, minutes }));
}

async function ticketProductIds(db: Kysely<Database>, ticketId: string): Promise<string[]> {
  const rows = await db.selectFrom("ticket_products").select("product_id").distinct().where("ticket_id", "=", ticketId).execute();
  return rows.map((row) => row.product_id);
}

/** A month's place in the partner masks: its era of 48 months and its bit in that era. */
function monthBit(month: string): { era: number; bit: number } {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  return { era: Math.floor(index / 48), bit: 2 ** (index % 48) };
}

const allMonths = 2 ** 48 - 1;

/** Sums the deltas per group, drops the groups that sum to nothing, and orders them by group. */
function sumBy<T extends Delta>(deltas: readonly T[], group: (d: T) => string[]): T[] {
  const sums = new Map<string, T>();
  for (const delta of deltas) {
    const id = group(delta).join("\u0000");
    const entry = sums.get(id);
    if (entry) {
      entry.tickets += delta.tickets;
      entry.minutes += delta.minutes;
    } else sums.set(id, { ...delta });
  }
  return [...sums.entries()]
    .filter(([, d]) => d.tickets !== 0 || d.minutes !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}

const rowOf = (d: Pick<Delta, "dimension" | "key" | "month" | "partnerId">) => [d.dimension, d.key, d.month, d.partnerId];

/**
 * Adds the deltas to every table. Deltas on one row are merged first (a statement may not update a
 * row twice on PostgreSQL) and rows are written in key order, so concurrent writers lock them in the
 * same order. A partner's month bit follows its count: on with the first ticket, off with the last.
 * Rows a move leaves at zero are deleted.
 */
async function applyDeltas(db: Kysely<Database>, deltas: Delta[]): Promise<void> {
  const rows = sumBy(deltas, rowOf);
  if (rows.length === 0) return;

  const counted = await db
    .insertInto("support_hotspots")
    .values(
      rows.map((d) => ({ dimension: d.dimension, key: d.key, month: d.month, partner_id: d.partnerId, tickets: d.tickets, minutes: d.minutes })),
    )
    .onConflict((oc) =>
      oc.columns(["dimension", "key", "month", "partner_id"]).doUpdateSet((eb) => ({
        tickets: eb("support_hotspots.tickets", "+", eb.ref("excluded.tickets")),
        minutes: eb("support_hotspots.minutes", "+", eb.ref("excluded.minutes")),
      })),
    )
    .returning(["dimension", "key", "month", "partner_id", "tickets"])
    .execute();
  const ticketsNow = new Map(counted.map((r) => [rowOf({ ...r, partnerId: r.partner_id }).join("\u0000"), Number(r.tickets)]));

  const months = sumBy(rows, (r) => [r.dimension, r.key, r.month]);
  if (months.length > 0) {
    await db
      .insertInto("support_hotspot_months")
      .values(months.map((d) => ({ dimension: d.dimension, key: d.key, month: d.month, tickets: d.tickets, minutes: d.minutes })))
      .onConflict((oc) =>
        oc.columns(["dimension", "key", "month"]).doUpdateSet((eb) => ({
          tickets: eb("support_hotspot_months.tickets", "+", eb.ref("excluded.tickets")),
          minutes: eb("support_hotspot_months.minutes", "+", eb.ref("excluded.minutes")),
        })),
      )
      .execute();
  }
  const keys = sumBy(rows, (r) => [r.dimension, r.key]);
  if (keys.length > 0) {
    await db
      .insertInto("support_hotspot_keys")
      .values(keys.map((d) => ({ dimension: d.dimension, key: d.key, tickets: d.tickets, minutes: d.minutes })))
      .onConflict((oc) =>
        oc.columns(["dimension", "key"]).doUpdateSet((eb) => ({
          tickets: eb("support_hotspot_keys.tickets", "+", eb.ref("excluded.tickets")),
          minutes: eb("support_hotspot_keys.minutes", "+", eb.ref("excluded.minutes")),
        })),
      )
      .execute();
  }

  for (const d of rows) {
    const now = ticketsNow.get(rowOf(d).join("\u0000")) ?? 0;
    const hasTickets = now > 0;
    const hadTickets = now - d.tickets > 0;
    if (hadTickets === hasTickets) continue;
    const { era, bit } = monthBit(d.month);
    const partner = { dimension: d.dimension, key: d.key, partner_id: d.partnerId, era };
    if (hasTickets) {
      await db
        .insertInto("support_hotspot_partners")
        .values({ ...partner, months_mask: bit })
        .onConflict((oc) =>
          oc.columns(["dimension", "key", "partner_id", "era"]).doUpdateSet({ months_mask: sql`support_hotspot_partners.months_mask | ${bit}` }),
        )
        .execute();
      continue;
    }
    const mask = await db
      .updateTable("support_hotspot_partners")
      .set({ months_mask: sql`months_mask & ${allMonths - bit}` })
      .where("dimension", "=", d.dimension)
      .where("key", "=", d.key)
      .where("partner_id", "=", d.partnerId)
      .where("era", "=", era)
      .returning("months_mask")
      .executeTakeFirst();
    if (mask && Number(mask.months_mask) === 0) {
      await db
        .deleteFrom("support_hotspot_partners")
        .where("dimension", "=", d.dimension)
        .where("key", "=", d.key)
        .where("partner_id", "=", d.partnerId)
        .where("era", "=", era)
        .execute();
    }
  }

  if (rows.every((d) => d.tickets >= 0 && d.minutes >= 0)) return;
  for (const d of rows) {
    // Zero rows are harmless to reads (they ignore them); deleting keeps the tables to live keys.
    await db
      .deleteFrom("support_hotspots")
      .where("dimension", "=", d.dimension)
      .where("key", "=", d.key)
      .where("month", "=", d.month)
      .where("partner_id", "=", d.partnerId)
      .where("tickets", "=", 0)
      .where("minutes", "=", 0)
      .execute();
    await db
      .deleteFrom("support_hotspot_months")
      .where("dimension", "=", d.dimension)
      .where("key", "=", d.key)
      .where("month", "=", d.month)
      .where("tickets", "=", 0)
      .where("minutes", "=", 0)
      .execute();
  }
  for (const d of keys) {
    await db
      .deleteFrom("support_hotspot_keys")
      .where("dimension", "=", d.dimension)
      .where("key", "=", d.key)
      .where("tickets", "=", 0)
      .where("minutes", "=", 0)
      .execute();
  }
}

/** A ticket just opened (or written straight to the tables by a fixture): +1 ticket and its minutes on each key. */
export async function addTicketToHotspots(db: Kysely<Database>, ticket: HotspotTicket, productIds: readonly string[]): Promise<void> {
  await applyDeltas(db, deltasOf(ticket, productIds, 1, Number(ticket.minutes_logged)));
}

/** Minutes logged on a ticket: they count under the month the ticket was opened, like the rest of it. */
export async function addMinutesToHotspots(db: Kysely<Database>, ticket: HotspotTicket, minutes: number): Promise<void> {
  if (minutes === 0) return;
  await applyDeltas(db, deltasOf(ticket, await ticketProductIds(db, ticket.id), 0, minutes));
}

/**
 * A ticket's firmware version or known problem changed: its ticket and its minutes move from the
 * old keys to the new ones. `before` must carry minutes_logged as the ticket holds it now.
 */
export async function moveTicketInHotspots(
  db: Kysely<Database>,
  before: HotspotTicket,
  after: Pick<HotspotTicket, "firmware_version" | "known_problem_id">,
): Promise<void> {
  if (before.firmware_version === after.firmware_version && before.known_problem_id === after.known_problem_id) return;
  const productIds = await ticketProductIds(db, before.id);
  const minutes = Number(before.minutes_logged);
  await applyDeltas(db, [...deltasOf(before, productIds, -1, -minutes), ...deltasOf({ ...before, ...after }, productIds, 1, minutes)]);
}

/**
 * Recounts the whole rollup from the tickets, with the migration's backfill: for the demo loader and
 * the bench generator, which write tickets straight to the tables.
 */
export async function rebuildSupportHotspots(db: Kysely<Database>): Promise<void> {
  for (const table of ["support_hotspots", "support_hotspot_months", "support_hotspot_keys", "support_hotspot_partners"] as const) {
    await db.deleteFrom(table).execute();
  }
  await backfillSupportHotspots(db as unknown as Kysely<unknown>, engineOf(db));
}
