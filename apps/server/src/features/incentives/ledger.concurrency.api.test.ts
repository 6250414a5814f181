import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, login, type Session, type TestApp, testEngines } from "../../testing/harness.js";
import { repBalance, verifyLedger } from "./ledger.service.js";

/**
 * Over real HTTP against a listening server: simultaneous requests really overlap (each on its own
 * socket, the pool's connections on PostgreSQL), so the row locks and the idempotency key's unique
 * index are what keep the ledger right, not the order of app.inject calls.
 */
describe.each(testEngines)("points under concurrent requests on %s", (engine) => {
  let app: TestApp;
  let base: string;
  let session: Session;
  let approverId: string;
  let partnerId: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    partnerId = (await createPartner(app)).id;
    const finance = await createUser(app, { role: "finance" });
    approverId = (await createUser(app, { role: "vendor_admin" })).id;
    session = await login(app, finance.email);
    await app.app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => app.close());

  const adjust = (body: object, key: string) =>
    fetch(`${base}/api/v1/incentives/adjustments`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrfToken, "idempotency-key": key },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: await response.text(), replayed: response.headers.get("idempotent-replayed") }));
  const transactions = async (userId: string) =>
    (
      await app.ctx.db
        .selectFrom("ledger_transactions as t")
        .innerJoin("ledger_entries as e", "e.transaction_id", "t.id")
        .innerJoin("ledger_accounts as a", "a.id", "e.account_id")
        .select("t.id")
        .where("a.user_id", "=", userId)
        .execute()
    ).length;

  it("lets exactly 50 of 100 simultaneous 10-point debits through a 500-point balance; the rest are 422 insufficient_points", async () => {
    const rep = await createUser(app, { role: "sales_rep", partnerId });
    const seeded = await adjust({ userId: rep.id, points: 500, reason: "Opening balance", approverId }, `seed-${rep.id}`);
    expect(seeded.status).toBe(201);

    const debits = await Promise.all(
      Array.from({ length: 100 }, (_, i) => adjust({ userId: rep.id, points: -10, reason: `Debit ${i}`, approverId }, `debit-${rep.id}-${i}`)),
    );
    const statuses = debits.map((debit) => debit.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(50);
    expect(statuses.filter((status) => status === 422)).toHaveLength(50);
    for (const refused of debits.filter((debit) => debit.status === 422)) expect(JSON.parse(refused.body).code).toBe("insufficient_points");
    // Every successful answer saw a different balance: 490, 480, ..., 0.
    const after = debits.filter((debit) => debit.status === 201).map((debit) => JSON.parse(debit.body).balance.available as number);
    expect(after.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i * 10));
    expect(await repBalance(app.ctx.db, rep.id)).toEqual({ available: 0, reserved: 0, lifetimeEarned: 0 });
    expect(await transactions(rep.id)).toBe(51);
    expect((await verifyLedger(app.ctx.db)).ok).toBe(true);
  }, 60_000);

  it("moves points once for 20 simultaneous copies of one Idempotency-Key, and all get the same answer", async () => {
    const rep = await createUser(app, { role: "sales_rep", partnerId });
    const body = { userId: rep.id, points: 75, reason: "Spiff, sent by a flaky client", approverId };
    const copies = await Promise.all(Array.from({ length: 20 }, () => adjust(body, `same-${rep.id}`)));
    expect(copies.map((copy) => copy.status)).toEqual(Array(20).fill(201));
    expect(new Set(copies.map((copy) => copy.body)).size).toBe(1);
    expect(copies.filter((copy) => copy.replayed === "true")).toHaveLength(19);
    expect(await transactions(rep.id)).toBe(1);
    expect(await repBalance(app.ctx.db, rep.id)).toMatchObject({ available: 75 });

    const different = await adjust({ ...body, points: 76 }, `same-${rep.id}`);
    expect(different.status).toBe(422);
    expect(JSON.parse(different.body).code).toBe("idempotency_key_reused");
    expect(await transactions(rep.id)).toBe(1);
  }, 60_000);
});
