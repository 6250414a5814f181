import type { Kysely } from "kysely";
import type { Database, FlagRule, RelationshipFlagTable } from "../../db/types.js";

export async function findOpenFlags(db: Kysely<Database>): Promise<Pick<RelationshipFlagTable, "id" | "partner_id" | "rule" | "raised_on">[]> {
  return db.selectFrom("relationship_flags").select(["id", "partner_id", "rule", "raised_on"]).where("status", "=", "open").execute();
}

export async function findPartnerFlags(db: Kysely<Database>, partnerId: string): Promise<RelationshipFlagTable[]> {
  return db.selectFrom("relationship_flags").selectAll().where("partner_id", "=", partnerId).orderBy("created_at", "desc").limit(20).execute();
}

export async function listFlags(db: Kysely<Database>, status: "open" | "cleared"): Promise<RelationshipFlagTable[]> {
  return db.selectFrom("relationship_flags").selectAll().where("status", "=", status).orderBy("created_at", "desc").limit(500).execute();
}

export async function insertFlag(db: Kysely<Database>, row: RelationshipFlagTable): Promise<void> {
  await db.insertInto("relationship_flags").values(row).execute();
}

export async function clearFlag(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable("relationship_flags").set({ status: "cleared", cleared_at: at }).where("id", "=", id).where("status", "=", "open").execute();
}

export async function markFlagNotified(db: Kysely<Database>, id: string, userId: string | null, at: string): Promise<void> {
  await db.updateTable("relationship_flags").set({ notified_user_id: userId, notified_at: at }).where("id", "=", id).execute();
}

/** Each partner's open fix/watch/cut decision: a read-only look at the decisions feature's table for the portfolio. */
export async function findOpenDecisions(
  db: Kysely<Database>,
): Promise<{ id: string; partner_id: string; kind: string; status: string; review_on: string | null }[]> {
  return db.selectFrom("relationship_decisions").select(["id", "partner_id", "kind", "status", "review_on"]).where("status", "=", "open").execute();
}

export type { FlagRule };

/** Active vendor admins: told about a flagged partner that has no channel manager (read-only look at users). */
export async function findVendorAdminIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("users").select("id").where("role", "=", "vendor_admin").where("status", "=", "active").execute();
  return rows.map((row) => row.id);
}
