import { Readable } from "node:stream";
import { create as contentDisposition } from "content-disposition";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FileStorage } from "../storage/storage.js";

export interface FileToSend {
  key: string;
  size: number;
  /** Decided from the bytes at upload; sent as is. */
  contentType: string;
  /** A display name; cleaned again here before it goes into Content-Disposition. */
  downloadName: string;
  disposition: "inline" | "attachment";
  /** Strong validator; defaults to the content key. Quotes are added when missing. */
  etag?: string;
}

/**
 * A restrictive policy for the file response itself, replacing the app-wide one helmet sets:
 * nothing may load except the file's own bytes, and only our own pages may frame it.
 * `sandbox` is added except for PDFs and videos: checked in Chromium 156, a sandboxed video
 * document stops playing, and browsers' PDF viewers (Firefox's pdf.js is a scripted page) are not
 * reliable under it. Those types are whitelisted at upload and sent with nosniff, so no browser
 * treats them as HTML; sandbox is defence in depth for the rest.
 */
const basePolicy = "default-src 'none'; img-src 'self'; media-src 'self'; object-src 'self'; frame-ancestors 'self'";

function securityPolicy(contentType: string): string {
  const rendersInViewer = contentType === "application/pdf" || contentType.startsWith("video/");
  return rendersInViewer ? basePolicy : `${basePolicy}; sandbox`;
}

const maxNameLength = 150;

/**
 * Content-Disposition for a display name: control, bidi-override and path-separator characters
 * removed, at most 150 characters with the extension kept, an ASCII `filename` and the UTF-8
 * `filename*` (RFC 5987/6266) whenever the name is not plain ASCII.
 */
export function dispositionHeader(downloadName: string, disposition: "inline" | "attachment"): string {
  const cleaned = downloadName
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[/\\]/g, "_")
    .trim();
  const name = shorten(cleaned.length > 0 ? cleaned : "download", maxNameLength);
  const ascii = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_");
  return contentDisposition(name, { type: disposition, fallback: ascii });
}

function shorten(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 10 ? Array.from(name.slice(dot)) : [];
  return [...chars.slice(0, max - extension.length), ...extension].join("");
}

const quoted = (tag: string) => (tag.startsWith('"') || tag.startsWith('W/"') ? tag : `"${tag}"`);
const opaque = (tag: string) => (tag.startsWith("W/") ? tag.slice(2) : tag);

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): `W/` is ignored on both sides. */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const tags = header.match(/(?:W\/)?"[^"]*"/g) ?? [];
  return tags.some((tag) => opaque(tag) === opaque(etag));
}

type RangeAnswer = { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

/**
 * One byte range from a Range header (RFC 9110 14.1.2), against a file of `size` bytes.
 * Another unit is ignored (full body). Several ranges are ignored too, which RFC 9110 14.2 allows:
 * a multipart/byteranges answer buys nothing for the PDFs and videos served here.
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: "full" };
  const unit = /^\s*([^=\s]+)\s*=(.*)$/.exec(header);
  if (unit?.[1]?.toLowerCase() !== "bytes") return { kind: "full" };
  const spec = (unit[2] ?? "").trim();
  if (spec.includes(",")) return { kind: "full" };
  const bounds = /^(\d*)-(\d*)$/.exec(spec);
  if (!bounds || (bounds[1] === "" && bounds[2] === "")) return { kind: "unsatisfiable" };
  if (size === 0) return { kind: "unsatisfiable" };
  if (bounds[1] === "") {
    const suffix = Number(bounds[2]);
    if (suffix === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(bounds[1]);
  const last = bounds[2] === "" ? size - 1 : Number(bounds[2]);
  if (last < start || start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(last, size - 1) };
}

/**
 * If-Range needs the strong comparison; a date never matches, as we send no Last-Modified.
 * Without If-Range the Range applies.
 */
function rangeStillValid(ifRange: string | undefined, etag: string): boolean {
  if (ifRange === undefined) return true;
  const tag = ifRange.trim();
  return !tag.startsWith("W/") && !etag.startsWith("W/") && tag === etag;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

/**
 * Sends a stored file with ranges (one range per request), conditional GET and HEAD. Streams
 * from storage, never buffering the file; HEAD opens no stream at all.
 */
export async function sendStoredFile(request: FastifyRequest, reply: FastifyReply, storage: FileStorage, file: FileToSend): Promise<FastifyReply> {
  const etag = quoted(file.etag ?? file.key);
  // Set only on answers about the file, never on an error from storage (a cached 500 would linger).
  const describeFile = () =>
    reply
      .header("accept-ranges", "bytes")
      .header("etag", etag)
      .header("cache-control", "private, max-age=300")
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", securityPolicy(file.contentType));

  if (noneMatch(header(request, "if-none-match"), etag)) return describeFile().code(304).send();

  const isHead = request.method === "HEAD";
  // Range handling is defined for GET only (RFC 9110 14.2); HEAD answers for the whole file.
  const range =
    isHead || !rangeStillValid(header(request, "if-range"), etag) ? ({ kind: "full" } as const) : parseRange(header(request, "range"), file.size);
  if (range.kind === "unsatisfiable") {
    return describeFile().code(416).header("content-range", `bytes */${file.size}`).send();
  }

  const body = isHead
    ? Readable.from([])
    : await storage.get(file.key, range.kind === "partial" ? { start: range.start, end: range.end } : undefined);
  describeFile().header("content-type", file.contentType).header("content-disposition", dispositionHeader(file.downloadName, file.disposition));
  if (range.kind === "partial") {
    return reply
      .code(206)
      .header("content-range", `bytes ${range.start}-${range.end}/${file.size}`)
      .header("content-length", String(range.end - range.start + 1))
      .send(body);
  }
  // For HEAD, an empty stream keeps this Content-Length: with no payload Fastify would send 0.
  return reply.code(200).header("content-length", String(file.size)).send(body);
}
