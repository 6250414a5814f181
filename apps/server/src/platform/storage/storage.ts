import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync } from "node:fs";
import { copyFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ProblemError } from "../http/problem.js";

export interface StoredFile {
  key: string;
  size: number;
}

/** Bytes start..end, both inclusive (as in an HTTP Range header). Callers clamp `end` to the size from stat(). */
export interface ByteRange {
  start: number;
  end: number;
}

/** Where uploaded bytes live. Keys are SHA-256 hex: identical uploads are stored once. */
export interface FileStorage {
  driver: "local" | "s3";
  /** Streams the source in; more than maxBytes rejects with a 413 and stores nothing. */
  put(source: Readable, options: { maxBytes: number }): Promise<StoredFile>;
  /**
   * Moves a file spooled by spoolToTempFile (already hashed and checked) into storage under its key.
   * The temp file is gone afterwards, whether this succeeds or fails.
   */
  adopt(spooled: SpooledFile): Promise<StoredFile>;
  /** Rejects when the key is not stored. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  stat(key: string): Promise<{ size: number } | null>;
  exists(key: string): Promise<boolean>;
}

export function isStorageKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new Error("bad storage key");
}

export function assertRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) throw new Error("bad byte range");
}

export interface SpooledFile extends StoredFile {
  /** The temp file holding the bytes; the caller moves or removes it. */
  path: string;
}

/**
 * Streams the source into a temp file under tmpDir while hashing and counting it. Past maxBytes it
 * stops with a 413 and removes the temp file, so a refused upload leaves nothing behind.
 */
export async function spoolToTempFile(source: Readable, tmpDir: string, maxBytes: number): Promise<SpooledFile> {
  const hash = createHash("sha256");
  let size = 0;
  const path = join(tmpDir, randomBytes(12).toString("hex"));
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new ProblemError(413, "payload_too_large", "Too large", `File is larger than ${maxBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const sink = createWriteStream(path);
  try {
    await pipeline(source, meter, sink);
  } catch (error) {
    // pipeline() rejects as soon as it destroys the streams; a sink still opening creates the file
    // after that, so wait for it to close before removing it, or the temp file outlives the refusal.
    if (!sink.closed) await new Promise<void>((resolve) => sink.once("close", () => resolve()));
    rmSync(path, { force: true });
    throw error;
  }
  return { key: hash.digest("hex"), size, path };
}

/** rename(), or copy then remove when the temp folder is on another file system (EXDEV). */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    // Copy beside the target, then rename: a reader never sees a half-copied file under the key.
    const partial = `${to}.${randomBytes(6).toString("hex")}.partial`;
    try {
      await copyFile(from, partial);
      await rename(partial, to);
    } finally {
      await rm(partial, { force: true });
    }
  }
}

export function createLocalStorage(dataDir: string): FileStorage {
  const root = join(dataDir, "files");
  const tmp = join(dataDir, "tmp");
  mkdirSync(root, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  const pathOf = (key: string) => {
    assertStorageKey(key);
    return join(root, key.slice(0, 2), key);
  };
  const statOf = async (key: string) => {
    if (!isStorageKey(key)) return null;
    try {
      return { size: (await stat(pathOf(key))).size };
    } catch {
      return null;
    }
  };

  const adopt = async (spooled: SpooledFile): Promise<StoredFile> => {
    try {
      const target = pathOf(spooled.key);
      mkdirSync(join(root, spooled.key.slice(0, 2)), { recursive: true });
      if (!existsSync(target)) await moveFile(spooled.path, target);
      return { key: spooled.key, size: spooled.size };
    } finally {
      await rm(spooled.path, { force: true });
    }
  };

  return {
    driver: "local",
    async put(source, { maxBytes }) {
      return adopt(await spoolToTempFile(source, tmp, maxBytes));
    },
    adopt,
    async get(key, range) {
      const path = pathOf(key);
      await stat(path); // a missing key rejects here, not later on the stream
      if (!range) return createReadStream(path);
      assertRange(range);
      return createReadStream(path, { start: range.start, end: range.end });
    },
    stat: statOf,
    async exists(key) {
      return (await statOf(key)) !== null;
    },
  };
}
