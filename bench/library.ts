import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, rmSync } from "node:fs";
import { createServer, get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Readable } from "node:stream";
import { crc32, deflateSync } from "node:zlib";
import { assetTypes, markets } from "@trellis/shared";
import { CompiledQuery, type Kysely, type KyselyPlugin, type QueryId, type RootOperationNode } from "kysely";
import type { Engine } from "../apps/server/src/db/dialect.js";
import type { AssetTable, Database } from "../apps/server/src/db/types.js";
import { type AssetListFilters, listAssetRows } from "../apps/server/src/features/library/library.repository.js";
import { viewerOf } from "../apps/server/src/features/library/library.service.js";
import { makeSamplePdf } from "../apps/server/src/features/library/sample-pdf.js";
import type { AuthenticatedActor } from "../apps/server/src/platform/access/actor.js";
import type { AppContext } from "../apps/server/src/platform/context.js";
import { uuidv7 } from "../apps/server/src/platform/ids.js";
import { spoolToTempFile } from "../apps/server/src/platform/storage/storage.js";
import { midFrequencyWords, TextMaker } from "./library-data.js";

export interface Case {
  bench: string;
  urls: string[];
  cookie: string;
}

/** The search figures: filtered (q + type + market, by relevance), q alone, and browsing newest first. */
export function librarySearchCases(cookie: string): Case[] {
  const text = new TextMaker(7);
  const q = (i: number) => (i % 2 === 0 ? text.pick(midFrequencyWords) : `${text.pick(midFrequencyWords)} ${text.pick(midFrequencyWords)}`);
  const filtered = Array.from(
    { length: 40 },
    (_, i) => `/api/v1/library/assets?q=${encodeURIComponent(q(i))}&type=${text.pick(assetTypes)}&market=${text.pick(markets)}&sort=relevance`,
  );
  const plain = Array.from({ length: 40 }, (_, i) => `/api/v1/library/assets?q=${encodeURIComponent(q(i))}&sort=relevance`);
  return [
    { bench: "library.search_filtered", urls: filtered, cookie },
    { bench: "library.search", urls: plain, cookie },
    { bench: "library.browse", urls: ["/api/v1/library/assets?sort=newest"], cookie },
  ];
}

function partnerActor(user: { id: string; email: string; partner_id: string | null }): AuthenticatedActor {
  return {
    kind: "user",
    userId: user.id,
    role: "sales_rep",
    partnerId: user.partner_id,
    name: user.email,
    email: user.email,
    sessionId: "",
    csrfToken: "",
  };
}

/** The plan of the filtered search's listing query, as the repository builds it for the rep. */
export async function explainFilteredSearch(
  db: Kysely<Database>,
  engine: Engine,
  rep: { id: string; email: string; partner_id: string | null },
  url: string,
) {
  const params = new URL(url, "http://bench").searchParams;
  let captured: { node: RootOperationNode; queryId: QueryId } | undefined;
  const capture: KyselyPlugin = {
    transformQuery(args) {
      if (!captured && args.node.kind === "SelectQueryNode") captured = { node: args.node, queryId: args.queryId };
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  const viewer = await viewerOf(db, partnerActor(rep));
  const filters: AssetListFilters = {
    q: params.get("q") ?? undefined,
    type: params.get("type") ?? undefined,
    market: params.get("market") ?? undefined,
    today: new Date().toISOString().slice(0, 10),
    sort: "relevance",
  };
  await listAssetRows(db.withPlugin(capture), viewer, filters, { offset: 0, limit: 24 });
  if (!captured) return [];
  const compiled = db.getExecutor().compileQuery(captured.node, captured.queryId);
  const prefix = engine === "sqlite" ? "explain query plan " : "explain (analyze, buffers) ";
  const result = await db.executeQuery(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
  return [compiled.sql, ...result.rows.map((row) => JSON.stringify(row))];
}

/** A real PNG (a two-colour bar), so the stamp embeds an image the way a partner's uploaded logo is. */
export function logoPng(width = 240, height = 80): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  const raw = Buffer.concat(
    Array.from({ length: height }, (_, y) => {
      for (let x = 0; x < width; x++) {
        const dark = x < width / 3 || y > height * 0.7;
        row.set(dark ? [23, 81, 122] : [245, 158, 33], 1 + x * 3);
      }
      return Buffer.from(row);
    }),
  );
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A published asset whose only version is the given stored file, written straight to the tables. */
export async function insertFileAsset(
  db: Kysely<Database>,
  file: { key: string; size: number; contentType: string; pageCount: number | null },
  asset: Pick<AssetTable, "title" | "type"> & Partial<AssetTable>,
): Promise<string> {
  const id = uuidv7();
  const versionId = uuidv7();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("assets")
      .values({
        summary: "",
        format: "file",
        language: "en",
        owner_id: null,
        audience: "all",
        review_by: null,
        status: "published",
        co_brandable: 0,
        cobrand_box: null,
        tags_text: "",
        use_count: 0,
        last_used_at: null,
        published_at: now,
        created_by: null,
        ...asset,
        id,
        current_version: 1,
        current_version_id: versionId,
        content_type: file.contentType,
        size: file.size,
        content_updated_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto("asset_versions")
      .values({
        id: versionId,
        asset_id: id,
        version: 1,
        storage_key: file.key,
        file_name: null,
        content_type: file.contentType,
        size: file.size,
        body_markdown: null,
        extracted_text: "",
        page_count: file.pageCount,
        note: "",
        created_by: null,
        created_at: now,
      })
      .execute();
  });
  return id;
}

/** A co-brandable 20-page PDF and a PNG logo on each of the partners whose users will download it. */
export async function prepareCobrand(ctx: AppContext, partnerIds: string[]): Promise<string> {
  const pdf = await makeSamplePdf({ title: "Lumeris NV series network video recorders: product brochure", pages: 20 });
  const stored = await ctx.storage.put(Readable.from(Buffer.from(pdf)), { maxBytes: 50 * 1024 * 1024 });
  const logo = await ctx.storage.put(Readable.from(logoPng()), { maxBytes: 1024 * 1024 });
  await ctx.db.updateTable("partners").set({ logo_key: logo.key, logo_content_type: "image/png" }).where("id", "in", partnerIds).execute();
  return insertFileAsset(
    ctx.db,
    { key: stored.key, size: stored.size, contentType: "application/pdf", pageCount: 20 },
    {
      title: "NV series brochure (co-branded)",
      type: "brochure",
      co_brandable: 1,
      cobrand_box: JSON.stringify({ page: "first", x: 0.05, y: 0.86, width: 0.9, height: 0.1 }),
    },
  );
}

const GiB = 1024 ** 3;

/** 1 GiB of repeated random bytes, put into storage the way an upload is (spooled, hashed, adopted). */
export async function prepareBigFile(ctx: AppContext): Promise<{ assetId: string; path: string; key: string }> {
  const block = randomBytes(1024 * 1024);
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < GiB / block.length; i++) yield block;
    })(),
  );
  const spooled = await spoolToTempFile(source, join(ctx.config.dataDir, "tmp"), GiB + 1);
  const stored = await ctx.storage.adopt(spooled);
  const path = join(ctx.config.dataDir, "files", stored.key.slice(0, 2), stored.key);
  if (!existsSync(path)) throw new Error(`bench expects local storage; ${path} is missing`);
  const assetId = await insertFileAsset(
    ctx.db,
    { key: stored.key, size: stored.size, contentType: "video/mp4", pageCount: null },
    { title: "Full-length installer training video", type: "selling_video" },
  );
  return { assetId, path, key: stored.key };
}

export function removeBigFile(path: string): void {
  rmSync(path, { force: true });
}

interface Download {
  bytes: number;
  mbPerS: number;
  rssGrowthMb: number;
}

const curlFound = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].find((path) => existsSync(path)) ?? null;

/** Reads the URL fully in a child process (curl, or node http when curl is missing); MB = 10^6 bytes. */
async function download(url: string, cookie: string): Promise<{ bytes: number; seconds: number }> {
  if (curlFound) {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(curlFound, ["-s", "-f", "-o", "/dev/null", "-H", `Cookie: ${cookie}`, "-w", "%{size_download} %{time_total}", url], (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    const [bytes, seconds] = out.trim().split(" ").map(Number);
    return { bytes: bytes ?? 0, seconds: seconds ?? Number.NaN };
  }
  const script = `const t=performance.now();let n=0;require("http").get(process.argv[1],{headers:{cookie:process.argv[2]}},r=>{r.on("data",c=>n+=c.length);r.on("end",()=>console.log(n+" "+(performance.now()-t)/1000))})`;
  const out = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ["-e", script, url, cookie], (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  const [bytes, seconds] = out.trim().split(" ").map(Number);
  return { bytes: bytes ?? 0, seconds: seconds ?? Number.NaN };
}

/** One full read, with this process's peak RSS growth while it ran (the server side is this process). */
async function measuredDownload(url: string, cookie: string, expectedBytes: number): Promise<Download> {
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const { bytes, seconds } = await download(url, cookie);
    if (bytes !== expectedBytes) throw new Error(`stream bench read ${bytes} bytes of ${expectedBytes}`);
    return { bytes, mbPerS: bytes / 1e6 / seconds, rssGrowthMb: (peak - startRss) / (1024 * 1024) };
  } finally {
    clearInterval(sampler);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Our content route on a listening server against a plain fs.createReadStream(path).pipe(res) server,
 * each read three times (alternating), medians reported.
 */
export async function benchStream(
  listen: () => Promise<string>,
  file: { assetId: string; path: string; size: number },
  cookie: string,
): Promise<{ ours: Download; baseline: Download }> {
  const base = await listen();
  // The app starts loading pdf.js in the background at start-up; let it finish, so its memory is
  // not counted as the stream's.
  await import("pdfjs-dist/legacy/build/pdf.mjs");
  const plain = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "video/mp4", "content-length": String(file.size) });
    createReadStream(file.path).pipe(response);
  });
  await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/file`;
  const ourUrl = `${base}/api/v1/library/assets/${file.assetId}/content`;
  // One quick check that the route answers 200 for this rep before timing gigabytes.
  await new Promise<void>((resolve, reject) =>
    httpGet(ourUrl, { headers: { cookie, range: "bytes=0-0" } }, (response) => {
      response.resume();
      response.statusCode === 206 ? resolve() : reject(new Error(`content route answered ${response.statusCode}`));
    }).on("error", reject),
  );
  const ours: Download[] = [];
  const baseline: Download[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      ours.push(await measuredDownload(ourUrl, cookie, file.size));
      baseline.push(await measuredDownload(plainUrl, "", file.size));
    }
  } finally {
    await new Promise<void>((resolve) => plain.close(() => resolve()));
  }
  const summary = (runs: Download[]): Download => ({
    bytes: file.size,
    mbPerS: median(runs.map((run) => run.mbPerS)),
    rssGrowthMb: Math.max(...runs.map((run) => run.rssGrowthMb)),
  });
  return { ours: summary(ours), baseline: summary(baseline) };
}

export const downloader = curlFound ? "curl" : "node http";
