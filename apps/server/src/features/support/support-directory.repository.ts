import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";

// The people and partners the desk reads (read-only joins to users, partners and tiers) and agents' saved views.

/** Who hears about a ticket on the partner side: its requester and the partner's active admins. */
export async function findPartnerRecipients(db: Kysely<Database>, partnerId: string, requesterId: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("status", "=", "active")
    .where((eb) => eb.or([eb("id", "=", requesterId), eb.and([eb("partner_id", "=", partnerId), eb("role", "=", "partner_admin")])]))
    .execute();
}

export async function findActiveAgents(db: Kysely<Database>) {
  return db.selectFrom("users").select(["id", "name", "email"]).where("role", "=", "support_agent").where("status", "=", "active").execute();
}

export async function findSavedViews(db: Kysely<Database>, userId: string) {
  return db.selectFrom("saved_views").selectAll().where("user_id", "=", userId).orderBy("name").execute();
}

export async function insertSavedView(db: Kysely<Database>, row: { id: string; user_id: string; name: string; filters: string; created_at: string }) {
  await db.insertInto("saved_views").values(row).execute();
}

export async function deleteSavedView(db: Kysely<Database>, userId: string, id: string): Promise<number> {
  const result = await db.deleteFrom("saved_views").where("user_id", "=", userId).where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findPartnersWithTier(db: Kysely<Database>) {
  return db
    .selectFrom("partners")
    .leftJoin("tiers", "tiers.id", "partners.tier_id")
    .select(["partners.id", "partners.name", "tiers.name as tier_name", "tiers.support_allowance_hours"])
    .where("partners.archived_at", "is", null)
    .execute();
}
