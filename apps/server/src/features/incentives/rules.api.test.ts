import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testEngines } from "../../testing/harness.js";
import { type ClaimWorld, claimBody, claimWorld, daysAgo, freshSerials, insertRule, setAutoApproveUpTo, today, withKey } from "./claims-fixtures.js";

const rules = "/api/v1/incentives/rules";

describe.each(testEngines)("incentive rules on %s", (engine) => {
  let app: TestApp;
  let w: ClaimWorld;

  beforeAll(async () => {
    app = await createTestApp(engine);
    w = await claimWorld(app);
    await setAutoApproveUpTo(app, 0);
  });
  afterAll(async () => app.close());

  const fields = (response: { json: () => { fields?: { path: string }[] } }) => (response.json().fields ?? []).map((f) => f.path).sort();

  it("checks what each kind of rule needs, naming the fields", async () => {
    const post = (body: object) => w.finance.client.post(rules, { name: "Bad", ...body });
    expect(fields(await post({ kind: "per_revenue", points: 5 }))).toEqual(["body.revenueStep"]);
    expect(fields(await post({ kind: "launch_bonus", points: 0 }))).toEqual(["body.points", "body.productId"]);
    expect(fields(await post({ kind: "multiplier", points: 3, multiplierPercent: 200 }))).toEqual(["body.points"]);
    expect(fields(await post({ kind: "per_unit", points: 5, productId: w.nvr, familyId: w.nvrFamily }))).toEqual(["body.familyId"]);
    expect(fields(await post({ kind: "per_unit", points: 5, productId: "nope", startsOn: "2025-05-02", endsOn: "2025-05-01" }))).toEqual([
      "body.endsOn",
      "body.productId",
    ]);
    expect(fields(await post({ kind: "per_unit", points: 5, eligibility: { tierIds: [w.goldTier, "nope"] } }))).toEqual([
      "body.eligibility.tierIds.1",
    ]);
    expect(await app.ctx.db.selectFrom("incentive_rule_versions").select("rule_id").execute()).toEqual([]);
  });

  it("lets finance and channel managers configure; partner users and marketing cannot", async () => {
    const body = { name: "Cameras", kind: "per_unit", points: 10, familyId: w.camFamily };
    expect((await w.repA.client.post(rules, body)).statusCode).toBe(403);
    expect((await w.marketing.client.post(rules, body)).statusCode).toBe(403);
    const created = await w.finance.client.post(rules, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 1, kind: "per_unit", points: 10, familyId: w.camFamily, active: true, effectiveTo: null });
  });

  it("makes every change a new version from now; sales before it keep the old version", async () => {
    const ruleId = await insertRule(app, { kind: "per_unit", points: 50, product_id: w.nvr, name: "NVR launch price" });
    const patched = await w.finance.client.patch(`${rules}/${ruleId}`, { points: 80, name: "NVR new price" });
    expect(patched.statusCode).toBe(200);
    const detail = patched.json();
    expect(detail).toMatchObject({ id: ruleId, version: 2, points: 80, name: "NVR new price", effectiveTo: null });
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(detail.versions[1].effectiveTo).toBe(detail.versions[0].effectiveFrom);
    expect(detail.versions[0].createdBy).toEqual({ id: w.finance.id, name: expect.any(String) });

    const claim = async (invoiceDate: string) => {
      const response = await w.repA.client.post("/api/v1/incentives/claims", claimBody(w.nvr, freshSerials("NVR", 1), { invoiceDate }), withKey());
      expect(response.statusCode, response.body).toBe(201);
      return response.json().score as { ruleId: string; version: number; points: number }[];
    };
    expect(await claim(daysAgo(1))).toEqual([expect.objectContaining({ ruleId, version: 1, points: 50 })]);
    expect(await claim(today())).toEqual([expect.objectContaining({ ruleId, version: 2, points: 80 })]);

    // A rule made today does not reach back: yesterday's sale is not scored by it.
    const fresh = (await w.finance.client.post(rules, { name: "Promo", kind: "multiplier", multiplierPercent: 300, productId: w.nvr })).json();
    expect((await claim(daysAgo(1))).map((l) => l.ruleId)).toEqual([ruleId]);
    expect((await claim(today())).map((l) => [l.ruleId, l.points])).toEqual([
      [ruleId, 80],
      [fresh.id, 160],
    ]);

    const asOf = (await w.finance.client.get(`${rules}?asOf=${daysAgo(1)}`)).json().items as { id: string; version: number }[];
    expect(asOf.find((r) => r.id === ruleId)?.version).toBe(1);
    expect(asOf.some((r) => r.id === fresh.id)).toBe(false);
    expect((await w.finance.client.patch(`${rules}/00000000-0000-7000-8000-000000000000`, { points: 1 })).statusCode).toBe(404);
  });

  it("shows partner users only the rules that can earn them points today", async () => {
    const silver = await insertRule(app, { kind: "per_unit", points: 5, name: "Silver only", tier_ids: JSON.stringify(["silver-tier"]) });
    const gold = await insertRule(app, {
      kind: "per_unit",
      points: 5,
      name: "Gold reps",
      tier_ids: JSON.stringify([w.goldTier]),
      partner_roles: JSON.stringify(["sales_rep"]),
    });
    const ended = await insertRule(app, { kind: "per_unit", points: 5, name: "Last year", ends_on: daysAgo(200) });
    const off = await insertRule(app, { kind: "per_unit", points: 5, name: "Switched off", active: 0 });
    const ids = async (client: typeof w.repA.client, query = "") =>
      ((await client.get(`${rules}${query}`)).json().items as { id: string }[]).map((r) => r.id);

    const rep = await ids(w.repA.client);
    expect(rep).toContain(gold);
    expect(rep).not.toContain(silver);
    expect(rep).not.toContain(ended);
    expect(rep).not.toContain(off);
    expect(await ids(w.adminA.client)).not.toContain(gold);
    expect(await ids(w.repB.client)).not.toContain(gold);
    expect((await w.repA.client.get(`${rules}/${silver}`)).statusCode).toBe(404);
    expect((await w.repA.client.get(`${rules}/${gold}`)).json().versions).toEqual([]);

    const finance = await ids(w.finance.client);
    expect(finance).toEqual(expect.arrayContaining([silver, gold, ended]));
    expect(finance).not.toContain(off);
    expect(await ids(w.finance.client, "?includeInactive=true")).toContain(off);
  });
});
