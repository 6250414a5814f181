import type { PartnerRole } from "@trellis/shared";
import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import { likeContains, searchTokens } from "../../db/dialect.js";
import type { Database, NewsAttachmentTable, NewsImageTable, NewsPostTable } from "../../db/types.js";
import { type PostAudience, postKeys, rolesColumn } from "./audience.js";
import type { PostState } from "./news.schemas.js";

/**
 * Who is reading. Vendor users see every post; a partner user sees live posts whose keys meet its
 * partner's keys (audience.ts) and whose roles include its role. Every post read takes a viewer, so
 * no route can show a partner what is not meant for it.
 */
export type NewsViewer =
  | { kind: "vendor"; userId: string | null }
  | { kind: "partner"; userId: string; partnerId: string; tierId: string | null; region: string; role: PartnerRole; keys: string[] };

type PostsEb = ExpressionBuilder<Database, "news_posts">;

/** Every column but search_text (the folded body, never needed outside the search condition). */
export const postColumns = [
  "news_posts.id",
  "news_posts.title",
  "news_posts.body_markdown",
  "news_posts.category",
  "news_posts.status",
  "news_posts.audience_all",
  "news_posts.roles",
  "news_posts.pinned",
  "news_posts.must_read",
  "news_posts.comments_enabled",
  "news_posts.publish_at",
  "news_posts.expires_at",
  "news_posts.author_id",
  "news_posts.must_read_notified_at",
  "news_posts.created_at",
  "news_posts.updated_at",
] as const;

export type PostRow = Omit<NewsPostTable, "search_text" | "must_read_notified_at"> & { must_read_notified_at?: string | null };

/** Published, past its publish time and not expired: what partners can see (docs/news.md). */
export function liveAt(now: string) {
  return (eb: PostsEb) =>
    eb.and([
      eb("news_posts.status", "=", "published"),
      eb("news_posts.publish_at", "<=", now),
      eb.or([eb("news_posts.expires_at", "is", null), eb("news_posts.expires_at", ">", now)]),
    ]);
}

/** roles is "" (every partner role) or a comma list; the role's underscores are escaped for LIKE. */
function roleMatchesSql(role: PartnerRole) {
  const pattern = `%,${role.replace(/_/g, "\\_")},%`;
  return sql<SqlBool>`(${sql.ref("news_posts.roles")} = '' or (',' || ${sql.ref("news_posts.roles")} || ',') like ${pattern} escape '\\')`;
}

/**
 * The partner viewer's audience: its role among the post's roles, and one of its keys among the
 * post's keys, probed per post (news_post_keys' primary key (key, post_id): a few index seeks).
 * Written as a correlated EXISTS, not `id IN (keys)`, on purpose: SQLite then reads posts in the
 * feed index's order and stops at the page's end, where `IN` made it fetch and sort every post the
 * viewer can see (2,500 of 5,000 at bench scale, 15-30 ms) for each page.
 */
export function inAudienceOf(viewer: Extract<NewsViewer, { kind: "partner" }>) {
  return (eb: PostsEb) =>
    eb.and([
      roleMatchesSql(viewer.role),
      eb.exists(
        eb
          .selectFrom("news_post_keys")
          .select("news_post_keys.post_id")
          .whereRef("news_post_keys.post_id", "=", "news_posts.id")
          .where("news_post_keys.key", "in", viewer.keys),
      ),
    ]);
}

/** Vendor users: every post; partner users: live posts in their audience. */
export function visibleTo(viewer: NewsViewer, now: string) {
  return (eb: PostsEb) => (viewer.kind === "vendor" ? eb.lit(true) : eb.and([liveAt(now)(eb), inAudienceOf(viewer)(eb)]));
}

/** Every word of the query in the folded title and body (accent- and case-insensitive). */
export function matchesWords(q: string) {
  return (eb: PostsEb) => {
    const tokens = searchTokens(q);
    if (tokens.length === 0) return eb.lit(true);
    return eb.and(tokens.map((token) => sql<SqlBool>`${sql.ref("news_posts.search_text")} like ${likeContains(token)} escape '\\'`));
  };
}

export function findPost(db: Kysely<Database>, viewer: NewsViewer, id: string, now: string): Promise<PostRow | undefined> {
  return db.selectFrom("news_posts").select(postColumns).where("news_posts.id", "=", id).where(visibleTo(viewer, now)).executeTakeFirst();
}

export function stateOf(row: Pick<PostRow, "status" | "publish_at" | "expires_at">, now: string): PostState {
  if (row.status !== "published") return row.status;
  if (row.publish_at !== null && row.publish_at > now) return "scheduled";
  if (row.expires_at !== null && row.expires_at <= now) return "expired";
  return "published";
}

function stateCondition(state: PostState | undefined, now: string) {
  return (eb: PostsEb) => {
    switch (state) {
      case undefined:
        return eb("news_posts.status", "!=", "archived");
      case "draft":
      case "archived":
        return eb("news_posts.status", "=", state);
      case "scheduled":
        return eb.and([eb("news_posts.status", "=", "published"), eb("news_posts.publish_at", ">", now)]);
      case "published":
        return liveAt(now)(eb);
      case "expired":
        return eb.and([eb("news_posts.status", "=", "published"), eb("news_posts.expires_at", "<=", now)]);
    }
  };
}

export interface EditorFilters {
  state?: PostState;
  category?: NewsPostTable["category"];
  q?: string;
  /** created_at, id of the last row of the previous page. */
  after?: [string, string];
}

/** The editors' list: every post, newest first, limit+1 rows. */
export function listEditorRows(db: Kysely<Database>, filters: EditorFilters, now: string, limit: number): Promise<PostRow[]> {
  let query = db.selectFrom("news_posts").select(postColumns).where(stateCondition(filters.state, now));
  if (filters.category) query = query.where("news_posts.category", "=", filters.category);
  if (filters.q) query = query.where(matchesWords(filters.q));
  const after = filters.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb("news_posts.created_at", "<", after[0]), eb.and([eb("news_posts.created_at", "=", after[0]), eb("news_posts.id", "<", after[1])])]),
    );
  }
  return query
    .orderBy("news_posts.created_at", "desc")
    .orderBy("news_posts.id", "desc")
    .limit(limit + 1)
    .execute();
}

export async function insertPost(db: Kysely<Database>, row: NewsPostTable): Promise<void> {
  await db.insertInto("news_posts").values(row).execute();
}

export async function updatePostRow(db: Kysely<Database>, id: string, changes: Partial<NewsPostTable>): Promise<void> {
  await db.updateTable("news_posts").set(changes).where("id", "=", id).execute();
}

/**
 * Replaces what the editor chose and the derived keys (audience.ts postKeys). Called inside the
 * transaction of every save, so the feed never sees a post with stale keys.
 */
export async function replaceAudience(db: Kysely<Database>, postId: string, audience: PostAudience): Promise<void> {
  await db.deleteFrom("news_post_audience").where("post_id", "=", postId).execute();
  await db.deleteFrom("news_post_keys").where("post_id", "=", postId).execute();
  const chosen = [
    ...audience.tierIds.map((value) => ({ post_id: postId, kind: "tier" as const, value })),
    ...audience.regions.map((value) => ({ post_id: postId, kind: "region" as const, value })),
    ...audience.partnerIds.map((value) => ({ post_id: postId, kind: "partner" as const, value })),
    ...audience.roles.map((value) => ({ post_id: postId, kind: "role" as const, value })),
  ];
  const unique = [...new Map(chosen.map((row) => [`${row.kind}:${row.value}`, row])).values()];
  if (unique.length > 0) await db.insertInto("news_post_audience").values(unique).execute();
  await db
    .insertInto("news_post_keys")
    .values(postKeys(audience).map((key) => ({ key, post_id: postId })))
    .execute();
}

/** The editor's choice, as it was saved. */
export async function findAudience(db: Kysely<Database>, postId: string): Promise<PostAudience> {
  const rows = await db.selectFrom("news_post_audience").select(["kind", "value"]).where("post_id", "=", postId).execute();
  const of = (kind: string) =>
    rows
      .filter((row) => row.kind === kind)
      .map((row) => row.value)
      .sort();
  return { tierIds: of("tier"), regions: of("region"), partnerIds: of("partner"), roles: of("role") as PostAudience["roles"] };
}

/** The saved audience of many posts at once (editors' list reach). */
export async function findAudiences(db: Kysely<Database>, postIds: readonly string[]): Promise<Map<string, PostAudience>> {
  const found = new Map<string, PostAudience>(postIds.map((id) => [id, { tierIds: [], regions: [], partnerIds: [], roles: [] }]));
  if (postIds.length === 0) return found;
  const rows = await db.selectFrom("news_post_audience").select(["post_id", "kind", "value"]).where("post_id", "in", postIds).execute();
  for (const row of rows) {
    const audience = found.get(row.post_id);
    if (!audience) continue;
    if (row.kind === "tier") audience.tierIds.push(row.value);
    else if (row.kind === "region") audience.regions.push(row.value);
    else if (row.kind === "partner") audience.partnerIds.push(row.value);
    else audience.roles.push(row.value as PartnerRole);
  }
  return found;
}

export function audienceColumns(audience: PostAudience): Pick<NewsPostTable, "audience_all" | "roles"> {
  const all = audience.tierIds.length + audience.regions.length + audience.partnerIds.length === 0;
  return { audience_all: all ? 1 : 0, roles: rolesColumn(audience.roles) };
}

export async function replaceLinks(db: Kysely<Database>, postId: string, links: { productIds?: string[]; assetIds?: string[] }): Promise<void> {
  if (links.productIds) {
    await db.deleteFrom("news_post_products").where("post_id", "=", postId).execute();
    const unique = [...new Set(links.productIds)];
    if (unique.length > 0)
      await db
        .insertInto("news_post_products")
        .values(unique.map((product_id) => ({ post_id: postId, product_id })))
        .execute();
  }
  if (links.assetIds) {
    await db.deleteFrom("news_post_assets").where("post_id", "=", postId).execute();
    const unique = [...new Set(links.assetIds)];
    if (unique.length > 0)
      await db
        .insertInto("news_post_assets")
        .values(unique.map((asset_id) => ({ post_id: postId, asset_id })))
        .execute();
  }
}

export async function findLinks(db: Kysely<Database>, postId: string): Promise<{ productIds: string[]; assetIds: string[] }> {
  const [products, assets] = await Promise.all([
    db.selectFrom("news_post_products").select("product_id").where("post_id", "=", postId).execute(),
    db.selectFrom("news_post_assets").select("asset_id").where("post_id", "=", postId).execute(),
  ]);
  return { productIds: products.map((row) => row.product_id), assetIds: assets.map((row) => row.asset_id) };
}

/**
 * Titles of linked sales-library assets, read-only from the library's table. Partners get only
 * published assets meant for them, by the library's audience rule (all, or a matching tier, region
 * or named partner), so a post never names an asset the partner cannot open.
 */
export function findAssetRefs(
  db: Kysely<Database>,
  ids: readonly string[],
  partner: { partnerId: string; tierId: string | null; region: string } | null,
): Promise<{ id: string; title: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  let query = db.selectFrom("assets").select(["assets.id", "assets.title"]).where("assets.id", "in", ids);
  if (partner) {
    const targets: [kind: "partner" | "tier" | "region", value: string][] = [
      ["partner", partner.partnerId],
      ["region", partner.region],
    ];
    if (partner.tierId) targets.push(["tier", partner.tierId]);
    query = query
      .where("assets.status", "=", "published")
      .where("assets.current_version", ">", 0)
      .where((eb) =>
        eb.or([
          eb("assets.audience", "=", "all"),
          eb.exists(
            eb
              .selectFrom("asset_audience")
              .select("asset_audience.asset_id")
              .whereRef("asset_audience.asset_id", "=", "assets.id")
              .where((inner) => inner.or(targets.map(([kind, value]) => inner.and([inner("kind", "=", kind), inner("value", "=", value)])))),
          ),
        ]),
      );
  }
  return query.orderBy("assets.title").execute();
}

export async function existingAssetIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("assets").select("id").where("id", "in", ids).execute();
  return new Set(rows.map((row) => row.id));
}

export async function insertAttachment(db: Kysely<Database>, row: NewsAttachmentTable): Promise<void> {
  await db.insertInto("news_attachments").values(row).execute();
}

export function findAttachments(db: Kysely<Database>, postId: string): Promise<NewsAttachmentTable[]> {
  return db.selectFrom("news_attachments").selectAll().where("post_id", "=", postId).orderBy("created_at").orderBy("id").execute();
}

export async function deleteAttachment(db: Kysely<Database>, postId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom("news_attachments").where("post_id", "=", postId).where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertImage(db: Kysely<Database>, row: NewsImageTable): Promise<void> {
  await db.insertInto("news_images").values(row).execute();
}

export function findImage(db: Kysely<Database>, id: string): Promise<NewsImageTable | undefined> {
  return db.selectFrom("news_images").selectAll().where("id", "=", id).executeTakeFirst();
}
