import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createProductFixture } from "../../testing/support-fixtures.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];

const header = "date,sku,quantity,net_amount,currency,serials,end_customer";
const csv = (rows: string[]) => [header, ...rows].join("\n");
/** Three days ahead: in the future in every time zone. */
const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

describe.each(testEngines)("sell-through on %s", (engine) => {
  let app: TestApp;
  let partnerA: string;
  let partnerB: string;
  let cam: { sku: string; familyId: string };
  let nvr: { sku: string; familyId: string };
  let manager: Client;
  let finance: Client;
  let adminA: Client;
  let rep: Client;

  beforeAll(async () => {
    app = await createTestApp(engine);
    partnerA = (await createPartner(app, { name: "Harbour Security" })).id;
    partnerB = (await createPartner(app, { name: "Other Reseller" })).id;
    cam = await createProductFixture(app, { sku: "ST-CAM-4K" });
    nvr = await createProductFixture(app, { sku: "ST-NVR-16" });
    manager = (await signedIn(app, "channel_manager")).client;
    finance = (await signedIn(app, "finance")).client;
    adminA = (await signedIn(app, "partner_admin", partnerA)).client;
    rep = (await signedIn(app, "sales_rep", partnerA)).client;
  });
  afterAll(async () => app.close());

  const importCsv = (client: Client, partnerId: string, mode: "preview" | "apply", text: string, headers: Record<string, string> = {}) =>
    client.post(`/api/v1/partners/${partnerId}/sell-through/import?mode=${mode}&fileName=august.csv`, text, {
      "content-type": "text/csv",
      ...headers,
    });
  const post = (client: Client, partnerId: string, lines: object[], headers: Record<string, string> = {}) =>
    client.post(`/api/v1/partners/${partnerId}/sell-through`, { lines }, headers);
  const count = async (table: "sell_through_lines" | "sell_through_batches" | "sell_through_months") =>
    (await app.ctx.db.selectFrom(table).select("partner_id").execute()).length;
  const counts = async () => ({
    lines: await count("sell_through_lines"),
    batches: await count("sell_through_batches"),
    months: await count("sell_through_months"),
    audit: (await app.ctx.db.selectFrom("audit_log").select("id").where("action", "=", "sell_through.record").execute()).length,
  });
  /** The rollup as stored, and as recounted here from the lines without the code under test. */
  const rollupAndRecount = async () => {
    const stored = (await app.ctx.db.selectFrom("sell_through_months").selectAll().execute())
      .map((r) => ({ ...r, revenue_minor: Number(r.revenue_minor), units: Number(r.units), lines: Number(r.lines) }))
      .sort((a, b) => `${a.partner_id}${a.month}${a.family_id}`.localeCompare(`${b.partner_id}${b.month}${b.family_id}`));
    const sums = new Map<string, { partner_id: string; month: string; family_id: string; revenue_minor: number; units: number; lines: number }>();
    for (const line of await app.ctx.db.selectFrom("sell_through_lines").selectAll().execute()) {
      const month = line.sale_date.slice(0, 7);
      const key = `${line.partner_id}${month}${line.family_id}`;
      const sum = sums.get(key) ?? { partner_id: line.partner_id, month, family_id: line.family_id, revenue_minor: 0, units: 0, lines: 0 };
      sum.revenue_minor += Number(line.net_minor);
      sum.units += Number(line.quantity);
      sum.lines += 1;
      sums.set(key, sum);
    }
    const recount = [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, sum]) => sum);
    return { stored, recount };
  };

  it("previews every problem by row and column, and an apply of the same file records nothing", async () => {
    const before = await counts();
    const text = csv([
      `2026-08-03,${cam.sku},2,400.00,EUR,CAM-000001;CAM-000002,City Museum`,
      `2026-08-04,NO-SUCH-SKU,1,100.00,,,`,
      `2026-08-32,${cam.sku},1,100.00,,,`,
      `${future},${cam.sku},1,100.00,,,`,
      `2026-08-05,${cam.sku},1,12.345,,,`,
      `2026-08-05,${cam.sku},1,1;000,,,`,
      `2026-08-06,${nvr.sku},1,900.00,USD,,`,
      `2026-08-06,${nvr.sku},3,900.00,,NVR-1 NVR-2,`,
      `2026-08-07,${cam.sku},-1,200.00,,,`,
      `2026-08-07,${cam.sku},1,-200.00,,,`,
      `2026-08-08,${cam.sku},0,0,,,`,
    ]);
    const preview = await importCsv(manager, partnerA, "preview", text);
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ mode: "preview", batchId: null, currency: "EUR", rows: 11, lines: 0, months: [] });
    expect(body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, "sku"],
      [4, "date"],
      [5, "date"],
      [6, "net_amount"],
      [7, "net_amount"],
      [8, "currency"],
      [9, "serials"],
      [10, "net_amount"],
      [11, "net_amount"],
      [12, "quantity"],
    ]);
    const messages = body.errors.map((e: { message: string }) => e.message);
    expect(messages[0]).toContain("no product with SKU NO-SUCH-SKU");
    expect(messages[2]).toBe("is in the future");
    expect(messages[3]).toBe("at most 2 digits after the point");
    expect(messages[5]).toBe("must be EUR, the reporting currency");
    expect(messages[6]).toBe("2 serial(s) for 3 unit(s): give one per unit, or none");
    expect(messages[7]).toContain("positive for a return");
    expect(messages[8]).toContain("negative for a sale");

    const apply = await importCsv(manager, partnerA, "apply", text);
    expect(apply.statusCode).toBe(400);
    expect(apply.headers["content-type"]).toContain("application/problem+json");
    expect(apply.json()).toMatchObject({ code: "import_failed" });
    expect(apply.json().rows).toHaveLength(10);
    expect(await counts()).toEqual(before);
  });

  it("previews a good file by month, then applies it all, returns included, with the rollup kept on write", async () => {
    const before = await counts();
    const text = csv([
      `2026-08-03,${cam.sku},2,400.00,EUR,CAM-000001;CAM-000002,City Museum`,
      `2026-08-20,${nvr.sku},1,1250.5,,,Harbour Logistics`,
      `2026-09-02,${cam.sku},-1,-200,,CAM-000001,City Museum`,
      `2026-09-15,${nvr.sku},4,5000.00,,,`,
    ]);
    const preview = await importCsv(adminA, partnerA, "preview", text);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      mode: "preview",
      batchId: null,
      currency: "EUR",
      rows: 4,
      lines: 4,
      errors: [],
      months: [
        { month: "2026-08", revenueMinor: 40000 + 125050, units: 3, lines: 2 },
        { month: "2026-09", revenueMinor: -20000 + 500000, units: 3, lines: 2 },
      ],
    });
    expect(await counts()).toEqual(before);

    const apply = await importCsv(adminA, partnerA, "apply", text);
    expect(apply.statusCode).toBe(201);
    const applied = apply.json();
    expect(applied).toMatchObject({ mode: "apply", rows: 4, lines: 4, errors: [], months: preview.json().months });
    // Two months x two families: four rollup rows.
    expect(await counts()).toEqual({ lines: before.lines + 4, batches: before.batches + 1, months: before.months + 4, audit: before.audit + 1 });
    const batch = await app.ctx.db.selectFrom("sell_through_batches").selectAll().where("id", "=", applied.batchId).executeTakeFirstOrThrow();
    expect({ partner: batch.partner_id, source: batch.source, file: batch.file_name, lines: Number(batch.lines) }).toEqual({
      partner: partnerA,
      source: "csv",
      file: "august.csv",
      lines: 4,
    });
    const camSeptember = await app.ctx.db
      .selectFrom("sell_through_months")
      .selectAll()
      .where("partner_id", "=", partnerA)
      .where("month", "=", "2026-09")
      .where("family_id", "=", cam.familyId)
      .executeTakeFirstOrThrow();
    expect([Number(camSeptember.revenue_minor), Number(camSeptember.units), Number(camSeptember.lines)]).toEqual([-20000, -1, 1]);
    const { stored, recount } = await rollupAndRecount();
    expect(stored).toEqual(recount);
    // The touched months' scorecard figures were refreshed after the commit.
    const figures = await app.ctx.db
      .selectFrom("partner_month_figures")
      .select(["month", "sell_through_revenue_minor"])
      .where("partner_id", "=", partnerA)
      .orderBy("month")
      .execute();
    expect(figures.map((f) => [f.month, Number(f.sell_through_revenue_minor)])).toEqual([
      ["2026-08", 165050],
      ["2026-09", 480000],
    ]);
  });

  it("records JSON lines all or none, naming each bad field", async () => {
    const before = await counts();
    const bad = await post(manager, partnerA, [
      { date: "2026-10-01", sku: cam.sku, quantity: 1, netAmountMinor: 19900 },
      { date: "2026-10-01", sku: cam.sku, quantity: -1, netAmountMinor: 19900 },
      { date: "2026-10-02", sku: "NOPE", quantity: 1, netAmountMinor: 100 },
      { date: future, sku: nvr.sku, quantity: 2, netAmountMinor: 100, serials: ["NVR-1"] },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([
      { path: "body.lines.1.netAmountMinor", message: expect.stringContaining("positive for a return") },
      { path: "body.lines.2.sku", message: "no product with SKU NOPE" },
      { path: "body.lines.3.date", message: "is in the future" },
      { path: "body.lines.3.serials", message: "1 serial(s) for 2 unit(s): give one per unit, or none" },
    ]);
    const shape = await post(manager, partnerA, [{ date: "2026-10-01", sku: cam.sku, quantity: 0, netAmountMinor: 1.5 }]);
    expect(shape.statusCode).toBe(400);
    expect(
      shape
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(["body.lines.0.netAmountMinor", "body.lines.0.quantity"]);
    expect(await counts()).toEqual(before);

    const good = await post(manager, partnerA, [
      {
        date: "2026-10-01",
        sku: cam.sku,
        quantity: 1,
        netAmountMinor: 19900,
        currency: "EUR",
        serials: ["CAM-000009"],
        endCustomer: "Port Authority",
      },
      { date: "2026-10-05", sku: cam.sku, quantity: -1, netAmountMinor: -19900, serials: ["CAM-000009"] },
      { date: "2026-10-06", sku: nvr.sku, quantity: 1, netAmountMinor: 0 },
    ]);
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ mode: "apply", lines: 3, months: [{ month: "2026-10", revenueMinor: 0, units: 1, lines: 3 }] });
    const batch = await app.ctx.db
      .selectFrom("sell_through_batches")
      .select("source")
      .where("id", "=", good.json().batchId)
      .executeTakeFirstOrThrow();
    expect(batch.source).toBe("api");
    const { stored, recount } = await rollupAndRecount();
    expect(stored).toEqual(recount);
  });

  it("with an Idempotency-Key, a retried upload answers the first result and records once", async () => {
    const text = csv([`2026-07-10,${cam.sku},1,10.00,,,`]);
    const first = await importCsv(manager, partnerB, "apply", text, { "idempotency-key": "upload-1" });
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const again = await importCsv(manager, partnerB, "apply", text, { "idempotency-key": "upload-1" });
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().batchId).toBe(first.json().batchId);
    expect(await counts()).toEqual(before);
  });

  it("lists a partner's lines newest first through the cursor, and exports them as CSV the import reads", async () => {
    const seen: { date: string; quantity: number }[] = [];
    let cursor: string | null = null;
    do {
      const page = await adminA.get(`/api/v1/partners/${partnerA}/sell-through?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.statusCode).toBe(200);
      const body = page.json();
      seen.push(...body.items.map((i: { date: string; quantity: number }) => ({ date: i.date, quantity: i.quantity })));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(seen.map((s) => s.date)).toEqual([...seen.map((s) => s.date)].sort().reverse());
    const first = (await adminA.get(`/api/v1/partners/${partnerA}/sell-through?from=2026-09-02&to=2026-09-02`)).json();
    expect(first.items).toEqual([
      expect.objectContaining({
        sku: cam.sku,
        familyId: cam.familyId,
        quantity: -1,
        netAmount: { amountMinor: -20000, currency: "EUR" },
        serials: ["CAM-000001"],
        endCustomer: "City Museum",
        source: "csv",
      }),
    ]);

    const exported = await finance.get(`/api/v1/partners/${partnerA}/sell-through.csv?from=2026-08-01&to=2026-09-30`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("text/csv");
    expect(exported.body.trim().split("\n")).toEqual([
      header,
      `2026-08-03,${cam.sku},2,400,EUR,CAM-000001 CAM-000002,City Museum`,
      `2026-08-20,${nvr.sku},1,1250.5,EUR,,Harbour Logistics`,
      `2026-09-02,${cam.sku},-1,-200,EUR,CAM-000001,City Museum`,
      `2026-09-15,${nvr.sku},4,5000,EUR,,`,
    ]);
    // The export is a valid import: a preview of it finds no problem and the same totals.
    const again = await importCsv(manager, partnerA, "preview", exported.body);
    expect(again.json()).toMatchObject({ errors: [], lines: 4 });
    expect(again.json().months.map((m: { revenueMinor: number }) => m.revenueMinor)).toEqual([165050, 480000]);
  });

  it("lets a partner admin report and read for its own partner only: another partner's id is 404", async () => {
    const before = await counts();
    const line = { date: "2026-10-01", sku: cam.sku, quantity: 1, netAmountMinor: 100 };
    expect((await post(adminA, partnerB, [line])).statusCode).toBe(404);
    expect((await importCsv(adminA, partnerB, "apply", csv([`2026-10-01,${cam.sku},1,1.00,,,`]))).statusCode).toBe(404);
    expect((await adminA.get(`/api/v1/partners/${partnerB}/sell-through`)).statusCode).toBe(404);
    expect((await adminA.get(`/api/v1/partners/${partnerB}/sell-through.csv`)).statusCode).toBe(404);
    expect((await post(rep, partnerA, [line])).statusCode).toBe(403);
    expect((await manager.get("/api/v1/partners/00000000-0000-7000-8000-000000000000/sell-through")).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await post(adminA, partnerA, [line])).statusCode).toBe(201);
  });

  it("refuses new sell-through for an archived partner (422), and keeps its lines readable", async () => {
    const archived = (await createPartner(app, { name: "Closed Reseller" })).id;
    expect((await post(manager, archived, [{ date: "2026-10-01", sku: cam.sku, quantity: 1, netAmountMinor: 100 }])).statusCode).toBe(201);
    await app.ctx.db.updateTable("partners").set({ archived_at: new Date().toISOString() }).where("id", "=", archived).execute();
    const refused = await post(manager, archived, [{ date: "2026-10-02", sku: cam.sku, quantity: 1, netAmountMinor: 100 }]);
    expect(refused.statusCode).toBe(422);
    expect((await manager.get(`/api/v1/partners/${archived}/sell-through`)).json().items).toHaveLength(1);
  });

  it("sets family margins (relationships:configure), clears one back to the default, and audits each change", async () => {
    const initial = await manager.get("/api/v1/relationships/margins");
    expect(initial.statusCode).toBe(200);
    const defaultBps = initial.json().defaultMarginBps as number;
    expect(initial.json().families).toEqual(
      expect.arrayContaining([expect.objectContaining({ familyId: cam.familyId, marginBps: null, effectiveMarginBps: defaultBps, updatedAt: null })]),
    );
    expect((await manager.put("/api/v1/relationships/margins", { margins: [{ familyId: cam.familyId, marginBps: 4000 }] })).statusCode).toBe(403);
    const set = await finance.put("/api/v1/relationships/margins", {
      margins: [
        { familyId: cam.familyId, marginBps: 4000 },
        { familyId: nvr.familyId, marginBps: 2250 },
      ],
    });
    expect(set.statusCode).toBe(200);
    const byFamily = (view: { families: { familyId: string; marginBps: number | null; effectiveMarginBps: number }[] }) =>
      Object.fromEntries(
        view.families.filter((f) => f.familyId === cam.familyId || f.familyId === nvr.familyId).map((f) => [f.familyId, f.effectiveMarginBps]),
      );
    expect(byFamily(set.json())).toEqual({ [cam.familyId]: 4000, [nvr.familyId]: 2250 });
    const cleared = await finance.put("/api/v1/relationships/margins", { margins: [{ familyId: nvr.familyId, marginBps: null }] });
    expect(byFamily(cleared.json())).toEqual({ [cam.familyId]: 4000, [nvr.familyId]: defaultBps });
    expect(byFamily((await manager.get("/api/v1/relationships/margins")).json())).toEqual(byFamily(cleared.json()));
    const audits = await app.ctx.db.selectFrom("audit_log").select("entity_id").where("action", "=", "product_family_margin.set").execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual([cam.familyId, nvr.familyId, nvr.familyId].sort());

    const unknown = await finance.put("/api/v1/relationships/margins", { margins: [{ familyId: "no-such-family", marginBps: 1000 }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual([{ path: "body.margins.0.familyId", message: "no such product family" }]);
    const outOfRange = await finance.put("/api/v1/relationships/margins", { margins: [{ familyId: cam.familyId, marginBps: 10_001 }] });
    expect(outOfRange.statusCode).toBe(400);
    expect(byFamily((await finance.get("/api/v1/relationships/margins")).json())[cam.familyId]).toBe(4000);
  });
});
