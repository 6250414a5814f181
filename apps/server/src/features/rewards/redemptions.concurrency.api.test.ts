import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, login, type Session, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { balanceOf, createRewardItem, expectLedgerBalanced, grantPoints, stockOf } from "../../testing/rewards.js";

// "No redemption can take a balance below zero, however many are sent at once": proven over real
// HTTP against a listening server, so requests really overlap (pool connections on PostgreSQL,
// the connection lock on SQLite), not one inject after another.

describe.each(testEngines)("simultaneous redemptions over HTTP on %s", (engine) => {
  let app: TestApp;
  let base: string;
  let partnerId: string;
  let finance: Awaited<ReturnType<typeof signedIn>>["client"];

  beforeAll(async () => {
    app = await createTestApp(engine);
    await app.app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
    partnerId = (await createPartner(app, { name: "Crowded Reseller" })).id;
    finance = (await signedIn(app, "finance")).client;
  });
  afterAll(async () => app.close());

  async function repWith(points: number): Promise<{ id: string; session: Session }> {
    const user = await createUser(app, { role: "sales_rep", partnerId });
    if (points > 0) await grantPoints(app.ctx.db, user.id, points);
    return { id: user.id, session: await login(app, user.email) };
  }

  function redeem(session: Session, body: object, idempotencyKey: string) {
    return fetch(`${base}/api/v1/rewards/redemptions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: session.cookie,
        "x-csrf-token": session.csrfToken,
        "idempotency-key": idempotencyKey,
      },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { id?: string; code?: string } }));
  }

  const tally = (results: { status: number }[]) =>
    results.reduce<Record<number, number>>((counts, result) => {
      counts[result.status] = (counts[result.status] ?? 0) + 1;
      return counts;
    }, {});

  const redemptionsOf = async (rewardId: string) =>
    Number(
      (
        await app.ctx.db
          .selectFrom("reward_redemptions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("reward_id", "=", rewardId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("lets 100 simultaneous redemptions against one balance succeed exactly as far as the balance allows", async () => {
    const rep = await repWith(1000);
    const item = await createRewardItem(finance, { name: "Coffee card", pointCost: 30, stock: null });
    const results = await Promise.all(Array.from({ length: 100 }, (_, n) => redeem(rep.session, { rewardId: item.id, quantity: 1 }, `balance-${n}`)));
    // floor(1000 / 30) = 33 fit; the other 67 are refused, none half-done.
    expect(tally(results)).toEqual({ 201: 33, 422: 67 });
    expect(results.filter((result) => result.status === 422).every((result) => result.body.code === "insufficient_points")).toBe(true);
    expect(await balanceOf(app, rep.id)).toMatchObject({ available: 10, reserved: 990 });
    expect(await redemptionsOf(item.id)).toBe(33);
    await expectLedgerBalanced(app);
  });

  it("lets 100 simultaneous redemptions by several reps take the stock exactly to zero", async () => {
    const reps = await Promise.all(Array.from({ length: 5 }, () => repWith(1000)));
    const item = await createRewardItem(finance, { name: "Summit ticket", pointCost: 10, stock: 37 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        redeem((reps[n % reps.length] as (typeof reps)[number]).session, { rewardId: item.id, quantity: 1 }, `stock-${n}`),
      ),
    );
    expect(tally(results)).toEqual({ 201: 37, 409: 63 });
    expect(results.filter((result) => result.status === 409).every((result) => result.body.code === "out_of_stock")).toBe(true);
    expect(await stockOf(app, item.id)).toBe(0);
    expect(await redemptionsOf(item.id)).toBe(37);
    let reserved = 0;
    for (const rep of reps) {
      const balance = await balanceOf(app, rep.id);
      expect(balance.available + balance.reserved).toBe(1000);
      reserved += balance.reserved;
    }
    expect(reserved).toBe(370);
    await expectLedgerBalanced(app);
  });

  it("runs each Idempotency-Key once when its copies arrive together, within both the balance and the stock", async () => {
    const rep = await repWith(500);
    const item = await createRewardItem(finance, { name: "Multimeter voucher", pointCost: 40, stock: 15 });
    // 20 intended redemptions, each sent 5 times at once: 500 / 40 = 12 fit the balance (stock 15).
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        redeem(rep.session, { rewardId: item.id, quantity: 1 }, `dup-${n % 20}`).then((result) => ({ ...result, key: n % 20 })),
      ),
    );
    const byKey = new Map<number, typeof results>();
    for (const result of results) byKey.set(result.key, [...(byKey.get(result.key) ?? []), result]);
    let succeeded = 0;
    for (const copies of byKey.values()) {
      const statuses = new Set(copies.map((copy) => copy.status));
      expect(statuses.size, JSON.stringify(copies)).toBe(1);
      if (statuses.has(201)) {
        succeeded++;
        expect(new Set(copies.map((copy) => copy.body.id)).size).toBe(1);
      }
    }
    expect(succeeded).toBe(12);
    expect(await redemptionsOf(item.id)).toBe(12);
    expect(await stockOf(app, item.id)).toBe(3);
    expect(await balanceOf(app, rep.id)).toMatchObject({ available: 20, reserved: 480 });
    await expectLedgerBalanced(app);
  });
});
