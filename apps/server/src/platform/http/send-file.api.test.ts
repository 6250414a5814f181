import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorage, type FileStorage } from "../storage/storage.js";
import { type FileToSend, parseRange, sendStoredFile } from "./send-file.js";

/** Deterministic bytes, so a slice compares exactly. */
function bytesOf(length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + 7) % 251;
  return out;
}

const content = bytesOf(1000);
const oddName = 'Ärzte "Broschüre"/../x.pdf';

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}
type Send = (method: "GET" | "HEAD", url: string, headers?: Record<string, string>) => Promise<Answer>;

describe("sendStoredFile", () => {
  let dataDir: string;
  let storage: FileStorage;
  let key: string;
  let emptyKey: string;
  const gets: { key: string; range?: { start: number; end: number } }[] = [];
  // fetch keeps connections alive; close them with the app so the suite ends promptly.
  const app: FastifyInstance = Fastify({ forceCloseConnections: true });
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "trellis-send-file-"));
    const local = createLocalStorage(dataDir);
    // The real local storage, with its reads recorded to show what was streamed.
    storage = {
      ...local,
      get: async (k, range) => {
        gets.push({ key: k, range });
        return local.get(k, range);
      },
    };
    key = (await local.put(Readable.from(content), { maxBytes: 10_000 })).key;
    emptyKey = (await local.put(Readable.from([]), { maxBytes: 10 })).key;
    const files: Record<string, FileToSend> = {
      "/doc": { key, size: content.length, contentType: "application/pdf", downloadName: "price list.pdf", disposition: "inline" },
      "/odd": { key, size: content.length, contentType: "application/pdf", downloadName: oddName, disposition: "attachment" },
      "/image": { key, size: content.length, contentType: "image/png", downloadName: "logo.png", disposition: "inline" },
      "/tagged": { key, size: content.length, contentType: "application/pdf", downloadName: "v2.pdf", disposition: "inline", etag: "v2" },
      "/empty": { key: emptyKey, size: 0, contentType: "application/pdf", downloadName: "empty.pdf", disposition: "inline" },
      "/missing": { key: "0".repeat(64), size: 10, contentType: "application/pdf", downloadName: "gone.pdf", disposition: "inline" },
    };
    for (const [path, file] of Object.entries(files)) app.get(path, (request, reply) => sendStoredFile(request, reply, storage, file));
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const viaInject: Send = async (method, url, headers = {}) => {
    const response = await app.inject({ method, url, headers });
    return { status: response.statusCode, headers: response.headers as Record<string, string | undefined>, body: response.rawPayload };
  };
  const viaFetch: Send = async (method, url, headers = {}) => {
    const response = await fetch(`${base}${url}`, { method, headers });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
  };

  describe.each([
    ["app.inject", () => viaInject],
    ["a real port and fetch", () => viaFetch],
  ] as const)("through %s", (_transport, transport) => {
    const send: Send = (...args) => transport()(...args);
    const etag = () => `"${key}"`;

    it("sends the whole file with its headers", async () => {
      const answer = await send("GET", "/doc");
      expect(answer.status).toBe(200);
      expect(answer.body.equals(content)).toBe(true);
      expect(answer.headers).toMatchObject({
        "content-type": "application/pdf",
        "content-length": "1000",
        "accept-ranges": "bytes",
        etag: etag(),
        "cache-control": "private, max-age=300",
        "x-content-type-options": "nosniff",
        "content-disposition": 'inline; filename="price list.pdf"',
      });
      expect(answer.headers["content-range"]).toBeUndefined();
    });

    it.each([
      ["bytes=0-99", 0, 99],
      ["bytes=100-", 100, 999],
      ["bytes=-10", 990, 999],
      ["bytes=900-5000", 900, 999],
      ["bytes=-5000", 0, 999],
      ["bytes=5-5", 5, 5],
      ["Bytes = 10-19", 10, 19],
    ])("answers %s with 206 and exactly those bytes", async (range, start, end) => {
      const answer = await send("GET", "/doc", { range });
      expect(answer.status).toBe(206);
      expect(answer.headers["content-range"]).toBe(`bytes ${start}-${end}/1000`);
      expect(answer.headers["content-length"]).toBe(String(end - start + 1));
      expect(answer.body.equals(content.subarray(start, end + 1))).toBe(true);
    });

    it.each(["bytes=5000-", "bytes=1000-1005", "bytes=abc", "bytes=-0", "bytes=20-10", "bytes=-", "bytes="])("answers %s with 416", async (range) => {
      const answer = await send("GET", "/doc", { range });
      expect(answer.status).toBe(416);
      expect(answer.headers["content-range"]).toBe("bytes */1000");
      expect(answer.body.length).toBe(0);
    });

    it("sends the whole file for several ranges, another unit, or an If-Range that no longer matches", async () => {
      for (const headers of [
        { range: "bytes=0-1,5-9" } as Record<string, string>,
        { range: "items=0-5" },
        { range: "bytes=0-9", "if-range": '"an-older-version"' },
      ]) {
        const answer = await send("GET", "/doc", headers);
        expect(answer.status).toBe(200);
        expect(answer.body.equals(content)).toBe(true);
      }
      const weak = await send("GET", "/doc", { range: "bytes=0-9", "if-range": `W/${etag()}` });
      expect(weak.status).toBe(200);
      const current = await send("GET", "/doc", { range: "bytes=0-9", "if-range": etag() });
      expect(current.status).toBe(206);
      expect(current.body.equals(content.subarray(0, 10))).toBe(true);
    });

    it("answers HEAD with the full length and no body, without reading the file", async () => {
      const before = gets.length;
      const answer = await send("HEAD", "/doc");
      expect(answer.status).toBe(200);
      expect(answer.headers["content-length"]).toBe("1000");
      expect(answer.headers["content-type"]).toBe("application/pdf");
      expect(answer.headers["accept-ranges"]).toBe("bytes");
      expect(answer.body.length).toBe(0);
      const ranged = await send("HEAD", "/doc", { range: "bytes=0-9" });
      expect(ranged.status).toBe(200);
      expect(ranged.headers["content-length"]).toBe("1000");
      expect(gets.length).toBe(before);
    });

    it("answers 304 when If-None-Match names the ETag", async () => {
      for (const tag of [etag(), `W/${etag()}`, `"other", ${etag()}`, "*"]) {
        const answer = await send("GET", "/doc", { "if-none-match": tag });
        expect(answer.status).toBe(304);
        expect(answer.body.length).toBe(0);
        expect(answer.headers.etag).toBe(etag());
      }
      expect((await send("GET", "/doc", { "if-none-match": '"other"' })).status).toBe(200);
    });

    it("uses a given ETag, quoted", async () => {
      const answer = await send("GET", "/tagged");
      expect(answer.headers.etag).toBe('"v2"');
      expect((await send("GET", "/tagged", { "if-none-match": '"v2"' })).status).toBe(304);
      expect((await send("GET", "/tagged", { range: "bytes=0-1", "if-range": '"v2"' })).status).toBe(206);
    });

    it("builds Content-Disposition from the display name: no path separator, quotes escaped, UTF-8 filename*", async () => {
      const header = (await send("GET", "/odd")).headers["content-disposition"] ?? "";
      expect(header).not.toContain("/");
      expect(header.startsWith("attachment;")).toBe(true);
      expect(header).toContain('filename="Arzte \\"Broschure\\"_.._x.pdf"');
      const extended = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
      expect(extended && decodeURIComponent(extended)).toBe('Ärzte "Broschüre"_.._x.pdf');
    });

    it("sandboxes inline images but not PDFs, whose viewers stop working under a sandbox", async () => {
      const pdf = (await send("GET", "/doc")).headers["content-security-policy"] ?? "";
      const image = (await send("GET", "/image")).headers["content-security-policy"] ?? "";
      expect(pdf).toContain("default-src 'none'");
      expect(pdf).toContain("frame-ancestors 'self'");
      expect(pdf).not.toContain("sandbox");
      expect(image).toContain("sandbox");
    });

    it("sends an empty file whole, and refuses any range of it", async () => {
      const whole = await send("GET", "/empty");
      expect(whole.status).toBe(200);
      expect(whole.headers["content-length"]).toBe("0");
      const ranged = await send("GET", "/empty", { range: "bytes=0-" });
      expect(ranged.status).toBe(416);
      expect(ranged.headers["content-range"]).toBe("bytes */0");
    });
  });

  it("answers an error without caching headers when storage has lost the file", async () => {
    const answer = await viaInject("GET", "/missing");
    expect(answer.status).toBe(500);
    expect(answer.headers["cache-control"]).toBeUndefined();
    expect(answer.headers.etag).toBeUndefined();
    expect(answer.headers["content-disposition"]).toBeUndefined();
  });

  it("streams only the requested range from storage", async () => {
    gets.length = 0;
    await viaFetch("GET", "/doc", { range: "bytes=100-199" });
    await viaFetch("GET", "/doc");
    expect(gets).toEqual([
      { key, range: { start: 100, end: 199 } },
      { key, range: undefined },
    ]);
  });
});

describe("parseRange", () => {
  it("reads one range and ignores what it may ignore", () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: "full" });
    expect(parseRange("bytes=2-4", 10)).toEqual({ kind: "partial", start: 2, end: 4 });
    expect(parseRange("bytes=99999999999999999999-", 10)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-99999999999999999999", 10)).toEqual({ kind: "partial", start: 0, end: 9 });
    expect(parseRange("bytes=0-1, 3-4", 10)).toEqual({ kind: "full" });
    expect(parseRange("bytes=1.5-3", 10)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("lines=1-2", 10)).toEqual({ kind: "full" });
  });
});
