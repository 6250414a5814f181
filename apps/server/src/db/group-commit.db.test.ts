import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testEngines } from "../testing/harness.js";
import { createGroupCommit, pointsWriter } from "./group-commit.js";
import type { Database } from "./types.js";

// A scratch table with a deferred foreign key: a unit can make the batch's COMMIT itself fail.
describe.each(testEngines)("group commit on %s", (engine) => {
  let db: Kysely<Database>;
  let drop: () => Promise<void>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase(engine);
    db = database.handle.db;
    close = database.handle.close;
    drop = database.drop;
    await sql`create table gc_items (id text primary key, parent text references gc_items(id) deferrable initially deferred)`.execute(db);
  });
  afterAll(async () => {
    await close();
    await drop();
  });

  const insert = (trx: Kysely<Database>, id: string, parent: string | null = null) =>
    sql`insert into gc_items (id, parent) values (${id}, ${parent})`.execute(trx);
  const ids = async (prefix: string) =>
    (await sql<{ id: string }>`select id from gc_items where id like ${`${prefix}%`} order by id`.execute(db)).rows.map((row) => row.id);
  const transactionId = (trx: Kysely<Database>) =>
    engine === "postgres"
      ? sql<{ id: string }>`select txid_current()::text as id`.execute(trx).then((r) => r.rows[0]?.id)
      : Promise.resolve("sqlite");

  it("runs units queued together and resolves them once committed", async () => {
    const runner = createGroupCommit(db);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runner.execute(async (trx) => {
          await insert(trx, `a${i}`);
          return transactionId(trx);
        }),
      ),
    );
    expect(await ids("a")).toHaveLength(10);
    // One transaction on PostgreSQL (txid); on SQLite the failed-commit test below shows the sharing.
    expect(new Set(results).size).toBe(1);
  });

  it("rolls back only the unit that throws; the others of its batch commit", async () => {
    const runner = createGroupCommit(db);
    const outcomes = await Promise.allSettled([
      runner.execute((trx) => insert(trx, "b1")),
      runner.execute(async (trx) => {
        await insert(trx, "b2");
        throw new Error("refused");
      }),
      runner.execute((trx) => insert(trx, "b3")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await ids("b")).toEqual(["b1", "b3"]);
  });

  it("rejects every unit of a batch whose COMMIT fails, and keeps none of them", async () => {
    const runner = createGroupCommit(db);
    const outcomes = await Promise.allSettled([
      runner.execute((trx) => insert(trx, "c1")),
      runner.execute((trx) => insert(trx, "c2", "no-such-parent")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect(await ids("c")).toEqual([]);
    // The runner goes on working after a failed batch.
    await runner.execute((trx) => insert(trx, "c3"));
    expect(await ids("c")).toEqual(["c3"]);
  });

  it("caps a batch at maxBatch units", async () => {
    const runner = createGroupCommit(db, { maxBatch: 4 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runner.execute(async (trx) => {
          await insert(trx, `d${i}`);
          return transactionId(trx);
        }),
      ),
    );
    expect(await ids("d")).toHaveLength(10);
    if (engine === "postgres") expect(new Set(results).size).toBe(3);
  });

  it("gives SQLite group commit and PostgreSQL a transaction per unit", async () => {
    expect(pointsWriter(db)).toBe(pointsWriter(db));
    // A unit whose COMMIT fails takes its batch-mates with it only when they share the transaction.
    const outcomes = await Promise.allSettled([
      pointsWriter(db).execute((trx) => insert(trx, "e1")),
      pointsWriter(db).execute((trx) => insert(trx, "e2", "no-such-parent")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(engine === "sqlite" ? ["rejected", "rejected"] : ["fulfilled", "rejected"]);
    expect(await ids("e")).toEqual(engine === "sqlite" ? [] : ["e1"]);
  });
});
