import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createProductFixture, createTicketFixture } from "../../testing/support-fixtures.js";
import { knownProblemExists, knownProblemSummary } from "./known-problems.service.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];

describe.each(testEngines)("known problems on %s", (engine) => {
  let app: TestApp;
  let agent: Client;
  let finance: Client;
  let marketing: Client;
  let technician: Client;
  let camera: { id: string; name: string };
  let recorder: { id: string; name: string };
  let partnerA: { id: string; name: string };
  let partnerB: { id: string; name: string };
  let requesterA: string;
  let requesterB: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    agent = (await signedIn(app, "support_agent")).client;
    finance = (await signedIn(app, "finance")).client;
    marketing = (await signedIn(app, "marketing")).client;
    partnerA = await createPartner(app, { name: "Alpha Security" });
    partnerB = await createPartner(app, { name: "Beta Systems" });
    technician = (await signedIn(app, "technician", partnerA.id)).client;
    requesterA = (await createUser(app, { role: "technician", partnerId: partnerA.id })).id;
    requesterB = (await createUser(app, { role: "technician", partnerId: partnerB.id })).id;
    camera = await createProductFixture(app, { name: "Dome Camera D4" });
    recorder = await createProductFixture(app, { name: "Recorder R8" });
  });
  afterAll(async () => app.close());

  async function create(body: Record<string, unknown>) {
    const response = await agent.post("/api/v1/support/known-problems", { kind: "defect", ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it("records a problem with its products, audited, and renders its markdown safely", async () => {
    const created = await create({
      title: "Night mode flickers",
      description: "IR LEDs **flicker** <script>alert(1)</script>",
      workaround: "Set IR to *manual*",
      affectedVersions: "2.1.0 - 2.3.4",
      productIds: [camera.id],
    });
    expect(created).toMatchObject({
      title: "Night mode flickers",
      kind: "defect",
      status: "investigating",
      fixVersion: null,
      affectedVersions: "2.1.0 - 2.3.4",
      products: [{ id: camera.id, name: "Dome Camera D4" }],
      ticketCount: 0,
      partnersAffected: 0,
      tickets: [],
    });
    expect(created.descriptionHtml).toContain("<strong>flicker</strong>");
    expect(created.descriptionHtml).not.toContain("<script>");
    expect(created.workaroundHtml).toContain("<em>manual</em>");
    expect(created.createdBy?.name).toBeTruthy();
    const audit = await app.ctx.db.selectFrom("audit_log").selectAll().where("entity_id", "=", created.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["known_problem.create"]);
  });

  it("refuses a product that does not exist, naming the field, and bad kinds", async () => {
    const unknown = await agent.post("/api/v1/support/known-problems", { title: "Ghost", kind: "defect", productIds: [camera.id, "nope"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual([{ path: "body.productIds.1", message: "no such product" }]);
    const badKind = await agent.post("/api/v1/support/known-problems", { title: "Ghost", kind: "bug" });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().fields[0].path).toBe("body.kind");
  });

  it("counts linked tickets and distinct partners, and lists the linked tickets", async () => {
    const problem = await create({ title: "Recorder reboots on RAID rebuild", productIds: [recorder.id] });
    const t1 = await createTicketFixture(app, {
      partnerId: partnerA.id,
      requesterId: requesterA,
      subject: "Reboot loop",
      knownProblemId: problem.id,
    });
    await createTicketFixture(app, { partnerId: partnerA.id, requesterId: requesterA, knownProblemId: problem.id, status: "resolved" });
    await createTicketFixture(app, { partnerId: partnerB.id, requesterId: requesterB, knownProblemId: problem.id });
    await createTicketFixture(app, { partnerId: partnerB.id, requesterId: requesterB });

    const detail = await agent.get(`/api/v1/support/known-problems/${problem.id}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.ticketCount).toBe(3);
    expect(body.partnersAffected).toBe(2);
    expect(body.tickets).toHaveLength(3);
    expect(body.tickets).toContainEqual({
      id: t1.id,
      number: t1.number,
      subject: "Reboot loop",
      status: "open",
      partner: { id: partnerA.id, name: "Alpha Security" },
      createdAt: expect.any(String),
    });

    const listed = await finance.get(`/api/v1/support/known-problems?productId=${recorder.id}`);
    expect(listed.statusCode).toBe(200);
    const item = listed.json().items.find((i: { id: string }) => i.id === problem.id);
    expect(item).toMatchObject({ ticketCount: 3, partnersAffected: 2, products: [{ id: recorder.id }] });
  });

  it("filters by text, status and product, and pages with a cursor", async () => {
    await create({ title: "PoE budget exceeded on 16-port switch", status: "workaround", workaround: "Use the external PSU" });
    await create({ title: "Audio drift after 24h", kind: "limitation", status: "wont_fix", productIds: [camera.id] });

    const byText = (await agent.get("/api/v1/support/known-problems?q=external%20psu")).json();
    expect(byText.items.map((i: { title: string }) => i.title)).toEqual(["PoE budget exceeded on 16-port switch"]);
    const byStatus = (await agent.get("/api/v1/support/known-problems?status=wont_fix")).json();
    expect(byStatus.items.map((i: { title: string }) => i.title)).toEqual(["Audio drift after 24h"]);
    const byProduct = (await agent.get(`/api/v1/support/known-problems?productId=${camera.id}`)).json();
    expect(byProduct.items.map((i: { title: string }) => i.title).sort()).toEqual(["Audio drift after 24h", "Night mode flickers"]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await agent.get(`/api/v1/support/known-problems?limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const total = (await agent.get("/api/v1/support/known-problems?limit=200")).json().items.length;
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect((await agent.get("/api/v1/support/known-problems?cursor=garbage")).statusCode).toBe(400);
  });

  it("changes only the fields sent, replaces the products, and audits before and after", async () => {
    const problem = await create({ title: "Firmware upload stalls", workaround: "Use TFTP", productIds: [camera.id] });
    const patched = await agent.patch(`/api/v1/support/known-problems/${problem.id}`, {
      status: "fixed",
      fixVersion: "2.4.0",
      productIds: [recorder.id],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      title: "Firmware upload stalls",
      workaround: "Use TFTP",
      status: "fixed",
      fixVersion: "2.4.0",
      products: [{ id: recorder.id }],
    });
    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", problem.id)
      .where("action", "=", "known_problem.update")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json ?? "{}")).toMatchObject({ status: "investigating", product_ids: [camera.id] });
    expect(JSON.parse(audit.after_json ?? "{}")).toMatchObject({ status: "fixed", fix_version: "2.4.0", product_ids: [recorder.id] });

    expect((await agent.patch("/api/v1/support/known-problems/no-such-problem", { status: "fixed" })).statusCode).toBe(404);
    expect((await agent.get("/api/v1/support/known-problems/no-such-problem")).statusCode).toBe(404);
  });

  it("is the vendor's: partners and marketing are refused, finance reads but cannot write", async () => {
    expect((await technician.get("/api/v1/support/known-problems")).statusCode).toBe(403);
    expect((await technician.post("/api/v1/support/known-problems", { title: "Mine", kind: "defect" })).statusCode).toBe(403);
    expect((await marketing.get("/api/v1/support/known-problems")).statusCode).toBe(403);
    expect((await finance.get("/api/v1/support/known-problems")).statusCode).toBe(200);
    expect((await finance.post("/api/v1/support/known-problems", { title: "Mine", kind: "defect" })).statusCode).toBe(403);
  });

  it("tells the ticket service whether a problem exists and what partners may see of it", async () => {
    const problem = await create({ title: "Clock drifts", workaround: "Enable NTP", status: "fixed", fixVersion: "3.0.1" });
    expect(await knownProblemExists(app.ctx, problem.id)).toBe(true);
    expect(await knownProblemExists(app.ctx, "nope")).toBe(false);
    expect(await knownProblemSummary(app.ctx, problem.id)).toEqual({
      id: problem.id,
      title: "Clock drifts",
      workaround: "Enable NTP",
      fixVersion: "3.0.1",
    });
    expect(await knownProblemSummary(app.ctx, "nope")).toBeNull();
  });
});
