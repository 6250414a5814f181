import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testEngines } from "../../testing/harness.js";
import { type ClaimWorld, claimWorld, daysAgo, freshSerials, insertRule, setAutoApproveUpTo, withKey } from "./claims-fixtures.js";
import { verifyLedger } from "./ledger.service.js";

const url = "/api/v1/incentives/claims/import";
const header = "rep_email,invoice_number,invoice_date,end_customer,sku,serial";

describe.each(testEngines)("bulk claims by CSV on %s", (engine) => {
  let app: TestApp;
  let w: ClaimWorld;
  let nvrSku: string;
  let camSku: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    w = await claimWorld(app);
    await insertRule(app, { kind: "per_unit", points: 50, family_id: w.nvrFamily, name: "NVR base" });
    await insertRule(app, { kind: "per_unit", points: 10, family_id: w.camFamily, name: "Camera base" });
    await setAutoApproveUpTo(app, 100);
    const skus = await app.ctx.db.selectFrom("products").select(["id", "sku"]).execute();
    nvrSku = skus.find((p) => p.id === w.nvr)?.sku as string;
    camSku = skus.find((p) => p.id === w.cam)?.sku as string;
  });
  afterAll(async () => app.close());

  const csv = (rows: string[]) => [header, ...rows].join("\n");
  const send = (text: string, query = "", key: Record<string, string> = withKey(), client = w.adminA.client) =>
    client.post(`${url}${query}`, text, { "content-type": "text/csv", ...key });
  const counts = async () => ({
    claims: (await app.ctx.db.selectFrom("incentive_claims").select("id").execute()).length,
    ledger: (await app.ctx.db.selectFrom("ledger_transactions").select("id").execute()).length,
  });

  /** Two invoices: 3 NVRs for rep A (150 points: queued), 2 cameras for rep A2 (20 points: approved at once). */
  const goodFile = () => {
    const [n1, n2, n3] = freshSerials("NVR", 3);
    const [c1, c2] = freshSerials("CAM", 2);
    const date = daysAgo(3);
    return csv([
      `${w.repA.email},INV-A,${date},Harbour Logistics,${nvrSku},${n1}`,
      `${w.repA2.email},INV-B,${date},City Museum,${camSku},${c1}`,
      `${w.repA.email},INV-A,${date},Harbour Logistics,${nvrSku},${n2}`,
      `${w.repA.email},INV-A,${date},Harbour Logistics,${nvrSku},${n3}`,
      `${w.repA2.email},INV-B,${date},City Museum,${camSku},${c2}`,
    ]);
  };

  it("previews every problem by row and column, and changes nothing", async () => {
    const before = await counts();
    const [taken] = freshSerials("CAM", 1);
    expect((await send(csv([`${w.repA.email},INV-0,${daysAgo(1)},Someone,${camSku},${taken}`]))).statusCode).toBe(201);
    const [s1] = freshSerials("NVR", 1);
    const text = csv([
      `${w.repA.email},INV-1,${daysAgo(2)},Harbour Logistics,${nvrSku},${s1}`,
      `${w.repA.email},INV-1,${daysAgo(2)},Harbour Logistics,${nvrSku},${s1}`,
      `${w.repA.email},INV-1,${daysAgo(5)},Harbour Logistics,${nvrSku},NVR-999999`,
      `${w.repB.email},INV-2,${daysAgo(2)},Someone,${nvrSku},NVR-888888`,
      `${w.repA.email},INV-3,${daysAgo(2)},Someone,NO-SUCH-SKU,NVR-777777`,
      `${w.repA.email},INV-4,not-a-date,Someone,${camSku},CAM-1`,
      `${w.repA2.email},INV-5,${daysAgo(2)},Someone,${camSku},${taken}`,
      `${w.repA2.email},INV-6,${daysAgo(90)},Someone,${camSku},CAM-999998`,
    ]);
    const preview = await send(text, "?dryRun=true", {});
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ dryRun: true, rows: 8, claims: [] });
    expect(body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, "serial"],
      [4, "invoice_date"],
      [5, "rep_email"],
      [6, "sku"],
      [7, "invoice_date"],
      [8, "serial"],
      [9, "invoice_date"],
    ]);
    expect(body.errors[0].message).toContain("given twice");
    expect(body.errors[5].message).toContain("already been claimed");
    expect(body.errors[6].message).toContain("60 days");
    expect(await counts()).toEqual({ claims: before.claims + 1, ledger: before.ledger + 1 });
  });

  it("previews a good file with each claim's score, and still changes nothing", async () => {
    const before = await counts();
    const preview = (await send(goodFile(), "?dryRun=true", {})).json();
    expect(preview.errors).toEqual([]);
    expect(preview.claims).toEqual([
      { id: null, invoiceNumber: "INV-A", rep: { id: w.repA.id, email: w.repA.email }, rows: [2, 4, 5], units: 3, points: 150, status: "pending" },
      { id: null, invoiceNumber: "INV-B", rep: { id: w.repA2.id, email: w.repA2.email }, rows: [3, 6], units: 2, points: 20, status: "approved" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("applies all or nothing: one bad row and nothing is filed (422 import_failed with the rows)", async () => {
    const before = await counts();
    const bad = `${goodFile()}\n${w.repA.email},INV-C,${daysAgo(1)},Somebody,${camSku},XX-1`;
    const response = await send(bad);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: "import_failed",
      rows: [{ row: 7, column: "serial", message: expect.stringContaining("pattern") }],
    });
    expect(await counts()).toEqual(before);
    expect((await send(goodFile(), "", {})).json().code).toBe("idempotency_key_required");
  });

  it("files every claim of a good file in one go, once per key", async () => {
    const before = await counts();
    const key = withKey();
    const text = goodFile();
    const response = await send(text, "", key);
    expect(response.statusCode).toBe(201);
    const result = response.json();
    expect(result.claims.map((c: { status: string; points: number }) => [c.status, c.points])).toEqual([
      ["pending", 150],
      ["approved", 20],
    ]);
    const stored = await app.ctx.db
      .selectFrom("incentive_claims")
      .select(["id", "user_id", "submitted_by", "import_id"])
      .where(
        "id",
        "in",
        result.claims.map((c: { id: string }) => c.id),
      )
      .execute();
    expect(stored.every((c) => c.submitted_by === w.adminA.id && c.import_id !== null)).toBe(true);
    expect(new Set(stored.map((c) => c.import_id)).size).toBe(1);
    const replay = await send(text, "", key);
    expect(replay.json()).toEqual(result);
    expect(await counts()).toEqual({ claims: before.claims + 2, ledger: before.ledger + 1 });
    const check = await verifyLedger(app.ctx.db);
    expect(check.ok, JSON.stringify(check)).toBe(true);
  });

  it("uses the list price when a row gives no net amount, and the row's own when it does", async () => {
    const [a, b] = freshSerials("CAM", 2);
    const text = [
      `${header},unit_net_minor,currency`,
      `${w.repA.email},INV-P,${daysAgo(1)},Shop,${camSku},${a},,`,
      `${w.repA.email},INV-P,${daysAgo(1)},Shop,${camSku},${b},39900,EUR`,
    ].join("\n");
    const id = (await send(text)).json().claims[0].id as string;
    const lines = await app.ctx.db
      .selectFrom("incentive_claim_lines")
      .select(["quantity", "unit_net_minor", "currency"])
      .where("claim_id", "=", id)
      .orderBy("line_no")
      .execute();
    expect(lines.map((l) => [Number(l.quantity), Number(l.unit_net_minor), l.currency])).toEqual([
      [1, 45_000, "USD"],
      [1, 39_900, "EUR"],
    ]);
  });

  it("is for partner admins only", async () => {
    expect((await send(goodFile(), "?dryRun=true", {}, w.repA.client)).statusCode).toBe(403);
    expect((await send(goodFile(), "", withKey(), w.finance.client)).statusCode).toBe(403);
    const missing = await send("rep_email,sku\nx@example.test,ABC", "?dryRun=true", {});
    expect(
      missing
        .json()
        .errors.map((e: { column: string }) => e.column)
        .sort(),
    ).toEqual(["end_customer", "invoice_date", "invoice_number", "serial"]);
  });
});
