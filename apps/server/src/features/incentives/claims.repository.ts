import type { Kysely } from "kysely";
import { engineOf } from "../../db/dialect.js";
import type {
  ClaimStatus,
  Database,
  IncentiveClaimLineTable,
  IncentiveClaimScoreLineTable,
  IncentiveClaimSerialTable,
  IncentiveClaimTable,
  IncentivePointsOwedTable,
} from "../../db/types.js";

// Claims, their lines, serials and scores. Users, partners and the product audit trail are read
// here read-only (names for lists, the rep's team, a product's lifecycle on a past date).

/** Whose claims the caller may see: everyone's (reviewers), one partner's (its admin), one rep's. */
export type ClaimScope = { kind: "all" } | { kind: "partner"; partnerId: string } | { kind: "rep"; userId: string };

export async function insertClaim(
  db: Kysely<Database>,
  claim: IncentiveClaimTable,
  lines: IncentiveClaimLineTable[],
  serials: IncentiveClaimSerialTable[],
): Promise<void> {
  await db.insertInto("incentive_claims").values(claim).execute();
  await db.insertInto("incentive_claim_lines").values(lines).execute();
  // In one order everywhere, so two claims racing for overlapping serials on PostgreSQL wait on
  // each other instead of deadlocking.
  const ordered = [...serials].sort((a, b) => a.product_id.localeCompare(b.product_id) || a.serial.localeCompare(b.serial));
  for (let i = 0; i < ordered.length; i += 300)
    await db
      .insertInto("incentive_claim_serials")
      .values(ordered.slice(i, i + 300))
      .execute();
}

export async function insertScoreLines(db: Kysely<Database>, lines: IncentiveClaimScoreLineTable[]): Promise<void> {
  if (lines.length > 0) await db.insertInto("incentive_claim_score_lines").values(lines).execute();
}

export async function replaceScoreLines(db: Kysely<Database>, claimId: string, lines: IncentiveClaimScoreLineTable[]): Promise<void> {
  await db.deleteFrom("incentive_claim_score_lines").where("claim_id", "=", claimId).execute();
  if (lines.length > 0) await db.insertInto("incentive_claim_score_lines").values(lines).execute();
}

export async function updateClaimRow(db: Kysely<Database>, id: string, values: Partial<IncentiveClaimTable>): Promise<void> {
  await db.updateTable("incentive_claims").set(values).where("id", "=", id).execute();
}

export async function freeSerials(db: Kysely<Database>, claimId: string): Promise<void> {
  await db.updateTable("incentive_claim_serials").set({ active: 0 }).where("claim_id", "=", claimId).execute();
}

function applyScope(db: Kysely<Database>, scope: ClaimScope) {
  let query = db.selectFrom("incentive_claims").selectAll("incentive_claims");
  if (scope.kind === "partner") query = query.where("incentive_claims.partner_id", "=", scope.partnerId);
  if (scope.kind === "rep") query = query.where("incentive_claims.user_id", "=", scope.userId);
  return query;
}

/** One claim within the caller's scope; locked FOR UPDATE on PostgreSQL when deciding it. */
export async function findClaim(db: Kysely<Database>, scope: ClaimScope, id: string, lock = false): Promise<IncentiveClaimTable | undefined> {
  const query = applyScope(db, scope).where("incentive_claims.id", "=", id);
  return lock && engineOf(db) === "postgres" ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export function findClaimLines(db: Kysely<Database>, claimId: string) {
  return db
    .selectFrom("incentive_claim_lines")
    .innerJoin("products", "products.id", "incentive_claim_lines.product_id")
    .select([
      "incentive_claim_lines.line_no",
      "incentive_claim_lines.product_id",
      "incentive_claim_lines.quantity",
      "incentive_claim_lines.unit_net_minor",
      "incentive_claim_lines.currency",
      "products.sku",
      "products.name as product_name",
      "products.family_id",
    ])
    .where("incentive_claim_lines.claim_id", "=", claimId)
    .orderBy("incentive_claim_lines.line_no")
    .execute();
}

export function findClaimSerials(db: Kysely<Database>, claimId: string) {
  return db
    .selectFrom("incentive_claim_serials")
    .select(["line_no", "position", "serial"])
    .where("claim_id", "=", claimId)
    .orderBy("line_no")
    .orderBy("position")
    .execute();
}

export function findScoreLines(db: Kysely<Database>, claimId: string) {
  return db.selectFrom("incentive_claim_score_lines").selectAll().where("claim_id", "=", claimId).orderBy("seq").execute();
}

export interface ClaimListFilters {
  status?: ClaimStatus | undefined;
  partnerId?: string | undefined;
  repId?: string | undefined;
  afterId?: string | undefined;
  limit: number;
}

/** Keyset on id (UUIDv7, so time order): the pending queue oldest first, other lists newest first. */
export function listClaimRows(db: Kysely<Database>, scope: ClaimScope, filters: ClaimListFilters) {
  const ascending = filters.status === "pending";
  let query = db
    .selectFrom("incentive_claims")
    .innerJoin("partners", "partners.id", "incentive_claims.partner_id")
    .innerJoin("users", "users.id", "incentive_claims.user_id")
    .selectAll("incentive_claims")
    .select(["partners.name as partner_name", "users.name as rep_name"]);
  if (scope.kind === "partner") query = query.where("incentive_claims.partner_id", "=", scope.partnerId);
  if (scope.kind === "rep") query = query.where("incentive_claims.user_id", "=", scope.userId);
  if (filters.status) query = query.where("incentive_claims.status", "=", filters.status);
  if (filters.partnerId) query = query.where("incentive_claims.partner_id", "=", filters.partnerId);
  if (filters.repId) query = query.where("incentive_claims.user_id", "=", filters.repId);
  if (filters.afterId) query = query.where("incentive_claims.id", ascending ? ">" : "<", filters.afterId);
  return query
    .orderBy("incentive_claims.id", ascending ? "asc" : "desc")
    .limit(filters.limit + 1)
    .execute();
}

/** Names of people and partners on a claim, read-only. */
export async function findNames(db: Kysely<Database>, userIds: string[], partnerIds: string[]) {
  const users = userIds.length > 0 ? await db.selectFrom("users").select(["id", "name", "email"]).where("id", "in", userIds).execute() : [];
  const partners = partnerIds.length > 0 ? await db.selectFrom("partners").select(["id", "name"]).where("id", "in", partnerIds).execute() : [];
  return { users: new Map(users.map((u) => [u.id, u])), partners: new Map(partners.map((p) => [p.id, p.name])) };
}

/** The serials among these (product, serial) pairs that an active claim holds. */
export async function findClaimedSerials(db: Kysely<Database>, pairs: { productId: string; serial: string }[]): Promise<Set<string>> {
  const claimed = new Set<string>();
  const serials = [...new Set(pairs.map((p) => p.serial))];
  for (let i = 0; i < serials.length; i += 500) {
    const rows = await db
      .selectFrom("incentive_claim_serials")
      .select(["product_id", "serial"])
      .where("serial", "in", serials.slice(i, i + 500))
      .where("active", "=", 1)
      .execute();
    for (const row of rows) claimed.add(`${row.product_id}|${row.serial}`);
  }
  return claimed;
}

/** Points the rep earned from these (capped) rules with approved claims of this month of sale. */
export async function findEarnedByRule(db: Kysely<Database>, userId: string, saleMonth: string, ruleIds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("incentive_claim_score_lines")
    .innerJoin("incentive_claims", "incentive_claims.id", "incentive_claim_score_lines.claim_id")
    .select(["incentive_claim_score_lines.rule_id", (eb) => eb.fn.sum<number>("incentive_claim_score_lines.points").as("points")])
    .where("incentive_claims.user_id", "=", userId)
    .where("incentive_claims.sale_month", "=", saleMonth)
    .where("incentive_claims.status", "=", "approved")
    .where("incentive_claim_score_lines.rule_id", "in", ruleIds)
    .groupBy("incentive_claim_score_lines.rule_id")
    .execute();
  return new Map(rows.map((row) => [row.rule_id, Number(row.points)]));
}

export async function findLaunchGrants(db: Kysely<Database>, productIds: string[]): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const rows = await db.selectFrom("incentive_launch_grants").select(["rule_id", "product_id"]).where("product_id", "in", productIds).execute();
  return new Set(rows.map((row) => `${row.rule_id}|${row.product_id}`));
}

/** True when this claim got the grant; false when another claim holds it (PostgreSQL waits for a concurrent one). */
export async function insertLaunchGrant(db: Kysely<Database>, row: { rule_id: string; product_id: string; claim_id: string; created_at: string }) {
  const result = await db
    .insertInto("incentive_launch_grants")
    .values(row)
    .onConflict((oc) => oc.columns(["rule_id", "product_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Lifecycle changes of these products recorded after the instant, oldest first: the first one's
 * "before" is the product's lifecycle at that instant. Read-only from the audit trail, the only
 * place the catalogue's history is kept.
 */
export function findLifecycleChangesAfter(db: Kysely<Database>, productIds: string[], at: string) {
  if (productIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("audit_log")
    .select(["entity_id", "before_json", "after_json"])
    .where("entity_type", "=", "product")
    .where("entity_id", "in", productIds)
    .where("at", ">", at)
    .where("before_json", "is not", null)
    .orderBy("entity_id")
    .orderBy("id")
    .execute();
}

/** Active partner users of one partner by lower-cased e-mail (the CSV's rep_email). */
export async function findPartnerUsersByEmail(db: Kysely<Database>, partnerId: string, emails: string[]) {
  if (emails.length === 0) return [];
  return db
    .selectFrom("users")
    .select(["id", "email", "role", "status", "partner_id"])
    .where("partner_id", "=", partnerId)
    .where((eb) => eb(eb.fn("lower", ["email"]), "in", emails))
    .execute();
}

export function findUserForClaim(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("users")
    .innerJoin("partners", "partners.id", "users.partner_id")
    .select([
      "users.id",
      "users.role",
      "users.status",
      "users.partner_id",
      "users.name",
      "partners.tier_id",
      "partners.region",
      "partners.archived_at",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirst();
}

export async function addRevenue(
  db: Kysely<Database>,
  rows: { partner_id: string; month: string; currency: string; net_minor: number; claims: number }[],
) {
  for (const row of rows) {
    await db
      .insertInto("incentive_claim_revenue_months")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["month", "partner_id", "currency"]).doUpdateSet((eb) => ({
          net_minor: eb("incentive_claim_revenue_months.net_minor", "+", eb.ref("excluded.net_minor")),
          claims: eb("incentive_claim_revenue_months.claims", "+", eb.ref("excluded.claims")),
        })),
      )
      .execute();
  }
}

export function findRevenueMonths(db: Kysely<Database>, fromMonth: string, toMonth: string, partnerIds: readonly string[] | undefined) {
  let query = db.selectFrom("incentive_claim_revenue_months").selectAll().where("month", ">=", fromMonth).where("month", "<=", toMonth);
  if (partnerIds) query = query.where("partner_id", "in", partnerIds.length > 0 ? [...partnerIds] : [""]);
  return query.orderBy("partner_id").orderBy("month").orderBy("currency").execute();
}

export async function insertOwed(db: Kysely<Database>, row: IncentivePointsOwedTable): Promise<void> {
  await db.insertInto("incentive_points_owed").values(row).execute();
}

/** A rep's unrecovered shortfalls, oldest first. */
export function findOpenOwed(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("incentive_points_owed")
    .selectAll()
    .where("user_id", "=", userId)
    .whereRef("points_recovered", "<", "points_owed")
    .orderBy("id")
    .execute();
}

export async function setOwedRecovered(db: Kysely<Database>, id: string, recovered: number, at: string): Promise<void> {
  await db.updateTable("incentive_points_owed").set({ points_recovered: recovered, updated_at: at }).where("id", "=", id).execute();
}

/** Catalogue rows by SKU (read-only), with the list price an import uses when a row gives no net amount. */
export async function findProductsForImport(db: Kysely<Database>, skus: string[]) {
  const rows: { id: string; sku: string; list_price_minor: number; currency: string }[] = [];
  const unique = [...new Set(skus)];
  for (let i = 0; i < unique.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom("products")
        .select(["id", "sku", "list_price_minor", "currency"])
        .where("sku", "in", unique.slice(i, i + 500))
        .execute()),
    );
  }
  return new Map(rows.map((row) => [row.sku, { ...row, list_price_minor: Number(row.list_price_minor) }]));
}

/** Claims of the partner waiting for review (a cut partner's offboarding settle list). */
export async function countPendingClaimsOf(db: Kysely<Database>, partnerId: string): Promise<number> {
  const row = await db
    .selectFrom("incentive_claims")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("partner_id", "=", partnerId)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
