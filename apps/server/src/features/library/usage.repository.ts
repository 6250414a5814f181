import { type Kysely, sql } from "kysely";
import { engineOf, utcDayOf } from "../../db/dialect.js";
import type { AssetEventTable, Database } from "../../db/types.js";

/** Counts per kind, as one row: views, downloads, co-branded downloads. */
const countsByKind = {
  views: sql<number>`sum(case when asset_events.kind = 'view' then 1 else 0 end)`,
  downloads: sql<number>`sum(case when asset_events.kind = 'download' then 1 else 0 end)`,
  cobrandDownloads: sql<number>`sum(case when asset_events.kind = 'cobrand_download' then 1 else 0 end)`,
};

export interface Period {
  /** Inclusive ISO instant */
  fromIso: string;
  /** Exclusive ISO instant */
  toIso: string;
}

/** Appends a usage event and keeps the asset's use count (the "most used" sort) in step. */
export async function insertUsageEvent(db: Kysely<Database>, event: AssetEventTable): Promise<void> {
  await db.insertInto("asset_events").values(event).execute();
  await db
    .updateTable("assets")
    .set((eb) => ({ use_count: eb("use_count", "+", 1), last_used_at: event.occurred_at }))
    .where("id", "=", event.asset_id)
    .execute();
}

export async function usagePerDay(db: Kysely<Database>, period: Period, assetId?: string) {
  const day = utcDayOf(engineOf(db), "asset_events.occurred_at");
  let query = db
    .selectFrom("asset_events")
    .select([
      day.as("day"),
      countsByKind.views.as("views"),
      countsByKind.downloads.as("downloads"),
      countsByKind.cobrandDownloads.as("cobrandDownloads"),
    ])
    .where("occurred_at", ">=", period.fromIso)
    .where("occurred_at", "<", period.toIso);
  if (assetId) query = query.where("asset_id", "=", assetId);
  return query.groupBy(day).orderBy(day).execute();
}

export function usagePerAsset(db: Kysely<Database>, period: Period, limit: number) {
  return db
    .selectFrom("asset_events")
    .innerJoin("assets", "assets.id", "asset_events.asset_id")
    .select([
      "assets.id as assetId",
      "assets.title as title",
      "assets.type as type",
      countsByKind.views.as("views"),
      countsByKind.downloads.as("downloads"),
      countsByKind.cobrandDownloads.as("cobrandDownloads"),
    ])
    .where("asset_events.occurred_at", ">=", period.fromIso)
    .where("asset_events.occurred_at", "<", period.toIso)
    .groupBy(["assets.id", "assets.title", "assets.type"])
    .orderBy(sql`count(*)`, "desc")
    .orderBy("assets.title")
    .orderBy("assets.id")
    .limit(limit)
    .execute();
}

export function usagePerPartner(db: Kysely<Database>, period: Period) {
  return db
    .selectFrom("asset_events")
    .select([
      "partner_id as partnerId",
      countsByKind.views.as("views"),
      countsByKind.downloads.as("downloads"),
      countsByKind.cobrandDownloads.as("cobrandDownloads"),
      sql<number>`count(distinct asset_events.user_id)`.as("activeReps"),
    ])
    .where("occurred_at", ">=", period.fromIso)
    .where("occurred_at", "<", period.toIso)
    .groupBy("partner_id")
    .orderBy(sql`count(*)`, "desc")
    .orderBy("partner_id")
    .execute();
}

export function usagePerUser(db: Kysely<Database>, partnerId: string, period: Period) {
  return db
    .selectFrom("asset_events")
    .select([
      "user_id as userId",
      countsByKind.views.as("views"),
      countsByKind.downloads.as("downloads"),
      countsByKind.cobrandDownloads.as("cobrandDownloads"),
      sql<string>`max(asset_events.occurred_at)`.as("lastUsedAt"),
    ])
    .where("partner_id", "=", partnerId)
    .where("occurred_at", ">=", period.fromIso)
    .where("occurred_at", "<", period.toIso)
    .groupBy("user_id")
    .orderBy(sql`count(*)`, "desc")
    .orderBy("user_id")
    .execute();
}

/** The distinct users per partner who used the library in the period (all partners, or the given ones). */
export async function libraryUsersPerPartner(db: Kysely<Database>, period: Period, partnerIds?: readonly string[]): Promise<Map<string, string[]>> {
  let query = db
    .selectFrom("asset_events")
    .select(["partner_id", "user_id"])
    .distinct()
    .where("occurred_at", ">=", period.fromIso)
    .where("occurred_at", "<", period.toIso);
  if (partnerIds) {
    if (partnerIds.length === 0) return new Map();
    query = query.where("partner_id", "in", partnerIds);
  }
  const users = new Map<string, string[]>();
  for (const row of await query.execute()) users.set(row.partner_id, [...(users.get(row.partner_id) ?? []), row.user_id]);
  return users;
}

/** Published assets with no partner use since `sinceIso` (last_used_at is kept on every event). */
export function unusedAssets(db: Kysely<Database>, sinceIso: string) {
  return db
    .selectFrom("assets")
    .select(["id as assetId", "title", "type", "published_at as publishedAt", "last_used_at as lastUsedAt"])
    .where("status", "=", "published")
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", sinceIso)]))
    .orderBy("last_used_at")
    .orderBy("title")
    .limit(500)
    .execute();
}
