import { join } from "node:path";
import type { FastifyRequest } from "fastify";
import { nowIso } from "../../db/dialect.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { notFound } from "../../platform/http/problem.js";
import type { FileToSend } from "../../platform/http/send-file.js";
import { uuidv7 } from "../../platform/ids.js";
import { receiveLibraryFile } from "../../platform/storage/file-upload.js";
import { receiveImage } from "../../platform/storage/upload.js";
import { findPdfActiveContent } from "../library/pdf.js";
import { deleteAttachment, findAttachments, findImage, insertAttachment, insertImage } from "./news.repository.js";
import type { Attachment } from "./news.schemas.js";
import { toAttachment } from "./news.service.js";
import { requirePost, viewerOf } from "./news-access.js";

const vendorViewer = (actor: AuthenticatedActor) => ({ kind: "vendor" as const, userId: actor.kind === "user" ? actor.userId : null });

/**
 * A file on a post: typed by its bytes with the sales library's rules and limits (PDF without
 * script, images, video, office documents; executables, HTML and SVG refused with 415). A refused
 * upload stores nothing.
 */
export async function uploadAttachment(ctx: AppContext, actor: AuthenticatedActor, postId: string, request: FastifyRequest): Promise<Attachment> {
  await requirePost(ctx.db, vendorViewer(actor), postId); // 404 before reading any bytes
  const received = await receiveLibraryFile(
    request,
    ctx.storage,
    { videoMaxBytes: ctx.config.library.maxVideoBytes, otherMaxBytes: ctx.config.library.maxFileBytes },
    join(ctx.config.dataDir, "tmp"),
    { inspectPdf: findPdfActiveContent },
  );
  const row = {
    id: uuidv7(),
    post_id: postId,
    storage_key: received.key,
    file_name: received.originalName,
    content_type: received.contentType,
    size: received.size,
    created_by: actor.kind === "user" ? actor.userId : null,
    created_at: nowIso(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await requirePost(trx, vendorViewer(actor), postId);
    await insertAttachment(trx, row);
    await recordAudit(
      trx,
      actor,
      {
        action: "news_post.attach",
        entityType: "news_post",
        entityId: postId,
        partnerId: null,
        after: { attachmentId: row.id, fileName: row.file_name, contentType: row.content_type, size: row.size },
      },
      request.id,
    );
  });
  return toAttachment(row);
}

/** The stored file when the caller may see the post; images, PDFs and videos open inline. */
export async function attachmentFile(ctx: AppContext, actor: AuthenticatedActor, postId: string, attachmentId: string): Promise<FileToSend> {
  const viewer = await viewerOf(ctx.db, actor);
  const post = await requirePost(ctx.db, viewer, postId).catch(() => undefined);
  if (!post) throw notFound("Attachment");
  const file = (await findAttachments(ctx.db, postId)).find((row) => row.id === attachmentId);
  if (!file) throw notFound("Attachment");
  const showsInline = file.content_type.startsWith("image/") || file.content_type.startsWith("video/") || file.content_type === "application/pdf";
  return {
    key: file.storage_key,
    size: Number(file.size),
    contentType: file.content_type,
    downloadName: file.file_name,
    disposition: showsInline ? "inline" : "attachment",
  };
}

/** Takes the file off the post; the bytes stay in storage (content-addressed, maybe shared). */
export async function removeAttachment(ctx: AppContext, actor: AuthenticatedActor, postId: string, attachmentId: string, requestId: string) {
  await requirePost(ctx.db, vendorViewer(actor), postId);
  await ctx.db.transaction().execute(async (trx) => {
    const file = (await findAttachments(trx, postId)).find((row) => row.id === attachmentId);
    if (!file || !(await deleteAttachment(trx, postId, attachmentId))) throw notFound("Attachment");
    await recordAudit(
      trx,
      actor,
      {
        action: "news_post.detach",
        entityType: "news_post",
        entityId: postId,
        partnerId: null,
        before: { attachmentId, fileName: file.file_name, contentType: file.content_type, size: file.size },
      },
      requestId,
    );
  });
}

/** An image to place in a post body: PNG, JPEG, WebP or GIF by its bytes (never SVG). */
export async function uploadNewsImage(ctx: AppContext, actor: AuthenticatedActor, request: FastifyRequest): Promise<{ id: string; url: string }> {
  const image = await receiveImage(request, ctx.storage);
  const stat = await ctx.storage.stat(image.key);
  const id = uuidv7();
  await insertImage(ctx.db, {
    id,
    storage_key: image.key,
    content_type: image.contentType,
    size: stat?.size ?? 0,
    created_by: actor.kind === "user" ? actor.userId : null,
    created_at: nowIso(),
  });
  return { id, url: `/api/v1/news/images/${id}` };
}

export async function newsImage(ctx: AppContext, id: string): Promise<{ key: string; contentType: string }> {
  const image = await findImage(ctx.db, id);
  if (!image) throw notFound("Image");
  return { key: image.storage_key, contentType: image.content_type };
}
