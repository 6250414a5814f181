import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ProblemError } from "../../platform/http/problem.js";
import { createPartner, createTestApp, createUser, type TestApp, testEngines } from "../../testing/harness.js";
import { movement } from "../../testing/ledger.js";
import { type LedgerPosting, postLedgerTransaction, repBalance, verifyLedger } from "./ledger.service.js";

// Random sequences of every movement the program makes, against a model of what each rep should
// hold: every transaction balances, no rep goes below zero (a refused movement changes nothing),
// stored balances and every rollup equal a recomputation from the entries (verifyLedger).

type Step =
  | { op: "claim" | "reverse" | "reserve" | "cancel" | "fulfil" | "expire"; rep: number; points: number }
  | { op: "adjust"; rep: number; points: number }
  | { op: "time"; days: number };

const kindOf = {
  claim: "claim_approved",
  reverse: "claim_reversed",
  reserve: "redemption_requested",
  cancel: "redemption_cancelled",
  fulfil: "redemption_fulfilled",
  expire: "expiry",
  adjust: "adjustment",
} as const;

const repCount = 3;
const points = fc.integer({ min: 1, max: 400 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("claim" as const), rep: fc.nat(repCount - 1), points }) },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constantFrom("reverse" as const, "reserve" as const, "cancel" as const, "fulfil" as const, "expire" as const),
      rep: fc.nat(repCount - 1),
      points,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("adjust" as const),
      rep: fc.nat(repCount - 1),
      points: fc.integer({ min: -400, max: 400 }).filter((n) => n !== 0),
    }),
  },
  // Moves the clock on, so the month and quarter rollups see several periods.
  { weight: 1, arbitrary: fc.record({ op: fc.constant("time" as const), days: fc.integer({ min: 1, max: 75 }) }) },
);

interface Model {
  available: number;
  reserved: number;
  earned: number;
}

/** What a step does to the model; null when it would take a balance below zero. */
function apply(model: Model, s: Exclude<Step, { op: "time" }>): Model | null {
  const n = s.points;
  const next = { ...model };
  if (s.op === "claim") Object.assign(next, { available: model.available + n, earned: model.earned + n });
  if (s.op === "reverse") Object.assign(next, { available: model.available - n, earned: model.earned - n });
  if (s.op === "adjust") Object.assign(next, { available: model.available + n, earned: model.earned + n });
  if (s.op === "reserve") Object.assign(next, { available: model.available - n, reserved: model.reserved + n });
  if (s.op === "cancel") Object.assign(next, { available: model.available + n, reserved: model.reserved - n });
  if (s.op === "fulfil") Object.assign(next, { reserved: model.reserved - n });
  if (s.op === "expire") Object.assign(next, { available: model.available - n });
  return next.available < 0 || next.reserved < 0 ? null : next;
}

describe.each(testEngines)("points ledger properties on %s", (engine) => {
  let app: TestApp;
  let partners: string[];

  beforeAll(async () => {
    app = await createTestApp(engine);
    partners = [(await createPartner(app, { region: "EMEA" })).id, (await createPartner(app, { region: "LATAM" })).id];
  });
  afterAll(async () => app.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  const countTransactions = async () =>
    Number(
      (
        await app.ctx.db
          .selectFrom("ledger_transactions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("keeps every transaction balanced, no balance negative, stored balances and rollups equal to a recomputation", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // Each run starts where the previous one's clock stopped: entries stay in time order per account.
    let clock = Date.parse("2030-01-15T09:00:00Z");
    let runs = 0;
    const outcomes = { posted: 0, refused: 0 };
    // An independent count of the rollups, kept beside the model: partner months over all runs.
    const partnerMonths = new Map<string, { earned: number; redeemed: number; expired: number }>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40, size: "max" }), async (steps) => {
        runs += 1;
        vi.setSystemTime(clock);
        const reps: string[] = [];
        for (let i = 0; i < repCount; i++) reps.push((await createUser(app, { role: "sales_rep", partnerId: partners[i % partners.length] })).id);
        const models: Model[] = reps.map(() => ({ available: 0, reserved: 0, earned: 0 }));
        const repPeriods = new Map<string, number>();
        for (const s of steps) {
          if (s.op === "time") {
            clock += s.days * 86_400_000;
            vi.setSystemTime(clock);
            continue;
          }
          const userId = reps[s.rep] as string;
          const posting: LedgerPosting = movement(kindOf[s.op], userId, s.points, `p${runs}`);
          const expected = apply(models[s.rep] as Model, s);
          const before = await countTransactions();
          const outcome = await app.ctx.db
            .transaction()
            .execute((trx) => postLedgerTransaction(trx, posting))
            .then(
              () => "posted" as const,
              (error: unknown) => error,
            );
          if (expected === null) {
            expect(outcome).toBeInstanceOf(ProblemError);
            expect(outcome).toMatchObject({ status: 422, code: "insufficient_points" });
            expect(await countTransactions()).toBe(before);
            outcomes.refused += 1;
          } else {
            expect(outcome).toBe("posted");
            models[s.rep] = expected;
            outcomes.posted += 1;
            const month = new Date(clock).toISOString().slice(0, 7);
            const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
            const earned = s.op === "claim" || s.op === "adjust" ? s.points : s.op === "reverse" ? -s.points : 0;
            const redeemed = s.op === "fulfil" ? s.points : 0;
            const expired = s.op === "expire" ? s.points : 0;
            // A rollup row appears with the first movement that changes it (and stays, even at 0).
            if (earned !== 0)
              for (const key of [`${userId}|${month}`, `${userId}|${quarter}`]) repPeriods.set(key, (repPeriods.get(key) ?? 0) + earned);
            if (earned !== 0 || redeemed !== 0 || expired !== 0) {
              const partnerKey = `${partners[s.rep % partners.length]}|${month}`;
              const partner = partnerMonths.get(partnerKey) ?? { earned: 0, redeemed: 0, expired: 0 };
              partnerMonths.set(partnerKey, {
                earned: partner.earned + earned,
                redeemed: partner.redeemed + redeemed,
                expired: partner.expired + expired,
              });
            }
          }
          const stored = await repBalance(app.ctx.db, userId);
          const model = models[s.rep] as Model;
          expect(stored).toEqual({ available: model.available, reserved: model.reserved, lifetimeEarned: model.earned });
        }
        clock += 60_000;
        const storedPeriods = new Map<string, number>();
        for (const row of await app.ctx.db
          .selectFrom("ledger_rep_months")
          .select(["user_id", "month", "earned"])
          .where("user_id", "in", reps)
          .execute())
          storedPeriods.set(`${row.user_id}|${row.month}`, Number(row.earned));
        for (const row of await app.ctx.db
          .selectFrom("ledger_rep_quarters")
          .select(["user_id", "quarter", "earned"])
          .where("user_id", "in", reps)
          .execute())
          storedPeriods.set(`${row.user_id}|${row.quarter}`, Number(row.earned));
        expect(storedPeriods).toEqual(repPeriods);
        const storedPartners = new Map<string, { earned: number; redeemed: number; expired: number }>();
        for (const row of await app.ctx.db.selectFrom("ledger_partner_months").selectAll().execute())
          storedPartners.set(`${row.partner_id}|${row.month}`, {
            earned: Number(row.earned),
            redeemed: Number(row.redeemed),
            expired: Number(row.expired),
          });
        expect(storedPartners).toEqual(partnerMonths);
        const check = await verifyLedger(app.ctx.db);
        expect(check).toMatchObject({
          ok: true,
          unbalancedTransactions: [],
          accountMismatches: [],
          runningBalanceMismatches: [],
          rollupMismatches: [],
        });
        // Double entry: the program's accounts hold exactly the other side of every rep balance.
        const reps0 = await app.ctx.db
          .selectFrom("ledger_accounts")
          .select((eb) => eb.fn.sum<number>("balance").as("total"))
          .where("kind", "in", ["rep_points", "rep_reserved"])
          .executeTakeFirstOrThrow();
        const program = check.programBalances;
        expect(program.funding + program.adjustments + program.redeemed + program.expired + Number(reps0.total ?? 0)).toBe(0);
      }),
      { numRuns: 40 },
    );
    expect(runs).toBeGreaterThanOrEqual(40);
    // Both paths were walked many times, not just the happy one.
    expect(outcomes.posted).toBeGreaterThan(150);
    expect(outcomes.refused).toBeGreaterThan(40);
  }, 240_000);
});
