import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { buildApp } from "../apps/server/src/app.js";
import { loadConfig } from "../apps/server/src/config.js";
import type { Engine } from "../apps/server/src/db/dialect.js";
import { migrateToLatest } from "../apps/server/src/db/migrate.js";
import { hashPassword } from "../apps/server/src/platform/auth/secrets.js";
import { createTestDatabase, type TestApp, testPassword } from "../apps/server/src/testing/harness.js";
import { fullScale, generate, type Scale } from "./generate.js";

// npm run bench: generates data at the stated scale on each engine and prints one JSON line per figure.
const scale: Scale = process.env.BENCH_SCALE === "small" ? { partners: 200, usersPerPartner: 5, products: 200, auditEntries: 5_000 } : fullScale;
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const engines: Engine[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
const results: object[] = [];

function emit(figure: object) {
  results.push(figure);
  console.log(JSON.stringify(figure));
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function benchEngine(engine: Engine) {
  const database = await createTestDatabase(engine);
  await migrateToLatest(database.handle.db);
  const started = performance.now();
  const data = await generate(database.handle.db, scale, await hashPassword(testPassword));
  const rows = scale.partners * (1 + scale.usersPerPartner) + scale.products + scale.auditEntries;
  // A bulk load leaves the planner without statistics; a live database has them (autovacuum,
  // and SQLite's ANALYZE), so gather them before measuring.
  await sql`analyze`.execute(database.handle.db);
  emit({
    bench: "generate",
    metric: "rows_per_s",
    value: Math.round(rows / ((performance.now() - started) / 1000)),
    unit: "rows/s",
    db: engine,
    rows,
  });

  const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "silent" });
  const built = await buildApp(config, database.handle);
  const app: TestApp = { ...built, engine, close: async () => {} };
  const signIn = async (email: string) => {
    const response = await app.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: testPassword } });
    const cookie = response.cookies.find((c) => c.name === "trellis_session");
    if (!cookie) throw new Error(`bench login failed: ${response.body}`);
    return `trellis_session=${cookie.value}`;
  };
  const vendor = await signIn(data.admin?.email ?? "");
  const partner = data.partners[Math.floor(data.partners.length / 2)];
  const partnerAdmin = data.users.find((u) => u.partner_id === partner?.id && u.role === "partner_admin");
  const partnerCookie = await signIn(partnerAdmin?.email ?? "");

  const cases: { bench: string; url: string; cookie: string }[] = [
    { bench: "partners.list", url: "/api/v1/partners?limit=50", cookie: vendor },
    { bench: "partners.list_filtered", url: "/api/v1/partners?limit=50&status=active&region=Western%20Europe&sort=-createdAt", cookie: vendor },
    { bench: "partners.search", url: "/api/v1/partners?limit=50&q=vision", cookie: vendor },
    { bench: "partners.get", url: `/api/v1/partners/${partner?.id}`, cookie: vendor },
    { bench: "partners.summary", url: "/api/v1/partners/summary", cookie: vendor },
    { bench: "staff.list", url: `/api/v1/partners/${partner?.id}/staff`, cookie: partnerCookie },
    { bench: "products.list_partner", url: "/api/v1/products?limit=50&q=model", cookie: partnerCookie },
    { bench: "audit.partner", url: "/api/v1/audit?limit=50", cookie: partnerCookie },
    { bench: "auth.me", url: "/api/v1/auth/me", cookie: partnerCookie },
  ];
  for (const c of cases) {
    const timings: number[] = [];
    for (let i = 0; i < iterations + 20; i++) {
      const t0 = performance.now();
      const response = await app.app.inject({ method: "GET", url: c.url, headers: { cookie: c.cookie } });
      const elapsed = performance.now() - t0;
      if (response.statusCode !== 200) throw new Error(`${c.bench}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      if (i >= 20) timings.push(elapsed);
    }
    timings.sort((a, b) => a - b);
    for (const [metric, p] of [
      ["p95_ms", 95],
      ["p99_ms", 99],
    ] as const) {
      emit({
        bench: c.bench,
        metric,
        value: Math.round(percentile(timings, p) * 100) / 100,
        unit: "ms",
        db: engine,
        n: timings.length,
        partners: scale.partners,
      });
    }
  }
  await built.app.close();
  await database.handle.close();
  await database.drop();
}

for (const engine of engines) await benchEngine(engine);
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/latest.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
