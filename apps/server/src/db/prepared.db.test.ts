import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testEngines } from "../testing/harness.js";
import { runPrepared } from "./prepared.js";
import type { Database } from "./types.js";

describe.each(testEngines)("prepared statements on %s", (engine) => {
  let db: Kysely<Database>;
  let drop: () => Promise<void>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase(engine);
    db = database.handle.db;
    close = database.handle.close;
    drop = database.drop;
    await sql`create table prep_items (id text primary key, n integer not null check (n >= 0))`.execute(db);
  });
  afterAll(async () => {
    await close();
    await drop();
  });

  const insert = (executor: Kysely<Database>, id: string, n: number) =>
    runPrepared(executor, "test.prep_items.insert", (next) => `insert into prep_items (id, n) values (${next()}, ${next()})`, [id, n]);
  const find = async (executor: Kysely<Database>, ids: string[]) =>
    (
      await runPrepared<{ id: string; n: number }>(
        executor,
        `test.prep_items.find ${ids.length}`,
        (next) => `select id, n from prep_items where id in (${ids.map(next).join(", ")}) order by id`,
        ids,
      )
    ).rows;

  it("binds values in placeholder order, whatever the number of placeholders", async () => {
    await insert(db, "a", 1);
    await insert(db, "b", 2);
    await insert(db, "c", 3);
    expect(await find(db, ["a"])).toEqual([{ id: "a", n: 1 }]);
    expect(await find(db, ["c", "a"])).toEqual([
      { id: "a", n: 1 },
      { id: "c", n: 3 },
    ]);
  });

  it("runs in the caller's transaction: a rollback takes its rows away", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await insert(trx, "t1", 1);
        expect(await find(trx, ["t1"])).toHaveLength(1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await find(db, ["t1"])).toEqual([]);
  });

  it("keeps working on every pooled connection after a statement fails", async () => {
    // A violated CHECK, then the same prepared texts again, many at once so several connections run them.
    await expect(insert(db, "bad", -1)).rejects.toThrow();
    await Promise.all(Array.from({ length: 30 }, (_, i) => insert(db, `p${String(i).padStart(2, "0")}`, i)));
    const ids = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    const rows = await Promise.all(Array.from({ length: 30 }, () => find(db, ids)));
    for (const found of rows) expect(found.map((row) => row.n)).toEqual(ids.map((_, i) => i));
  });

  it("runs on one held connection; on PostgreSQL each text is prepared once per connection under one name", async () => {
    if (engine === "sqlite") {
      // SQLite has one connection and no statement names: the shapes run and answer on it.
      const answers = await db.connection().execute(async (connection) => {
        await insert(connection, "s1", 7);
        return [await find(connection, ["s1"]), await find(connection, ["a", "s1"])];
      });
      expect(answers).toEqual([
        [{ id: "s1", n: 7 }],
        [
          { id: "a", n: 1 },
          { id: "s1", n: 7 },
        ],
      ]);
      return;
    }
    const preparedOn = (handle: Kysely<Database>) =>
      handle.connection().execute(async (connection) => {
        await find(connection, ["a", "b"]);
        await find(connection, ["b", "c"]);
        await find(connection, ["a"]);
        await insert(connection, "d", 4);
        return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(connection)).rows
          .filter((row) => ["in ($1) ", "in ($1, $2) ", "insert into prep_items"].some((part) => row.statement.includes(part)))
          .sort((a, b) => a.name.localeCompare(b.name));
      });
    const prepared = await preparedOn(db);
    // Three texts, each prepared once, under three names.
    expect(prepared).toHaveLength(3);
    expect(new Set(prepared.map((row) => row.statement)).size).toBe(3);
    // Another pool (another database) in the same process: the same texts under the same names.
    const other = await createTestDatabase(engine);
    try {
      await sql`create table prep_items (id text primary key, n integer not null check (n >= 0))`.execute(other.handle.db);
      expect(await preparedOn(other.handle.db)).toEqual(prepared);
    } finally {
      await other.handle.close();
      await other.drop();
    }
  });
});
