import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { systemActor } from "../../platform/access/actor.js";
import { ProblemError } from "../../platform/http/problem.js";
import { createPartner, createTestApp, createUser, type TestApp, testEngines } from "../../testing/harness.js";
import { movement } from "../../testing/ledger.js";
import { updateIncentiveSettings } from "./incentive-settings.service.js";
import {
  incentiveCostByPartner,
  type LedgerPosting,
  leaderboard,
  liability,
  postLedgerTransaction,
  repBalance,
  repStatement,
  verifyLedger,
} from "./ledger.service.js";

describe.each(testEngines)("points ledger on %s", (engine) => {
  let app: TestApp;
  let partnerA: string;
  let partnerB: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    partnerA = (await createPartner(app, { region: "EMEA" })).id;
    partnerB = (await createPartner(app, { region: "APAC" })).id;
  });
  afterAll(async () => app.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  const post = (posting: LedgerPosting) => app.ctx.db.transaction().execute((trx) => postLedgerTransaction(trx, posting));
  const rep = async (partnerId = partnerA) => (await createUser(app, { role: "sales_rep", partnerId })).id;
  const count = async (table: "ledger_transactions" | "ledger_entries") =>
    Number(
      (
        await app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("posts a claim: balanced entries, stored balance, lifetime earned and every rollup", async () => {
    const userId = await rep();
    const id = await post(movement("claim_approved", userId, 120, "claim-1"));
    const entries = await app.ctx.db.selectFrom("ledger_entries").selectAll().where("transaction_id", "=", id).execute();
    expect(entries.map((entry) => Number(entry.amount)).sort((a, b) => a - b)).toEqual([-120, 120]);
    expect(entries.find((entry) => Number(entry.amount) === 120)?.balance_after).toBe(120);
    expect(entries.find((entry) => Number(entry.amount) === -120)).toMatchObject({ account_id: "program:funding", balance_after: null });
    expect(await repBalance(app.ctx.db, userId)).toEqual({ available: 120, reserved: 0, lifetimeEarned: 120 });
    const month = new Date().toISOString().slice(0, 7);
    const repMonth = await app.ctx.db.selectFrom("ledger_rep_months").selectAll().where("user_id", "=", userId).executeTakeFirstOrThrow();
    expect({ ...repMonth, earned: Number(repMonth.earned) }).toEqual({ user_id: userId, month, partner_id: partnerA, region: "EMEA", earned: 120 });
    const tx = await app.ctx.db.selectFrom("ledger_transactions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(tx).toMatchObject({ kind: "claim_approved", source_type: "claim", source_id: "claim-1", memo: "claim_approved" });
    expect((await verifyLedger(app.ctx.db)).ok).toBe(true);
  });

  it("refuses programming mistakes with an Error and writes nothing", async () => {
    const userId = await rep();
    const other = await rep();
    const before = { tx: await count("ledger_transactions"), entries: await count("ledger_entries") };
    const base = movement("claim_approved", userId, 10);
    const bad: [string, LedgerPosting][] = [
      ["unbalanced", { ...base, lines: [base.lines[0] as LedgerPosting["lines"][0], { account: { kind: "rep_points", userId }, amount: 11 }] }],
      ["one line", { ...base, lines: [{ account: { kind: "rep_points", userId }, amount: 0 }] }],
      [
        "zero amounts",
        {
          ...base,
          lines: [
            { account: { kind: "funding" }, amount: 0 },
            { account: { kind: "rep_points", userId }, amount: 0 },
          ],
        },
      ],
      [
        "fractional points",
        {
          ...base,
          lines: [
            { account: { kind: "funding" }, amount: -1.5 },
            { account: { kind: "rep_points", userId }, amount: 1.5 },
          ],
        },
      ],
      ["wrong accounts for the kind", { ...movement("expiry", userId, 5), kind: "claim_approved" }],
      [
        "two reps",
        {
          ...base,
          lines: [
            { account: { kind: "funding" }, amount: -2 },
            { account: { kind: "rep_points", userId }, amount: 1 },
            { account: { kind: "rep_points", userId: other }, amount: 1 },
          ],
        },
      ],
      ["no source", { ...base, sourceId: "" }],
    ];
    for (const [why, posting] of bad) {
      const error = await post(posting).catch((e: unknown) => e);
      expect(error, why).toBeInstanceOf(Error);
      expect(error, why).not.toBeInstanceOf(ProblemError);
    }
    const vendor = await createUser(app, { role: "finance" });
    await expect(post(movement("claim_approved", vendor.id, 5))).rejects.toThrow(/not a partner user/);
    await expect(postLedgerTransaction(app.ctx.db, movement("claim_approved", userId, 5))).rejects.toThrow(/inside the caller's transaction/);
    expect({ tx: await count("ledger_transactions"), entries: await count("ledger_entries") }).toEqual(before);
  });

  it("refuses to take a rep below zero with 422 insufficient_points and changes nothing", async () => {
    const userId = await rep();
    await post(movement("claim_approved", userId, 50));
    const before = { tx: await count("ledger_transactions"), balance: await repBalance(app.ctx.db, userId) };
    for (const kind of ["redemption_requested", "expiry", "claim_reversed", "adjustment"] as const) {
      const error = await post(movement(kind, userId, kind === "adjustment" ? -51 : 51)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProblemError);
      expect(error).toMatchObject({ status: 422, code: "insufficient_points" });
    }
    await expect(post(movement("redemption_fulfilled", userId, 1))).rejects.toMatchObject({ code: "insufficient_points" });
    expect({ tx: await count("ledger_transactions"), balance: await repBalance(app.ctx.db, userId) }).toEqual(before);
  });

  it("moves points through a redemption's life and keeps the partner rollup's redeemed and expired", async () => {
    const userId = await rep(partnerB);
    await post(movement("claim_approved", userId, 1000));
    await post(movement("redemption_requested", userId, 300));
    expect(await repBalance(app.ctx.db, userId)).toEqual({ available: 700, reserved: 300, lifetimeEarned: 1000 });
    await post(movement("redemption_cancelled", userId, 100));
    await post(movement("redemption_fulfilled", userId, 200));
    await post(movement("expiry", userId, 50));
    await post(movement("claim_reversed", userId, 150));
    await post(movement("adjustment", userId, 25));
    expect(await repBalance(app.ctx.db, userId)).toEqual({
      available: 1000 - 300 + 100 - 50 - 150 + 25,
      reserved: 0,
      lifetimeEarned: 1000 - 150 + 25,
    });
    const month = new Date().toISOString().slice(0, 7);
    const [cost] = await incentiveCostByPartner(app.ctx.db, { fromMonth: month, toMonth: month, partnerIds: [partnerB] });
    expect(cost).toMatchObject({
      partnerId: partnerB,
      month,
      earnedPoints: 875,
      redeemedPoints: 200,
      expiredPoints: 50,
      earnedValueMinor: 875,
      currency: "EUR",
    });
    expect(await verifyLedger(app.ctx.db)).toMatchObject({ ok: true, unbalancedTransactions: [], accountMismatches: [], rollupMismatches: [] });
  });

  it("lists a rep's statement newest first with the running balance, page by page", async () => {
    const userId = await rep();
    const amounts = [100, 40, -30, 25, -5];
    for (const [i, amount] of amounts.entries()) {
      await post(amount > 0 ? movement("claim_approved", userId, amount, `c${i}`) : movement("claim_reversed", userId, -amount, `c${i}`));
    }
    await post(movement("redemption_requested", userId, 60, "r1"));
    const first = await repStatement(app.ctx.db, userId, { limit: 3 });
    expect(first.items.map((line) => [line.account, line.points, line.balanceAfter, line.kind])).toEqual([
      ["reserved", 60, 60, "redemption_requested"],
      ["available", -60, 70, "redemption_requested"],
      ["available", -5, 130, "claim_reversed"],
    ]);
    expect(first.nextCursor).not.toBeNull();
    const rest = await repStatement(app.ctx.db, userId, { limit: 50, cursor: first.nextCursor ?? undefined });
    expect(rest.items.map((line) => [line.points, line.balanceAfter, line.sourceId])).toEqual([
      [25, 135, "c3"],
      [-30, 110, "c2"],
      [40, 140, "c1"],
      [100, 100, "c0"],
    ]);
    expect(rest.nextCursor).toBeNull();
  });

  it("ranks reps per quarter and month from the rollups, by region and partner, ties sharing a rank", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-02-10T12:00:00Z"));
    const [a1, a2, b1, b2] = [await rep(partnerA), await rep(partnerA), await rep(partnerB), await rep(partnerB)];
    await post(movement("claim_approved", a1, 300));
    await post(movement("claim_approved", a2, 500));
    await post(movement("claim_approved", b1, 300));
    await post(movement("claim_approved", b2, 40));
    await post(movement("claim_reversed", b2, 40));
    vi.setSystemTime(new Date("2031-03-31T23:59:59Z"));
    await post(movement("claim_approved", b1, 100));
    vi.setSystemTime(new Date("2031-04-01T00:00:00Z"));
    await post(movement("claim_approved", a1, 1000));

    const quarter = await leaderboard(app.ctx.db, { quarter: "2031-Q1", limit: 100 });
    expect(quarter.map((row) => [row.rank, row.userId, row.points])).toEqual([
      [1, a2, 500],
      [2, b1, 400],
      [3, a1, 300],
    ]);
    expect(quarter[1]).toMatchObject({ partnerId: partnerB, region: "APAC" });
    expect((await leaderboard(app.ctx.db, { quarter: "2031-Q1", region: "APAC" })).map((row) => row.userId)).toEqual([b1]);
    expect((await leaderboard(app.ctx.db, { quarter: "2031-Q1", partnerId: partnerA })).map((row) => row.userId)).toEqual([a2, a1]);
    expect((await leaderboard(app.ctx.db, { quarter: "2031-Q2" })).map((row) => [row.rank, row.userId])).toEqual([[1, a1]]);
    const february = await leaderboard(app.ctx.db, { month: "2031-02" });
    expect(february.map((row) => [row.rank, row.points])).toEqual([
      [1, 500],
      [2, 300],
      [2, 300],
    ]);
    expect((await leaderboard(app.ctx.db, { month: "2031-02", limit: 1 })).map((row) => row.userId)).toEqual([a2]);

    const costs = await incentiveCostByPartner(app.ctx.db, { fromMonth: "2031-02", toMonth: "2031-04", partnerIds: [partnerA, partnerB] });
    expect(costs.map((row) => [row.month, row.partnerId === partnerA ? "A" : "B", row.earnedPoints])).toEqual(
      expect.arrayContaining([
        ["2031-02", "A", 800],
        ["2031-02", "B", 300],
        ["2031-03", "B", 100],
        ["2031-04", "A", 1000],
      ]),
    );
    expect(costs).toHaveLength(4);
    expect(await incentiveCostByPartner(app.ctx.db, { fromMonth: "2031-02", toMonth: "2031-04", partnerIds: [] })).toEqual([]);
    expect((await verifyLedger(app.ctx.db)).ok).toBe(true);
  });

  it("values liability and cost at the program's point value", async () => {
    const before = await liability(app.ctx.db);
    const userId = await rep();
    await post(movement("claim_approved", userId, 2001));
    await post(movement("redemption_requested", userId, 1));
    await updateIncentiveSettings(app.ctx, systemActor, { valueMinorPer1000Points: 2500, currency: "USD" }, "test");
    const after = await liability(app.ctx.db);
    expect(after.points - before.points).toBe(2001);
    expect(after.reservedPoints - before.reservedPoints).toBe(1);
    expect(after).toMatchObject({ currency: "USD", valueMinor: Math.round((after.points * 2500) / 1000) });
    const month = new Date().toISOString().slice(0, 7);
    const cost = (await incentiveCostByPartner(app.ctx.db, { fromMonth: month, toMonth: month, partnerIds: [partnerA] }))[0];
    expect(cost?.earnedValueMinor).toBe(Math.round(((cost?.earnedPoints ?? 0) * 2500) / 1000));
    await updateIncentiveSettings(app.ctx, systemActor, { valueMinorPer1000Points: 1000, currency: "EUR" }, "test");
  });

  it("finds tampering: a changed balance, a lost entry, a changed rollup", async () => {
    const userId = await rep();
    const id = await post(movement("claim_approved", userId, 70));
    expect((await verifyLedger(app.ctx.db)).ok).toBe(true);
    const account = await app.ctx.db.selectFrom("ledger_accounts").select("id").where("user_id", "=", userId).executeTakeFirstOrThrow();
    await app.ctx.db.updateTable("ledger_accounts").set({ balance: 71 }).where("id", "=", account.id).execute();
    const changed = await verifyLedger(app.ctx.db);
    expect(changed.ok).toBe(false);
    expect(changed.accountMismatches).toContainEqual({ accountId: account.id, stored: 71, computed: 70, what: "balance" });
    await app.ctx.db.updateTable("ledger_accounts").set({ balance: 70 }).where("id", "=", account.id).execute();

    await app.ctx.db.updateTable("ledger_rep_months").set({ earned: 69 }).where("user_id", "=", userId).execute();
    expect((await verifyLedger(app.ctx.db)).rollupMismatches).toEqual([expect.stringContaining(`ledger_rep_months ${userId}/`)]);
    await app.ctx.db.updateTable("ledger_rep_months").set({ earned: 70 }).where("user_id", "=", userId).execute();

    await app.ctx.db.deleteFrom("ledger_entries").where("transaction_id", "=", id).where("account_id", "=", "program:funding").execute();
    const lost = await verifyLedger(app.ctx.db);
    expect(lost.unbalancedTransactions).toEqual([id]);
    await app.ctx.db
      .insertInto("ledger_entries")
      .values({
        id: `${id}-f`,
        transaction_id: id,
        account_id: "program:funding",
        amount: -70,
        balance_after: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    expect((await verifyLedger(app.ctx.db)).ok).toBe(true);
  });

  it("writes a rep's movements of one millisecond 1 ms apart on every path, so balance_after runs in order", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-06-30T23:59:59.990Z"));
    const userId = await rep();
    // The first claim opens the account (at the frozen time) and is written 1 ms later; on PostgreSQL
    // the next claim and the expiry take the one-statement path, the reservation (two rep accounts)
    // the general one.
    await post(movement("claim_approved", userId, 100, "same-ms-1"));
    await post(movement("claim_approved", userId, 50, "same-ms-2"));
    await post(movement("redemption_requested", userId, 30, "same-ms-3"));
    await post(movement("expiry", userId, 20, "same-ms-4"));
    const points = await app.ctx.db
      .selectFrom("ledger_entries as e")
      .innerJoin("ledger_accounts as a", "a.id", "e.account_id")
      .select(["e.created_at", "e.balance_after"])
      .where("a.user_id", "=", userId)
      .where("a.kind", "=", "rep_points")
      .orderBy("e.created_at")
      .execute();
    expect(points.map((entry) => [entry.created_at, Number(entry.balance_after)])).toEqual([
      ["2031-06-30T23:59:59.991Z", 100],
      ["2031-06-30T23:59:59.992Z", 150],
      ["2031-06-30T23:59:59.993Z", 120],
      ["2031-06-30T23:59:59.994Z", 100],
    ]);
    const months = await app.ctx.db.selectFrom("ledger_rep_months").select(["month", "earned"]).where("user_id", "=", userId).execute();
    expect(months.map((row) => [row.month, Number(row.earned)])).toEqual([["2031-06", 150]]);
    expect((await verifyLedger(app.ctx.db)).ok).toBe(true);

    // A clock behind the account's last movement (another server's, or one set back) cannot put a
    // movement before it: it is written 1 ms after, in that movement's month.
    vi.setSystemTime(new Date("2031-06-30T23:59:59.000Z"));
    await post(movement("claim_approved", userId, 5, "same-ms-5"));
    const last = await app.ctx.db
      .selectFrom("ledger_transactions")
      .select("created_at")
      .where("source_id", "=", "same-ms-5")
      .executeTakeFirstOrThrow();
    expect(last.created_at).toBe("2031-06-30T23:59:59.995Z");
    expect((await repBalance(app.ctx.db, userId)).available).toBe(105);
    expect((await verifyLedger(app.ctx.db)).ok).toBe(true);
  });

  it("holds the balance CHECK in the database itself, on both engines", async () => {
    const userId = await rep();
    await post(movement("claim_approved", userId, 5));
    await expect(
      app.ctx.db.updateTable("ledger_accounts").set({ balance: -1 }).where("user_id", "=", userId).where("kind", "=", "rep_points").execute(),
    ).rejects.toThrow(/check/i);
  });
});
