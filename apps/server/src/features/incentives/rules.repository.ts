import type { Kysely } from "kysely";
import { engineOf } from "../../db/dialect.js";
import type { Database, IncentiveRuleVersionTable } from "../../db/types.js";

// Rule versions. Products, families, tiers, partners and users are read here read-only.

export async function insertRuleVersion(db: Kysely<Database>, row: IncentiveRuleVersionTable): Promise<void> {
  await db.insertInto("incentive_rule_versions").values(row).execute();
}

/** The current version of a rule, locked FOR UPDATE on PostgreSQL so two edits queue up. */
export async function lockCurrentVersion(db: Kysely<Database>, ruleId: string): Promise<IncentiveRuleVersionTable | undefined> {
  const query = db.selectFrom("incentive_rule_versions").selectAll().where("rule_id", "=", ruleId).orderBy("version", "desc").limit(1);
  return engineOf(db) === "postgres" ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function closeVersion(db: Kysely<Database>, ruleId: string, version: number, at: string): Promise<void> {
  await db.updateTable("incentive_rule_versions").set({ effective_to: at }).where("rule_id", "=", ruleId).where("version", "=", version).execute();
}

export function findCurrentVersions(db: Kysely<Database>): Promise<IncentiveRuleVersionTable[]> {
  return db.selectFrom("incentive_rule_versions").selectAll().where("effective_to", "is", null).orderBy("name").orderBy("rule_id").execute();
}

/** Versions whose version window holds the instant (the end of a sale date). */
export function findVersionsInForce(db: Kysely<Database>, at: string): Promise<IncentiveRuleVersionTable[]> {
  return db
    .selectFrom("incentive_rule_versions")
    .selectAll()
    .where("effective_from", "<=", at)
    .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">", at)]))
    .orderBy("name")
    .orderBy("rule_id")
    .execute();
}

export function findVersionsOfRule(db: Kysely<Database>, ruleId: string) {
  return db
    .selectFrom("incentive_rule_versions")
    .leftJoin("users", "users.id", "incentive_rule_versions.created_by")
    .select([
      "incentive_rule_versions.version",
      "incentive_rule_versions.name",
      "incentive_rule_versions.effective_from",
      "incentive_rule_versions.effective_to",
      "incentive_rule_versions.created_by",
      "users.name as created_by_name",
    ])
    .where("incentive_rule_versions.rule_id", "=", ruleId)
    .orderBy("incentive_rule_versions.version", "desc")
    .execute();
}

export async function productExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom("products").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

export async function familyExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom("product_families").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

export async function existingTierIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("tiers").select("id").where("id", "in", ids).execute();
  return new Set(rows.map((row) => row.id));
}

/** The rep's partner tier and region and its role: what rule eligibility looks at. */
export function findRepContext(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("users")
    .innerJoin("partners", "partners.id", "users.partner_id")
    .select(["users.id", "users.role", "users.partner_id", "users.status", "partners.tier_id", "partners.region"])
    .where("users.id", "=", userId)
    .executeTakeFirst();
}
