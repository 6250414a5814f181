import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { buildApp } from "../apps/server/src/app.js";
import { loadConfig } from "../apps/server/src/config.js";
import type { Engine } from "../apps/server/src/db/dialect.js";
import { migrateToLatest } from "../apps/server/src/db/migrate.js";
import { hashPassword } from "../apps/server/src/platform/auth/secrets.js";
import { createTestDatabase, type TestApp, testPassword } from "../apps/server/src/testing/harness.js";
import { benchClaims } from "./claims.js";
import { fullScale, generate, type Scale } from "./generate.js";
import { benchLedger } from "./ledger.js";
import { fullLedgerScale, generateLedger, type LedgerScale } from "./ledger-data.js";
import {
  benchStream,
  type Case,
  downloader,
  explainFilteredSearch,
  librarySearchCases,
  prepareBigFile,
  prepareCobrand,
  removeBigFile,
} from "./library.js";
import { checkSearchIndexMatchesProduct, fullLibraryScale, generateLibrary, type LibraryScale } from "./library-data.js";
import { emit, emitLatency, measure, percentile, results, round } from "./measure.js";
import { benchNews } from "./news.js";
import { fullNewsScale, generateNews, type NewsScale } from "./news-data.js";
import { benchRelationships } from "./relationships.js";
import { fullRelationshipsScale, type RelationshipsScale, smallRelationshipsScale } from "./relationships-data.js";
import { benchSupport } from "./support.js";
import { fullSupportScale, generateSupport, type SupportScale } from "./support-data.js";

// npm run bench: generates data at the stated scale on each engine and prints one JSON line per figure.
const small = process.env.BENCH_SCALE === "small";
const scale: Scale = small ? { partners: 200, usersPerPartner: 5, products: 200, auditEntries: 5_000 } : fullScale;
const libraryScale: LibraryScale = small ? { assets: 2_000 } : fullLibraryScale;
const supportScale: SupportScale = small ? { tickets: 20_000, replies: 200_000 } : fullSupportScale;
// BENCH_ONLY=support skips the foundation and sales-library figures (for working on the support desk's).
const supportOnly = process.env.BENCH_ONLY === "support";
// BENCH_ONLY=library skips the support desk's data and figures (for working on the library's).
const libraryOnly = process.env.BENCH_ONLY === "library";
// BENCH_ONLY=news skips the library's and the support desk's data and figures (for working on the news feed's).
const newsOnly = process.env.BENCH_ONLY === "news";
const newsScale: NewsScale = small ? { posts: 1_000, readsPerUser: 10 } : fullNewsScale;
// BENCH_ONLY=incentives skips the other features' data and figures (for working on the points ledger's).
const incentivesOnly = process.env.BENCH_ONLY === "incentives";
const ledgerScale: LedgerScale = small ? { entries: 200_000, reps: 1_000 } : fullLedgerScale;
// BENCH_ONLY=relationships runs only the partner relationships figures (issue 7), on their own database.
const relationshipsOnly = process.env.BENCH_ONLY === "relationships";
const relationshipsScale: RelationshipsScale = small ? smallRelationshipsScale : fullRelationshipsScale;
// BENCH_ENGINE=sqlite|postgres runs one engine only (for development; the figures come from both).
const engines: Engine[] = (process.env.TEST_DATABASE_URL ? (["sqlite", "postgres"] as Engine[]) : (["sqlite"] as Engine[])).filter(
  (engine) => !process.env.BENCH_ENGINE || engine === process.env.BENCH_ENGINE,
);
/** The sales library's target: a filtered search answers within this at p95 on both engines. */
const searchTargetMs = 30;
const librarySearchBudgetMs = 40_000;

async function benchEngine(engine: Engine) {
  const database = await createTestDatabase(engine);
  const db = database.handle.db;
  await migrateToLatest(db);
  const started = performance.now();
  const passwordHash = await hashPassword(testPassword);
  const data = await generate(db, scale, passwordHash);
  const rows = scale.partners * (1 + scale.usersPerPartner) + scale.products + scale.auditEntries;
  emit({
    bench: "generate",
    metric: "rows_per_s",
    value: Math.round(rows / ((performance.now() - started) / 1000)),
    unit: "rows/s",
    db: engine,
    rows,
  });

  const partner = data.partners[Math.floor(data.partners.length / 2)];
  const partnerAdmin = data.users.find((u) => u.partner_id === partner?.id && u.role === "partner_admin");
  const rep = data.users.find((u) => u.partner_id === partner?.id && u.role === "sales_rep");
  if (!partner || !partnerAdmin || !rep || !data.admin) throw new Error("bench data lacks the partner, its admin or its sales rep");

  if (!supportOnly && !newsOnly && !incentivesOnly) {
    const libraryStarted = performance.now();
    const libraryRows = await generateLibrary(db, libraryScale, {
      partners: data.partners,
      tierIds: (await db.selectFrom("tiers").select("id").execute()).map((tier) => tier.id),
      productIds: data.products.map((product) => product.id),
      ownerId: data.admin.id,
      repId: rep.id,
    });
    emit({
      bench: "generate.library",
      metric: "rows_per_s",
      value: Math.round(libraryRows / ((performance.now() - libraryStarted) / 1000)),
      unit: "rows/s",
      db: engine,
      rows: libraryRows,
      assets: libraryScale.assets,
    });
    await checkSearchIndexMatchesProduct(db);
  }
  const supportStarted = performance.now();
  const supportData =
    libraryOnly || newsOnly || incentivesOnly
      ? null
      : await generateSupport(db, supportScale, { partners: data.partners, users: data.users, products: data.products, passwordHash });
  if (supportData)
    emit({
      bench: "generate.support",
      metric: "rows_per_s",
      value: Math.round(supportData.rows / ((performance.now() - supportStarted) / 1000)),
      unit: "rows/s",
      db: engine,
      rows: supportData.rows,
      seconds: round((performance.now() - supportStarted) / 1000),
      ...supportScale,
    });
  const newsStarted = performance.now();
  const newsData =
    supportOnly || libraryOnly || incentivesOnly
      ? null
      : await generateNews(db, newsScale, {
          partners: data.partners,
          users: data.users,
          tierIds: (await db.selectFrom("tiers").select("id").execute()).map((tier) => tier.id),
          authorId: data.admin.id,
        });
  if (newsData)
    emit({
      bench: "generate.news",
      metric: "rows_per_s",
      value: Math.round(newsData.rows / ((performance.now() - newsStarted) / 1000)),
      unit: "rows/s",
      db: engine,
      rows: newsData.rows,
      seconds: round((performance.now() - newsStarted) / 1000),
      ...newsScale,
    });
  const ledgerStarted = performance.now();
  const ledgerData =
    supportOnly || libraryOnly || newsOnly ? null : await generateLedger(db, ledgerScale, { partners: data.partners, users: data.users });
  if (ledgerData)
    emit({
      bench: "generate.ledger",
      metric: "ms",
      value: Math.round(performance.now() - ledgerStarted),
      unit: "ms",
      db: engine,
      ...ledgerScale,
    });
  // A bulk load leaves the planner without statistics; a live database has them (autovacuum,
  // and SQLite's ANALYZE), so gather them before measuring. On PostgreSQL autovacuum would also
  // have vacuumed the fresh rows (visibility map, the GIN index's pending list): do that too.
  await sql`${sql.raw(engine === "postgres" ? "vacuum analyze" : "analyze")}`.execute(db);
  // A live database has long since written its pages out; a bulk load leaves gigabytes dirty, and the
  // checkpoint that writes them would land in the middle of the latency figures. Write them now.
  if (engine === "postgres") await sql`checkpoint`.execute(db);
  // The same for the operating system: generating leaves gigabytes dirty in its page cache (20 % of
  // memory may be), and their writeback would slow every fsync of the write figures. A SQLite run
  // straight after a PostgreSQL one lost a third of its writes/s to it. Write them out first.
  execFileSync("sync");

  const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "silent" });
  const built = await buildApp(config, database.handle);
  const app: TestApp = { ...built, engine, close: async () => {} };
  const signIn = async (email: string) => {
    const response = await app.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: testPassword } });
    const cookie = response.cookies.find((c) => c.name === "trellis_session");
    if (!cookie) throw new Error(`bench login failed: ${response.body}`);
    return `trellis_session=${cookie.value}`;
  };
  const finish = async () => {
    await built.app.close();
    await database.handle.close();
    await database.drop();
  };
  const runNews = async () => {
    if (newsData) await benchNews({ app, db, engine, scale: newsScale, data: newsData, partners: data.partners, users: data.users, signIn });
  };
  // Last: the write figures add claims and movements to the ledger.
  const runIncentives = async () => {
    if (!ledgerData) return;
    await benchLedger({ app, db, engine, scale: ledgerScale, data: ledgerData, users: data.users, signIn });
    await benchClaims({ app, db, engine, users: data.users, products: data.products, reviewerEmail: data.admin?.email ?? "", signIn });
  };
  if (incentivesOnly) {
    await runIncentives();
    await finish();
    return;
  }
  if (newsOnly) {
    await runNews();
    await finish();
    return;
  }
  if (supportOnly && supportData) {
    if (supportData) await benchSupport({ app, db, engine, scale: supportScale, data: supportData, users: data.users, signIn });
    await finish();
    return;
  }
  const vendor = await signIn(data.admin.email);
  const partnerCookie = await signIn(partnerAdmin.email);
  const repCookie = await signIn(rep.email);

  const cases: Case[] = [
    { bench: "partners.list", urls: ["/api/v1/partners?limit=50"], cookie: vendor },
    { bench: "partners.list_filtered", urls: ["/api/v1/partners?limit=50&status=active&region=Western%20Europe&sort=-createdAt"], cookie: vendor },
    { bench: "partners.search", urls: ["/api/v1/partners?limit=50&q=vision"], cookie: vendor },
    { bench: "partners.get", urls: [`/api/v1/partners/${partner.id}`], cookie: vendor },
    { bench: "partners.summary", urls: ["/api/v1/partners/summary"], cookie: vendor },
    { bench: "staff.list", urls: [`/api/v1/partners/${partner.id}/staff`], cookie: partnerCookie },
    { bench: "products.list_partner", urls: ["/api/v1/products?limit=50&q=model"], cookie: partnerCookie },
    { bench: "audit.partner", urls: ["/api/v1/audit?limit=50"], cookie: partnerCookie },
    { bench: "auth.me", urls: ["/api/v1/auth/me"], cookie: partnerCookie },
  ];
  for (const c of cases) {
    const timings = await measure(
      app,
      c.bench,
      c.urls.map((url) => ({ url, cookie: c.cookie })),
    );
    emitLatency(c.bench, engine, timings, { partners: scale.partners });
  }

  // The sales library, as a partner's sales rep: audience rules apply to every query. A slow
  // search gets a time budget so the whole run stays within minutes; n says how many were timed.
  for (const c of librarySearchCases(repCookie)) {
    const timings = await measure(
      app,
      c.bench,
      c.urls.map((url) => ({ url, cookie: c.cookie })),
      librarySearchBudgetMs,
    );
    emitLatency(c.bench, engine, timings, { assets: libraryScale.assets, queries: c.urls.length });
    if (c.bench === "library.search_filtered" && (percentile(timings, 95) >= searchTargetMs || process.env.BENCH_EXPLAIN === "1")) {
      // Past the target: show why, on stderr, so the JSON lines stay clean.
      const plan = await explainFilteredSearch(db, engine, rep, c.urls[0] ?? "");
      console.error(`library.search_filtered on ${engine}: p95 ${round(percentile(timings, 95))} ms; plan of ${c.urls[0]}:\n${plan.join("\n")}`);
    }
  }

  // Co-branding a 20-page PDF: cold (stamp and store, first request per user), then cached.
  const cobrandUsers = data.users.filter((u) => u.role === "sales_rep").slice(0, 10);
  const cobrandAsset = await prepareCobrand(app.ctx, [...new Set(cobrandUsers.map((u) => u.partner_id ?? ""))]);
  const cobrandCookies: string[] = [];
  for (const user of cobrandUsers) cobrandCookies.push(await signIn(user.email));
  const cobrandUrl = `/api/v1/library/assets/${cobrandAsset}/cobranded`;
  const cold: number[] = [];
  for (const cookie of cobrandCookies) {
    const t0 = performance.now();
    const response = await app.app.inject({ method: "GET", url: cobrandUrl, headers: { cookie } });
    cold.push(performance.now() - t0);
    if (response.statusCode !== 200) throw new Error(`library.cobrand_cold: ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
  cold.sort((a, b) => a - b);
  emit({
    bench: "library.cobrand_cold",
    metric: "ms",
    value: round(percentile(cold, 50)),
    unit: "ms",
    db: engine,
    stat: "median",
    max: round(cold.at(-1) ?? 0),
    n: cold.length,
    pages: 20,
  });
  const cached = await measure(
    app,
    "library.cobrand_cached",
    cobrandCookies.map((cookie) => ({ url: cobrandUrl, cookie })),
  );
  emitLatency("library.cobrand_cached", engine, cached, { pages: 20 });

  // Streaming 1 GiB through a real listening server, against fs.createReadStream(path).pipe(res).
  const big = await prepareBigFile(app.ctx);
  try {
    const listen = async () => {
      await app.app.listen({ host: "127.0.0.1", port: 0 });
      return `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
    };
    const stream = await benchStream(listen, { assetId: big.assetId, path: big.path, size: 1024 ** 3 }, repCookie);
    const common = { db: engine, bytes: 1024 ** 3, runs: 3, stat: "median", client: downloader };
    emit({ bench: "library.stream", metric: "mb_per_s", value: round(stream.ours.mbPerS), unit: "MB/s", ...common });
    emit({ bench: "library.stream_baseline", metric: "mb_per_s", value: round(stream.baseline.mbPerS), unit: "MB/s", ...common });
    emit({
      bench: "library.stream",
      metric: "ratio",
      value: round(stream.ours.mbPerS / stream.baseline.mbPerS),
      unit: "ratio",
      db: engine,
      baseline: "fs.createReadStream",
    });
    emit({ bench: "library.stream", metric: "rss_growth_mb", value: round(stream.ours.rssGrowthMb), unit: "MB", db: engine, stat: "max of 3" });
    emit({
      bench: "library.stream_baseline",
      metric: "rss_growth_mb",
      value: round(stream.baseline.rssGrowthMb),
      unit: "MB",
      db: engine,
      stat: "max of 3",
    });
  } finally {
    removeBigFile(big.path);
  }

  if (supportData) await benchSupport({ app, db, engine, scale: supportScale, data: supportData, users: data.users, signIn });
  await runNews();
  await runIncentives();
  await finish();
}

for (const engine of engines) {
  if (!relationshipsOnly) await benchEngine(engine);
  // Three years of sales, support, incentives and costs on the foundation's partners, in a database of its own.
  if (relationshipsOnly || !process.env.BENCH_ONLY)
    await benchRelationships(engine, { ...scale, auditEntries: 0 }, relationshipsScale, await hashPassword(testPassword));
}
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/latest.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
