import { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { AssetVersionTable, Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, businessRule } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { notify } from "../notifications/notifications.service.js";
import { partnerNamesByIds } from "../partners/partners.service.js";
import { productRefsByIds } from "../products/products.service.js";
import { hidesStaleCompetitive } from "../settings/settings.service.js";
import { tierExists } from "../tiers/tiers.service.js";
import { isActiveVendorUserWithRole } from "../users/users.service.js";
import { findAudienceUserIds } from "./audience.repository.js";
import {
  type AssetRow,
  findAssetRowForSystem,
  findAudienceTargets,
  insertAsset,
  insertVersion,
  replaceAssetLinks,
  updateAssetRow,
} from "./library.repository.js";
import type { AssetDetail, AssetInput, AssetPatch, CobrandBoxInput } from "./library.schemas.js";

import {
  assetOwnerRoles,
  defaultCobrandBox,
  getAssetDetail,
  isStaleCompetitive,
  reindexAsset,
  requireAsset,
  todayUtc,
  viewerOf,
} from "./library.service.js";

// Marketing's side: creating and changing assets, and saving page versions.

/** The page schema allows 200,000 characters; UTF-8 needs at most 4 bytes each. */
const pageMaxBytes = 800_000;

async function assertAssetReferences(
  db: Kysely<Database>,
  input: { productIds?: string[]; ownerId?: string | null; audienceTargets?: { tierIds: string[]; partnerIds: string[] } },
): Promise<void> {
  if (input.productIds?.length) {
    const found = new Set((await productRefsByIds(db, input.productIds)).map((product) => product.id));
    const missing = input.productIds.filter((productId) => !found.has(productId));
    if (missing.length) throw badRequest("Unknown products", [{ path: "body.productIds", message: `no product with id ${missing.join(", ")}` }]);
  }
  if (input.ownerId && !(await isActiveVendorUserWithRole(db, input.ownerId, assetOwnerRoles)))
    throw badRequest("Unknown owner", [{ path: "body.ownerId", message: "must be an active marketing user or vendor admin" }]);
  for (const tierId of input.audienceTargets?.tierIds ?? [])
    if (!(await tierExists(db, tierId)))
      throw badRequest("Unknown tier", [{ path: "body.audienceTargets.tierIds", message: `no tier with id ${tierId}` }]);
  const partnerIds = input.audienceTargets?.partnerIds ?? [];
  if (partnerIds.length) {
    // Up to 500 named partners: one batched lookup, not one query each.
    const known = await partnerNamesByIds(db, partnerIds);
    const unknown = partnerIds.filter((partnerId) => !known.has(partnerId));
    if (unknown.length)
      throw badRequest("Unknown partner", [{ path: "body.audienceTargets.partnerIds", message: `no partner with id ${unknown.join(", ")}` }]);
  }
}

function assertAudience(audience: AssetRow["audience"], targets: { tierIds: string[]; regions: string[]; partnerIds: string[] }): void {
  const needed = { tiers: targets.tierIds, regions: targets.regions, partners: targets.partnerIds } as const;
  if (audience === "all") return;
  if (needed[audience].length === 0)
    throw badRequest(`Choose at least one of the ${audience}`, [
      { path: "body.audienceTargets", message: `audience '${audience}' needs at least one target` },
    ]);
}

export async function createAsset(ctx: AppContext, actor: AuthenticatedActor, input: AssetInput, requestId: string): Promise<AssetDetail> {
  if (input.format === "file" && input.bodyMarkdown !== undefined)
    throw badRequest("A file asset has no markdown body", [{ path: "body.bodyMarkdown", message: "only page assets have a markdown body" }]);
  if (input.coBrandable && input.format !== "file")
    throw badRequest("Only PDF files can be co-branded", [{ path: "body.coBrandable", message: "only file assets (PDF) can be co-branded" }]);
  assertAudience(input.audience, input.audienceTargets);
  await assertAssetReferences(ctx.db, input);
  const now = nowIso();
  const userId = actor.kind === "user" ? actor.userId : null;
  const id = uuidv7();
  const hasBody = input.format === "page" && input.bodyMarkdown !== undefined && input.bodyMarkdown.trim() !== "";
  const versionId = hasBody ? uuidv7() : null;
  const pageKey = hasBody ? await storePage(ctx, input.bodyMarkdown ?? "") : null;
  const row: AssetRow = {
    id,
    title: input.title,
    summary: input.summary,
    type: input.type,
    format: input.format,
    language: input.language,
    owner_id: input.ownerId ?? userId,
    audience: input.audience,
    review_by: input.reviewBy,
    status: "draft",
    co_brandable: input.coBrandable ? 1 : 0,
    cobrand_box: input.coBrandable || input.cobrandBox ? JSON.stringify(input.cobrandBox ?? defaultCobrandBox) : null,
    current_version: hasBody ? 1 : 0,
    current_version_id: versionId,
    content_type: hasBody ? "text/markdown" : null,
    size: hasBody ? Buffer.byteLength(input.bodyMarkdown ?? "") : null,
    tags_text: input.tags.join(" "),
    search_key: null,
    use_count: 0,
    last_used_at: null,
    published_at: null,
    content_updated_at: now,
    created_by: userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertAsset(trx, row);
    await replaceAssetLinks(trx, id, { productIds: input.productIds, markets: input.markets, tags: input.tags, audience: input.audienceTargets });
    if (versionId && pageKey)
      await insertVersion(trx, pageVersionRow(versionId, id, 1, { body: input.bodyMarkdown ?? "", storageKey: pageKey }, "", userId, now));
    await reindexAsset(trx, id);
    await recordAudit(
      trx,
      actor,
      { action: "asset.create", entityType: "asset", entityId: id, partnerId: null, after: { ...row, ...input } },
      requestId,
    );
  });
  return getAssetDetail(ctx, actor, id);
}

/** A page's markdown also goes to storage once, when saved, so its bytes are served like a file's. */
async function storePage(ctx: AppContext, body: string): Promise<string> {
  return (await ctx.storage.put(Readable.from(Buffer.from(body)), { maxBytes: pageMaxBytes })).key;
}

function pageVersionRow(
  id: string,
  assetId: string,
  version: number,
  page: { body: string; storageKey: string },
  note: string,
  userId: string | null,
  now: string,
): AssetVersionTable {
  const { body } = page;
  return {
    id,
    asset_id: assetId,
    version,
    storage_key: page.storageKey,
    file_name: null,
    content_type: "text/markdown",
    size: Buffer.byteLength(body),
    body_markdown: body,
    extracted_text: "",
    page_count: null,
    note,
    created_by: userId,
    created_at: now,
  };
}

export async function updateAsset(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  patch: AssetPatch,
  requestId: string,
): Promise<AssetDetail> {
  const viewer = await viewerOf(ctx.db, actor);
  await assertAssetReferences(ctx.db, patch);
  const firstPublished = await ctx.db.transaction().execute(async (trx) => {
    const before = await requireAsset(trx, viewer, id);
    const audience = patch.audience ?? before.audience;
    const targets = patch.audienceTargets ?? (await findAudienceTargets(trx, id));
    if (patch.audience || patch.audienceTargets) assertAudience(audience, targets);
    const coBrandable = patch.coBrandable ?? before.co_brandable === 1;
    if (coBrandable && (before.format !== "file" || (before.content_type !== null && before.content_type !== "application/pdf")))
      throw businessRule("Only PDF assets can be co-branded: upload a PDF version first, or leave co-branding off");
    const status = patch.status ?? before.status;
    if (status === "published" && before.current_version === 0)
      throw businessRule(before.format === "file" ? "Upload a file before publishing" : "Write the page before publishing");
    const now = nowIso();
    const box = patch.cobrandBox !== undefined ? patch.cobrandBox : before.cobrand_box ? (JSON.parse(before.cobrand_box) as CobrandBoxInput) : null;
    const changes: Partial<AssetRow> = {
      title: patch.title ?? before.title,
      summary: patch.summary ?? before.summary,
      type: patch.type ?? before.type,
      language: patch.language ?? before.language,
      owner_id: patch.ownerId !== undefined ? patch.ownerId : before.owner_id,
      audience,
      review_by: patch.reviewBy !== undefined ? patch.reviewBy : before.review_by,
      status,
      co_brandable: coBrandable ? 1 : 0,
      cobrand_box: coBrandable || box ? JSON.stringify(box ?? defaultCobrandBox) : null,
      tags_text: patch.tags ? patch.tags.join(" ") : before.tags_text,
      published_at: status === "published" && !before.published_at ? now : before.published_at,
      updated_at: now,
    };
    await updateAssetRow(trx, id, changes);
    await replaceAssetLinks(trx, id, { productIds: patch.productIds, markets: patch.markets, tags: patch.tags, audience: patch.audienceTargets });
    await reindexAsset(trx, id);
    const action =
      patch.status && patch.status !== before.status
        ? `asset.${patch.status === "published" ? "publish" : patch.status === "archived" ? "archive" : "unpublish"}`
        : "asset.update";
    await recordAudit(trx, actor, { action, entityType: "asset", entityId: id, partnerId: null, before, after: { ...changes, ...patch } }, requestId);
    return status === "published" && !before.published_at;
  });
  if (firstPublished) await announcePublishedAsset(ctx, id);
  return getAssetDetail(ctx, actor, id);
}

/** Partner users fetched and told per page, so a large audience never sits in memory at once. */
const announcePageSize = 1000;

/**
 * The first publication of an asset: the partner users it is meant for hear of it in their
 * notification centre (mail only if they asked). Republishing after an unpublish says nothing
 * new. A stale competitive sheet the vendor hides from partners is not announced.
 */
async function announcePublishedAsset(ctx: AppContext, id: string): Promise<void> {
  const asset = await findAssetRowForSystem(ctx.db, id);
  if (asset?.status !== "published") return;
  if (isStaleCompetitive(asset, todayUtc()) && (await hidesStaleCompetitive(ctx.db))) return;
  let after: string | undefined;
  for (;;) {
    const userIds = await findAudienceUserIds(ctx.db, asset, after, announcePageSize);
    if (userIds.length === 0) return;
    await notify(ctx, {
      userIds,
      kind: "asset_published",
      title: `New in the library: ${asset.title}`,
      body: asset.summary,
      link: `/portal/library/${asset.id}`,
      sourceType: "asset",
      sourceId: asset.id,
    });
    if (userIds.length < announcePageSize) return;
    after = userIds.at(-1);
  }
}

export async function addPageVersion(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  input: { bodyMarkdown: string; note: string },
  requestId: string,
): Promise<AssetDetail> {
  const viewer = await viewerOf(ctx.db, actor);
  const pageKey = await storePage(ctx, input.bodyMarkdown);
  await ctx.db.transaction().execute(async (trx) => {
    const asset = await requireAsset(trx, viewer, id);
    if (asset.format !== "page") throw businessRule("This asset is a file: upload a new file version instead");
    const now = nowIso();
    const version = asset.current_version + 1;
    const versionId = uuidv7();
    const userId = actor.kind === "user" ? actor.userId : null;
    await insertVersion(trx, pageVersionRow(versionId, id, version, { body: input.bodyMarkdown, storageKey: pageKey }, input.note, userId, now));
    await updateAssetRow(trx, id, {
      current_version: version,
      current_version_id: versionId,
      content_type: "text/markdown",
      size: Buffer.byteLength(input.bodyMarkdown),
      content_updated_at: now,
      updated_at: now,
    });
    await reindexAsset(trx, id);
    await recordAudit(
      trx,
      actor,
      { action: "asset.version", entityType: "asset", entityId: id, partnerId: null, after: { version, note: input.note } },
      requestId,
    );
  });
  return getAssetDetail(ctx, actor, id);
}
