import { Readable } from "node:stream";
import yazl from "yazl";
import { nowIso } from "../../db/dialect.js";
import type { KitTable } from "../../db/types.js";
import { type AuthenticatedActor, isPartnerActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { cobrandedCopy } from "./cobrand.service.js";
import { downloadNameOf, recordUsage, storedContentOf } from "./content.service.js";
import { deleteKitRow, findKitAssetIds, findKitRow, findKitRows, insertKit, replaceKitAssets, updateKitRow } from "./kits.repository.js";
import { findAssetRowsByIds, findCurrentVersions, type LibraryViewer } from "./library.repository.js";
import type { Kit, KitInput, KitPatch } from "./library.schemas.js";
import { summariesFor, viewerOf } from "./library.service.js";

async function toKits(ctx: AppContext, viewer: LibraryViewer, rows: KitTable[]): Promise<Kit[]> {
  const assetIdsByKit = await findKitAssetIds(
    ctx.db,
    rows.map((row) => row.id),
  );
  const allIds = [...new Set([...assetIdsByKit.values()].flat())];
  const visible = await findAssetRowsByIds(ctx.db, viewer, allIds);
  const summaries = new Map((await summariesFor(ctx.db, viewer, visible)).map((summary) => [summary.id, summary]));
  const kits = rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    assets: (assetIdsByKit.get(row.id) ?? []).flatMap((assetId) => {
      const summary = summaries.get(assetId);
      return summary ? [summary] : [];
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
  // A kit with nothing meant for this partner does not exist for it.
  return viewer.kind === "vendor" ? kits : kits.filter((kit) => kit.assets.length > 0);
}

export async function listKits(ctx: AppContext, actor: AuthenticatedActor): Promise<Kit[]> {
  const viewer = await viewerOf(ctx.db, actor);
  return toKits(ctx, viewer, await findKitRows(ctx.db, viewer.kind === "partner"));
}

export async function getKit(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<Kit> {
  const viewer = await viewerOf(ctx.db, actor);
  const row = await findKitRow(ctx.db, id, viewer.kind === "partner");
  const [kit] = row ? await toKits(ctx, viewer, [row]) : [];
  if (!kit) throw notFound("Kit");
  return kit;
}

async function assertAssetsExist(ctx: AppContext, assetIds: readonly string[]): Promise<void> {
  const found = new Set((await findAssetRowsByIds(ctx.db, { kind: "vendor", userId: null }, assetIds)).map((row) => row.id));
  const missing = assetIds.filter((assetId) => !found.has(assetId));
  if (missing.length) throw badRequest("Unknown assets", [{ path: "body.assetIds", message: `no asset with id ${missing.join(", ")}` }]);
}

export async function createKit(ctx: AppContext, actor: AuthenticatedActor, input: KitInput, requestId: string): Promise<Kit> {
  await assertAssetsExist(ctx, input.assetIds);
  const now = nowIso();
  const row: KitTable = {
    id: uuidv7(),
    title: input.title,
    description: input.description,
    status: input.status,
    created_by: actor.kind === "user" ? actor.userId : null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertKit(trx, row);
    await replaceKitAssets(trx, row.id, input.assetIds);
    await recordAudit(
      trx,
      actor,
      { action: "kit.create", entityType: "kit", entityId: row.id, partnerId: null, after: { ...row, assetIds: input.assetIds } },
      requestId,
    );
  });
  return getKit(ctx, actor, row.id);
}

export async function updateKit(ctx: AppContext, actor: AuthenticatedActor, id: string, patch: KitPatch, requestId: string): Promise<Kit> {
  if (patch.assetIds) await assertAssetsExist(ctx, patch.assetIds);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findKitRow(trx, id, false);
    if (!before) throw notFound("Kit");
    const changes = {
      title: patch.title ?? before.title,
      description: patch.description ?? before.description,
      status: patch.status ?? before.status,
      updated_at: nowIso(),
    };
    await updateKitRow(trx, id, changes);
    if (patch.assetIds) await replaceKitAssets(trx, id, patch.assetIds);
    await recordAudit(
      trx,
      actor,
      { action: "kit.update", entityType: "kit", entityId: id, partnerId: null, before, after: { ...changes, ...patch } },
      requestId,
    );
  });
  return getKit(ctx, actor, id);
}

/** Kits are groupings only: deleting one leaves its assets (and their usage history) untouched. */
export async function deleteKit(ctx: AppContext, actor: AuthenticatedActor, id: string, requestId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findKitRow(trx, id, false);
    if (!before) throw notFound("Kit");
    await deleteKitRow(trx, id);
    await recordAudit(trx, actor, { action: "kit.delete", entityType: "kit", entityId: id, partnerId: null, before }, requestId);
  });
}

const storedCompressed = /^(application\/pdf|image\/|video\/|application\/vnd\.openxmlformats|application\/vnd\.oasis)/;

/**
 * The kit as one ZIP, streamed: each entry is read from storage only when the archive reaches it.
 * Partner users get only the assets meant for them, and co-brandable PDFs stamped for them.
 */
export async function kitArchive(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  options: { countUse: boolean } = { countUse: true },
): Promise<{ fileName: string; stream: Readable }> {
  const kit = await getKit(ctx, actor, id);
  if (kit.assets.length === 0) throw badRequest("This kit has no assets yet");
  // Rows and current versions of every entry in two queries, not a lookup per asset.
  const viewer = await viewerOf(ctx.db, actor);
  const ids = kit.assets.map((summary) => summary.id);
  const rows = new Map((await findAssetRowsByIds(ctx.db, viewer, ids)).map((row) => [row.id, row]));
  const versions = await findCurrentVersions(ctx.db, ids);
  const zip = new yazl.ZipFile();
  const used = new Set<string>();
  let position = 0;
  for (const summary of kit.assets) {
    position += 1;
    const row = rows.get(summary.id);
    const version = versions.get(summary.id);
    if (!row || !version) continue;
    const stamped = summary.coBrandable && isPartnerActor(actor) ? await cobrandedCopy(ctx, actor, summary.id, options) : null;
    const asset = stamped?.asset ?? row;
    const content = stamped?.content ?? storedContentOf(row, version);
    if (!stamped && options.countUse) await recordUsage(ctx, actor, asset, "download");
    let name = `${String(position).padStart(2, "0")} ${content.downloadName}`;
    if (used.has(name)) name = `${String(position).padStart(2, "0")} ${downloadNameOf(`${asset.title} ${asset.id.slice(-6)}`, asset.content_type)}`;
    used.add(name);
    const key = content.key;
    zip.addReadStreamLazy(
      name,
      { compress: !storedCompressed.test(content.contentType), size: content.size, mtime: new Date(asset.content_updated_at ?? asset.updated_at) },
      (callback) => {
        ctx.storage.get(key).then(
          (stream) => callback(null, stream),
          (error: unknown) => callback(error, Readable.from([])),
        );
      },
    );
  }
  zip.end();
  return { fileName: `${downloadNameOf(kit.title, null).replace(/\.bin$/, "")}.zip`, stream: Readable.from(zip.outputStream) };
}
