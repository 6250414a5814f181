import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testEngines } from "../../testing/harness.js";
import {
  type ClaimWorld,
  claimBody,
  claimWorld,
  daysAgo,
  freshSerials,
  insertRule,
  setAutoApproveUpTo,
  signedInAs,
  withKey,
} from "./claims-fixtures.js";
import { claimRevenueByPartner } from "./claims-revenue.js";
import { postLedgerTransaction, verifyLedger } from "./ledger.service.js";

const claims = "/api/v1/incentives/claims";

describe.each(testEngines)("claim review on %s", (engine) => {
  let app: TestApp;
  let w: ClaimWorld;

  beforeAll(async () => {
    app = await createTestApp(engine);
    w = await claimWorld(app);
    await insertRule(app, { kind: "per_unit", points: 50, family_id: w.nvrFamily, name: "NVR base" });
    await setAutoApproveUpTo(app, 0);
  });
  afterAll(async () => app.close());

  const balance = async (client = w.repA.client) => (await client.get("/api/v1/incentives/balance")).json().available as number;
  const file = async (serials = freshSerials("NVR", 2), client = w.repA.client, over: Record<string, unknown> = {}) => {
    const response = await client.post(claims, claimBody(w.nvr, serials, over), withKey());
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; status: string; points: number };
  };
  const decide = (id: string, action: "approve" | "reject" | "reverse", body: object = {}, key = withKey()) =>
    w.finance.client.post(`${claims}/${id}/${action}`, body, key);
  const auditActions = async (id: string) =>
    (await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", id).orderBy("id").execute()).map((a) => a.action);

  it("with the threshold at 0 queues every claim", async () => {
    expect((await file()).status).toBe("pending");
  });

  it("approves a pending claim: points move funding -> rep_points, once per key", async () => {
    const claim = await file();
    const before = await balance();
    const keyless = await w.finance.client.post(`${claims}/${claim.id}/approve`, {});
    expect(keyless.statusCode).toBe(400);
    expect(keyless.json().code).toBe("idempotency_key_required");
    const key = withKey();
    const approved = await decide(claim.id, "approve", { note: "invoice checked" }, key);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", points: 100, decidedBy: { id: w.finance.id }, decisionReason: "invoice checked" });
    expect(await balance()).toBe(before + 100);
    const replay = await decide(claim.id, "approve", { note: "invoice checked" }, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(await balance()).toBe(before + 100);
    const twice = await decide(claim.id, "approve");
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("invalid_state");
    const transactions = await app.ctx.db.selectFrom("ledger_transactions").select("kind").where("source_id", "=", claim.id).execute();
    expect(transactions).toEqual([{ kind: "claim_approved" }]);
    expect(await auditActions(claim.id)).toEqual(["incentive_claim.submit", "incentive_claim.approve"]);
  });

  it("rejects with a reason and frees the serials for a correct claim", async () => {
    const serials = freshSerials("NVR", 2);
    const claim = await file(serials);
    expect((await decide(claim.id, "reject", { reason: "" })).statusCode).toBe(400);
    const rejected = await decide(claim.id, "reject", { reason: "Invoice is for another reseller" });
    expect(rejected.json()).toMatchObject({ status: "rejected", decisionReason: "Invoice is for another reseller" });
    expect(await app.ctx.db.selectFrom("ledger_transactions").select("id").where("source_id", "=", claim.id).execute()).toEqual([]);
    expect((await file(serials, w.repA2.client)).status).toBe("pending");
    expect((await decide(claim.id, "reverse", { reason: "not approved" })).statusCode).toBe(409);
    expect(await auditActions(claim.id)).toEqual(["incentive_claim.submit", "incentive_claim.reject"]);
  });

  it("reverses an approved claim with a reversing movement; its serials stay claimed", async () => {
    const serials = freshSerials("NVR", 2);
    const claim = await file(serials);
    await decide(claim.id, "approve");
    const before = await balance();
    const reversed = await decide(claim.id, "reverse", { reason: "Duplicate of an earlier invoice" });
    expect(reversed.statusCode).toBe(200);
    expect(reversed.json()).toMatchObject({
      status: "reversed",
      reversedPoints: 100,
      shortfallPoints: 0,
      reversalReason: "Duplicate of an earlier invoice",
    });
    expect(await balance()).toBe(before - 100);
    const movements = await app.ctx.db
      .selectFrom("ledger_transactions")
      .select(["kind", "reason"])
      .where("source_id", "=", claim.id)
      .orderBy("created_at")
      .execute();
    expect(movements).toEqual([
      { kind: "claim_approved", reason: null },
      { kind: "claim_reversed", reason: "Duplicate of an earlier invoice" },
    ]);
    const again = await w.repA2.client.post(claims, claimBody(w.nvr, serials), withKey());
    expect(again.statusCode).toBe(409);
    expect(await auditActions(claim.id)).toEqual(["incentive_claim.submit", "incentive_claim.approve", "incentive_claim.reverse"]);
  });

  it("reverses what a rep still has when it spent the points, and recovers the rest from its next claims", async () => {
    const rep = await signedInAs(app, "sales_rep", w.partnerA);
    const first = await file(freshSerials("NVR", 4), rep.client);
    await decide(first.id, "approve");
    expect(await balance(rep.client)).toBe(200);
    // The rep spends 150 of its 200 points (an expiry stands in for any spending movement).
    await app.ctx.db.transaction().execute((trx) =>
      postLedgerTransaction(trx, {
        kind: "expiry",
        sourceType: "test",
        sourceId: first.id,
        lines: [
          { account: { kind: "rep_points", userId: rep.id }, amount: -150 },
          { account: { kind: "expired" }, amount: 150 },
        ],
      }),
    );
    const reversed = await decide(first.id, "reverse", { reason: "Sale was cancelled" });
    expect(reversed.json()).toMatchObject({ status: "reversed", reversedPoints: 50, shortfallPoints: 150 });
    expect(await balance(rep.client)).toBe(0);

    // Next approved claim (100 points): all 100 go to what is owed; the one after (100): 50 more, 50 kept.
    const second = await file(freshSerials("NVR", 2), rep.client);
    await decide(second.id, "approve");
    expect(await balance(rep.client)).toBe(0);
    const third = await file(freshSerials("NVR", 2), rep.client);
    await decide(third.id, "approve");
    expect(await balance(rep.client)).toBe(50);
    const owed = await app.ctx.db
      .selectFrom("incentive_points_owed")
      .select(["points_owed", "points_recovered"])
      .where("user_id", "=", rep.id)
      .execute();
    expect(owed.map((o) => [Number(o.points_owed), Number(o.points_recovered)])).toEqual([[150, 150]]);
    const check = await verifyLedger(app.ctx.db);
    expect(check.ok, JSON.stringify(check)).toBe(true);
  });

  it("scores again at approval: caps count approved claims, a launch bonus goes to the first approved", async () => {
    const launch = await insertRule(app, { kind: "launch_bonus", points: 500, product_id: w.cam, name: "Camera launch" });
    await insertRule(app, { kind: "per_unit", points: 40, family_id: w.camFamily, monthly_cap_points: 100, name: "Camera capped" });
    const body = (serials: string[]) => claimBody(w.cam, serials, { invoiceDate: daysAgo(2) });
    const a = (await w.repA.client.post(claims, body(freshSerials("CAM", 2)), withKey())).json();
    const b = (await w.repA.client.post(claims, body(freshSerials("CAM", 2)), withKey())).json();
    const c = (await w.repA2.client.post(claims, body(freshSerials("CAM", 1)), withKey())).json();
    // Each was scored alone: 80 base + 500 launch (nothing approved yet).
    expect([a.points, b.points]).toEqual([580, 580]);
    const approvedB = (await decide(b.id, "approve")).json();
    expect(approvedB.points).toBe(580);
    // a: the launch bonus is gone, and only 20 of the cap's 100 are left this month.
    const approvedA = (await decide(a.id, "approve")).json();
    expect(approvedA.points).toBe(20);
    expect(approvedA.score).toEqual([
      expect.objectContaining({ ruleName: "Camera capped", points: 20, why: expect.stringContaining("capped at 100") }),
    ]);
    // Another rep has its own cap: 40.
    expect((await decide(c.id, "approve")).json().points).toBe(40);
    const grants = await app.ctx.db.selectFrom("incentive_launch_grants").select(["claim_id"]).where("rule_id", "=", launch).execute();
    expect(grants).toEqual([{ claim_id: b.id }]);
  });

  it("reports approved claims' net amounts per partner and month of sale, without reversed ones", async () => {
    const month = daysAgo(1).slice(0, 7);
    const approved = await app.ctx.db
      .selectFrom("incentive_claims")
      .innerJoin("incentive_claim_lines", "incentive_claim_lines.claim_id", "incentive_claims.id")
      .select([
        "incentive_claims.partner_id",
        "incentive_claims.sale_month",
        "incentive_claim_lines.quantity",
        "incentive_claim_lines.unit_net_minor",
      ])
      .where("incentive_claims.status", "=", "approved")
      .execute();
    const expected = new Map<string, number>();
    for (const row of approved) {
      const key = `${row.partner_id}|${row.sale_month}`;
      expected.set(key, (expected.get(key) ?? 0) + Number(row.quantity) * Number(row.unit_net_minor));
    }
    const report = await claimRevenueByPartner(app.ctx.db, { fromMonth: daysAgo(90).slice(0, 7), toMonth: month });
    expect(new Map(report.map((r) => [`${r.partnerId}|${r.month}`, r.netAmountMinor]))).toEqual(expected);
    expect(report.every((r) => r.currency === "USD")).toBe(true);
    expect(await claimRevenueByPartner(app.ctx.db, { fromMonth: month, toMonth: month, partnerIds: [w.partnerB] })).toEqual([]);
  });

  it("lets only reviewers decide", async () => {
    const claim = await file();
    for (const client of [w.repA.client, w.adminA.client, w.marketing.client]) {
      expect((await client.post(`${claims}/${claim.id}/approve`, {}, withKey())).statusCode).toBe(403);
    }
    expect((await decide("00000000-0000-7000-8000-000000000000", "approve")).statusCode).toBe(404);
  });
});
