import type { Kysely } from "kysely";
import { engineOf, nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";

export const settingsRowId = "vendor";
const defaults = { vendor_name: "Your company", supported_partner_capacity: 25, hide_stale_competitive: 1 };

export async function findSettings(db: Kysely<Database>) {
  const row = await db.selectFrom("vendor_settings").selectAll().where("id", "=", settingsRowId).executeTakeFirst();
  return row ?? { id: settingsRowId, ...defaults, updated_at: nowIso() };
}

export async function saveSettings(
  db: Kysely<Database>,
  values: { vendor_name: string; supported_partner_capacity: number; hide_stale_competitive: number },
) {
  const updated_at = nowIso();
  await db
    .insertInto("vendor_settings")
    .values({ id: settingsRowId, ...values, updated_at })
    .onConflict((oc) => oc.column("id").doUpdateSet({ ...values, updated_at }))
    .execute();
}

/** Partners that consume the vendor's support: active and on probation. */
export async function countSupportedPartners(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("partners")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "in", ["active", "probation"])
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Serialises capacity checks across processes on PostgreSQL (SQLite's BEGIN IMMEDIATE already does). */
export async function lockSettings(db: Kysely<Database>): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  const row = await findSettings(db);
  await db
    .insertInto("vendor_settings")
    .values(row)
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await db.selectFrom("vendor_settings").select("id").where("id", "=", settingsRowId).forUpdate().execute();
}
