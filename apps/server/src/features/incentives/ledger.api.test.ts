import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { movement } from "../../testing/ledger.js";
import { postLedgerTransaction, verifyLedger } from "./ledger.service.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];

describe.each(testEngines)("incentives ledger API on %s", (engine) => {
  let app: TestApp;
  let partnerId: string;
  let otherPartnerId: string;
  let finance: Awaited<ReturnType<typeof signedIn>>;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let rep: Awaited<ReturnType<typeof signedIn>>;
  let teamAdmin: Client;
  let otherRepId: string;
  let keyCounter = 0;

  beforeAll(async () => {
    app = await createTestApp(engine);
    partnerId = (await createPartner(app)).id;
    otherPartnerId = (await createPartner(app)).id;
    finance = await signedIn(app, "finance");
    admin = await signedIn(app, "vendor_admin");
    rep = await signedIn(app, "sales_rep", partnerId);
    teamAdmin = (await signedIn(app, "partner_admin", partnerId)).client;
    otherRepId = (await createUser(app, { role: "sales_rep", partnerId: otherPartnerId })).id;
  });
  afterAll(async () => app.close());

  const key = () => ({ "idempotency-key": `test-key-${engine}-${++keyCounter}` });
  const adjust = (client: Client, body: object, headers: Record<string, string> = key()) =>
    client.post("/api/v1/incentives/adjustments", body, headers);
  const audits = async (action: string) => app.ctx.db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();

  it("serves the program settings to everyone and lets finance change them, audited", async () => {
    const defaults = await rep.client.get("/api/v1/incentives/settings");
    expect(defaults.statusCode).toBe(200);
    expect(defaults.json()).toMatchObject({
      valueMinorPer1000Points: 1000,
      currency: "EUR",
      expiryMonths: 24,
      expiryWarningDays: 30,
      claimWindowDays: 60,
      autoApproveUpToPoints: 0,
    });
    const changed = await finance.client.put("/api/v1/incentives/settings", { valueMinorPer1000Points: 500, autoApproveUpToPoints: 200 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ valueMinorPer1000Points: 500, autoApproveUpToPoints: 200, currency: "EUR", expiryMonths: 24 });
    expect((await rep.client.get("/api/v1/incentives/settings")).json()).toMatchObject({ valueMinorPer1000Points: 500 });
    expect(await audits("incentive_settings.update")).toHaveLength(1);
    const bad = await finance.client.put("/api/v1/incentives/settings", { currency: "euro", expiryMonths: 0 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(["body.currency", "body.expiryMonths"]);
    expect((await rep.client.put("/api/v1/incentives/settings", { expiryMonths: 12 })).statusCode).toBe(403);
  });

  it("adjusts a rep's points with a reason and another approver, audited, and answers with the balance", async () => {
    const response = await adjust(finance.client, { userId: rep.user.id, points: 250, reason: "Trade show bonus", approverId: admin.user.id });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      userId: rep.user.id,
      points: 250,
      reason: "Trade show bonus",
      approverId: admin.user.id,
      balance: { userId: rep.user.id, available: 250, reserved: 0, lifetimeEarned: 250 },
    });
    const tx = await app.ctx.db.selectFrom("ledger_transactions").selectAll().where("id", "=", body.transactionId).executeTakeFirstOrThrow();
    expect(tx).toMatchObject({ kind: "adjustment", reason: "Trade show bonus", created_by: finance.user.id, approved_by: admin.user.id });
    const [audit] = (await audits("incentives.adjust")).filter((row) => row.entity_id === body.transactionId);
    expect(audit).toMatchObject({ actor_user_id: finance.user.id, partner_id: partnerId });
    expect(JSON.parse(audit?.after_json ?? "{}")).toEqual({
      userId: rep.user.id,
      points: 250,
      reason: "Trade show bonus",
      approverId: admin.user.id,
    });

    const taken = await adjust(finance.client, { userId: rep.user.id, points: -50, reason: "Duplicate sale", approverId: admin.user.id });
    expect(taken.json().balance).toMatchObject({ available: 200, lifetimeEarned: 200 });
  });

  it("refuses an adjustment without a key, approved by oneself, by someone who may not adjust, or for a non-rep", async () => {
    const before = (await app.ctx.db.selectFrom("ledger_transactions").select("id").execute()).length;
    const good = { userId: rep.user.id, points: 10, reason: "Missed sale", approverId: admin.user.id };
    const noKey = await adjust(finance.client, good, {});
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json()).toMatchObject({ code: "idempotency_key_required", fields: [{ path: "headers.idempotency-key" }] });

    const self = await adjust(finance.client, { ...good, approverId: finance.user.id });
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ code: "business_rule", fields: [{ path: "body.approverId" }] });

    const manager = await createUser(app, { role: "channel_manager" });
    const partnerUser = await createUser(app, { role: "partner_admin", partnerId });
    const gone = await createUser(app, { role: "finance", status: "deactivated" });
    for (const approverId of [manager.id, partnerUser.id, gone.id, "no-such-user"]) {
      const response = await adjust(finance.client, { ...good, approverId });
      expect(response.statusCode, approverId).toBe(400);
      expect(response.json().fields).toEqual([{ path: "body.approverId", message: expect.any(String) }]);
    }
    const technician = await createUser(app, { role: "technician", partnerId });
    for (const userId of [technician.id, manager.id, "no-such-user"]) {
      const response = await adjust(finance.client, { ...good, userId });
      expect(response.statusCode, userId).toBe(400);
      expect(response.json().fields).toEqual([{ path: "body.userId", message: expect.any(String) }]);
    }
    const zero = await adjust(finance.client, { ...good, points: 0 });
    expect(zero.statusCode).toBe(400);
    expect((await adjust(rep.client, good)).statusCode).toBe(403);
    expect((await app.ctx.db.selectFrom("ledger_transactions").select("id").execute()).length).toBe(before);
  });

  it("refuses to take more than the rep has with 422 insufficient_points, and the key stays free for a corrected retry", async () => {
    const target = await createUser(app, { role: "sales_rep", partnerId });
    const headers = key();
    const tooMuch = await adjust(finance.client, { userId: target.id, points: -1, reason: "Clawback", approverId: admin.user.id }, headers);
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json()).toMatchObject({ code: "insufficient_points" });
    expect(await app.ctx.db.selectFrom("idempotency_keys").select("key").where("key", "=", headers["idempotency-key"]).execute()).toEqual([]);
    const corrected = await adjust(finance.client, { userId: target.id, points: 1, reason: "Clawback reversed", approverId: admin.user.id }, headers);
    expect(corrected.statusCode).toBe(201);
  });

  it("replays a retried adjustment and refuses the same key for a different one", async () => {
    const headers = key();
    const body = { userId: rep.user.id, points: 7, reason: "Retry safe", approverId: admin.user.id };
    const first = await adjust(finance.client, body, headers);
    const again = await adjust(finance.client, { approverId: admin.user.id, reason: "Retry safe", points: 7, userId: rep.user.id }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const rows = await app.ctx.db.selectFrom("ledger_transactions").select("id").where("reason", "=", "Retry safe").execute();
    expect(rows).toHaveLength(1);
    const reused = await adjust(finance.client, { ...body, points: 8 }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: "idempotency_key_reused" });
    // Keys are per actor: the same key from someone else is their own request.
    const otherActor = await adjust(admin.client, { ...body, approverId: finance.user.id }, headers);
    expect(otherActor.statusCode).toBe(201);
    expect(otherActor.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("shows a rep its own balance and statement, a partner admin its team's, vendor users anyone's; others are 404", async () => {
    const own = await rep.client.get("/api/v1/incentives/balance");
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ userId: rep.user.id, available: expect.any(Number), reserved: 0 });
    expect((await rep.client.get(`/api/v1/incentives/balance?userId=${rep.user.id}`)).json()).toEqual(own.json());
    expect((await teamAdmin.get(`/api/v1/incentives/balance?userId=${rep.user.id}`)).json()).toEqual(own.json());
    expect((await finance.client.get(`/api/v1/incentives/balance?userId=${rep.user.id}`)).json()).toEqual(own.json());
    const colleague = await createUser(app, { role: "sales_rep", partnerId });
    for (const [client, url] of [
      [rep.client, `/api/v1/incentives/balance?userId=${colleague.id}`],
      [rep.client, `/api/v1/incentives/statement?userId=${colleague.id}`],
      [teamAdmin, `/api/v1/incentives/balance?userId=${otherRepId}`],
      [teamAdmin, `/api/v1/incentives/statement.csv?userId=${otherRepId}`],
      [finance.client, "/api/v1/incentives/balance?userId=no-such-user"],
    ] as const) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(404);
    }
    expect((await teamAdmin.get(`/api/v1/incentives/balance?userId=${colleague.id}`)).json()).toEqual({
      userId: colleague.id,
      available: 0,
      reserved: 0,
      lifetimeEarned: 0,
    });
  });

  it("pages the statement with running balances and exports it as CSV", async () => {
    const target = await createUser(app, { role: "sales_rep", partnerId });
    await app.ctx.db.transaction().execute(async (trx) => {
      await postLedgerTransaction(trx, movement("claim_approved", target.id, 100, "claim-a"));
      await postLedgerTransaction(trx, movement("redemption_requested", target.id, 30, "red-a"));
    });
    await adjust(finance.client, { userId: target.id, points: -20, reason: '=HYPERLINK("x")', approverId: admin.user.id });
    const first = await finance.client.get(`/api/v1/incentives/statement?userId=${target.id}&limit=2`);
    expect(first.statusCode).toBe(200);
    expect(
      first.json().items.map((line: { points: number; balanceAfter: number; account: string }) => [line.account, line.points, line.balanceAfter]),
    ).toEqual([
      ["available", -20, 50],
      ["reserved", 30, 30],
    ]);
    const next = await finance.client.get(`/api/v1/incentives/statement?userId=${target.id}&limit=2&cursor=${first.json().nextCursor}`);
    expect(next.json()).toMatchObject({
      nextCursor: null,
      items: [
        { points: -30, balanceAfter: 70 },
        { points: 100, balanceAfter: 100, sourceId: "claim-a" },
      ],
    });
    expect((await finance.client.get(`/api/v1/incentives/statement?userId=${target.id}&cursor=nonsense`)).statusCode).toBe(400);

    const csv = await teamAdmin.get(`/api/v1/incentives/statement.csv?userId=${target.id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\n");
    expect(lines[0]).toBe("at,account,points,balance_after,kind,source_type,source_id,memo,reason,transaction_id");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(",available,-20,50,adjustment,adjustment,");
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[4]).toContain(",available,100,100,claim_approved,claim,claim-a,");
    expect((await verifyLedger(app.ctx.db)).ok).toBe(true);
  });

  it("reports each partner's points and their value per month to finance, named, and refuses a bad range", async () => {
    // Everything this file posted happened this month: the month's earned points equal the reps' lifetime earned.
    const month = new Date().toISOString().slice(0, 7);
    const accounts = await app.ctx.db
      .selectFrom("ledger_accounts")
      .select(["earned"])
      .where("kind", "=", "rep_points")
      .where("partner_id", "=", partnerId)
      .execute();
    const earned = accounts.reduce((sum, account) => sum + Number(account.earned), 0);
    expect(earned).toBeGreaterThan(0);
    const settings = (await finance.client.get("/api/v1/incentives/settings")).json() as { valueMinorPer1000Points: number; currency: string };

    const response = await finance.client.get(`/api/v1/incentives/cost?fromMonth=${month}&toMonth=${month}`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      currency: string;
      items: { partnerId: string; partnerName: string; month: string; earnedPoints: number; earnedValueMinor: number }[];
    };
    const row = body.items.find((item) => item.partnerId === partnerId);
    expect(row).toMatchObject({ month, earnedPoints: earned });
    expect(row?.partnerName).not.toBe("");
    expect(row?.earnedValueMinor).toBe(Math.round((earned * settings.valueMinorPer1000Points) / 1000));
    expect(body.currency).toBe(settings.currency);

    const one = (await finance.client.get(`/api/v1/incentives/cost?fromMonth=${month}&toMonth=${month}&partnerId=${otherPartnerId}`)).json() as {
      items: { partnerId: string }[];
    };
    expect(one.items.every((item) => item.partnerId === otherPartnerId)).toBe(true);

    const backwards = await finance.client.get("/api/v1/incentives/cost?fromMonth=2026-05&toMonth=2026-04");
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().fields).toEqual([expect.objectContaining({ path: "querystring.toMonth" })]);
    expect((await finance.client.get("/api/v1/incentives/cost?fromMonth=2020-01&toMonth=2026-04")).statusCode).toBe(400);
    expect((await finance.client.get("/api/v1/incentives/cost?fromMonth=2026-13&toMonth=2026-04")).statusCode).toBe(400);
    expect((await rep.client.get(`/api/v1/incentives/cost?fromMonth=${month}&toMonth=${month}`)).statusCode).toBe(403);
  });
});
