import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { uuidv7 } from "../../platform/ids.js";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { balanceOf, type Client, createRewardItem, expectLedgerBalanced, grantPoints, key, stockOf } from "../../testing/rewards.js";

describe.each(testEngines)("redemptions on %s", (engine) => {
  let app: TestApp;
  let finance: Client;
  let manager: Client;
  let rep: Awaited<ReturnType<typeof signedIn>>;
  let colleague: Awaited<ReturnType<typeof signedIn>>;
  let partnerAdmin: Client;
  let otherRep: Awaited<ReturnType<typeof signedIn>>;
  let giftCard: { id: string; name: string };
  let jacket: { id: string; name: string };
  let tester: { id: string; name: string };

  beforeAll(async () => {
    app = await createTestApp(engine);
    const partner = await createPartner(app, { name: "Alpha Security" });
    const other = await createPartner(app, { name: "Beta Systems" });
    finance = (await signedIn(app, "finance")).client;
    manager = (await signedIn(app, "channel_manager")).client;
    rep = await signedIn(app, "sales_rep", partner.id);
    colleague = await signedIn(app, "sales_rep", partner.id);
    partnerAdmin = (await signedIn(app, "partner_admin", partner.id)).client;
    otherRep = await signedIn(app, "sales_rep", other.id);
    giftCard = await createRewardItem(finance, { name: "Gift card 100", pointCost: 100, stock: 10 });
    jacket = await createRewardItem(finance, { kind: "branded_gear", name: "Fleece jacket", pointCost: 250, stock: 2 });
    tester = await createRewardItem(finance, { kind: "tools_equipment", name: "PoE tester", pointCost: 5000, stock: 5 });
  });
  afterAll(async () => app.close());

  // Every rep starts each test with exactly 1,000 available points and nothing reserved.
  beforeEach(async () => {
    for (const user of [rep, colleague, otherRep]) {
      const { available, reserved } = await balanceOf(app, user.user.id);
      if (reserved !== 0) throw new Error("a test left points reserved");
      if (available !== 1000) await grantPoints(app.ctx.db, user.user.id, 1000 - available, "adjustment");
    }
  });

  const redeem = (client: Client, body: Record<string, unknown>, headers: Record<string, string> = key()) =>
    client.post("/api/v1/rewards/redemptions", body, headers);

  async function requested(client: Client = rep.client, body: Record<string, unknown> = { rewardId: giftCard.id, quantity: 2 }) {
    const response = await redeem(client, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; points: number; status: string; reserveTransactionId: string };
  }

  const auditActions = async (id: string) =>
    (await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", id).orderBy("at").orderBy("id").execute()).map(
      (row) => row.action,
    );

  it("reserves the points and takes the stock at once, in one audited step", async () => {
    const stockBefore = await stockOf(app, giftCard.id);
    const made = await requested();
    expect(made).toMatchObject({ status: "requested", quantity: 2, unitCost: 100, points: 200, reward: { id: giftCard.id, name: "Gift card 100" } });
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 800, reserved: 200 });
    expect(await stockOf(app, giftCard.id)).toBe((stockBefore ?? 0) - 2);
    expect(await auditActions(made.id)).toEqual(["redemption.request"]);
    const txn = await app.ctx.db.selectFrom("ledger_transactions").selectAll().where("id", "=", made.reserveTransactionId).executeTakeFirstOrThrow();
    expect(txn).toMatchObject({ kind: "redemption_requested", source_type: "redemption", source_id: made.id });
    await expectLedgerBalanced(app);
    // Leave the rep as found: cancel it.
    expect((await rep.client.post(`/api/v1/rewards/redemptions/${made.id}/cancel`, {}, key())).statusCode).toBe(200);
  });

  it("approves, then fulfils as shipped with a tracking number, then marks it delivered", async () => {
    const made = await requested();
    const early = await finance.post(`/api/v1/rewards/redemptions/${made.id}/fulfil`, { method: "delivered" }, key());
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("invalid_state");
    const approved = await finance.post(`/api/v1/rewards/redemptions/${made.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", allowedActions: ["fulfil", "cancel"] });
    expect((await finance.post(`/api/v1/rewards/redemptions/${made.id}/approve`)).statusCode).toBe(409);
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 800, reserved: 200 });

    const redeemedBefore = (await verifyTotals()).redeemed;
    const shipped = await finance.post(
      `/api/v1/rewards/redemptions/${made.id}/fulfil`,
      { method: "shipped", trackingNumber: "1Z999AA10123456784" },
      key(),
    );
    expect(shipped.statusCode, shipped.body).toBe(200);
    expect(shipped.json()).toMatchObject({
      status: "fulfilled",
      fulfilment: "shipped",
      trackingNumber: "1Z999AA10123456784",
      allowedActions: ["mark_delivered"],
    });
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 800, reserved: 0 });
    expect((await verifyTotals()).redeemed - redeemedBefore).toBe(200);
    await expectLedgerBalanced(app);

    const delivered = await finance.post(`/api/v1/rewards/redemptions/${made.id}/fulfil`, { method: "delivered" }, key());
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json()).toMatchObject({ status: "fulfilled", fulfilment: "delivered" });
    // Marking delivered moves no points.
    expect((await verifyTotals()).redeemed - redeemedBefore).toBe(200);
    expect(await auditActions(made.id)).toEqual(["redemption.request", "redemption.approve", "redemption.fulfil", "redemption.delivered"]);
    // Fulfilled: nobody can cancel it any more.
    const late = await finance.post(`/api/v1/rewards/redemptions/${made.id}/cancel`, { reason: "Too late" }, key());
    expect(late.statusCode).toBe(409);
    await expectLedgerBalanced(app);
  });

  it("fulfils as delivered in one step", async () => {
    const made = await requested(rep.client, { rewardId: giftCard.id, quantity: 1 });
    await finance.post(`/api/v1/rewards/redemptions/${made.id}/approve`);
    const done = await finance.post(`/api/v1/rewards/redemptions/${made.id}/fulfil`, { method: "delivered" }, key());
    expect(done.json()).toMatchObject({ status: "fulfilled", fulfilment: "delivered", trackingNumber: null });
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 900, reserved: 0 });
    await expectLedgerBalanced(app);
  });

  it("sends a voucher code that only the rep who redeemed can see, and keeps it out of the audit log", async () => {
    const made = await requested(rep.client, { rewardId: giftCard.id, quantity: 1 });
    await finance.post(`/api/v1/rewards/redemptions/${made.id}/approve`);
    const sent = await finance.post(`/api/v1/rewards/redemptions/${made.id}/fulfil`, { method: "code_sent", voucherCode: "GIFT-7788-XYZ" }, key());
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ fulfilment: "code_sent", voucherCode: null, hasVoucherCode: true });
    expect((await rep.client.get(`/api/v1/rewards/redemptions/${made.id}`)).json().voucherCode).toBe("GIFT-7788-XYZ");
    expect((await partnerAdmin.get(`/api/v1/rewards/redemptions/${made.id}`)).json().voucherCode).toBeNull();
    expect((await finance.get(`/api/v1/rewards/redemptions/${made.id}`)).json().voucherCode).toBeNull();
    const audit = await app.ctx.db.selectFrom("audit_log").select("after_json").where("entity_id", "=", made.id).execute();
    expect(audit.map((row) => row.after_json ?? "").join("")).not.toContain("GIFT-7788-XYZ");
    await expectLedgerBalanced(app);
  });

  it("lets the rep cancel while requested: the points and the stock return", async () => {
    const stock = await stockOf(app, jacket.id);
    const made = await requested(rep.client, { rewardId: jacket.id, quantity: 1, shippingAddress: "1 Main St, Springfield" });
    expect(await stockOf(app, jacket.id)).toBe((stock ?? 0) - 1);
    const cancelled = await rep.client.post(`/api/v1/rewards/redemptions/${made.id}/cancel`, {}, key());
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: "cancelled", allowedActions: [] });
    expect(cancelled.json().settleTransactionId).toEqual(expect.any(String));
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 1000, reserved: 0 });
    expect(await stockOf(app, jacket.id)).toBe(stock);
    expect(await auditActions(made.id)).toEqual(["redemption.request", "redemption.cancel"]);
    await expectLedgerBalanced(app);
  });

  it("lets finance, not the rep, cancel an approved one, with a reason", async () => {
    const made = await requested();
    await finance.post(`/api/v1/rewards/redemptions/${made.id}/approve`);
    const byRep = await rep.client.post(`/api/v1/rewards/redemptions/${made.id}/cancel`, {}, key());
    expect(byRep.statusCode).toBe(409);
    const byAdmin = await partnerAdmin.post(`/api/v1/rewards/redemptions/${made.id}/cancel`, { reason: "Changed our mind" }, key());
    expect(byAdmin.statusCode).toBe(403);
    const byOtherPartner = await otherRep.client.post(`/api/v1/rewards/redemptions/${made.id}/cancel`, {}, key());
    expect(byOtherPartner.statusCode).toBe(404);
    const noReason = await finance.post(`/api/v1/rewards/redemptions/${made.id}/cancel`, {}, key());
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields).toEqual([{ path: "body.reason", message: "is required when finance cancels" }]);
    const cancelled = await finance.post(`/api/v1/rewards/redemptions/${made.id}/cancel`, { reason: "Supplier discontinued it" }, key());
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: "cancelled", cancelReason: "Supplier discontinued it" });
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 1000, reserved: 0 });
    const txn = await app.ctx.db
      .selectFrom("ledger_transactions")
      .selectAll()
      .where("id", "=", cancelled.json().settleTransactionId)
      .executeTakeFirstOrThrow();
    expect(txn).toMatchObject({ kind: "redemption_cancelled", reason: "Supplier discontinued it" });
    await expectLedgerBalanced(app);
  });

  it("refuses more than the stock with 409 out_of_stock and changes nothing", async () => {
    const before = { stock: await stockOf(app, jacket.id), redemptions: await countRedemptions(), audit: await countAudit() };
    const refused = await redeem(rep.client, { rewardId: jacket.id, quantity: 3, shippingAddress: "1 Main St, Springfield" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("out_of_stock");
    expect({ stock: await stockOf(app, jacket.id), redemptions: await countRedemptions(), audit: await countAudit() }).toEqual(before);
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 1000, reserved: 0 });
    await expectLedgerBalanced(app);
  });

  it("refuses more than the balance with 422 insufficient_points and rolls the stock back", async () => {
    const before = { stock: await stockOf(app, tester.id), redemptions: await countRedemptions(), audit: await countAudit() };
    const refused = await redeem(rep.client, { rewardId: tester.id, quantity: 1, shippingAddress: "1 Main St, Springfield" });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("insufficient_points");
    expect({ stock: await stockOf(app, tester.id), redemptions: await countRedemptions(), audit: await countAudit() }).toEqual(before);
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 1000, reserved: 0 });
    await expectLedgerBalanced(app);
  });

  it("replays a repeated request with the same Idempotency-Key instead of redeeming twice", async () => {
    const headers = key();
    const body = { rewardId: giftCard.id, quantity: 3 };
    const first = await redeem(rep.client, body, headers);
    expect(first.statusCode, first.body).toBe(201);
    const again = await redeem(rep.client, body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 700, reserved: 300 });
    const reused = await redeem(rep.client, { rewardId: giftCard.id, quantity: 1 }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe("idempotency_key_reused");
    const missing = await rep.client.post("/api/v1/rewards/redemptions", body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe("idempotency_key_required");
    // A cancel replayed returns the points once.
    const cancelKey = key();
    const cancelled = await rep.client.post(`/api/v1/rewards/redemptions/${first.json().id}/cancel`, {}, cancelKey);
    const replayed = await rep.client.post(`/api/v1/rewards/redemptions/${first.json().id}/cancel`, {}, cancelKey);
    expect(replayed.json()).toEqual(cancelled.json());
    expect(await balanceOf(app, rep.user.id)).toMatchObject({ available: 1000, reserved: 0 });
    await expectLedgerBalanced(app);
  });

  it("asks for a shipping address for items that are shipped, and hides items the rep may not redeem", async () => {
    const noAddress = await redeem(rep.client, { rewardId: jacket.id, quantity: 1 });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().fields).toEqual([{ path: "body.shippingAddress", message: "is required for this item" }]);
    const hidden = await createRewardItem(finance, { name: "Hidden", pointCost: 10, active: false });
    expect((await redeem(rep.client, { rewardId: hidden.id, quantity: 1 })).statusCode).toBe(404);
    expect((await redeem(rep.client, { rewardId: uuidv7(), quantity: 1 })).statusCode).toBe(404);
    // Vendor users hold no points: vendor admins pass the policy but cannot redeem.
    const admin = (await signedIn(app, "vendor_admin")).client;
    expect((await redeem(admin, { rewardId: giftCard.id, quantity: 1 })).statusCode).toBe(403);
  });

  it("lists redemptions by scope: the rep its own, the partner admin its team's, finance all", async () => {
    const mine = await requested(rep.client, { rewardId: giftCard.id, quantity: 1 });
    const theirs = await requested(colleague.client, { rewardId: giftCard.id, quantity: 1 });
    const elsewhere = await requested(otherRep.client, { rewardId: giftCard.id, quantity: 1 });
    const ids = async (client: Client, query = "") => {
      const response = await client.get(`/api/v1/rewards/redemptions?status=requested${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as { id: string }[]).map((item) => item.id);
    };
    expect(await ids(rep.client)).toEqual([mine.id]);
    expect(await ids(partnerAdmin)).toEqual([theirs.id, mine.id]);
    expect(await ids(finance)).toEqual([elsewhere.id, theirs.id, mine.id]);
    expect(await ids(finance, `&userId=${colleague.user.id}`)).toEqual([theirs.id]);
    expect(await ids(otherRep.client, `&userId=${rep.user.id}`)).toEqual([]);
    expect((await rep.client.get(`/api/v1/rewards/redemptions/${theirs.id}`)).statusCode).toBe(404);
    expect((await otherRep.client.get(`/api/v1/rewards/redemptions/${mine.id}`)).statusCode).toBe(404);
    expect((await manager.get("/api/v1/rewards/redemptions")).statusCode).toBe(403);
    const page = await finance.get("/api/v1/rewards/redemptions?status=requested&limit=2");
    const next = await finance.get(`/api/v1/rewards/redemptions?status=requested&limit=2&cursor=${page.json().nextCursor}`);
    expect([...page.json().items, ...next.json().items].map((item: { id: string }) => item.id)).toEqual([elsewhere.id, theirs.id, mine.id]);
    for (const [client, id] of [
      [rep.client, mine.id],
      [colleague.client, theirs.id],
      [otherRep.client, elsewhere.id],
    ] as const) {
      expect((await client.post(`/api/v1/rewards/redemptions/${id}/cancel`, {}, key())).statusCode).toBe(200);
    }
    await expectLedgerBalanced(app);
  });

  it("reports the liability: unredeemed points at the point value", async () => {
    const response = await finance.get("/api/v1/rewards/liability");
    expect(response.statusCode, response.body).toBe(200);
    const totals = await app.ctx.db
      .selectFrom("ledger_accounts")
      .select((eb) => eb.fn.sum<number>("balance").as("points"))
      .where("kind", "in", ["rep_points", "rep_reserved"])
      .executeTakeFirstOrThrow();
    // Default point value: 1,000 minor units per 1,000 points.
    expect(response.json()).toMatchObject({ points: Number(totals.points), valueMinor: Number(totals.points), currency: "EUR" });
    expect((await rep.client.get("/api/v1/rewards/liability")).statusCode).toBe(403);
  });

  async function verifyTotals() {
    const rows = await app.ctx.db
      .selectFrom("ledger_entries")
      .select((eb) => eb.fn.sum<number>("amount").as("total"))
      .where("account_id", "=", "program:redeemed")
      .executeTakeFirstOrThrow();
    return { redeemed: Number(rows.total ?? 0) };
  }
  const countRedemptions = async () =>
    Number(
      (
        await app.ctx.db
          .selectFrom("reward_redemptions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const countAudit = async () =>
    Number(
      (
        await app.ctx.db
          .selectFrom("audit_log")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
});
