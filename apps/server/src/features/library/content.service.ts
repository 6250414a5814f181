import { join } from "node:path";
import type { AssetUsageKind } from "@trellis/shared";
import type { FastifyRequest } from "fastify";
import { nowIso } from "../../db/dialect.js";
import type { AssetVersionTable } from "../../db/types.js";
import { type AuthenticatedActor, isPartnerActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { businessRule, notFound, ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { receiveLibraryFile } from "../../platform/storage/file-upload.js";
import { receiveImage } from "../../platform/storage/upload.js";
import {
  type AssetRow,
  findLibraryImage,
  findVersion,
  insertLibraryImage,
  insertVersion,
  type LibraryViewer,
  updateAssetRow,
  upsertOpened,
} from "./library.repository.js";
import type { AssetDetail } from "./library.schemas.js";
import { getAssetDetail, reindexAsset, requireAsset, viewerOf } from "./library.service.js";
import { extractPdfText, findPdfActiveContent } from "./pdf.js";
import { insertUsageEvent } from "./usage.repository.js";

const extensions: Record<string, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "video/quicktime": "mov",
  "text/markdown": "md",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
  "application/x-cfb": "doc",
};

/** A download's file name comes from the asset's title, never from what the uploader called the file. */
export function downloadNameOf(title: string, contentType: string | null, suffix = ""): string {
  const base =
    title
      .normalize("NFC")
      .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 120) || "asset";
  const extension = contentType ? (extensions[contentType] ?? "bin") : "bin";
  return `${base}${suffix}.${extension}`;
}

/** Partner users' use is what analytics counts; vendor users previewing their own assets is not. */
export async function recordUsage(ctx: AppContext, actor: AuthenticatedActor, asset: AssetRow, kind: AssetUsageKind): Promise<void> {
  if (!isPartnerActor(actor) || actor.kind !== "user") return;
  await ctx.db.transaction().execute((trx) =>
    insertUsageEvent(trx, {
      id: uuidv7(),
      asset_id: asset.id,
      version: asset.current_version,
      partner_id: actor.partnerId,
      user_id: actor.userId,
      kind,
      occurred_at: nowIso(),
    }),
  );
}

/** The user opened the asset: a view for analytics, and "updated since you last opened it" clears. */
export async function markOpened(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<void> {
  const viewer = await viewerOf(ctx.db, actor);
  const asset = await requireAsset(ctx.db, viewer, id);
  if (actor.kind === "user") await upsertOpened(ctx.db, id, actor.userId, asset.current_version, nowIso());
  await recordUsage(ctx, actor, asset, "view");
}

export interface StoredContent {
  key: string;
  size: number;
  contentType: string;
  downloadName: string;
}

/** Bytes of the current version (or, for vendor users, an earlier one); pages are served as their markdown. */
export async function assetContent(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  options: { download: boolean; version?: number },
): Promise<{ asset: AssetRow; content: StoredContent; viewer: LibraryViewer }> {
  const viewer = await viewerOf(ctx.db, actor);
  const asset = await requireAsset(ctx.db, viewer, id);
  if (options.version !== undefined && viewer.kind !== "vendor" && options.version !== asset.current_version) throw notFound("Version");
  const version = await findVersion(ctx.db, id, options.version ?? asset.current_version);
  if (!version) throw notFound("Content");
  return { asset, viewer, content: storedContentOf(asset, version) };
}

/** What a version's bytes are called and typed as, for sending or zipping. Pages are stored as markdown when saved. */
export function storedContentOf(asset: AssetRow, version: AssetVersionTable): StoredContent {
  if (version.storage_key === null || version.content_type === null) throw notFound("Content");
  const suffix = version.version === asset.current_version ? "" : ` (v${version.version})`;
  return {
    key: version.storage_key,
    size: Number(version.size ?? 0),
    // Markdown is text: say its encoding, so a browser shows "é" and not "Ã©".
    contentType: version.content_type === "text/markdown" ? "text/markdown; charset=utf-8" : version.content_type,
    downloadName: downloadNameOf(asset.title, version.content_type, suffix),
  };
}

/** A new file version: streamed to storage after its type and size pass; the PDF text goes to the search index. */
export async function addFileVersion(ctx: AppContext, actor: AuthenticatedActor, id: string, request: FastifyRequest): Promise<AssetDetail> {
  const viewer = await viewerOf(ctx.db, actor);
  const before = await requireAsset(ctx.db, viewer, id); // 404 before reading any bytes
  if (before.format !== "file") throw businessRule("This asset is a page: save a new page version instead");
  let pdfText = { text: "", pageCount: 0 };
  const received = await receiveLibraryFile(
    request,
    ctx.storage,
    { videoMaxBytes: ctx.config.library.maxVideoBytes, otherMaxBytes: ctx.config.library.maxFileBytes },
    join(ctx.config.dataDir, "tmp"),
    {
      inspectPdf: async (path) => {
        const reason = await findPdfActiveContent(path);
        if (reason) return reason;
        pdfText = await extractPdfText(path);
        return null;
      },
      // Checked before the bytes are stored, so a refused upload leaves nothing behind.
      refuseKind: (kind) =>
        before.co_brandable === 1 && kind !== "pdf"
          ? new ProblemError(
              415,
              "unsupported_media_type",
              "Co-branded assets must be PDFs",
              "This asset is co-branded: upload a PDF, or turn co-branding off first",
            )
          : null,
    },
  );
  const note = (received.fields.note ?? "").slice(0, 500);
  await ctx.db.transaction().execute(async (trx) => {
    const asset = await requireAsset(trx, viewer, id);
    const now = nowIso();
    const version = asset.current_version + 1;
    const versionId = uuidv7();
    const userId = actor.kind === "user" ? actor.userId : null;
    await insertVersion(trx, {
      id: versionId,
      asset_id: id,
      version,
      storage_key: received.key,
      file_name: received.originalName || null,
      content_type: received.contentType,
      size: received.size,
      body_markdown: null,
      extracted_text: pdfText.text,
      page_count: received.kind === "pdf" ? pdfText.pageCount : null,
      note,
      created_by: userId,
      created_at: now,
    });
    await updateAssetRow(trx, id, {
      current_version: version,
      current_version_id: versionId,
      content_type: received.contentType,
      size: received.size,
      content_updated_at: now,
      updated_at: now,
    });
    await reindexAsset(trx, id);
    await recordAudit(
      trx,
      actor,
      {
        action: "asset.version",
        entityType: "asset",
        entityId: id,
        partnerId: null,
        after: { version, contentType: received.contentType, size: received.size, fileName: received.originalName, note },
      },
      requestId(request),
    );
  });
  return getAssetDetail(ctx, actor, id);
}

function requestId(request: FastifyRequest): string {
  return request.id;
}

export async function uploadLibraryImage(ctx: AppContext, actor: AuthenticatedActor, request: FastifyRequest) {
  const image = await receiveImage(request, ctx.storage);
  await insertLibraryImage(ctx.db, {
    storage_key: image.key,
    content_type: image.contentType,
    uploaded_by: actor.kind === "user" ? actor.userId : null,
    created_at: nowIso(),
  });
  return { key: image.key, url: `/api/v1/library/images/${image.key}`, contentType: image.contentType };
}

export async function libraryImage(ctx: AppContext, key: string): Promise<{ key: string; contentType: string }> {
  const image = await findLibraryImage(ctx.db, key);
  if (!image) throw notFound("Image");
  return { key: image.storage_key, contentType: image.content_type };
}
