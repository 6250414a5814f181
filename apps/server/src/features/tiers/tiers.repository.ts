import type { Kysely } from "kysely";
import type { Database, TierTable } from "../../db/types.js";

export function listTierRows(db: Kysely<Database>) {
  return db
    .selectFrom("tiers")
    .leftJoin("partners", (join) => join.onRef("partners.tier_id", "=", "tiers.id").on("partners.archived_at", "is", null))
    .select(["tiers.id", "tiers.name", "tiers.rank", "tiers.description", (eb) => eb.fn.count<number>("partners.id").as("partner_count")])
    .groupBy(["tiers.id", "tiers.name", "tiers.rank", "tiers.description"])
    .orderBy("tiers.rank")
    .orderBy("tiers.name")
    .execute();
}

export function findTierRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("tiers").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findTierByName(db: Kysely<Database>, name: string) {
  return db.selectFrom("tiers").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function insertTier(db: Kysely<Database>, row: TierTable) {
  await db.insertInto("tiers").values(row).execute();
}

export async function updateTierRow(db: Kysely<Database>, id: string, values: Partial<TierTable>) {
  await db.updateTable("tiers").set(values).where("id", "=", id).execute();
}

export async function deleteTierRow(db: Kysely<Database>, id: string) {
  await db.deleteFrom("tiers").where("id", "=", id).execute();
}

export async function countPartnersInTier(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db
    .selectFrom("partners")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tier_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
