import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { ProblemError } from "../http/problem.js";
import { createS3Storage } from "./s3-storage.js";
import { createLocalStorage, type FileStorage } from "./storage.js";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Deterministic pseudo-random bytes, so every test run stores the same content. */
function bytesOf(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

/** A real S3-compatible server in this process, on a free loopback port, with one empty bucket. */
async function startS3() {
  const directory = mkdtempSync(join(tmpdir(), "trellis-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true });
  const { port } = await server.run();
  const settings = {
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    bucket: "trellis-test",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  };
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  return {
    settings,
    /** Objects under files/ in the bucket. */
    storedCount: async () => (await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: "files/" }))).KeyCount ?? 0,
    stop: async () => {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

type S3Peer = Awaited<ReturnType<typeof startS3>>;

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((n, entry) => n + (entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1), 0);
}

describe.each(["local", "s3"] as const)("file storage contract (%s)", (driver) => {
  let dataDir: string;
  let storage: FileStorage;
  let s3: S3Peer | undefined;
  let storedCount: () => Promise<number>;
  const tmpFiles = () => readdirSync(join(dataDir, "tmp"));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "trellis-storage-"));
    if (driver === "local") {
      storage = createLocalStorage(dataDir);
      storedCount = async () => countFiles(join(dataDir, "files"));
      return;
    }
    s3 = await startS3();
    storage = createS3Storage({ ...s3.settings, dataDir });
    storedCount = s3.storedCount;
  });
  afterAll(async () => {
    await s3?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("names itself", () => {
    expect(storage.driver).toBe(driver);
  });

  it("returns the SHA-256 key and the size, and gives the bytes back", async () => {
    const bytes = bytesOf(5000, 1);
    const stored = await storage.put(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), { maxBytes: 10_000 });
    expect(stored).toEqual({ key: sha256(bytes), size: 5000 });
    expect((await readAll(await storage.get(stored.key))).equals(bytes)).toBe(true);
    expect(tmpFiles()).toEqual([]);
  });

  it("stores the same bytes once under the same key", async () => {
    const bytes = bytesOf(3000, 2);
    const before = await storedCount();
    const first = await storage.put(Readable.from(bytes), { maxBytes: 10_000 });
    const second = await storage.put(Readable.from(bytes), { maxBytes: 10_000 });
    expect(second).toEqual(first);
    expect(await storedCount()).toBe(before + 1);
    expect(tmpFiles()).toEqual([]);
  });

  it("returns exactly bytes start..end (inclusive) for a range", async () => {
    const bytes = bytesOf(4096, 3);
    const { key } = await storage.put(Readable.from(bytes), { maxBytes: 10_000 });
    expect((await readAll(await storage.get(key, { start: 100, end: 199 }))).equals(bytes.subarray(100, 200))).toBe(true);
    expect((await readAll(await storage.get(key, { start: 0, end: 1 }))).equals(bytes.subarray(0, 2))).toBe(true);
    // One byte; not at 0, because s3rver 3.7.1 reads `bytes=0-0` as the whole object (real S3 does not).
    expect((await readAll(await storage.get(key, { start: 5, end: 5 }))).equals(bytes.subarray(5, 6))).toBe(true);
    expect((await readAll(await storage.get(key, { start: 4000, end: 4095 }))).equals(bytes.subarray(4000))).toBe(true);
    await expect(storage.get(key, { start: 10, end: 9 })).rejects.toThrow(/range/);
  });

  it("stats and checks existence; a missing key is null, false, and a rejected get", async () => {
    const bytes = bytesOf(777, 4);
    const { key } = await storage.put(Readable.from(bytes), { maxBytes: 10_000 });
    const missing = sha256(Buffer.from("never stored"));
    expect(await storage.stat(key)).toEqual({ size: 777 });
    expect(await storage.stat(missing)).toBeNull();
    expect(await storage.stat("../../etc/passwd")).toBeNull();
    expect(await storage.exists(key)).toBe(true);
    expect(await storage.exists(missing)).toBe(false);
    expect(await storage.exists("not-a-key")).toBe(false);
    await expect(storage.get(missing)).rejects.toThrow();
  });

  it("refuses a source over maxBytes with a 413, leaving no temp file and nothing stored", async () => {
    const bytes = bytesOf(10_000, 5);
    const before = await storedCount();
    const chunks = [bytes.subarray(0, 4000), bytes.subarray(4000, 8000), bytes.subarray(8000)];
    const error = await storage.put(Readable.from(chunks), { maxBytes: 9_999 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(413);
    expect(tmpFiles()).toEqual([]);
    expect(await storedCount()).toBe(before);
    expect(await storage.exists(sha256(bytes))).toBe(false);
    expect(await storage.exists(sha256(bytes.subarray(0, 8000)))).toBe(false);
  });

  it("round-trips a 20 MB stream", async () => {
    const size = 20 * 1024 * 1024;
    const chunk = 256 * 1024;
    const expected = createHash("sha256");
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < size / chunk; i++) {
          const part = bytesOf(chunk, i + 100);
          expected.update(part);
          yield part;
        }
      })(),
    );
    const stored = await storage.put(source, { maxBytes: 25 * 1024 * 1024 });
    const digest = expected.digest("hex");
    expect(stored).toEqual({ key: digest, size });
    expect(await storage.stat(stored.key)).toEqual({ size });
    const back = createHash("sha256");
    let length = 0;
    for await (const part of await storage.get(stored.key)) {
      back.update(part as Buffer);
      length += (part as Buffer).length;
    }
    expect(length).toBe(size);
    expect(back.digest("hex")).toBe(digest);
    expect(tmpFiles()).toEqual([]);
  });
});

// A real 1x1 PNG.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

describe.each(testEngines)("STORAGE_DRIVER=s3 in the app on %s", (engine) => {
  let s3: S3Peer;
  let app: TestApp;

  beforeAll(async () => {
    s3 = await startS3();
    const { settings } = s3;
    app = await createTestApp(engine, {
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: settings.endpoint,
      S3_BUCKET: settings.bucket,
      S3_ACCESS_KEY_ID: settings.accessKeyId,
      S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
    });
  });
  afterAll(async () => {
    await app.close();
    await s3.stop();
  });

  it("keeps uploaded logos in the bucket, not under DATA_DIR", async () => {
    expect(app.ctx.storage.driver).toBe("s3");
    const admin = (await signedIn(app, "vendor_admin")).client;
    const partner = await createPartner(app);
    const boundary = "----trellis-storage-test";
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const put = await admin.put(`/api/v1/partners/${partner.id}/logo`, payload, { "content-type": `multipart/form-data; boundary=${boundary}` });
    expect(put.statusCode).toBe(200);
    expect(await s3.storedCount()).toBe(1);
    expect(countFiles(join(app.ctx.config.dataDir, "files"))).toBe(0);
    const logo = await admin.get(`/api/v1/partners/${partner.id}/logo`);
    expect(logo.statusCode).toBe(200);
    expect(logo.headers["content-type"]).toBe("image/png");
    expect(logo.rawPayload.equals(png)).toBe(true);
  });
});
