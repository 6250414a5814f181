import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../platform/ids.js";
import { createTestApp, createUser, login, type TestApp, testEngines } from "../../testing/harness.js";
import { type ClaimWorld, claimBody, claimWorld, freshSerials, insertRule, setAutoApproveUpTo } from "./claims-fixtures.js";
import { verifyLedger } from "./ledger.service.js";

// Simultaneous claims of the same serial over real HTTP against a listening server: the unique
// index on active serials decides, one claim wins, every other one is 409 serial_claimed.

describe.each(testEngines)("simultaneous claims on %s", (engine) => {
  let app: TestApp;
  let w: ClaimWorld;
  let base: string;
  const reps: { id: string; cookie: string; csrf: string }[] = [];

  beforeAll(async () => {
    app = await createTestApp(engine);
    w = await claimWorld(app);
    await insertRule(app, { kind: "per_unit", points: 50, family_id: w.nvrFamily, name: "NVR base" });
    await setAutoApproveUpTo(app, 1000);
    for (let i = 0; i < 10; i++) {
      const user = await createUser(app, { role: i % 2 === 0 ? "sales_rep" : "partner_admin", partnerId: i < 5 ? w.partnerA : w.partnerB });
      const session = await login(app, user.email);
      reps.push({ id: user.id, cookie: session.cookie, csrf: session.csrfToken });
    }
    await app.app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => app.close());

  const post = (i: number, body: object) => {
    const rep = reps[i % reps.length] as (typeof reps)[number];
    return fetch(`${base}/api/v1/incentives/claims`, {
      method: "POST",
      headers: { cookie: rep.cookie, "x-csrf-token": rep.csrf, "content-type": "application/json", "idempotency-key": uuidv7() },
      body: JSON.stringify(body),
    });
  };

  async function race(bodies: object[]) {
    const responses = await Promise.all(bodies.map((body, i) => post(i, body)));
    return Promise.all(responses.map(async (r) => ({ status: r.status, body: (await r.json()) as { id?: string; code?: string; detail?: string } })));
  }

  it("awards a serial claimed 50 times at once exactly once", async () => {
    const [serial] = freshSerials("NVR", 1) as [string];
    const results = await race(Array.from({ length: 50 }, () => claimBody(w.nvr, [serial])));
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won).toHaveLength(1);
    expect(lost.map((r) => r.status)).toEqual(Array(49).fill(409));
    for (const r of lost) {
      expect(r.body.code).toBe("serial_claimed");
      expect(r.body.detail).toContain(serial);
    }
    const rows = await app.ctx.db.selectFrom("incentive_claim_serials").select(["claim_id", "active"]).where("serial", "=", serial).execute();
    expect(rows).toEqual([{ claim_id: won[0]?.body.id, active: 1 }]);
    const paid = await app.ctx.db.selectFrom("ledger_transactions").select("source_id").where("kind", "=", "claim_approved").execute();
    expect(paid).toEqual([{ source_id: won[0]?.body.id }]);
  });

  it("lets one of many claims holding the same serials in different orders win, without deadlock", async () => {
    const serials = freshSerials("NVR", 3);
    const bodies = Array.from({ length: 30 }, (_, i) => claimBody(w.nvr, i % 2 === 0 ? serials : [...serials].reverse()));
    const results = await race(bodies);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === "serial_claimed")).toHaveLength(29);
  });

  it("leaves the ledger balanced and every rep paid for exactly its winning claims", async () => {
    const check = await verifyLedger(app.ctx.db);
    expect(check.ok, JSON.stringify(check)).toBe(true);
    const approved = await app.ctx.db.selectFrom("incentive_claims").select(["points"]).where("status", "=", "approved").execute();
    expect(approved.reduce((sum, c) => sum + Number(c.points), 0)).toBe(50 + 150);
    expect(-check.programBalances.funding).toBe(200);
  });
});
