import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";

// SQLite only: PostgreSQL checkpoints in its own processes. The server's connection checkpoints
// by itself only past 16,000 WAL pages; below that, pages reach the database file only through
// the worker.
describe("background WAL checkpoints (SQLite)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), "trellis-ckpt-"));
    dirs.push(dir);
    const file = join(dir, "trellis.sqlite");
    return { file, handle: openDatabase({ databaseUrl: `sqlite:${file}`, dataDir: dir }) };
  };

  /** The file's size once it reaches `atLeast`, or after 5 s: the worker checkpoints every 100 ms. */
  const sizeWithin5s = async (file: string, atLeast: number) => {
    let size = statSync(file).size;
    for (let waited = 0; size < atLeast && waited < 5_000; waited += 50) {
      await sleep(50);
      size = statSync(file).size;
    }
    return size;
  };

  /** About 8 MiB of rows in one transaction: some 2,000 WAL pages. */
  const write = async (db: ReturnType<typeof open>["handle"]["db"], from: number) => {
    await db.transaction().execute(async (trx) => {
      for (let i = from; i < from + 2_000; i++) await sql`insert into notes (id, body) values (${i}, ${"x".repeat(4_000)})`.execute(trx);
    });
  };

  it("copies committed pages into the database file while the server's connection stays idle", async () => {
    const { file, handle } = open();
    await sql`create table notes (id integer primary key, body text not null)`.execute(handle.db);
    const before = statSync(file).size;
    await write(handle.db, 0);
    // Committed means in the WAL (fsynced); the database file grows only when a checkpoint copies.
    const walPages = Math.floor(statSync(`${file}-wal`).size / 4_096);
    expect(walPages).toBeGreaterThan(1_500);
    expect(walPages).toBeLessThan(16_000);
    expect(await sizeWithin5s(file, before + 7_000_000)).toBeGreaterThan(before + 7_000_000);
    await handle.close();
  });

  it("stops with the database, keeps every committed row, and starts again on reopening", async () => {
    const { file, handle } = open();
    await sql`create table notes (id integer primary key, body text not null)`.execute(handle.db);
    await write(handle.db, 0);
    await handle.close();

    const again = openDatabase({ databaseUrl: `sqlite:${file}`, dataDir: join(file, "..") });
    const counted = await sql<{ n: number }>`select count(*) as n from notes`.execute(again.db);
    expect(Number(counted.rows[0]?.n)).toBe(2_000);
    const grown = statSync(file).size;
    await write(again.db, 2_000);
    expect(await sizeWithin5s(file, grown + 7_000_000)).toBeGreaterThan(grown + 7_000_000);
    await again.close();
  });

  it("lets a process that closes its database run on and exit normally", async () => {
    // Nothing else keeps this process alive while close() waits for the worker: it must still settle.
    const dir = mkdtempSync(join(tmpdir(), "trellis-ckpt-"));
    dirs.push(dir);
    const script = join(dir, "close.mts");
    const database = fileURLToPath(new URL("./database.ts", import.meta.url));
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(database)};
const handle = openDatabase({ databaseUrl: ${JSON.stringify(`sqlite:${join(dir, "trellis.sqlite")}`)}, dataDir: ${JSON.stringify(dir)} });
await handle.db.introspection.getTables();
await handle.close();
console.log("closed");
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], { timeout: 30_000 });
    expect(stdout.trim()).toBe("closed");
  });
});
