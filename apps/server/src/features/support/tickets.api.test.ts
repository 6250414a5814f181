import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { multipartBody } from "../../testing/multipart.js";
import { createProductFixture } from "../../testing/support-fixtures.js";
import { alwaysOpenCalendar, type Client, getTicket, openTicket, putSupportSettings, queueIds, replyTo } from "../../testing/tickets.js";

const minutes = (from: string, to: string | null) => (to === null ? null : (Date.parse(to) - Date.parse(from)) / 60_000);

describe.each(testEngines)("support tickets on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let agent: Client;
  let agentId: string;
  let techA: Client;
  let repA: Client;
  let adminA: Client;
  let techB: Client;
  let partnerA: { id: string; name: string };
  let partnerB: { id: string; name: string };
  let goldId: string;
  let camera: { id: string; name: string; familyId: string };

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    const signedAgent = await signedIn(app, "support_agent");
    agent = signedAgent.client;
    agentId = signedAgent.user.id;
    const gold = await admin.post("/api/v1/tiers", { name: "Gold", rank: 1 });
    expect(gold.statusCode, gold.body).toBe(201);
    goldId = gold.json().id;
    partnerA = await createPartner(app, { name: "Alpha Security", tierId: goldId });
    partnerB = await createPartner(app, { name: "Beta Systems" });
    techA = (await signedIn(app, "technician", partnerA.id)).client;
    repA = (await signedIn(app, "sales_rep", partnerA.id)).client;
    adminA = (await signedIn(app, "partner_admin", partnerA.id)).client;
    techB = (await signedIn(app, "technician", partnerB.id)).client;
    camera = await createProductFixture(app, { name: "Dome Camera D4", serialPattern: "CAM-\\d{6}" });
    await putSupportSettings(admin, { calendar: alwaysOpenCalendar });
    const policies = await admin.put("/api/v1/support/sla-policies", {
      policies: [
        { tierId: goldId, severity: "P2", firstResponseMinutes: 30, resolutionMinutes: 120 },
        { tierId: null, severity: "P2", firstResponseMinutes: 240, resolutionMinutes: 1200 },
      ],
    });
    expect(policies.statusCode, policies.body).toBe(200);
  });
  afterAll(async () => app.close());

  it("opens a ticket as a technician, a sales rep and a partner admin: numbered in sequence, new, with its products", async () => {
    const first = await openTicket(techA, {
      subject: "Dome camera reboots at night",
      products: [{ productId: camera.id, serials: ["CAM-000001", "CAM-000002", "CAM-000001"] }],
      firmwareVersion: "2.4.1",
      siteName: "Harbour warehouse",
    });
    expect(first).toMatchObject({
      subject: "Dome camera reboots at night",
      status: "new",
      severity: "P3",
      partner: { id: partnerA.id, name: "Alpha Security", tierName: "Gold" },
      assignee: null,
      firmwareVersion: "2.4.1",
      siteName: "Harbour warehouse",
      products: [{ productId: camera.id, name: "Dome Camera D4", serials: ["CAM-000001", "CAM-000002"] }],
      replies: [],
      minutesLogged: 0,
      allowedStatuses: ["resolved"],
    });
    expect(first.events.map((event) => event.kind)).toEqual(["opened"]);
    const second = await openTicket(repA);
    const third = await openTicket(adminA);
    expect([second.number, third.number]).toEqual([first.number + 1, first.number + 2]);
    expect(second.partner.id).toBe(partnerA.id);
    const audit = await app.ctx.db.selectFrom("audit_log").selectAll().where("entity_id", "=", first.id).execute();
    expect(audit).toMatchObject([{ action: "ticket.open", partner_id: partnerA.id }]);
  });

  it("takes SLA targets from the tier's policy, else the default row, else the built-in targets", async () => {
    const gold = await openTicket(techA, { severity: "P2" });
    expect(gold.sla).toMatchObject({ state: "at_risk", firstResponseTarget: 30, resolutionTarget: 120, paused: false, firstResponseAt: null });
    expect(minutes(gold.createdAt, gold.sla.firstResponseDueAt)).toBe(30);
    expect(minutes(gold.createdAt, gold.sla.resolutionDueAt)).toBe(120);

    const untiered = await openTicket(techB, { severity: "P2" });
    expect(untiered.sla).toMatchObject({ state: "on_track", firstResponseTarget: 240, resolutionTarget: 1200 });
    expect(minutes(untiered.createdAt, untiered.sla.firstResponseDueAt)).toBe(240);

    // No stored row for P1: the built-in default applies (1 h / 8 h), to gold too.
    const p1 = await openTicket(techA, { severity: "P1" });
    expect(p1.sla).toMatchObject({ firstResponseTarget: 60, resolutionTarget: 480 });

    const seen = await techA.get("/api/v1/support/sla-policies");
    expect(seen.statusCode).toBe(200);
    expect(seen.json().policies).toEqual([
      { tierId: null, severity: "P1", firstResponseMinutes: 60, resolutionMinutes: 480 },
      { tierId: goldId, severity: "P2", firstResponseMinutes: 30, resolutionMinutes: 120 },
      { tierId: null, severity: "P3", firstResponseMinutes: 480, resolutionMinutes: 3000 },
      { tierId: null, severity: "P4", firstResponseMinutes: 1200, resolutionMinutes: 6000 },
    ]);
  });

  it("checks serials against the product's pattern and products against the catalogue; vendor users cannot open tickets", async () => {
    const before = (await queueIds(agent)).length;
    const badSerial = await techA.post("/api/v1/support/tickets", {
      subject: "Wrong serial",
      description: "x",
      category: "installation",
      severity: "P3",
      products: [{ productId: camera.id, serials: ["NVR-1"] }],
    });
    expect(badSerial.statusCode).toBe(400);
    expect(badSerial.json().fields).toEqual([{ path: "body.products.0.serials.0", message: expect.stringContaining("CAM-\\d{6}") }]);

    const unknown = await techA.post("/api/v1/support/tickets", {
      subject: "Unknown product",
      description: "x",
      category: "installation",
      severity: "P3",
      products: [{ productId: camera.id }, { productId: "no-such-product" }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe("body.products.1.productId");

    for (const vendor of [admin, agent, (await signedIn(app, "channel_manager")).client]) {
      const refused = await vendor.post("/api/v1/support/tickets", {
        subject: "From the vendor",
        description: "x",
        category: "licensing",
        severity: "P4",
      });
      expect(refused.statusCode).toBe(403);
    }
    expect((await queueIds(agent)).length).toBe(before);
  });

  it("shows a partner only its own tickets; another partner's answers 404 on every ticket route", async () => {
    const ticketA = await openTicket(techA, { subject: "Alpha only" });
    const ticketB = await openTicket(techB, { subject: "Beta only" });
    const upload = multipartBody({}, { bytes: Buffer.from("boot log line 1\n"), fileName: "boot.log", contentType: "text/plain" });
    const attached = await techA.post(`/api/v1/support/tickets/${ticketA.id}/attachments`, upload.body, upload.headers);
    expect(attached.statusCode, attached.body).toBe(201);

    const listedB = await queueIds(techB);
    expect(listedB).toContain(ticketB.id);
    expect(listedB).not.toContain(ticketA.id);
    expect(await queueIds(techB, `partnerId=${partnerA.id}`)).toEqual([]);
    // The whole partner sees its tickets; the vendor sees everyone's.
    expect(await queueIds(adminA)).toContain(ticketA.id);
    expect(await queueIds(agent)).toEqual(expect.arrayContaining([ticketA.id, ticketB.id]));

    const url = `/api/v1/support/tickets/${ticketA.id}`;
    const attempts = [
      await techB.get(url),
      await techB.post(`${url}/status`, { status: "resolved" }),
      await techB.post(`${url}/replies`, { body: "Let me in" }),
      await techB.post(`${url}/attachments`, upload.body, upload.headers),
      await techB.get(`${url}/attachments/${attached.json().id}`),
    ];
    expect(attempts.map((response) => response.statusCode)).toEqual([404, 404, 404, 404, 404]);
    const after = await getTicket(agent, ticketA.id);
    expect(after).toMatchObject({ status: "new", replyCount: 0 });
    expect(after.attachments).toHaveLength(1);
  });

  it("never shows internal notes, their minutes or internal attachments to partner users", async () => {
    const ticket = await openTicket(techA, { subject: "Notes stay inside" });
    await replyTo(agent, ticket.id, { body: "Looks like bug 4711 again", internal: true, minutes: 10 });
    await replyTo(agent, ticket.id, { body: "Please send the boot log", minutes: 5 });
    const note = multipartBody({ internal: "true" }, { bytes: Buffer.from("engineering notes\n"), fileName: "notes.txt" });
    const internalFile = await agent.post(`/api/v1/support/tickets/${ticket.id}/attachments`, note.body, note.headers);
    expect(internalFile.statusCode, internalFile.body).toBe(201);
    expect(internalFile.json().internal).toBe(true);
    const assigned = await agent.patch(`/api/v1/support/tickets/${ticket.id}`, { assigneeId: agentId });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const vendorView = await getTicket(agent, ticket.id);
    expect(vendorView.replies.map((reply) => [reply.internal, reply.minutes])).toEqual([
      [true, 10],
      [false, 5],
    ]);
    expect(vendorView.attachments).toHaveLength(1);

    for (const partnerUser of [techA, adminA]) {
      const view = await getTicket(partnerUser, ticket.id);
      expect(view.replies).toEqual([expect.objectContaining({ body: "Please send the boot log", internal: false, minutes: null })]);
      expect(view.attachments).toEqual([]);
      expect(view.events.map((event) => event.kind)).not.toContain("assigned");
      expect(JSON.stringify(view)).not.toContain("bug 4711");
      const download = await partnerUser.get(`/api/v1/support/tickets/${ticket.id}/attachments/${internalFile.json().id}`);
      expect(download.statusCode).toBe(404);
    }
    expect((await agent.get(`/api/v1/support/tickets/${ticket.id}/attachments/${internalFile.json().id}`)).statusCode).toBe(200);
  });

  it("lets agents change severity (new targets), assignee (active agents only) and the known problem", async () => {
    const ticket = await openTicket(techA, { severity: "P3" });
    expect(ticket.sla.firstResponseTarget).toBe(480);
    const url = `/api/v1/support/tickets/${ticket.id}`;

    const raised = await agent.patch(url, { severity: "P2" });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json().sla).toMatchObject({ firstResponseTarget: 30, resolutionTarget: 120 });
    expect(minutes(ticket.createdAt, raised.json().sla.firstResponseDueAt)).toBe(30);
    expect(raised.json().events.at(-1)).toMatchObject({ kind: "severity", detail: { from: "P3", to: "P2" } });

    const technician = await createUser(app, { role: "technician", partnerId: partnerA.id });
    const gone = await createUser(app, { role: "support_agent", status: "deactivated" });
    for (const assigneeId of [technician.id, gone.id, "no-such-user"]) {
      const refused = await agent.patch(url, { assigneeId });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().fields).toEqual([{ path: "body.assigneeId", message: expect.any(String) }]);
    }
    const assigned = await agent.patch(url, { assigneeId: agentId });
    expect(assigned.json().assignee).toMatchObject({ id: agentId });
    expect((await agent.patch(url, { assigneeId: null })).json().assignee).toBeNull();

    const unknownProblem = await agent.patch(url, { knownProblemId: "no-such-problem" });
    expect(unknownProblem.statusCode).toBe(400);
    expect(unknownProblem.json().fields).toEqual([{ path: "body.knownProblemId", message: "is not a known problem" }]);
    const problem = await agent.post("/api/v1/support/known-problems", { title: "Focus drifts when warm", kind: "defect", workaround: "Lock focus" });
    expect(problem.statusCode, problem.body).toBe(201);
    const linked = await agent.patch(url, { knownProblemId: problem.json().id });
    expect(linked.json().knownProblem).toMatchObject({ id: problem.json().id, title: "Focus drifts when warm", workaround: "Lock focus" });
    expect((await getTicket(techA, ticket.id)).knownProblem?.title).toBe("Focus drifts when warm");

    expect((await techA.patch(url, { severity: "P1" })).statusCode).toBe(403);
    expect((await getTicket(agent, ticket.id)).severity).toBe("P2");
  });

  it("assigns new tickets round-robin among the agents covering the product family, and not at all when switched off", async () => {
    const family = await createProductFixture(app, { name: "Recorder R8", serialPattern: "NVR-\\d{4}" });
    const other = await createProductFixture(app, { name: "Access panel" });
    const first = await createUser(app, { role: "support_agent" });
    const second = await createUser(app, { role: "support_agent" });
    const elsewhere = await createUser(app, { role: "support_agent" });
    for (const [userId, familyIds] of [
      [first.id, [family.familyId]],
      [second.id, [family.familyId, other.familyId]],
      [elsewhere.id, [other.familyId]],
    ] as const) {
      const covered = await admin.put(`/api/v1/support/agents/${userId}/coverage`, { familyIds });
      expect(covered.statusCode, covered.body).toBe(200);
      expect(covered.json().familyIds.sort()).toEqual([...familyIds].sort());
    }
    const unknownFamily = await admin.put(`/api/v1/support/agents/${first.id}/coverage`, { familyIds: ["no-such-family"] });
    expect(unknownFamily.statusCode).toBe(400);
    expect(
      (await admin.put(`/api/v1/support/agents/${(await createUser(app, { role: "finance" })).id}/coverage`, { familyIds: [] })).statusCode,
    ).toBe(404);

    const products = [{ productId: family.id, serials: ["NVR-0001"] }];
    const one = await openTicket(techA, { products });
    const two = await openTicket(techB, { products });
    const assignees = [one.assignee?.id, two.assignee?.id];
    expect(new Set(assignees)).toEqual(new Set([first.id, second.id]));
    // The partner's timeline leaves assignment out; the agent's shows it was automatic.
    expect(one.events.map((event) => event.kind)).toEqual(["opened"]);
    expect((await getTicket(agent, one.id)).events.at(-1)).toMatchObject({ kind: "assigned", detail: { assigneeId: one.assignee?.id, auto: true } });
    const three = await openTicket(techA, { products });
    expect(three.assignee?.id).toBe(one.assignee?.id);
    expect([one, two, three].map((ticket) => ticket.assignee?.id)).not.toContain(elsewhere.id);

    const agents = await agent.get("/api/v1/support/agents");
    expect(agents.json().find((row: { userId: string }) => row.userId === one.assignee?.id)).toMatchObject({ openTickets: 2 });

    // Without a product there is no family to route by.
    expect((await openTicket(techA)).assignee).toBeNull();
    await putSupportSettings(admin, { autoAssign: false });
    try {
      expect((await openTicket(techA, { products })).assignee).toBeNull();
    } finally {
      await putSupportSettings(admin, { autoAssign: true });
    }
  });
});
