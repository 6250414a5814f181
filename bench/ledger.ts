import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import type { Engine } from "../apps/server/src/db/dialect.js";
import { pointsWriter, type TransactionRunner } from "../apps/server/src/db/group-commit.js";
import type { Database } from "../apps/server/src/db/types.js";
import { leaderboard, postLedgerTransaction, repBalance } from "../apps/server/src/features/incentives/ledger.service.js";
import type { TestApp } from "../apps/server/src/testing/harness.js";
import type { LedgerData, LedgerScale } from "./ledger-data.js";
import { emit, emitLatency, iterations, measure, percentile, round } from "./measure.js";

/** The targets: a rep's balance and the quarterly top 100 at p95; durable movements per second. */
const balanceTargetMs = 2;
const leaderboardTargetMs = 20;
const writeTargetPerS: Record<Engine, number> = { sqlite: 2_500, postgres: 1_000 };
/** Movements timed per run, and how many run at once (SQLite has one connection; PostgreSQL a pool of 10). */
const writeCount = Number(process.env.BENCH_LEDGER_WRITES ?? 5_000);
/**
 * Then, straight on, movements timed as a sustained load: the first 5,000 follow a CHECKPOINT with
 * cold buffers, so on PostgreSQL nearly every page they touch is read in and written whole to the WAL.
 */
const sustainedWriteCount = Number(process.env.BENCH_LEDGER_SUSTAINED_WRITES ?? 15_000);
const plainConcurrency: Record<Engine, number> = { sqlite: 1, postgres: 16 };
/** Untimed requests before the balance figure (balance and auth.me in turn), and its timed ones. */
const balanceWarmUp = Number(process.env.BENCH_LEDGER_WARMUP ?? 4_000);
const balanceSamples = Number(process.env.BENCH_LEDGER_SAMPLES ?? 2_000);

export interface LedgerBench {
  app: TestApp;
  db: Kysely<Database>;
  engine: Engine;
  scale: LedgerScale;
  data: LedgerData;
  users: { id: string; email: string; partner_id: string | null; role: string }[];
  signIn: (email: string) => Promise<string>;
}

/** Times a service call like measure() times a request: 20 warm-up calls, then `iterations`; sorted ms. */
async function timeCalls(calls: (() => Promise<unknown>)[]): Promise<number[]> {
  const timings: number[] = [];
  for (let i = 0; i < iterations + 20; i++) {
    const call = calls[i % calls.length] as () => Promise<unknown>;
    const t0 = performance.now();
    await call();
    if (i >= 20) timings.push(performance.now() - t0);
  }
  return timings.sort((a, b) => a - b);
}

/** The ledger's figures: a rep's balance and statement, the leaderboards, durable write throughput. */
export async function benchLedger(bench: LedgerBench): Promise<void> {
  const { app, db, engine, data } = bench;
  const sizes = { entries: bench.scale.entries, reps: data.repIds.length };

  // 40 reps spread over the set, each asking for its own balance (session, access check, one indexed read).
  const byId = new Map(bench.users.map((user) => [user.id, user]));
  const reps = data.repIds.filter((_, i) => i % Math.max(1, Math.floor(data.repIds.length / 40)) === 0).slice(0, 40);
  const cookies: string[] = [];
  for (const id of reps) cookies.push(await bench.signIn((byId.get(id) as { email: string }).email));
  const probe = await app.app.inject({ method: "GET", url: "/api/v1/incentives/balance", headers: { cookie: cookies[0] ?? "" } });
  if (probe.statusCode !== 200 || (probe.json() as { lifetimeEarned: number }).lifetimeEarned === 0) {
    throw new Error(`ledger.balance: ${probe.statusCode} ${probe.body.slice(0, 300)} (a rep with no points measures nothing)`);
  }
  const balanceRequests = cookies.map((cookie) => ({ url: "/api/v1/incentives/balance", cookie }));
  const meRequests = cookies.map((cookie) => ({ url: "/api/v1/auth/me", cookie }));
  // The route's first requests in this process (after the usual 20), reported apart: with BENCH_ONLY
  // they are the process's first signed-in requests, while V8 still compiles the path.
  const first = await measure(app, "ledger.balance_first", balanceRequests);
  emitLatency("ledger.balance_first", engine, first, sizes);
  // Then as a server in service answers, having long compiled the path: after a few thousand untimed
  // requests, with more samples, since the p95 of 300 moved by ±30 % between runs.
  await measure(app, "ledger.balance warm-up", [...balanceRequests, ...meRequests], Number.POSITIVE_INFINITY, balanceWarmUp);
  const balance = await measure(app, "ledger.balance", balanceRequests, Number.POSITIVE_INFINITY, balanceSamples);
  emitLatency("ledger.balance", engine, balance, { ...sizes, warm_up: balanceWarmUp, target_p95_ms: balanceTargetMs });
  // What the session check alone costs on this machine now (every page makes it), and the balance's
  // own query: together they show how much of the figure is the ledger.
  const me = await measure(app, "auth.me", meRequests, Number.POSITIVE_INFINITY, balanceSamples);
  emitLatency("ledger.auth_me", engine, me, { ...sizes, warm_up: balanceWarmUp });
  emit({
    bench: "ledger.balance",
    metric: "ratio",
    value: round(percentile(balance, 95) / percentile(me, 95)),
    unit: "ratio",
    db: engine,
    baseline: "auth.me",
    baseline_p95_ms: round(percentile(me, 95)),
  });
  const query = await timeCalls(reps.map((id) => () => repBalance(db, id)));
  emitLatency("ledger.balance_query", engine, query, sizes);
  const statement = await measure(
    app,
    "ledger.statement",
    cookies.map((cookie) => ({ url: "/api/v1/incentives/statement?limit=50", cookie })),
  );
  emitLatency("ledger.statement", engine, statement, sizes);

  // The quarterly top 100 from the rollup: everyone, one region, one partner (the service G's routes call).
  const cases = [
    { bench: "ledger.leaderboard_quarter", query: { quarter: data.quarter, limit: 100 } },
    { bench: "ledger.leaderboard_region", query: { quarter: data.quarter, region: data.region, limit: 100 } },
    { bench: "ledger.leaderboard_partner", query: { quarter: data.quarter, partnerId: data.partnerId, limit: 100 } },
  ];
  for (const c of cases) {
    const rows = await leaderboard(db, c.query);
    if (rows.length === 0 || (c.bench !== "ledger.leaderboard_partner" && rows.length < 100)) throw new Error(`${c.bench}: only ${rows.length} rows`);
    const timings = await timeCalls([() => leaderboard(db, c.query)]);
    emitLatency(c.bench, engine, timings, { ...sizes, quarter: data.quarter, rows: rows.length, target_p95_ms: leaderboardTargetMs });
  }

  // Durable writes: claims for random reps, each committed (WAL + synchronous=FULL on SQLite; fsync'd
  // WAL on PostgreSQL) with its entries, balance and rollups. First one movement per transaction,
  // then through pointsWriter, the runner every point-moving request uses (group commit on SQLite).
  const plain: TransactionRunner = { execute: (work) => db.transaction().execute(work) };
  const runs = [
    { bench: "ledger.write", runner: plain, concurrency: plainConcurrency[engine], grouped: false },
    ...(engine === "sqlite" ? [{ bench: "ledger.write_grouped", runner: pointsWriter(db), concurrency: 64, grouped: true }] : []),
  ];
  // Every run starts where the one before stopped in the list of reps, so none finds the pages of the
  // reps it writes already cached by the run before it (until the list wraps: 40,000 reps).
  let offset = 0;
  for (const run of runs) {
    /** Times `count` movements after the ones before and emits them as `bench`. */
    const timeWrites = async (bench: string, count: number, extra: Record<string, unknown>) => {
      const figure = await writeThroughput(run.runner, data.repIds, run.concurrency, count, bench, offset);
      offset += count;
      emit({
        bench,
        metric: "movements_per_s",
        value: Math.round(figure.perSecond),
        unit: "movements/s",
        db: engine,
        n: count,
        ...extra,
        concurrency: run.concurrency,
        per_transaction: run.grouped ? "up to 64 (group commit)" : 1,
        p95_ms: round(figure.p95Ms),
        // This process's CPU per movement: what the figure would approach on an idle core.
        cpu_ms_per_movement: round(figure.cpuMs / count),
        // Each 5,000 movements' own rate, in order: shows whether the load has settled.
        ...(count > blockSize ? { blocks_per_s: figure.blocksPerSecond.map(Math.round) } : {}),
        ...sizes,
        target_per_s: writeTargetPerS[engine],
      });
    };
    await timeWrites(run.bench, writeCount, {});
    await timeWrites(`${run.bench}_sustained`, sustainedWriteCount, { after: writeCount });
  }
}

/** `count` claims of 25 points for reps in turn, `concurrency` in flight; movements/s, p95 latency, rate per 5,000. */
async function writeThroughput(
  runner: TransactionRunner,
  repIds: string[],
  concurrency: number,
  count: number,
  label: string,
  offset: number,
): Promise<{ perSecond: number; p95Ms: number; cpuMs: number; blocksPerSecond: number[] }> {
  const latencies: number[] = [];
  const blockEnds: number[] = [];
  let next = 0;
  let done = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const userId = repIds[((i + offset) * 7919) % repIds.length] as string;
        const t0 = performance.now();
        await runner.execute((trx) =>
          postLedgerTransaction(trx, {
            kind: "claim_approved",
            sourceType: "claim",
            sourceId: `bench-${label}-${i}`,
            memo: "Bench claim",
            lines: [
              { account: { kind: "funding" }, amount: -25 },
              { account: { kind: "rep_points", userId }, amount: 25 },
            ],
          }),
        );
        latencies.push(performance.now() - t0);
        done++;
        if (done % blockSize === 0) blockEnds.push(performance.now());
      }
    }),
  );
  const ended = performance.now();
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const blocksPerSecond = blockEnds.map((end, b) => blockSize / ((end - (b === 0 ? started : (blockEnds[b - 1] as number))) / 1000));
  return {
    perSecond: count / ((ended - started) / 1000),
    p95Ms: percentile(latencies, 95),
    cpuMs: (used.user + used.system) / 1000,
    blocksPerSecond,
  };
}

const blockSize = 5_000;
