import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ProblemError } from "../http/problem.js";

export interface StoredFile {
  key: string;
  size: number;
}

/** Where uploaded bytes live. Keys are SHA-256 hex: identical uploads are stored once. */
export interface FileStorage {
  put(source: Readable, options: { maxBytes: number }): Promise<StoredFile>;
  get(key: string): Readable;
  exists(key: string): boolean;
}

export function createLocalStorage(dataDir: string): FileStorage {
  const root = join(dataDir, "files");
  const tmp = join(dataDir, "tmp");
  mkdirSync(root, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  const pathOf = (key: string) => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error("bad storage key");
    return join(root, key.slice(0, 2), key);
  };

  return {
    async put(source, { maxBytes }) {
      const hash = createHash("sha256");
      let size = 0;
      const tmpFile = join(tmp, randomBytes(12).toString("hex"));
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes) return done(new ProblemError(413, "payload_too_large", "Too large", `File is larger than ${maxBytes} bytes`));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, meter, createWriteStream(tmpFile));
      } catch (error) {
        rmSync(tmpFile, { force: true });
        throw error;
      }
      const key = hash.digest("hex");
      const target = pathOf(key);
      mkdirSync(join(root, key.slice(0, 2)), { recursive: true });
      if (existsSync(target)) rmSync(tmpFile, { force: true });
      else renameSync(tmpFile, target);
      return { key, size: statSync(target).size };
    },
    get(key) {
      return createReadStream(pathOf(key));
    },
    exists(key) {
      try {
        return existsSync(pathOf(key));
      } catch {
        return false;
      }
    },
  };
}
