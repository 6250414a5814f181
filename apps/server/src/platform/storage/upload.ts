import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { fileTypeFromBuffer } from "file-type";
import { ProblemError } from "../http/problem.js";
import type { FileStorage } from "./storage.js";

const imageTypes = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);
export const maxImageBytes = 2 * 1024 * 1024;

/**
 * Receives one multipart image field, checks its real type from its bytes (never the
 * client's claim; SVG is refused because it can carry script) and stores it.
 */
export async function receiveImage(request: FastifyRequest, storage: FileStorage): Promise<{ key: string; contentType: string }> {
  if (!request.isMultipart())
    throw new ProblemError(415, "unsupported_media_type", "Send multipart/form-data", "Upload the image as multipart/form-data field 'file'");
  const file = await request.file({ limits: { fileSize: maxImageBytes } });
  if (!file)
    throw new ProblemError(400, "validation_failed", "No file", "Add the image as field 'file'", {
      fields: [{ path: "file", message: "is required" }],
    });
  const bytes = await file.toBuffer().catch((error: unknown) => {
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
      throw new ProblemError(413, "payload_too_large", "Image too large", `Images may be at most ${maxImageBytes / 1024 / 1024} MB`);
    }
    throw error;
  });
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed || !imageTypes.has(sniffed.mime)) {
    throw new ProblemError(415, "unsupported_media_type", "Not an image we accept", "Upload a PNG, JPEG, WebP or GIF image");
  }
  const stored = await storage.put(Readable.from(bytes), { maxBytes: maxImageBytes });
  return { key: stored.key, contentType: sniffed.mime };
}

export async function sendImage(reply: FastifyReply, storage: FileStorage, key: string, contentType: string) {
  const body = await storage.get(key);
  return reply
    .header("content-type", contentType)
    .header("cache-control", "private, max-age=300")
    .header("x-content-type-options", "nosniff")
    .send(body);
}
