import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import type { Engine } from "../apps/server/src/db/dialect.js";
import type { Database } from "../apps/server/src/db/types.js";
import { uuidv7 } from "../apps/server/src/platform/ids.js";
import type { TestApp } from "../apps/server/src/testing/harness.js";
import { emit, emitLatency, measure, percentile, round } from "./measure.js";

// Claim throughput on the bench database (foundation data, with the ledger E's generator fills):
// claims of 3 serials each, through the full HTTP stack (session, CSRF, Idempotency-Key, checks,
// scoring, the serial index, the ledger posting, rollups, audit), one committed transaction each.

/**
 * Claims filed and approved per figure, and how many requests are in flight: SQLite runs one writer
 * at a time anyway (one at a time measures the work per claim, without queueing); PostgreSQL has a
 * pool of 10. BENCH_CLAIMS_CONCURRENCY overrides both (SQLite's group commit then shares fsyncs).
 */
const claimCount = Number(process.env.BENCH_CLAIMS ?? 1_000);
const override = Number(process.env.BENCH_CLAIMS_CONCURRENCY ?? 0);
const concurrency: Record<Engine, number> = override > 0 ? { sqlite: override, postgres: override } : { sqlite: 1, postgres: 8 };
const serialsPerClaim = 3;

export interface ClaimsBench {
  app: TestApp;
  db: Kysely<Database>;
  engine: Engine;
  /** The generator's users (partner users with partner_id and role) and products. */
  users: { id: string; email: string; partner_id: string | null; role: string }[];
  products: { id: string; lifecycle: string; serial_pattern: string }[];
  /** A vendor user who may review claims (the generator's channel manager). */
  reviewerEmail: string;
  signIn: (email: string) => Promise<string>;
}

interface Caller {
  cookie: string;
  csrf: string;
}

/** A session cookie plus its CSRF token (unsafe methods need both). */
async function callerOf(bench: ClaimsBench, email: string): Promise<Caller> {
  const cookie = await bench.signIn(email);
  const me = await bench.app.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie } });
  const csrf = (me.json() as { csrfToken?: string }).csrfToken;
  if (!csrf) throw new Error(`claims bench: no CSRF token for ${email}: ${me.body.slice(0, 200)}`);
  return { cookie, csrf };
}

let serialNumber = 0;
/** Matches the generator's serial pattern [A-Z]{2}[0-9]{8}; unique within the run. */
const nextSerial = () => `BQ${String(serialNumber++).padStart(8, "0")}`;

async function setThreshold(db: Kysely<Database>, points: number) {
  await db
    .insertInto("incentive_settings")
    .values({
      id: "incentives",
      value_minor_per_1000_points: 1000,
      currency: "USD",
      expiry_months: 24,
      expiry_warning_days: 30,
      claim_window_days: 60,
      auto_approve_up_to_points: points,
      updated_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column("id").doUpdateSet({ auto_approve_up_to_points: points }))
    .execute();
}

/** Three rules in force: 10 points per unit, a 150% promotion, a monthly cap; a year old, so any recent sale date is scored by them. */
async function insertRules(db: Kysely<Database>) {
  const base = {
    version: 1,
    product_id: null,
    family_id: null,
    revenue_step_minor: null,
    currency: null,
    multiplier_percent: null,
    starts_on: null,
    ends_on: null,
    tier_ids: "[]",
    regions: "[]",
    partner_roles: "[]",
    monthly_cap_points: null,
    active: 1,
    effective_from: new Date(Date.now() - 365 * 86_400_000).toISOString(),
    effective_to: null,
    created_by: null,
    created_at: new Date().toISOString(),
  };
  await db
    .insertInto("incentive_rule_versions")
    .values([
      { ...base, rule_id: uuidv7(), name: "Bench: 10 points per unit", kind: "per_unit", points: 10, monthly_cap_points: 1_000_000 },
      { ...base, rule_id: uuidv7(), name: "Bench: 150% promotion", kind: "multiplier", points: 0, multiplier_percent: 150 },
    ])
    .execute();
}

/** Runs `count` calls `workers` at a time; returns per-call latencies (sorted) and the elapsed seconds. */
async function run(count: number, workers: number, call: (i: number) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

/**
 * Two throughput figures and the queue's latency: `incentives.claim_auto_approve` (a rep files a claim
 * that is approved and paid in the same request), `incentives.claim_approve` (a reviewer approves
 * pending claims) and `incentives.claims_queue` (the first page of pending claims, oldest first).
 */
export async function benchClaims(bench: ClaimsBench): Promise<void> {
  const { app, db, engine } = bench;
  const products = bench.products.filter((p) => p.lifecycle === "active" && p.serial_pattern === "[A-Z]{2}[0-9]{8}").map((p) => p.id);
  const repUsers = bench.users.filter((u) => u.role === "sales_rep" && u.partner_id !== null);
  const step = Math.max(1, Math.floor(repUsers.length / 20));
  const reps: Caller[] = [];
  for (let i = 0; i < repUsers.length && reps.length < 20; i += step) reps.push(await callerOf(bench, (repUsers[i] as { email: string }).email));
  if (products.length === 0 || reps.length === 0) throw new Error("claims bench: the data has no active products or sales reps");
  const reviewer = await callerOf(bench, bench.reviewerEmail);
  await insertRules(db);
  const invoiceDate = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  const file = async (i: number): Promise<{ id: string; status: string }> => {
    const rep = reps[i % reps.length] as Caller;
    const response = await app.app.inject({
      method: "POST",
      url: "/api/v1/incentives/claims",
      headers: { cookie: rep.cookie, "x-csrf-token": rep.csrf, "idempotency-key": uuidv7() },
      payload: {
        invoiceNumber: `BENCH-${uuidv7().slice(-10)}`,
        invoiceDate,
        endCustomer: "Bench customer",
        lines: [
          {
            productId: products[(i * 7919) % products.length],
            quantity: serialsPerClaim,
            unitNetAmount: { amountMinor: 25_000, currency: "USD" },
            serials: Array.from({ length: serialsPerClaim }, nextSerial),
          },
        ],
      },
    });
    if (response.statusCode !== 201) throw new Error(`claims bench: ${response.statusCode} ${response.body.slice(0, 300)}`);
    return response.json() as { id: string; status: string };
  };
  const workers = concurrency[engine];
  const extra = { n: claimCount, concurrency: workers, serials_per_claim: serialsPerClaim };

  // 1. Filed and approved in one request (3 x 10 points, +50%: 45 points, under the threshold).
  await setThreshold(db, 1_000);
  const auto = await run(claimCount, workers, async (i) => {
    if ((await file(i)).status !== "approved") throw new Error("claims bench: a claim under the threshold was not approved");
  });
  emit({
    bench: "incentives.claim_auto_approve",
    metric: "rows_per_s",
    value: Math.round(claimCount / auto.seconds),
    unit: "claims/s",
    db: engine,
    p95_ms: round(percentile(auto.latencies, 95)),
    ...extra,
  });

  // 2. Filed into the queue, then approved by a reviewer (scored again, paid); only the approvals are timed.
  await setThreshold(db, 0);
  const pending: string[] = [];
  await run(claimCount, workers, async (i) => {
    pending.push((await file(claimCount + i)).id);
  });
  const queue = await measure(app, "incentives.claims_queue", [
    { url: "/api/v1/incentives/claims?status=pending&limit=50", cookie: reviewer.cookie },
  ]);
  emitLatency("incentives.claims_queue", engine, queue, { pending: pending.length });
  const approvals = await run(pending.length, workers, async (i) => {
    const response = await app.app.inject({
      method: "POST",
      url: `/api/v1/incentives/claims/${pending[i]}/approve`,
      headers: { cookie: reviewer.cookie, "x-csrf-token": reviewer.csrf, "idempotency-key": uuidv7() },
      payload: {},
    });
    if (response.statusCode !== 200) throw new Error(`claims bench approve: ${response.statusCode} ${response.body.slice(0, 300)}`);
  });
  emit({
    bench: "incentives.claim_approve",
    metric: "rows_per_s",
    value: Math.round(pending.length / approvals.seconds),
    unit: "claims/s",
    db: engine,
    p95_ms: round(percentile(approvals.latencies, 95)),
    ...extra,
  });
}
