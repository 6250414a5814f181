import { isPartnerRole, type PartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";

// Read-only joins of the partners and users tables: who is in an audience now, and who of them read.

export interface AudiencePartner {
  id: string;
  name: string;
  tierId: string | null;
  region: string;
}

/** Every partner whose staff can sign in (archived partners' staff cannot). */
export async function findAudiencePartners(db: Kysely<Database>): Promise<AudiencePartner[]> {
  const rows = await db.selectFrom("partners").select(["id", "name", "tier_id", "region"]).where("archived_at", "is", null).execute();
  return rows.map((row) => ({ id: row.id, name: row.name, tierId: row.tier_id, region: row.region }));
}

/** Active users per partner and partner role (partners' staff only). */
export async function countActiveUsersByPartnerRole(db: Kysely<Database>): Promise<Map<string, Map<PartnerRole, number>>> {
  const rows = await db
    .selectFrom("users")
    .select(["partner_id", "role", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "=", "active")
    .where("partner_id", "is not", null)
    .groupBy(["partner_id", "role"])
    .execute();
  const counts = new Map<string, Map<PartnerRole, number>>();
  for (const row of rows) {
    if (!row.partner_id || !isPartnerRole(row.role)) continue;
    const byRole = counts.get(row.partner_id) ?? new Map<PartnerRole, number>();
    byRole.set(row.role, Number(row.n));
    counts.set(row.partner_id, byRole);
  }
  return counts;
}

/** Reads and acknowledgements of one post by users active now, per partner and role. */
export async function countReadsByPartnerRole(
  db: Kysely<Database>,
  postId: string,
): Promise<{ partnerId: string; role: PartnerRole; reads: number; acknowledgements: number }[]> {
  const rows = await db
    .selectFrom("news_reads")
    .innerJoin("users", "users.id", "news_reads.user_id")
    .select([
      "users.partner_id",
      "users.role",
      (eb) => eb.fn.countAll<number>().as("reads"),
      (eb) => eb.fn.count<number>("news_reads.acknowledged_at").as("acks"),
    ])
    .where("news_reads.post_id", "=", postId)
    .where("users.status", "=", "active")
    .where("users.partner_id", "is not", null)
    .groupBy(["users.partner_id", "users.role"])
    .execute();
  return rows.flatMap((row) =>
    row.partner_id && isPartnerRole(row.role)
      ? [{ partnerId: row.partner_id, role: row.role, reads: Number(row.reads), acknowledgements: Number(row.acks) }]
      : [],
  );
}

/**
 * Partner users' reads and acknowledgements per post (the editors' list). Reads come from the
 * primary key (post_id, user_id) alone, no row read (news_reads holds partner users' reads only);
 * acknowledgements are counted for the must-read posts among them only.
 */
export async function countReadsByPost(
  db: Kysely<Database>,
  postIds: readonly string[],
  mustReadIds: readonly string[],
): Promise<Map<string, { reads: number; acknowledgements: number }>> {
  const counts = new Map<string, { reads: number; acknowledgements: number }>();
  if (postIds.length === 0) return counts;
  const reads = await db
    .selectFrom("news_reads")
    .select(["post_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("post_id", "in", postIds)
    .groupBy("post_id")
    .execute();
  for (const row of reads) counts.set(row.post_id, { reads: Number(row.n), acknowledgements: 0 });
  if (mustReadIds.length === 0) return counts;
  const acks = await db
    .selectFrom("news_reads")
    .select(["post_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("post_id", "in", mustReadIds)
    .where("acknowledged_at", "is not", null)
    .groupBy("post_id")
    .execute();
  for (const row of acks) {
    const count = counts.get(row.post_id);
    if (count) count.acknowledgements = Number(row.n);
  }
  return counts;
}

export async function countCommentsByPost(db: Kysely<Database>, postIds: readonly string[]): Promise<Map<string, number>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("news_comments")
    .select(["post_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("post_id", "in", postIds)
    .groupBy("post_id")
    .execute();
  return new Map(rows.map((row) => [row.post_id, Number(row.n)]));
}

/** Active users of the given partners with one of the roles. */
export async function findActiveUserIds(db: Kysely<Database>, partnerIds: readonly string[], roles: readonly PartnerRole[]): Promise<string[]> {
  if (partnerIds.length === 0 || roles.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("status", "=", "active")
    .where("partner_id", "in", partnerIds)
    .where("role", "in", roles)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Distinct readers per partner in [from, to): one range of news_reads_partner_idx (partner_id,
 * read_at, user_id) per partner, without the users who are no longer active (a small set, read
 * once), so only active users count.
 */
export async function countReadersByPartner(
  db: Kysely<Database>,
  partnerIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  if (partnerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("news_reads")
    .select(["news_reads.partner_id", (eb) => eb.fn.count<number>("news_reads.user_id").distinct().as("n")])
    .where("news_reads.partner_id", "in", partnerIds)
    .where("news_reads.read_at", ">=", from)
    .where("news_reads.read_at", "<", to)
    .where("news_reads.user_id", "not in", (eb) =>
      eb.selectFrom("users").select("users.id").where("users.status", "!=", "active").where("users.partner_id", "is not", null),
    )
    .groupBy("news_reads.partner_id")
    .execute();
  return new Map(rows.flatMap((row) => (row.partner_id ? [[row.partner_id, Number(row.n)] as const] : [])));
}

/** Active users per partner (all partners with any when partnerIds is null). */
export async function countActiveUsersByPartner(db: Kysely<Database>, partnerIds: readonly string[] | null): Promise<Map<string, number>> {
  let query = db
    .selectFrom("users")
    .innerJoin("partners", "partners.id", "users.partner_id")
    .select(["users.partner_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("users.status", "=", "active")
    .where("partners.archived_at", "is", null);
  if (partnerIds) {
    if (partnerIds.length === 0) return new Map();
    query = query.where("users.partner_id", "in", partnerIds);
  }
  const rows = await query.groupBy("users.partner_id").execute();
  return new Map(rows.flatMap((row) => (row.partner_id ? [[row.partner_id, Number(row.n)] as const] : [])));
}
