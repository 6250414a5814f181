import { CompiledQuery, type Kysely } from "kysely";
import { engineOf } from "./dialect.js";
import type { Database } from "./types.js";

/** Runs a unit of work in a transaction and settles once it is durably committed (or rolled back). */
export interface TransactionRunner {
  execute<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
}

// Run for every unit: compiled once (the query builder's compile step costs about as much as these).
const savepoint = CompiledQuery.raw("savepoint group_unit");
const release = CompiledQuery.raw("release savepoint group_unit");
const rollbackTo = CompiledQuery.raw("rollback to savepoint group_unit");

interface Unit {
  work: (trx: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  settled: boolean;
}

/**
 * Group commit for SQLite (ADR 0008). A durable SQLite commit is one fsync of the WAL
 * (synchronous=FULL), a few milliseconds on ordinary disks: one movement per transaction caps
 * writes at a few hundred per second. Here units that arrive while a batch is committing wait and
 * go together into the next transaction, each inside its own SAVEPOINT:
 * - a unit that throws is rolled back to its savepoint alone and rejected at once (it wrote nothing);
 * - a unit that succeeds is resolved only after the batch's COMMIT returns, so nobody is told
 *   "done" before it is on disk; if the COMMIT fails, every unit of the batch is rejected (and its
 *   client retries with its Idempotency-Key).
 * No unit waits for a timer: alone, a unit is its own batch; under load (units queue while the
 * batch before runs its statements) batches grow to `maxBatch`.
 * The units of a batch run one after another, exactly as SQLite's single writer would run them anyway.
 * A unit must use only `trx` (the one connection is held for the batch).
 */
export function createGroupCommit(db: Kysely<Database>, options: { maxBatch?: number } = {}): TransactionRunner {
  const maxBatch = options.maxBatch ?? 64;
  const queue: Unit[] = [];
  let flushing = false;

  const settle = (unit: Unit, outcome: { value: unknown } | { error: unknown }) => {
    if (unit.settled) return;
    unit.settled = true;
    if ("error" in outcome) unit.reject(outcome.error);
    else unit.resolve(outcome.value);
  };

  async function runBatch(batch: Unit[]): Promise<void> {
    const done: { unit: Unit; value: unknown }[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const unit of batch) {
          await trx.executeQuery(savepoint);
          try {
            const value = await unit.work(trx);
            await trx.executeQuery(release);
            done.push({ unit, value });
          } catch (error) {
            await trx.executeQuery(rollbackTo);
            await trx.executeQuery(release);
            settle(unit, { error });
          }
        }
      });
    } catch (error) {
      // The batch did not commit: nothing of it is on disk.
      for (const unit of batch) settle(unit, { error });
      return;
    }
    for (const { unit, value } of done) settle(unit, { value });
  }

  async function drain(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, maxBatch));
    } finally {
      flushing = false;
    }
  }

  return {
    execute<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject, settled: false });
        // Units queued in the same tick share the first batch too.
        queueMicrotask(() => void drain());
      });
    },
  };
}

/** One plain transaction per unit: PostgreSQL already shares WAL flushes between concurrent commits. */
function plainTransactions(db: Kysely<Database>): TransactionRunner {
  return { execute: (work) => db.transaction().execute(work) };
}

const runners = new WeakMap<Kysely<Database>, TransactionRunner>();

/** The runner for writes that move points: group commit on SQLite, a transaction each on PostgreSQL. */
export function pointsWriter(db: Kysely<Database>): TransactionRunner {
  let runner = runners.get(db);
  if (!runner) {
    runner = engineOf(db) === "sqlite" ? createGroupCommit(db) : plainTransactions(db);
    runners.set(db, runner);
  }
  return runner;
}
