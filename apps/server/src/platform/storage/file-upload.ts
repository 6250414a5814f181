import { open, rm } from "node:fs/promises";
import type { FastifyRequest } from "fastify";
import { fileTypeFromFile } from "file-type";
import { ProblemError } from "../http/problem.js";
import { type FileStorage, type SpooledFile, spoolToTempFile } from "./storage.js";

/** text and archive (support logs) are accepted only when the caller asks (`acceptLogs`). */
export type LibraryFileKind = "pdf" | "image" | "video" | "office" | "text" | "archive";

export interface ReceivedFile {
  /** SHA-256 of the bytes: the storage key. */
  key: string;
  size: number;
  /** Decided from the bytes, never from the client's claim. */
  contentType: string;
  kind: LibraryFileKind;
  /** Without the dot, matching contentType (pdf, png, mp4, docx, ...). */
  extension: string;
  /** The client's file name, only for display: never used as a path. */
  originalName: string;
  /** The other plain form fields (e.g. `note`). */
  fields: Record<string, string>;
}

export interface LibraryUploadLimits {
  videoMaxBytes: number;
  otherMaxBytes: number;
}

export interface LibraryUploadOptions {
  /**
   * Looks inside a PDF (already in the temp file) and returns why it is refused (JavaScript, launch
   * actions), or null. The library feature passes its own check: platform code does not import features.
   */
  inspectPdf?: (path: string) => Promise<string | null>;
  /** Refuses a kind the caller cannot take (a co-branded asset takes only PDFs) before anything is stored. */
  refuseKind?: (kind: LibraryFileKind) => ProblemError | null;
  /**
   * Support tickets also take plain-text logs (UTF-8 without NUL bytes, stored as text/plain and
   * always downloaded, never rendered) and zip/gzip/7z/tar/xz log bundles.
   */
  acceptLogs?: boolean;
  /** Checks the plain fields (sent with the file) before anything is stored; returns the refusal or null. */
  checkFields?: (fields: Record<string, string>) => Promise<ProblemError | null>;
}

interface Sniffed {
  mime: string;
  ext: string;
  kind: LibraryFileKind;
}

const accepted: Record<string, { kind: LibraryFileKind; mime?: string }> = {
  "application/pdf": { kind: "pdf" },
  "image/png": { kind: "image" },
  "image/jpeg": { kind: "image" },
  "image/webp": { kind: "image" },
  "image/gif": { kind: "image" },
  "video/mp4": { kind: "video" },
  // file-type names an MP4 with the Apple `M4V ` brand this way; browsers play it as MP4.
  "video/x-m4v": { kind: "video", mime: "video/mp4" },
  "video/webm": { kind: "video" },
  "video/quicktime": { kind: "video" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { kind: "office" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { kind: "office" },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": { kind: "office" },
  "application/vnd.oasis.opendocument.text": { kind: "office" },
  "application/vnd.oasis.opendocument.spreadsheet": { kind: "office" },
  "application/vnd.oasis.opendocument.presentation": { kind: "office" },
};

const archiveTypes = new Set(["application/zip", "application/gzip", "application/x-7z-compressed", "application/x-tar", "application/x-xz"]);

const executableTypes = new Set([
  "application/x-msdownload",
  "application/x-elf",
  "application/x-mach-binary",
  "application/java-archive",
  "application/java-vm",
  "application/vnd.android.package-archive",
  "application/wasm",
  "application/x-deb",
  "application/x-rpm",
  "application/x-apple-diskimage",
  "application/x-google-chrome-extension",
  "application/x-xpinstall",
  "application/x-shockwave-flash",
  "application/x-ms-regedit",
  "application/vnd.ms-htmlhelp",
]);

const fieldMaxBytes = 4 * 1024;
const maxFields = 20;
/** Room for the multipart framing and the plain fields around the file, for the early Content-Length check. */
const envelopeBytes = 1024 * 1024;

const refuse = {
  executable: () => new ProblemError(415, "unsupported_media_type", "File type not accepted", "executable files are not accepted"),
  markup: () =>
    new ProblemError(415, "unsupported_media_type", "File type not accepted", "HTML and SVG files are not accepted because they can carry script"),
  macros: () => new ProblemError(415, "unsupported_media_type", "File type not accepted", "office documents with macros are not accepted"),
  unknown: () => new ProblemError(415, "unsupported_media_type", "File type not accepted", "Upload a PDF, image, video or office document"),
};

/** 200 MB, 2 GiB, 64 KB: limits as people read them (binary units, as elsewhere in the app). */
export function describeBytes(bytes: number): string {
  const units = [
    [1024 ** 3, "GiB"],
    [1024 ** 2, "MB"],
    [1024, "KB"],
  ] as const;
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

const tooLarge = (detail: string) => new ProblemError(413, "payload_too_large", "File too large", detail);

function overallLimitDetail(limits: LibraryUploadLimits): string {
  if (limits.videoMaxBytes > limits.otherMaxBytes) {
    return `Videos may be at most ${describeBytes(limits.videoMaxBytes)}, other files at most ${describeBytes(limits.otherMaxBytes)}`;
  }
  return `Files may be at most ${describeBytes(Math.max(limits.videoMaxBytes, limits.otherMaxBytes))}`;
}

/** The client's name for display: control characters dropped, at most 200 characters (not code units). */
function displayName(filename: string | undefined, extension: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = Array.from((filename ?? "").replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim());
  return cleaned.length > 0 ? cleaned.slice(0, 200).join("").trim() : `upload.${extension}`;
}

/**
 * Receives one multipart field `file` (plus small plain fields) for the sales library: streams it to
 * a temp file, decides its type from its bytes only, applies the per-type size limit and the PDF
 * check, then moves it into storage. Any refusal removes the temp file and stores nothing.
 */
export async function receiveLibraryFile(
  request: FastifyRequest,
  storage: FileStorage,
  limits: LibraryUploadLimits,
  tmpDir: string,
  options: LibraryUploadOptions = {},
): Promise<ReceivedFile> {
  if (!request.isMultipart()) {
    throw new ProblemError(415, "unsupported_media_type", "Send multipart/form-data", "Upload the file as multipart/form-data field 'file'");
  }
  const maxBytes = Math.max(limits.videoMaxBytes, limits.otherMaxBytes);
  const declaredLength = Number(request.headers["content-length"]);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes + envelopeBytes) throw tooLarge(overallLimitDetail(limits));

  let spooled: SpooledFile | undefined;
  try {
    let filename: string | undefined;
    const fields = new Map<string, string>();
    // Our own fileSize limit overrides the app-wide 5 MB one; one byte over our maximum tells truncation apart.
    const parts = request.parts({ limits: { fileSize: maxBytes + 1, files: 1, fields: maxFields, fieldSize: fieldMaxBytes } });
    try {
      for await (const part of parts) {
        if (part.type === "field") {
          if (part.fieldname === "file") continue;
          if (part.valueTruncated || typeof part.value !== "string") {
            throw new ProblemError(400, "validation_failed", "Invalid field", `Field '${part.fieldname}' must be text of at most 4 KB`, {
              fields: [{ path: part.fieldname, message: "must be text of at most 4 KB" }],
            });
          }
          fields.set(part.fieldname, part.value);
          continue;
        }
        if (part.fieldname !== "file") {
          part.file.destroy();
          throw new ProblemError(400, "validation_failed", "Unexpected file", "Send the file as field 'file'", {
            fields: [{ path: part.fieldname, message: "is not expected; use 'file'" }],
          });
        }
        spooled = await spoolToTempFile(part.file, tmpDir, maxBytes);
        filename = part.filename;
        if (part.file.truncated) throw tooLarge(overallLimitDetail(limits));
      }
    } catch (error) {
      throw translateMultipartError(error, limits);
    }
    if (!spooled) {
      throw new ProblemError(400, "validation_failed", "No file", "Add the file as field 'file'", {
        fields: [{ path: "file", message: "is required" }],
      });
    }

    const sniffed = await sniff(spooled.path, options.acceptLogs === true);
    const allowed = sniffed.kind === "video" ? limits.videoMaxBytes : limits.otherMaxBytes;
    if (spooled.size > allowed) {
      throw tooLarge(
        sniffed.kind === "video"
          ? `Videos may be at most ${describeBytes(limits.videoMaxBytes)}`
          : `Files other than videos may be at most ${describeBytes(limits.otherMaxBytes)}`,
      );
    }
    const refusal = options.refuseKind?.(sniffed.kind);
    if (refusal) throw refusal;
    if (sniffed.kind === "pdf" && options.inspectPdf) {
      const reason = await options.inspectPdf(spooled.path);
      if (reason) throw new ProblemError(415, "unsupported_media_type", "PDF not accepted", reason);
    }

    const fieldRefusal = await options.checkFields?.(Object.fromEntries(fields));
    if (fieldRefusal) throw fieldRefusal;

    const toAdopt = spooled;
    spooled = undefined; // adopt() removes the temp file itself, whatever happens
    const stored = await storage.adopt(toAdopt);
    return {
      key: stored.key,
      size: stored.size,
      contentType: sniffed.mime,
      kind: sniffed.kind,
      extension: sniffed.ext,
      originalName: displayName(filename, sniffed.ext),
      fields: Object.fromEntries(fields),
    };
  } finally {
    if (spooled) await rm(spooled.path, { force: true });
  }
}

function translateMultipartError(error: unknown, limits: LibraryUploadLimits): unknown {
  if (error instanceof ProblemError) {
    return error.status === 413 ? tooLarge(overallLimitDetail(limits)) : error;
  }
  const code = (error as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return tooLarge(overallLimitDetail(limits));
  if (code === "FST_FILES_LIMIT") return new ProblemError(400, "validation_failed", "One file at a time", "Send exactly one file, as field 'file'");
  if (code === "FST_FIELDS_LIMIT" || code === "FST_PARTS_LIMIT") {
    return new ProblemError(400, "validation_failed", "Too many fields", `Send at most ${maxFields} fields besides the file`);
  }
  return error;
}

/** The file's type from its bytes; throws the 415 that names what was refused. */
async function sniff(path: string, acceptLogs: boolean): Promise<Sniffed> {
  const detected = await fileTypeFromFile(path).catch(() => undefined);
  if (detected) {
    const hit = accepted[detected.mime];
    if (hit) return { mime: hit.mime ?? detected.mime, ext: detected.ext, kind: hit.kind };
    if (acceptLogs && archiveTypes.has(detected.mime)) return { mime: detected.mime, ext: detected.ext, kind: "archive" };
    if (executableTypes.has(detected.mime)) throw refuse.executable();
    if (detected.mime.includes("macroenabled")) throw refuse.macros();
    if (detected.mime === "application/x-cfb") return legacyOffice(path);
    if (detected.mime !== "application/xml") throw refuse.unknown();
  }
  const head = await readHead(path, 1024);
  if (head.subarray(0, 2).toString("latin1") === "#!") throw refuse.executable();
  // Nulls removed so UTF-16 markup is seen too.
  const text = head.toString("latin1").replaceAll("\u0000", "").toLowerCase();
  if (["<html", "<!doctype html", "<svg", "<script"].some((marker) => text.includes(marker))) throw refuse.markup();
  // Markup is refused first, as everywhere on the platform: a log quoting HTML goes in a zip.
  if (acceptLogs && (await isPlainText(path))) return { mime: "text/plain", ext: "txt", kind: "text" };
  throw refuse.unknown();
}

/** UTF-8 without NUL bytes in the first 64 KB: a log or a config dump, not a binary. */
async function isPlainText(path: string): Promise<boolean> {
  const head = await readHead(path, 64 * 1024);
  if (head.length === 0 || head.includes(0)) return false;
  try {
    // stream: a character cut at the 64 KB boundary is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A Compound File (OLE2) is a legacy Word, Excel or PowerPoint file, but also an MSI installer or an
 * Outlook message: tell them apart by the streams inside (WordDocument, Workbook, PowerPoint Document).
 */
async function legacyOffice(path: string): Promise<Sniffed> {
  const inside = await compoundFileEntries(path);
  if (!inside) throw refuse.unknown();
  if (inside.installer) throw refuse.executable();
  const { names } = inside;
  if (["Macros", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "VBA"].some((name) => names.has(name))) throw refuse.macros();
  if (names.has("WordDocument")) return { mime: "application/msword", ext: "doc", kind: "office" };
  if (names.has("Workbook") || names.has("Book")) return { mime: "application/vnd.ms-excel", ext: "xls", kind: "office" };
  if (names.has("PowerPoint Document")) return { mime: "application/vnd.ms-powerpoint", ext: "ppt", kind: "office" };
  throw refuse.unknown();
}

const cfbSignature = Buffer.from("d0cf11e0a1b11ae1", "hex");
/** Sector numbers from here up are markers (end of chain, free, FAT, DIFAT), not sectors. */
const maxRegularSector = 0xfffffffa;
/** Root CLSIDs of Windows Installer packages and patches ({000C1084-...}, {000C1086-...}), as stored (little-endian). */
const installerClsids = ["84100c0000000000c000000000000046", "86100c0000000000c000000000000046"];

/**
 * Names of the directory entries of a Compound File Binary (MS-CFB), following the directory's
 * sector chain through the FAT; null when the file is malformed. Bounded, so a crafted file cannot loop.
 */
async function compoundFileEntries(path: string): Promise<{ names: Set<string>; installer: boolean } | null> {
  const handle = await open(path, "r");
  try {
    const header = Buffer.alloc(512);
    if ((await handle.read(header, 0, 512, 0)).bytesRead !== 512 || !header.subarray(0, 8).equals(cfbSignature)) return null;
    const shift = header.readUInt16LE(30);
    if (shift !== 9 && shift !== 12) return null;
    const sectorSize = 1 << shift;
    const perSector = sectorSize / 4;
    const readSector = async (sector: number): Promise<Buffer | null> => {
      const buffer = Buffer.alloc(sectorSize);
      const { bytesRead } = await handle.read(buffer, 0, sectorSize, (sector + 1) * sectorSize);
      return bytesRead === sectorSize ? buffer : null;
    };

    // Where the FAT sectors are: 109 in the header, the rest in a chain of DIFAT sectors.
    const fatSectors: number[] = [];
    for (let i = 0; i < 109; i++) fatSectors.push(header.readUInt32LE(76 + i * 4));
    let difat = header.readUInt32LE(68);
    for (let guard = 0; difat < maxRegularSector && guard < 4096; guard++) {
      const sector = await readSector(difat);
      if (!sector) return null;
      for (let i = 0; i < perSector - 1; i++) fatSectors.push(sector.readUInt32LE(i * 4));
      difat = sector.readUInt32LE(sectorSize - 4);
    }
    const fatCache = new Map<number, Buffer>();
    const nextSector = async (sector: number): Promise<number | null> => {
      const index = Math.floor(sector / perSector);
      const fatSector = fatSectors[index];
      if (fatSector === undefined || fatSector >= maxRegularSector) return null;
      const fat = fatCache.get(index) ?? (await readSector(fatSector));
      if (!fat) return null;
      fatCache.set(index, fat);
      return fat.readUInt32LE((sector % perSector) * 4);
    };

    const names = new Set<string>();
    let installer = false;
    let sector: number | null = header.readUInt32LE(48);
    for (let guard = 0; sector !== null && sector < maxRegularSector && guard < 4096; guard++) {
      const entries = await readSector(sector);
      if (!entries) return null;
      for (let offset = 0; offset < sectorSize; offset += 128) {
        const nameBytes = entries.readUInt16LE(offset + 64);
        const type = entries[offset + 66];
        if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
        if (type === 5 && installerClsids.includes(entries.subarray(offset + 80, offset + 96).toString("hex"))) installer = true;
        names.add(entries.toString("utf16le", offset, offset + nameBytes - 2));
      }
      sector = await nextSector(sector);
    }
    return { names, installer };
  } finally {
    await handle.close();
  }
}
