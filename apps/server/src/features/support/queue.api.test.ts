import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createProductFixture } from "../../testing/support-fixtures.js";
import {
  alwaysOpenCalendar,
  type Client,
  getTicket,
  openTicket,
  putSupportSettings,
  queueIds,
  replyTo,
  setStatus,
  type TicketJson,
} from "../../testing/tickets.js";

/**
 * One queue, seven tickets built in beforeAll so every filter has a known answer. Every minute is
 * a business minute (24 h calendar) and the warning horizon is 60 minutes:
 *   a1 Alpha (Gold) P2 camera, first response due in 30 min      → at_risk
 *   a2 Alpha P4 recorder, assigned to "me"                        → on_track
 *   a3 Alpha P3 camera, waiting on the partner                    → paused
 *   b1 Beta P1 recorder, first response flagged as breached       → breached
 *   b2 Beta P3 camera, due an hour ago                            → breached
 *   b3 Beta P2, answered and resolved in time                     → met (not active)
 *   b4 Beta P4, assigned to another agent, waiting on engineering → on_track
 */
describe.each(testEngines)("support queue on %s", (engine) => {
  let app: TestApp;
  let me: Client;
  let meId: string;
  let otherAgentId: string;
  let techA: Client;
  let techB: Client;
  let partnerA: { id: string };
  let goldId: string;
  let camera: { id: string };
  let t: Record<"a1" | "a2" | "a3" | "b1" | "b2" | "b3" | "b4", TicketJson>;

  const sorted = (ids: string[]) => [...ids].sort();
  const idsOf = (...names: (keyof typeof t)[]) => sorted(names.map((name) => t[name].id));
  const expectQueue = async (query: string, ...names: (keyof typeof t)[]) =>
    expect(sorted(await queueIds(me, query)), query).toEqual(idsOf(...names));

  beforeAll(async () => {
    app = await createTestApp(engine);
    const admin = (await signedIn(app, "vendor_admin")).client;
    const signedMe = await signedIn(app, "support_agent");
    me = signedMe.client;
    meId = signedMe.user.id;
    const other = await signedIn(app, "support_agent");
    otherAgentId = other.user.id;
    const gold = await admin.post("/api/v1/tiers", { name: "Gold", rank: 1 });
    goldId = gold.json().id;
    partnerA = await createPartner(app, { name: "Alpha Security", tierId: goldId });
    const partnerB = await createPartner(app, { name: "Beta Systems" });
    techA = (await signedIn(app, "technician", partnerA.id)).client;
    techB = (await signedIn(app, "technician", partnerB.id)).client;
    camera = await createProductFixture(app, { serialPattern: "CAM-\\d{6}" });
    const recorder = await createProductFixture(app, { serialPattern: "NVR-\\d{4}" });
    await putSupportSettings(admin, { calendar: alwaysOpenCalendar, warnBeforeMinutes: 60 });
    await admin.put("/api/v1/support/sla-policies", {
      policies: [{ tierId: goldId, severity: "P2", firstResponseMinutes: 30, resolutionMinutes: 120 }],
    });

    const cam = (serial: string) => [{ productId: camera.id, serials: [serial] }];
    const nvr = [{ productId: recorder.id, serials: ["NVR-0001"] }];
    const a1 = await openTicket(techA, { subject: "Dome camera loses focus", severity: "P2", products: cam("CAM-000101") });
    const a2 = await openTicket(techA, { subject: "Recorder fan noise", severity: "P4", products: nvr });
    const a3 = await openTicket(techA, { subject: "Camera stream stutters", severity: "P3", products: cam("CAM-000102") });
    const b1 = await openTicket(techB, { subject: "Site down", severity: "P1", products: nvr });
    const b2 = await openTicket(techB, { subject: "Night vision too dark", severity: "P3", products: cam("CAM-000201") });
    const b3 = await openTicket(techB, { subject: "Licence key question", severity: "P2" });
    const b4 = await openTicket(techB, { subject: "Firmware rollback", severity: "P4" });

    expect((await me.patch(`/api/v1/support/tickets/${a2.id}`, { assigneeId: meId })).statusCode).toBe(200);
    await replyTo(me, a3.id, { body: "Which firmware runs on it?", status: "waiting_on_partner" });
    await app.ctx.db.updateTable("tickets").set({ first_response_breached: 1 }).where("id", "=", b1.id).execute();
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await app.ctx.db.updateTable("tickets").set({ queue_due_at: anHourAgo, first_response_due_at: anHourAgo }).where("id", "=", b2.id).execute();
    await replyTo(me, b3.id, { body: "Here is how to move the licence." });
    await setStatus(me, b3.id, "resolved");
    expect((await me.patch(`/api/v1/support/tickets/${b4.id}`, { assigneeId: otherAgentId })).statusCode).toBe(200);
    await setStatus(me, b4.id, "waiting_on_engineering");
    t = { a1, a2, a3, b1, b2, b3, b4 };
  });
  afterAll(async () => app.close());

  it("lists the active tickets by default and filters by status and severity", async () => {
    await expectQueue("", "a1", "a2", "a3", "b1", "b2", "b4");
    await expectQueue("status=resolved", "b3");
    await expectQueue("status=waiting_on_partner&status=waiting_on_engineering", "a3", "b4");
    await expectQueue("severity=P2", "a1");
    await expectQueue("severity=P2&status=resolved", "b3");
    await expectQueue("severity=P3&severity=P4", "a2", "a3", "b2", "b4");
    expect((await me.get("/api/v1/support/tickets?status=pending")).statusCode).toBe(400);
  });

  it("filters by partner, tier, product and assignee (me, none, someone)", async () => {
    await expectQueue(`partnerId=${partnerA.id}`, "a1", "a2", "a3");
    await expectQueue(`tierId=${goldId}`, "a1", "a2", "a3");
    await expectQueue(`productId=${camera.id}`, "a1", "a3", "b2");
    await expectQueue("assigneeId=me", "a2");
    await expectQueue("assigneeId=none", "a1", "a3", "b1", "b2");
    await expectQueue(`assigneeId=${otherAgentId}`, "b4");
    await expectQueue(`productId=${camera.id}&partnerId=${partnerA.id}&severity=P3`, "a3");
  });

  it("filters by SLA state, agreeing with each ticket's clock", async () => {
    const expected = { breached: ["b1", "b2"], at_risk: ["a1"], paused: ["a3"], on_track: ["a2", "b4"], met: ["b3"] } as const;
    for (const [state, names] of Object.entries(expected)) {
      await expectQueue(`slaState=${state}`, ...names);
      for (const name of names) expect((await getTicket(me, t[name].id)).sla.state, `${name} is ${state}`).toBe(state);
    }
    const paused = await getTicket(me, t.a3.id);
    expect(paused.sla).toMatchObject({ paused: true, resolutionDueAt: null });
    expect(paused.sla.firstResponseAt).not.toBeNull();
    expect((await getTicket(me, t.b1.id)).sla.firstResponseBreached).toBe(true);
  });

  it("orders by the next SLA due time and pages with a cursor without gaps or repeats", async () => {
    const order = ["b2", "a1", "b1", "a2", "b4", "a3"].map((name) => t[name as keyof typeof t].id);
    expect(await queueIds(me, "sort=sla")).toEqual(order);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/support/tickets?sort=sla&limit=4${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await me.get(query);
      expect(page.statusCode, page.body).toBe(200);
      const body = page.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual(order);

    const newest = await queueIds(me, "sort=newest");
    expect(newest).toEqual(["b4", "b2", "b1", "a3", "a2", "a1"].map((name) => t[name as keyof typeof t].id));
    const firstTwo = await me.get("/api/v1/support/tickets?sort=newest&limit=2");
    const rest = await me.get(`/api/v1/support/tickets?sort=newest&limit=10&cursor=${firstTwo.json().nextCursor}`);
    expect([...firstTwo.json().items, ...rest.json().items].map((item: { id: string }) => item.id)).toEqual(newest);
    expect((await me.get("/api/v1/support/tickets?cursor=not-a-cursor")).statusCode).toBe(400);
  });

  it("finds tickets by number, subject words and exact serial", async () => {
    await expectQueue(`q=${t.a2.number}`, "a2");
    await expectQueue(`q=T-${t.b1.number}`, "b1");
    await expectQueue("q=FOCUS", "a1");
    await expectQueue("q=CAM-000102", "a3");
    await expectQueue("q=CAM-0001");
    await expectQueue("q=100%25");
  });

  it("gives a partner only its own tickets, whatever the filters", async () => {
    expect(sorted(await queueIds(techB))).toEqual(idsOf("b1", "b2", "b4"));
    expect(await queueIds(techB, `partnerId=${partnerA.id}`)).toEqual([]);
    expect(await queueIds(techB, "q=focus")).toEqual([]);
    expect(sorted(await queueIds(techA, "slaState=paused"))).toEqual(idsOf("a3"));
    const summary = (await techA.get("/api/v1/support/tickets")).json().items[0];
    expect(summary.partner.id).toBe(partnerA.id);
  });
  // Last: it adds a ticket. The product filter reads ticket_products' copy of the active flag.
  it("keeps the product filter in step with status changes: resolved leaves the active queue, reopened returns", async () => {
    const c1 = await openTicket(techA, {
      subject: "Camera reboots at dusk",
      severity: "P3",
      products: [{ productId: camera.id, serials: ["CAM-000301"] }],
    });
    expect(await queueIds(me, `productId=${camera.id}`)).toContain(c1.id);
    await setStatus(techA, c1.id, "resolved");
    expect(await queueIds(me, `productId=${camera.id}`)).not.toContain(c1.id);
    expect(await queueIds(me, `productId=${camera.id}&status=resolved`)).toEqual([c1.id]);
    await setStatus(techA, c1.id, "open");
    expect(await queueIds(me, `productId=${camera.id}&status=open&status=new`)).toContain(c1.id);
    expect(await queueIds(me, `productId=${camera.id}`)).toContain(c1.id);
  });
});
