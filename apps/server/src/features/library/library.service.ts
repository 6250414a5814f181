import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { AssetVersionTable, Database } from "../../db/types.js";
import { type AuthenticatedActor, isPartnerActor } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, encodeCursor, type Page } from "../../platform/http/pagination.js";
import { notFound } from "../../platform/http/problem.js";
import { findPartnerForSystem } from "../partners/partners.service.js";
import { productRefsByIds } from "../products/products.service.js";
import { getVendorSettings, hidesStaleCompetitive } from "../settings/settings.service.js";
import { userNamesByIds } from "../users/users.service.js";
import { pageText, renderPageMarkdown } from "./library.markdown.js";
import {
  type AssetRow,
  findAssetLinks,
  findAssetRow,
  findAssetRowForSystem,
  findAudienceTargets,
  findOpenedVersions,
  findVersions,
  type LibraryViewer,
  listAssetRows,
} from "./library.repository.js";
import type { AssetDetail, AssetQuery, AssetSummary, AssetVersion, CobrandBoxInput } from "./library.schemas.js";
import { facetTokens, writeSearchDocument } from "./library.search.js";

export const assetOwnerRoles = ["marketing", "vendor_admin"] as const;

/** Where the stamp goes when marketing turns co-branding on without placing the box. */
export const defaultCobrandBox: CobrandBoxInput = { page: "first", x: 0.05, y: 0.86, width: 0.9, height: 0.1 };

export function todayUtc(): string {
  return nowIso().slice(0, 10);
}

/** The viewer every library read takes: vendor users see all; partner users what is meant for their partner. */
export async function viewerOf(db: Kysely<Database>, actor: AuthenticatedActor): Promise<LibraryViewer> {
  if (!isPartnerActor(actor)) return { kind: "vendor", userId: actor.kind === "user" ? actor.userId : null };
  const [partner, hideStale] = await Promise.all([findPartnerForSystem(db, actor.partnerId), hidesStaleCompetitive(db)]);
  if (!partner) throw notFound("Partner");
  return {
    kind: "partner",
    userId: actor.kind === "user" ? actor.userId : "",
    partnerId: actor.partnerId,
    tierId: partner.tierId,
    region: partner.region,
    hideStale,
    today: todayUtc(),
  };
}

export async function requireAsset(db: Kysely<Database>, viewer: LibraryViewer, id: string): Promise<AssetRow> {
  const row = await findAssetRow(db, viewer, id);
  if (!row) throw notFound("Asset");
  return row;
}

export function toAssetSummaries(
  rows: AssetRow[],
  links: Awaited<ReturnType<typeof findAssetLinks>>,
  opened: Map<string, number>,
  today: string,
): AssetSummary[] {
  return rows.map((row) => {
    const openedVersion = opened.get(row.id) ?? null;
    return {
      id: row.id,
      title: row.title,
      summary: row.summary,
      type: row.type,
      format: row.format,
      language: row.language,
      status: row.status,
      markets: links.markets.get(row.id) ?? [],
      tags: links.tags.get(row.id) ?? [],
      productIds: links.productIds.get(row.id) ?? [],
      contentType: row.content_type,
      size: row.size === null ? null : Number(row.size),
      currentVersion: row.current_version,
      coBrandable: row.co_brandable === 1,
      reviewBy: row.review_by,
      needsReview: row.review_by !== null && row.review_by < today,
      useCount: row.use_count,
      publishedAt: row.published_at,
      contentUpdatedAt: row.content_updated_at,
      updatedAt: row.updated_at,
      updatedSinceOpened: openedVersion !== null && openedVersion < row.current_version,
      openedVersion,
    };
  });
}

export async function summariesFor(db: Kysely<Database>, viewer: LibraryViewer, rows: AssetRow[]): Promise<AssetSummary[]> {
  const ids = rows.map((row) => row.id);
  const [links, opened] = await Promise.all([findAssetLinks(db, ids), findOpenedVersions(db, viewer.userId || null, ids)]);
  return toAssetSummaries(rows, links, opened, todayUtc());
}

export async function listAssets(ctx: AppContext, actor: AuthenticatedActor, query: AssetQuery): Promise<Page<AssetSummary>> {
  const viewer = await viewerOf(ctx.db, actor);
  const [offsetValue] = decodeCursor(query.cursor, 1) ?? [0];
  const offset = typeof offsetValue === "number" && offsetValue >= 0 ? offsetValue : 0;
  const rows = await listAssetRows(
    ctx.db,
    viewer,
    {
      q: query.q,
      type: query.type,
      productId: query.productId,
      market: query.market,
      tag: query.tag,
      language: query.language,
      status: query.status,
      needsReview: query.needsReview,
      today: todayUtc(),
      sort: query.sort ?? (query.q ? "relevance" : "newest"),
    },
    { offset, limit: query.limit },
  );
  const items = await summariesFor(ctx.db, viewer, rows.slice(0, query.limit));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor([offset + query.limit]) : null };
}

function toVersion(row: AssetVersionTable, names: Map<string, { name: string }>): AssetVersion {
  return {
    id: row.id,
    version: row.version,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size === null ? null : Number(row.size),
    pageCount: row.page_count,
    note: row.note,
    createdBy: row.created_by,
    createdByName: row.created_by ? (names.get(row.created_by)?.name ?? null) : null,
    createdAt: row.created_at,
  };
}

export async function getAssetDetail(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<AssetDetail> {
  const viewer = await viewerOf(ctx.db, actor);
  const row = await requireAsset(ctx.db, viewer, id);
  const [summary] = await summariesFor(ctx.db, viewer, [row]);
  const allVersions = await findVersions(ctx.db, id);
  const versions = viewer.kind === "vendor" ? allVersions : allVersions.filter((version) => version.version === row.current_version);
  const current = allVersions.find((version) => version.version === row.current_version);
  const names = await userNamesByIds(ctx.db, [...versions.map((v) => v.created_by ?? ""), row.owner_id ?? ""].filter(Boolean));
  const products = await productRefsByIds(ctx.db, summary?.productIds ?? []);
  const visibleProducts = viewer.kind === "vendor" ? products : products.filter((product) => product.lifecycle === "active");
  const settings = viewer.kind === "vendor" ? await getVendorSettings(ctx.db) : null;
  const body = row.format === "page" ? (current?.body_markdown ?? "") : null;
  return {
    ...(summary as AssetSummary),
    ownerId: row.owner_id,
    ownerName: row.owner_id ? (names.get(row.owner_id)?.name ?? null) : null,
    audience: row.audience,
    audienceTargets: viewer.kind === "vendor" ? await findAudienceTargets(ctx.db, id) : { tierIds: [], regions: [], partnerIds: [] },
    cobrandBox: row.cobrand_box ? (JSON.parse(row.cobrand_box) as CobrandBoxInput) : null,
    products: visibleProducts.map(({ id: productId, sku, name }) => ({ id: productId, sku, name })),
    bodyMarkdown: body,
    bodyHtml: body === null ? null : renderPageMarkdown(body),
    versions: versions.map((version) => toVersion(version, names)),
    hiddenFromPartners:
      settings?.hideStaleCompetitive === true && row.type === "competitive_data_sheet" && row.review_by !== null && row.review_by < todayUtc(),
  };
}

/**
 * Rewrites the asset's search document: its words, the current version's text (PDF text or page
 * markdown) and its facet tokens. Call inside the transaction of any change to what it indexes.
 */
export async function reindexAsset(db: Kysely<Database>, assetId: string): Promise<void> {
  const row = await findAssetRowForSystem(db, assetId);
  if (!row) throw notFound("Asset");
  const version = row.current_version_id
    ? await db.selectFrom("asset_versions").select(["extracted_text", "body_markdown"]).where("id", "=", row.current_version_id).executeTakeFirst()
    : undefined;
  const body = version?.body_markdown != null ? pageText(version.body_markdown) : (version?.extracted_text ?? "");
  const [links, audienceTargets] = await Promise.all([findAssetLinks(db, [assetId]), findAudienceTargets(db, assetId)]);
  const facets = facetTokens({
    type: row.type,
    language: row.language,
    status: row.status,
    hasContent: row.current_version > 0,
    stale: isStaleCompetitive(row, todayUtc()),
    audience: row.audience,
    markets: links.markets.get(assetId) ?? [],
    productIds: links.productIds.get(assetId) ?? [],
    tags: links.tags.get(assetId) ?? [],
    audienceTargets,
  });
  await writeSearchDocument(db, assetId, { title: row.title, summary: row.summary, tags: row.tags_text, body }, facets);
}

/** A competitive data sheet past its review-by date: hidden from partners while the vendor says so. */
export function isStaleCompetitive(row: { type: string; review_by: string | null }, today: string): boolean {
  return row.type === "competitive_data_sheet" && row.review_by !== null && row.review_by < today;
}
