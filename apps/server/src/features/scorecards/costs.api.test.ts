import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../platform/access/actor.js";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { costsByPartnerMonth } from "./costs.service.js";
import { updateRelationshipSettings } from "./settings.service.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];
const importUrl = "/api/v1/relationships/cost-lines/import";

describe.each(testEngines)("partner cost lines on %s", (engine) => {
  let app: TestApp;
  let a: { id: string; name: string };
  let b: { id: string; name: string };
  let admin: Client;
  let manager: Client;
  let finance: Client;

  beforeAll(async () => {
    app = await createTestApp(engine);
    a = await createPartner(app, { name: "Alpha Security" });
    b = await createPartner(app, { name: "Beta Systems" });
    admin = (await signedIn(app, "vendor_admin")).client;
    manager = (await signedIn(app, "channel_manager")).client;
    finance = (await signedIn(app, "finance")).client;
    // 120.00 EUR an hour of a channel manager.
    await updateRelationshipSettings(app.ctx, systemActor, { currency: "EUR", channelManagerCostPerHourMinor: 12000 }, "test");
  });
  afterAll(async () => app.close());

  const linesUrl = (partnerId: string) => `/api/v1/partners/${partnerId}/cost-lines`;
  const count = async (table: "partner_cost_lines" | "audit_log") => (await app.ctx.db.selectFrom(table).select("id").execute()).length;
  const rollup = (partnerId: string, fromMonth = "2020-01", toMonth = "2020-12") =>
    costsByPartnerMonth(app.ctx.db, { fromMonth, toMonth, partnerIds: [partnerId] });

  it("records a line of each category, channel-manager hours at the hourly cost, and keeps the monthly rollup", async () => {
    const p = await createPartner(app);
    const post = (body: object, client = manager) => client.post(linesUrl(p.id), body);
    const marketing = await post({ spentOn: "2020-03-05", category: "marketing_funds", amount: "1250.50", purpose: "Spring campaign co-funding" });
    expect(marketing.statusCode).toBe(201);
    expect(marketing.json()).toMatchObject({
      partnerId: p.id,
      category: "marketing_funds",
      amountMinor: 125050,
      amount: "1250.50",
      currency: "EUR",
      hours: null,
      source: "manual",
      voided: null,
      createdBy: { id: expect.any(String) },
    });
    const cm = (await post({ spentOn: "2020-03-20", category: "channel_manager", hours: "2.5", purpose: "Quarterly review" })).json();
    expect(cm).toMatchObject({ amountMinor: 30000, hoursHundredths: 250, hours: 2.5 });
    const cmPriced = (await post({ spentOn: "2020-03-21", category: "channel_manager", hours: 1, amount: 99.9, purpose: "Visit" }, finance)).json();
    expect(cmPriced).toMatchObject({ amountMinor: 9990, hoursHundredths: 100 });
    const training = (await post({ spentOn: "2020-04-02", category: "training", amount: "800", hours: "6", purpose: "Installer course" })).json();
    expect(training).toMatchObject({ amountMinor: 80000, hoursHundredths: 600, label: "" });
    const other = await post(
      { spentOn: "2020-04-30", category: "other", label: "Demo kit", amount: "450", purpose: "Loaned cameras", currency: "EUR" },
      admin,
    );
    expect(other.json()).toMatchObject({ category: "other", label: "Demo kit", amountMinor: 45000 });

    expect(await rollup(p.id)).toEqual([
      { partnerId: p.id, month: "2020-03", category: "channel_manager", amountMinor: 39990, hoursHundredths: 350 },
      { partnerId: p.id, month: "2020-03", category: "marketing_funds", amountMinor: 125050, hoursHundredths: 0 },
      { partnerId: p.id, month: "2020-04", category: "other", amountMinor: 45000, hoursHundredths: 0 },
      { partnerId: p.id, month: "2020-04", category: "training", amountMinor: 80000, hoursHundredths: 600 },
    ]);
    expect(await rollup(p.id, "2020-04", "2020-04")).toHaveLength(2);
    const audit = await app.ctx.db.selectFrom("audit_log").selectAll().where("entity_id", "=", cm.id).executeTakeFirstOrThrow();
    // What a partner costs is the vendor's business: no partner id, so the partner admin's audit view never shows it.
    expect({ action: audit.action, partner: audit.partner_id }).toEqual({ action: "cost_line.create", partner: null });
  });

  it("answers bad lines with 400 naming the fields, and changes nothing", async () => {
    const before = { lines: await count("partner_cost_lines"), audit: await count("audit_log") };
    const cases: [object, string][] = [
      [{ spentOn: "2020-01-01", category: "other", amount: "10", purpose: "x" }, "body.label"],
      [{ spentOn: "2020-01-01", category: "channel_manager", amount: "10", purpose: "x" }, "body.hours"],
      [{ spentOn: "2020-01-01", category: "marketing_funds", amount: "10", hours: "1", purpose: "x" }, "body.hours"],
      [{ spentOn: "2020-01-01", category: "marketing_funds", purpose: "x" }, "body.amount"],
      [{ spentOn: "2020-01-01", category: "marketing_funds", amount: "10.005", purpose: "x" }, "body.amount"],
      [{ spentOn: "2020-01-01", category: "marketing_funds", amount: "0", purpose: "x" }, "body.amount"],
      [{ spentOn: "2020-01-01", category: "marketing_funds", amount: "-5", purpose: "x" }, "body.amount"],
      [{ spentOn: "2020-01-01", category: "training", amount: "10", hours: "1.255", purpose: "x" }, "body.hours"],
      [{ spentOn: "2020-01-01", category: "marketing_funds", amount: "10", purpose: "x", currency: "USD" }, "body.currency"],
      [{ spentOn: "2999-01-01", category: "marketing_funds", amount: "10", purpose: "x" }, "body.spentOn"],
      [{ spentOn: "2020-02-30", category: "marketing_funds", amount: "10", purpose: "x" }, "body.spentOn"],
      [{ spentOn: "2020-01-01", category: "travel", amount: "10", purpose: "x" }, "body.category"],
      [{ spentOn: "2020-01-01", category: "marketing_funds", amount: "10", purpose: " " }, "body.purpose"],
    ];
    for (const [body, field] of cases) {
      const response = await manager.post(linesUrl(a.id), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    expect({ lines: await count("partner_cost_lines"), audit: await count("audit_log") }).toEqual(before);
  });

  it("voids a line: it stays listed and marked, leaves the rollup, once only; another partner's line is 404", async () => {
    const p = await createPartner(app);
    const keep = (
      await manager.post(linesUrl(p.id), { spentOn: "2020-06-01", category: "marketing_funds", amount: "100", purpose: "Flyers" })
    ).json();
    const line = (await manager.post(linesUrl(p.id), { spentOn: "2020-06-09", category: "marketing_funds", amount: "40", purpose: "Booth" })).json();
    expect(await rollup(p.id)).toMatchObject([{ month: "2020-06", amountMinor: 14000 }]);

    expect((await manager.post(`${linesUrl(b.id)}/${line.id}/void`, { reason: "wrong partner" })).statusCode).toBe(404);
    expect((await manager.post(`${linesUrl(p.id)}/00000000-0000-7000-8000-000000000000/void`, { reason: "nope" })).statusCode).toBe(404);
    const voided = await finance.post(`${linesUrl(p.id)}/${line.id}/void`, { reason: "Entered twice" });
    expect(voided.statusCode).toBe(200);
    expect(voided.json().voided).toMatchObject({ reason: "Entered twice", by: { id: expect.any(String) }, at: expect.any(String) });
    expect(await rollup(p.id)).toEqual([{ partnerId: p.id, month: "2020-06", category: "marketing_funds", amountMinor: 10000, hoursHundredths: 0 }]);
    const again = await manager.post(`${linesUrl(p.id)}/${line.id}/void`, { reason: "Entered twice" });
    expect(again.statusCode).toBe(409);
    expect(await rollup(p.id)).toMatchObject([{ amountMinor: 10000 }]);

    const listed = (await manager.get(linesUrl(p.id))).json().items;
    expect(listed.map((l: { id: string; voided: unknown }) => [l.id, l.voided !== null])).toEqual([
      [line.id, true],
      [keep.id, false],
    ]);
    const audit = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", line.id).orderBy("id").execute();
    expect(audit.map((r) => r.action)).toEqual(["cost_line.create", "cost_line.void"]);

    // The last live line of a month voided: the month leaves the figures.
    await manager.post(`${linesUrl(p.id)}/${keep.id}/void`, { reason: "Cancelled" });
    expect(await rollup(p.id)).toEqual([]);
  });

  it("lists a partner's lines newest first, a page at a time, by category and month", async () => {
    const p = await createPartner(app);
    const dates = ["2020-07-01", "2020-07-15", "2020-08-03", "2020-08-04", "2020-09-30"];
    for (const [i, spentOn] of dates.entries()) {
      const category = i % 2 === 0 ? "marketing_funds" : "channel_manager";
      await manager.post(linesUrl(p.id), {
        spentOn,
        category,
        amount: "10",
        hours: category === "channel_manager" ? "1" : undefined,
        purpose: `#${i}`,
      });
    }
    const first = (await manager.get(`${linesUrl(p.id)}?limit=2`)).json();
    expect(first.items.map((l: { spentOn: string }) => l.spentOn)).toEqual(["2020-09-30", "2020-08-04"]);
    const second = (await manager.get(`${linesUrl(p.id)}?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((l: { spentOn: string }) => l.spentOn)).toEqual(["2020-08-03", "2020-07-15"]);
    const third = (await finance.get(`${linesUrl(p.id)}?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third).toMatchObject({ items: [{ spentOn: "2020-07-01" }], nextCursor: null });
    const august = (await manager.get(`${linesUrl(p.id)}?month=2020-08`)).json().items;
    expect(august.map((l: { spentOn: string }) => l.spentOn)).toEqual(["2020-08-04", "2020-08-03"]);
    const cm = (await manager.get(`${linesUrl(p.id)}?category=channel_manager`)).json().items;
    expect(cm.map((l: { purpose: string }) => l.purpose)).toEqual(["#3", "#1"]);
    expect((await manager.get(`${linesUrl(p.id)}?month=2020-13`)).statusCode).toBe(400);
    expect((await manager.get(`${linesUrl(p.id)}?cursor=garbage`)).statusCode).toBe(400);
    expect((await manager.get(linesUrl("00000000-0000-7000-8000-000000000000"))).statusCode).toBe(404);
  });

  describe("CSV import and export", () => {
    const header = "partner,date,category,label,amount,hours,purpose";
    const csv = (rows: string[], head = header) => [head, ...rows].join("\n");
    const send = (text: string, mode: "preview" | "apply", client = finance) =>
      client.post(`${importUrl}?mode=${mode}`, text, { "content-type": "text/csv" });

    it("previews every problem by row and column, and changes nothing", async () => {
      await createPartner(app, { name: "Twin Reseller" });
      await createPartner(app, { name: "Twin Reseller" });
      const before = { lines: await count("partner_cost_lines"), audit: await count("audit_log") };
      const text = csv([
        `${a.id},2020-10-01,marketing_funds,,100,,Good row`,
        "No Such Partner,2020-10-01,marketing_funds,,100,,Unknown partner",
        `${a.name},2020-10-32,marketing_funds,,100,,Bad date`,
        `${a.name},2020-10-01,travel,,100,,Bad category`,
        `${a.name},2020-10-01,other,,100,,No label`,
        `${a.name},2020-10-01,marketing_funds,,10.001,,Three decimals`,
        `${a.name},2020-10-01,channel_manager,,,,No hours`,
        "Twin Reseller,2020-10-01,marketing_funds,,5,,Ambiguous name",
        `${a.name},2020-10-01,marketing_funds,,5,,`,
      ]);
      const preview = await send(text, "preview");
      expect(preview.statusCode).toBe(200);
      const body = preview.json();
      expect(body).toMatchObject({ mode: "preview", rows: 9, currency: "EUR", lines: [], totalMinor: 0 });
      expect(body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [3, "partner"],
        [4, "date"],
        [5, "category"],
        [6, "label"],
        [7, "amount"],
        [8, "hours"],
        [9, "partner"],
        [10, "purpose"],
      ]);
      expect(body.errors[0].message).toContain("No Such Partner");
      expect(body.errors[6].message).toContain("give the partner's id");
      const unknownColumn = (await send(csv([`${a.id},2020-10-01,marketing_funds,,1,,x,1`], `${header},colour`), "preview")).json();
      expect(unknownColumn.errors).toEqual([{ row: 1, column: "colour", message: expect.stringContaining("unknown column") }]);
      const missing = (await send("partner,date\nx,2020-01-01", "preview")).json();
      expect(missing.errors.map((e: { column: string }) => e.column)).toEqual(["category", "purpose"]);
      expect({ lines: await count("partner_cost_lines"), audit: await count("audit_log") }).toEqual(before);
    });

    it("applies all or nothing: one bad row and nothing is written; a good file writes every line, by id or exact name", async () => {
      const p = await createPartner(app, { name: "Gamma Import Partner" });
      const good = [
        `${p.id},2020-11-02,marketing_funds,,2000,,Catalogue`,
        `Gamma Import Partner,2020-11-10,Channel Manager,,,3,Onboarding visits`,
        `Gamma Import Partner,2020-12-01,training,,500.25,4,Installer day`,
        `${p.id},2020-12-03,other,Trade show,300,,Shared booth`,
      ];
      const before = { lines: await count("partner_cost_lines"), audit: await count("audit_log") };
      const bad = await send(csv([...good, `${p.id},2020-12-04,other,,300,,No label`]), "apply");
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: "import_failed", rows: [{ row: 6, column: "label" }] });
      expect({ lines: await count("partner_cost_lines"), audit: await count("audit_log") }).toEqual(before);
      expect(await rollup(p.id)).toEqual([]);

      const preview = (await send(csv(good), "preview")).json();
      expect(preview).toMatchObject({ errors: [], totalMinor: 200000 + 36000 + 50025 + 30000 });
      expect(preview.lines.map((l: { id: string | null; row: number }) => [l.id, l.row])).toEqual([
        [null, 2],
        [null, 3],
        [null, 4],
        [null, 5],
      ]);
      expect(await count("partner_cost_lines")).toBe(before.lines);

      const applied = await send(csv(good), "apply", manager);
      expect(applied.statusCode).toBe(201);
      const result = applied.json();
      expect(result.lines.every((l: { id: string | null; partnerId: string }) => l.id !== null && l.partnerId === p.id)).toBe(true);
      expect(result.lines[1]).toMatchObject({ category: "channel_manager", amountMinor: 36000, hoursHundredths: 300 });
      const stored = (await manager.get(linesUrl(p.id))).json().items;
      expect(stored.map((l: { source: string }) => l.source)).toEqual(["csv", "csv", "csv", "csv"]);
      expect(await rollup(p.id)).toEqual([
        { partnerId: p.id, month: "2020-11", category: "channel_manager", amountMinor: 36000, hoursHundredths: 300 },
        { partnerId: p.id, month: "2020-11", category: "marketing_funds", amountMinor: 200000, hoursHundredths: 0 },
        { partnerId: p.id, month: "2020-12", category: "other", amountMinor: 30000, hoursHundredths: 0 },
        { partnerId: p.id, month: "2020-12", category: "training", amountMinor: 50025, hoursHundredths: 400 },
      ]);
      // One audit entry per line and one for the import.
      expect(await count("audit_log")).toBe(before.audit + 5);
    });

    it("exports the lines as CSV, voided ones marked with the reason, filtered by partner and month", async () => {
      const p = await createPartner(app, { name: "Delta Export" });
      await manager.post(linesUrl(p.id), { spentOn: "2020-05-01", category: "marketing_funds", amount: "75.5", purpose: "=HYPERLINK(x)" });
      const gone = (
        await manager.post(linesUrl(p.id), { spentOn: "2020-05-02", category: "channel_manager", hours: "1.25", purpose: "Call" })
      ).json();
      await manager.post(`${linesUrl(p.id)}/${gone.id}/void`, { reason: "Not this partner" });
      await manager.post(linesUrl(p.id), { spentOn: "2020-07-01", category: "marketing_funds", amount: "1", purpose: "Later" });

      const response = await finance.get(`/api/v1/relationships/cost-lines.csv?partnerId=${p.id}&fromMonth=2020-05&toMonth=2020-06`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("text/csv");
      const [head, ...rows] = response.body.trim().split("\n");
      expect(head).toBe("id,partner_id,partner,date,category,label,amount,currency,hours,purpose,source,created_at,created_by,voided_at,void_reason");
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain(`,${p.id},Delta Export,2020-05-01,marketing_funds,,75.50,EUR,,'=HYPERLINK(x),manual,`);
      expect(rows[1]).toContain(`${gone.id},${p.id},Delta Export,2020-05-02,channel_manager,,150.00,EUR,1.25,Call,manual,`);
      expect(rows[1]?.endsWith(",Not this partner")).toBe(true);
      const all = (await manager.get("/api/v1/relationships/cost-lines.csv")).body.trim().split("\n");
      expect(all.length).toBeGreaterThan(rows.length + 1);
    });
  });

  it("lets vendor roles with the permissions in, and nobody else; an API token's lines say api", async () => {
    const line = { spentOn: "2020-01-15", category: "marketing_funds", amount: "5", purpose: "Access check" };
    for (const role of ["partner_admin", "sales_rep", "technician"] as const) {
      const client = (await signedIn(app, role, a.id)).client;
      expect((await client.get(linesUrl(a.id))).statusCode).toBe(403);
      expect((await client.post(linesUrl(a.id), line)).statusCode).toBe(403);
    }
    for (const role of ["support_agent", "marketing"] as const) {
      const client = (await signedIn(app, role)).client;
      expect((await client.get(linesUrl(a.id))).statusCode).toBe(403);
      expect((await client.post(linesUrl(a.id), line)).statusCode).toBe(403);
      expect((await client.get("/api/v1/relationships/cost-lines.csv")).statusCode).toBe(403);
      expect((await client.post(`${importUrl}?mode=preview`, "partner,date,category,purpose\n", { "content-type": "text/csv" })).statusCode).toBe(
        403,
      );
    }
    expect((await app.app.inject({ method: "GET", url: linesUrl(a.id) })).statusCode).toBe(401);

    const token = (await admin.post("/api/v1/api-tokens", { name: "Marketing system", role: "finance" })).json().token;
    const viaToken = await app.app.inject({ method: "POST", url: linesUrl(a.id), headers: { authorization: `Bearer ${token}` }, payload: line });
    expect(viaToken.statusCode).toBe(201);
    expect(viaToken.json()).toMatchObject({ source: "api", createdBy: null });
  });
});
