import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { AssetTable, AssetVersionTable, CobrandCopyTable, Database } from "../../db/types.js";
import type { AssetSort } from "./library.schemas.js";
import { type FacetFilter, facet, searchMatches } from "./library.search.js";

/**
 * Who is looking at the library. Vendor users see every asset; a partner user sees published
 * assets meant for its partner (audience), never stale competitive sheets when the vendor hides
 * them. Every asset read takes a viewer, so no route can show a partner what is not meant for it.
 */
export type LibraryViewer =
  | { kind: "vendor"; userId: string | null }
  | { kind: "partner"; userId: string; partnerId: string; tierId: string | null; region: string; hideStale: boolean; today: string };

export type AssetRow = AssetTable;

type AssetsEb = ExpressionBuilder<Database, "assets">;

/**
 * Every column of AssetTable, named: PostgreSQL keeps the search vectors on the same row, and
 * `select *` would send each asset's whole indexed text to the app with every listing.
 */
const assetColumns = [
  "assets.id",
  "assets.title",
  "assets.summary",
  "assets.type",
  "assets.format",
  "assets.language",
  "assets.owner_id",
  "assets.audience",
  "assets.review_by",
  "assets.status",
  "assets.co_brandable",
  "assets.cobrand_box",
  "assets.current_version",
  "assets.current_version_id",
  "assets.content_type",
  "assets.size",
  "assets.tags_text",
  "assets.search_key",
  "assets.use_count",
  "assets.last_used_at",
  "assets.published_at",
  "assets.content_updated_at",
  "assets.created_by",
  "assets.created_at",
  "assets.updated_at",
] as const satisfies readonly `assets.${keyof AssetTable}`[];

/** One asset's row without the search vectors (for reindexing and jobs). */
export function findAssetRowForSystem(db: Kysely<Database>, id: string): Promise<AssetRow | undefined> {
  return db.selectFrom("assets").select(assetColumns).where("assets.id", "=", id).executeTakeFirst();
}

function visibleTo(viewer: LibraryViewer) {
  return (eb: AssetsEb) => {
    if (viewer.kind === "vendor") return eb.lit(true);
    const targets: [kind: "partner" | "tier" | "region", value: string][] = [["partner", viewer.partnerId]];
    if (viewer.tierId) targets.push(["tier", viewer.tierId]);
    if (viewer.region) targets.push(["region", viewer.region]);
    const conditions = [
      eb("assets.status", "=", "published"),
      eb("assets.current_version", ">", 0),
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
    ];
    if (viewer.hideStale) {
      conditions.push(
        eb.or([eb("assets.type", "!=", "competitive_data_sheet"), eb("assets.review_by", "is", null), eb("assets.review_by", ">=", viewer.today)]),
      );
    }
    return eb.and(conditions);
  };
}

export function findAssetRow(db: Kysely<Database>, viewer: LibraryViewer, id: string): Promise<AssetRow | undefined> {
  return db.selectFrom("assets").select(assetColumns).where("assets.id", "=", id).where(visibleTo(viewer)).executeTakeFirst();
}

export function findAssetRowsByIds(db: Kysely<Database>, viewer: LibraryViewer, ids: readonly string[]): Promise<AssetRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("assets").select(assetColumns).where("assets.id", "in", ids).where(visibleTo(viewer)).execute();
}

export interface AssetListFilters {
  q?: string;
  type?: string;
  productId?: string;
  market?: string;
  tag?: string;
  language?: string;
  status?: string;
  needsReview?: boolean;
  today: string;
  sort: AssetSort;
}

/** One page by offset (relevance has no stable keyset); limit+1 rows tell whether more follow. */
export async function listAssetRows(
  db: Kysely<Database>,
  viewer: LibraryViewer,
  filters: AssetListFilters,
  page: { offset: number; limit: number },
): Promise<AssetRow[]> {
  const sort = filters.sort === "relevance" && !filters.q ? "newest" : filters.sort;
  const matches = filters.q
    ? searchMatches(db, filters.q, facetFilterFor(viewer, filters), sort === "relevance" ? page.offset + page.limit + 1 : undefined)
    : null;
  let query = db.selectFrom("assets").select(assetColumns).where(visibleTo(viewer));
  if (filters.q && !matches) return [];
  if (matches) query = query.innerJoin(matches.as("search"), "search.asset_id", "assets.id");
  if (filters.type) query = query.where("assets.type", "=", filters.type as AssetRow["type"]);
  if (filters.language) query = query.where("assets.language", "=", filters.language);
  if (viewer.kind === "vendor") {
    if (filters.status) query = query.where("assets.status", "=", filters.status as AssetRow["status"]);
    else query = query.where("assets.status", "!=", "archived");
    if (filters.needsReview !== undefined) {
      query = filters.needsReview
        ? query.where("assets.review_by", "<", filters.today)
        : query.where((eb) => eb.or([eb("assets.review_by", "is", null), eb("assets.review_by", ">=", filters.today)]));
    }
  }
  const { productId, market, tag } = filters;
  if (productId)
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom("asset_products").select("asset_id").whereRef("asset_products.asset_id", "=", "assets.id").where("product_id", "=", productId),
      ),
    );
  if (market)
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("asset_markets").select("asset_id").whereRef("asset_markets.asset_id", "=", "assets.id").where("market", "=", market)),
    );
  if (tag)
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("asset_tags").select("asset_id").whereRef("asset_tags.asset_id", "=", "assets.id").where("tag", "=", tag)),
    );

  if (sort === "relevance") query = query.orderBy(sql`search.score`, "desc").orderBy(sql`search.tiebreak`, "desc");
  else if (sort === "most_used") query = query.orderBy("assets.use_count", "desc");
  else if (sort === "title") query = query.orderBy("assets.title", "asc");
  if (sort !== "title") query = query.orderBy("assets.content_updated_at", "desc");
  query = query.orderBy("assets.id", "desc");
  return query
    .offset(page.offset)
    .limit(page.limit + 1)
    .execute();
}

/** The listing's filters as facet tokens, so the search index narrows before rows are read. */
function facetFilterFor(viewer: LibraryViewer, filters: AssetListFilters): FacetFilter {
  const all: string[] = [];
  const none: string[] = [];
  const anyOf: string[][] = [];
  if (filters.type) all.push(facet.type(filters.type));
  if (filters.productId) all.push(facet.product(filters.productId));
  if (filters.market) all.push(facet.market(filters.market));
  if (filters.tag) all.push(facet.tag(filters.tag));
  if (filters.language) all.push(facet.language(filters.language));
  const selective = all.length > 0;
  if (viewer.kind === "vendor") {
    if (filters.status) all.push(facet.status(filters.status));
    else none.push(facet.status("archived"));
    return { all, anyOf, none, selective };
  }
  all.push(facet.live);
  const audience = [facet.audienceAll, facet.partner(viewer.partnerId)];
  if (viewer.tierId) audience.push(facet.tier(viewer.tierId));
  if (viewer.region) audience.push(facet.region(viewer.region));
  anyOf.push(audience);
  if (viewer.hideStale) none.push(facet.stale);
  return { all, anyOf, none, selective };
}

export interface AssetLinks {
  productIds: Map<string, string[]>;
  markets: Map<string, string[]>;
  tags: Map<string, string[]>;
}

function groupBy<T extends { asset_id: string }>(rows: T[], value: (row: T) => string): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const row of rows) {
    const list = grouped.get(row.asset_id) ?? [];
    list.push(value(row));
    grouped.set(row.asset_id, list);
  }
  return grouped;
}

/** Products, markets and tags of the given assets, in one round trip (every listing page asks). */
export async function findAssetLinks(db: Kysely<Database>, assetIds: readonly string[]): Promise<AssetLinks> {
  if (assetIds.length === 0) return { productIds: new Map(), markets: new Map(), tags: new Map() };
  const rows = await db
    .selectFrom("asset_products")
    .select(["asset_id", sql<string>`'product'`.as("kind"), "product_id as value"])
    .where("asset_id", "in", assetIds)
    .unionAll((eb) =>
      eb
        .selectFrom("asset_markets")
        .select(["asset_id", sql<string>`'market'`.as("kind"), "market as value"])
        .where("asset_id", "in", assetIds),
    )
    .unionAll((eb) =>
      eb
        .selectFrom("asset_tags")
        .select(["asset_id", sql<string>`'tag'`.as("kind"), "tag as value"])
        .where("asset_id", "in", assetIds),
    )
    .orderBy("value")
    .execute();
  const of = (kind: string) =>
    groupBy(
      rows.filter((row) => row.kind === kind),
      (row) => row.value,
    );
  return { productIds: of("product"), markets: of("market"), tags: of("tag") };
}

export async function findAudienceTargets(db: Kysely<Database>, assetId: string) {
  const rows = await db.selectFrom("asset_audience").selectAll().where("asset_id", "=", assetId).orderBy("value").execute();
  return {
    tierIds: rows.filter((row) => row.kind === "tier").map((row) => row.value),
    regions: rows.filter((row) => row.kind === "region").map((row) => row.value),
    partnerIds: rows.filter((row) => row.kind === "partner").map((row) => row.value),
  };
}

export async function findOpenedVersions(db: Kysely<Database>, userId: string | null, assetIds: readonly string[]): Promise<Map<string, number>> {
  if (!userId || assetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("asset_opens")
    .select(["asset_id", "version"])
    .where("user_id", "=", userId)
    .where("asset_id", "in", assetIds)
    .execute();
  return new Map(rows.map((row) => [row.asset_id, row.version]));
}

export function insertAsset(db: Kysely<Database>, row: AssetRow) {
  return db.insertInto("assets").values(row).execute();
}

export function updateAssetRow(db: Kysely<Database>, id: string, changes: Partial<AssetRow>) {
  return db.updateTable("assets").set(changes).where("id", "=", id).execute();
}

/** Replaces the asset's products, markets, tags and audience targets with the given ones. */
export async function replaceAssetLinks(
  db: Kysely<Database>,
  assetId: string,
  links: {
    productIds?: readonly string[];
    markets?: readonly string[];
    tags?: readonly string[];
    audience?: { tierIds: readonly string[]; regions: readonly string[]; partnerIds: readonly string[] };
  },
): Promise<void> {
  if (links.productIds) {
    await db.deleteFrom("asset_products").where("asset_id", "=", assetId).execute();
    const rows = [...new Set(links.productIds)].map((product_id) => ({ asset_id: assetId, product_id }));
    if (rows.length) await db.insertInto("asset_products").values(rows).execute();
  }
  if (links.markets) {
    await db.deleteFrom("asset_markets").where("asset_id", "=", assetId).execute();
    const rows = [...new Set(links.markets)].map((market) => ({ asset_id: assetId, market }));
    if (rows.length) await db.insertInto("asset_markets").values(rows).execute();
  }
  if (links.tags) {
    await db.deleteFrom("asset_tags").where("asset_id", "=", assetId).execute();
    const rows = [...new Set(links.tags)].map((tag) => ({ asset_id: assetId, tag }));
    if (rows.length) await db.insertInto("asset_tags").values(rows).execute();
  }
  if (links.audience) {
    await db.deleteFrom("asset_audience").where("asset_id", "=", assetId).execute();
    const rows = [
      ...[...new Set(links.audience.tierIds)].map((value) => ({ asset_id: assetId, kind: "tier" as const, value })),
      ...[...new Set(links.audience.regions)].map((value) => ({ asset_id: assetId, kind: "region" as const, value })),
      ...[...new Set(links.audience.partnerIds)].map((value) => ({ asset_id: assetId, kind: "partner" as const, value })),
    ];
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto("asset_audience")
        .values(rows.slice(i, i + 200))
        .execute();
  }
}

export function findVersions(db: Kysely<Database>, assetId: string): Promise<AssetVersionTable[]> {
  return db.selectFrom("asset_versions").selectAll().where("asset_id", "=", assetId).orderBy("version", "desc").execute();
}

export function findVersion(db: Kysely<Database>, assetId: string, version: number): Promise<AssetVersionTable | undefined> {
  return db.selectFrom("asset_versions").selectAll().where("asset_id", "=", assetId).where("version", "=", version).executeTakeFirst();
}

/** The current version of each of the given assets, by asset id. */
export async function findCurrentVersions(db: Kysely<Database>, assetIds: readonly string[]): Promise<Map<string, AssetVersionTable>> {
  if (assetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("asset_versions")
    .innerJoin("assets", "assets.current_version_id", "asset_versions.id")
    .selectAll("asset_versions")
    .where("assets.id", "in", assetIds)
    .execute();
  return new Map(rows.map((row) => [row.asset_id, row]));
}

export function insertVersion(db: Kysely<Database>, row: AssetVersionTable) {
  return db.insertInto("asset_versions").values(row).execute();
}

/** Records that the user opened this version, so "updated since you last opened it" clears. */
export async function upsertOpened(db: Kysely<Database>, assetId: string, userId: string, version: number, at: string): Promise<void> {
  await db
    .insertInto("asset_opens")
    .values({ asset_id: assetId, user_id: userId, version, opened_at: at })
    .onConflict((oc) => oc.columns(["user_id", "asset_id"]).doUpdateSet({ version, opened_at: at }))
    .execute();
}

export function insertLibraryImage(
  db: Kysely<Database>,
  row: { storage_key: string; content_type: string; uploaded_by: string | null; created_at: string },
) {
  return db
    .insertInto("library_images")
    .values(row)
    .onConflict((oc) => oc.column("storage_key").doNothing())
    .execute();
}

export function findLibraryImage(db: Kysely<Database>, key: string) {
  return db.selectFrom("library_images").selectAll().where("storage_key", "=", key).executeTakeFirst();
}

/** Competitive data sheets past review, with their owners: the daily reminder to marketing. */
export function findStaleAssets(db: Kysely<Database>, today: string) {
  return db
    .selectFrom("assets")
    .select(["id", "title", "type", "review_by", "owner_id", "created_by"])
    .where("status", "!=", "archived")
    .where("review_by", "<", today)
    .orderBy("review_by")
    .execute();
}

export function findRecentlyStaleCompetitive(db: Kysely<Database>, from: string, today: string) {
  return db
    .selectFrom("assets")
    .select("id")
    .where("type", "=", "competitive_data_sheet")
    .where("review_by", ">=", from)
    .where("review_by", "<", today)
    .execute();
}

type CobrandCopyKey = Pick<CobrandCopyTable, "version_id" | "partner_id" | "user_id" | "fingerprint">;

/** A stamped copy made earlier for this version, partner, user and stamp. */
export function findCobrandCopy(db: Kysely<Database>, key: CobrandCopyKey) {
  return db
    .selectFrom("cobrand_copies")
    .selectAll()
    .where("version_id", "=", key.version_id)
    .where("partner_id", "=", key.partner_id)
    .where("user_id", "=", key.user_id)
    .where("fingerprint", "=", key.fingerprint)
    .executeTakeFirst();
}

export async function saveCobrandCopy(db: Kysely<Database>, row: CobrandCopyTable): Promise<void> {
  await db
    .insertInto("cobrand_copies")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["version_id", "partner_id", "user_id", "fingerprint"]).doUpdateSet({ storage_key: row.storage_key, size: row.size }),
    )
    .execute();
}
