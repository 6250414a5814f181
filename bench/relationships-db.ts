import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { CompiledQuery } from "kysely";
import pg from "pg";
import { openDatabase } from "../apps/server/src/db/database.js";
import type { Engine } from "../apps/server/src/db/dialect.js";
import { migrateToLatest } from "../apps/server/src/db/migrate.js";
import { createTestDatabase } from "../apps/server/src/testing/harness.js";
import { generate, type Scale } from "./generate.js";
import { emit, round } from "./measure.js";
import { checkSellThroughRollup } from "./relationships-check.js";
import { generateRelationships, type RelationshipsData, type RelationshipsScale } from "./relationships-data.js";

// The relationships bench's database: generated (the foundation, then three years of relationships
// data), or copied from a development snapshot.

export interface GeneratedRelationships {
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  data: RelationshipsData;
  users: { id: string; email: string; partner_id: string | null; role: string; name: string }[];
  products: { id: string; sku: string }[];
}

/**
 * BENCH_SNAPSHOT=dir (development only): the first run keeps a copy of the generated database there
 * (SQLite: a file; PostgreSQL: a database named after the dir) and later runs start from a fresh copy
 * of it, skipping the generation; the reported figures come from runs without it.
 */
export async function generatedDatabase(
  engine: Engine,
  foundation: Scale,
  scale: RelationshipsScale,
  passwordHash: string,
): Promise<GeneratedRelationships> {
  const snapshotDir = process.env.BENCH_SNAPSHOT;
  const snapshotFile = snapshotDir ? join(snapshotDir, `${engine}.json`) : null;
  const snapshotDb = `trellis_snapshot_${basename(snapshotDir ?? "x")
    .replace(/[^a-z0-9]/gi, "_")
    .toLowerCase()}`;
  if (snapshotFile && existsSync(snapshotFile)) {
    const saved = JSON.parse(readFileSync(snapshotFile, "utf8")) as Pick<GeneratedRelationships, "data" | "users" | "products">;
    const database = await createTestDatabase(engine, engine === "postgres" ? snapshotDb : undefined);
    if (engine === "sqlite") {
      await database.handle.close();
      copyFileSync(join(snapshotDir as string, "sqlite.db"), join(database.dataDir, "trellis.sqlite"));
      const reopened = openDatabase({ databaseUrl: undefined, dataDir: database.dataDir });
      await migrateToLatest(reopened.db);
      return { database: { ...database, handle: reopened }, ...saved };
    }
    await migrateToLatest(database.handle.db);
    return { database, ...saved };
  }
  const database = await createTestDatabase(engine);
  const db = database.handle.db;
  await migrateToLatest(db);
  const base = await generate(db, foundation, passwordHash);
  const started = performance.now();
  const partners = await db.selectFrom("partners").select(["id", "tier_id", "region", "channel_manager_id"]).orderBy("id").execute();
  const data = await generateRelationships(db, scale, {
    partners,
    users: base.users,
    products: base.products,
    managerId: base.admin?.id ?? "",
    passwordHash,
  });
  const seconds = (performance.now() - started) / 1000;
  emit({
    bench: "generate.relationships",
    metric: "rows_per_s",
    value: Math.round(data.rows / seconds),
    unit: "rows/s",
    db: engine,
    rows: data.rows,
    seconds: round(seconds),
    parts_s: data.seconds,
    ...scale,
  });
  await checkSellThroughRollup(db, data.bigPartnerIds.slice(0, 3).concat(data.profiles.slice(-3).map((p) => p.partnerId)));
  await db.executeQuery(CompiledQuery.raw(engine === "postgres" ? "vacuum analyze" : "analyze"));
  const users = [...base.users, ...(base.admin ? [base.admin] : [])];
  if (snapshotDir && snapshotFile) {
    mkdirSync(snapshotDir, { recursive: true });
    if (engine === "sqlite") await db.executeQuery(CompiledQuery.raw(`vacuum into '${join(snapshotDir, "sqlite.db")}'`));
    else await snapshotPostgres(database.databaseUrl as string, snapshotDb);
    writeFileSync(snapshotFile, JSON.stringify({ data, users, products: base.products }));
  }
  return { database, data, users, products: base.products };
}

/** PostgreSQL: a copy of the generated database (its own connections are idle; a template must have none). */
async function snapshotPostgres(databaseUrl: string, snapshotDb: string) {
  const source = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [source]);
    await admin.query(`drop database if exists ${snapshotDb}`);
    await admin.query(`create database ${snapshotDb} template ${source}`);
  } finally {
    await admin.end();
  }
}
