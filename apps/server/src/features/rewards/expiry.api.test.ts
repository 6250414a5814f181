import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runOnce, slotOf } from "../../platform/jobs/runner.js";
import { as, createPartner, createTestApp, createUser, login, type TestApp, testEngines } from "../../testing/harness.js";
import { movement } from "../../testing/ledger.js";
import { createRewardItem, expectLedgerBalanced, grantPoints, key } from "../../testing/rewards.js";
import { postLedgerTransaction } from "../incentives/ledger.service.js";
import { batchesToWarn, pointsExpiryJob, runPointsExpiry } from "./expiry.service.js";

// Points expire on the first day of month M + N + 1 for points earned in month M (N = 24 by
// default), spent oldest first (FIFO). Every figure below is worked out by hand in the comments;
// the clock is faked (Date only) so each movement is posted on the day the story says.

describe("which batches are warned of", () => {
  it("names each batch whose expiry day falls within the warning period", () => {
    expect(batchesToWarn(new Date("2026-06-05T03:00:00Z"), 24, 30)).toEqual([
      { earnedMonth: "2024-06", expiresOn: "2026-07-01T00:00:00.000Z", youngerFrom: "2024-07-01T00:00:00.000Z" },
    ]);
    expect(batchesToWarn(new Date("2026-06-05T03:00:00Z"), 24, 20)).toEqual([]);
    expect(batchesToWarn(new Date("2026-06-05T03:00:00Z"), 12, 60).map((batch) => batch.earnedMonth)).toEqual(["2025-06", "2025-07"]);
  });
});

describe.each(testEngines)("points expiry on %s", (engine) => {
  let app: TestApp;
  let a: { id: string; email: string };
  let b: { id: string; email: string };
  let c: { id: string; email: string };
  let financeEmail: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    const partner = await createPartner(app, { name: "Patient Reseller" });
    a = await createUser(app, { role: "sales_rep", partnerId: partner.id, name: "Ada" });
    b = await createUser(app, { role: "sales_rep", partnerId: partner.id, name: "Bo" });
    c = await createUser(app, { role: "partner_admin", partnerId: partner.id, name: "Cy" });
    financeEmail = (await createUser(app, { role: "finance" })).email;
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => app.close());

  const on = (iso: string) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(iso));
  };
  const client = async (email: string) => as(app, await login(app, email));
  const available = async (userId: string) => {
    const response = await (await client(financeEmail)).get(`/api/v1/incentives/balance?userId=${userId}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { available: number; reserved: number };
  };
  const expiredTotal = async () =>
    Number(
      (
        await app.ctx.db
          .selectFrom("ledger_entries")
          .select((eb) => eb.fn.sum<number>("amount").as("total"))
          .where("account_id", "=", "program:expired")
          .executeTakeFirstOrThrow()
      ).total ?? 0,
    );
  const warnings = async () =>
    (await app.ctx.db.selectFrom("reward_expiry_warnings").select(["user_id", "earned_month", "points"]).orderBy("warned_at").execute()).map(
      (row) => `${row.user_id === a.id ? "A" : row.user_id === b.id ? "B" : "C"} ${row.earned_month} ${row.points}`,
    );
  async function run(iso: string) {
    on(iso);
    const result = await runPointsExpiry(app.ctx);
    await expectLedgerBalanced(app);
    return result;
  }

  it("expires unspent points month by month, oldest spent first, warns once per batch, and writes nothing twice", async () => {
    on("2024-01-15T10:00:00Z");
    await grantPoints(app.ctx.db, a.id, 100); // A: Jan 2024 +100
    on("2024-02-10T10:00:00Z");
    await grantPoints(app.ctx.db, b.id, 500); // B: Feb 2024 +500
    on("2024-03-10T10:00:00Z");
    await grantPoints(app.ctx.db, a.id, 200); // A: Mar 2024 +200
    on("2024-05-20T10:00:00Z");
    await grantPoints(app.ctx.db, b.id, 400); // B: May 2024 +400
    on("2024-05-25T10:00:00Z");
    // B: a claim reversed, -100: under FIFO it consumes the oldest points (Feb: 400 left).
    await app.ctx.db.transaction().execute((trx) => postLedgerTransaction(trx, movement("claim_reversed", b.id, 100, "reversal-1")));
    on("2024-06-05T10:00:00Z");
    await grantPoints(app.ctx.db, a.id, 300); // A: Jun 2024 +300

    // A redeems 150 and finance fulfils it: Jan's 100 and 50 of Mar are spent. A: 450 available.
    on("2024-08-01T10:00:00Z");
    const finance = await client(financeEmail);
    const card = await createRewardItem(finance, { name: "Gift card 150", pointCost: 150 });
    const byA = await (await client(a.email)).post("/api/v1/rewards/redemptions", { rewardId: card.id, quantity: 1 }, key());
    expect(byA.statusCode, byA.body).toBe(201);
    await finance.post(`/api/v1/rewards/redemptions/${byA.json().id}/approve`);
    expect((await finance.post(`/api/v1/rewards/redemptions/${byA.json().id}/fulfil`, { method: "delivered" }, key())).statusCode).toBe(200);
    // B reserves 300 (Feb: 100 left unspent); it stays requested.
    on("2024-09-01T10:00:00Z");
    const twoCards = await (await client(b.email)).post("/api/v1/rewards/redemptions", { rewardId: card.id, quantity: 2 }, key());
    expect(twoCards.statusCode, twoCards.body).toBe(201);
    on("2025-01-10T10:00:00Z");
    await grantPoints(app.ctx.db, c.id, 50); // C: Jan 2025 +50

    // 1 Feb 2026: Jan 2024 points expire today; A spent them all. Feb 2024 expires 1 Mar, within 30 days:
    // B still holds 100 of it (500 available - 400 earned since Mar 2024) and is warned.
    expect(await run("2026-02-01T03:00:00Z")).toEqual({ expiredReps: 0, expiredPoints: 0, warnings: 1 });
    expect(await warnings()).toEqual(["B 2024-02 100"]);
    expect(await run("2026-02-01T03:05:00Z")).toEqual({ expiredReps: 0, expiredPoints: 0, warnings: 0 });

    // 1 Mar 2026: B's Feb batch goes: 500 - 400 = 100. A: 450 - 500 earned since Mar 2024 → nothing.
    expect(await run("2026-03-01T03:00:00Z")).toEqual({ expiredReps: 1, expiredPoints: 100, warnings: 0 });
    expect(await available(b.id)).toEqual(expect.objectContaining({ available: 400, reserved: 300 }));
    expect(await available(a.id)).toEqual(expect.objectContaining({ available: 450 }));

    // 2 Mar: finance cancels B's redemption; the 300 come back, and under FIFO they are the oldest
    // points B had (Feb 2024), already past their date: the next run expires them.
    on("2026-03-02T09:00:00Z");
    const cancelled = await (await client(financeEmail)).post(
      `/api/v1/rewards/redemptions/${twoCards.json().id}/cancel`,
      { reason: "Out of cards" },
      key(),
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    // 3 Mar: B 700 - 400 = 300 expire. Mar 2024 (expires 1 Apr) is within 30 days: A holds 450 - 300 = 150 of it.
    expect(await run("2026-03-03T03:00:00Z")).toEqual({ expiredReps: 1, expiredPoints: 300, warnings: 1 });
    expect(await available(b.id)).toEqual(expect.objectContaining({ available: 400, reserved: 0 }));

    // 1 Apr: A's 150 of Mar 2024 go.
    expect(await run("2026-04-01T03:00:00Z")).toEqual({ expiredReps: 1, expiredPoints: 150, warnings: 0 });
    expect(await available(a.id)).toEqual(expect.objectContaining({ available: 300 }));
    // 10 May: B's 400 of May 2024 expire on 1 Jun: warned.
    expect(await run("2026-05-10T03:00:00Z")).toEqual({ expiredReps: 0, expiredPoints: 0, warnings: 1 });
    // 5 Jun: B's May batch went on 1 Jun (400); A's Jun batch (300) expires 1 Jul: warned.
    expect(await run("2026-06-05T03:00:00Z")).toEqual({ expiredReps: 1, expiredPoints: 400, warnings: 1 });
    expect(await run("2026-06-05T03:10:00Z")).toEqual({ expiredReps: 0, expiredPoints: 0, warnings: 0 });
    expect(await warnings()).toEqual(["B 2024-02 100", "A 2024-03 150", "B 2024-05 400", "A 2024-06 300"]);

    // The vendor shortens the period to 12 months: on 1 Jul points earned before Jul 2025 expire:
    // A's Jun 2024 (300) and C's Jan 2025 (50).
    on("2026-07-01T00:30:00Z");
    const settings = await (await client(financeEmail)).put("/api/v1/incentives/settings", { expiryMonths: 12 });
    expect(settings.statusCode, settings.body).toBe(200);
    expect(await run("2026-07-01T03:00:00Z")).toEqual({ expiredReps: 2, expiredPoints: 350, warnings: 0 });
    expect(await expiredTotal()).toBe(100 + 300 + 150 + 400 + 300 + 50);
    for (const rep of [a, b, c]) expect((await available(rep.id)).available).toBe(0);

    // The job, as the runner starts it, finds nothing left to do.
    on("2026-07-02T02:10:00Z");
    expect(await runOnce(app.ctx, pointsExpiryJob, slotOf(new Date()))).toBe("ran");
    expect(await runOnce(app.ctx, pointsExpiryJob, slotOf(new Date()))).toBe("skipped");
    expect(await expiredTotal()).toBe(1300);
    await expectLedgerBalanced(app);
  });

  it("tells the rep through the notification centre (and by mail), and shows the expiry on the statement", async () => {
    on("2026-07-02T09:00:00Z");
    const rep = await client(a.email);
    const inbox = await rep.get("/api/v1/notifications");
    expect(inbox.statusCode, inbox.body).toBe(200);
    const mine = (inbox.json().items as { kind: string; title: string; body: string; link: string }[]).filter(
      (item) => item.kind === "points_expiring",
    );
    expect(mine.map((item) => item.title)).toEqual(["300 points expire on 1 July 2026", "150 points expire on 1 April 2026"]);
    expect(mine[1]?.body).toContain("Points you earned in March 2024 expire on 1 April 2026");
    expect(mine[0]?.link).toBe("/portal/rewards");
    const mail = await app.ctx.db.selectFrom("mail_messages").select("subject").where("to_address", "=", a.email).execute();
    expect(mail.map((row) => row.subject)).toEqual(expect.arrayContaining(["150 points expire on 1 April 2026", "300 points expire on 1 July 2026"]));

    const statement = await rep.get("/api/v1/incentives/statement?limit=50");
    const expiries = (statement.json().items as { kind: string; points: number; at: string }[]).filter((line) => line.kind === "expiry");
    expect(expiries.map((line) => [line.at.slice(0, 10), line.points])).toEqual([
      ["2026-07-01", -300],
      ["2026-04-01", -150],
    ]);
  });
});
