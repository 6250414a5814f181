import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createProductFixture, createTicketFixture } from "../../testing/support-fixtures.js";
import { rmasForTicket } from "./rmas.service.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];

describe.each(testEngines)("RMAs on %s", (engine) => {
  let app: TestApp;
  let agent: Client;
  let technicianA: Client;
  let partnerA: { id: string; name: string };
  let partnerB: { id: string; name: string };
  let requesterA: { id: string; email: string };
  let requesterB: { id: string; email: string };
  let camera: { id: string; name: string };
  let retired: { id: string; name: string };
  let ticketA: { id: string; number: number };
  let ticketB: { id: string; number: number };
  let seq = 0;
  const nextSerial = () => `CAM-${String(++seq).padStart(6, "0")}`;

  beforeAll(async () => {
    app = await createTestApp(engine);
    agent = (await signedIn(app, "support_agent")).client;
    partnerA = await createPartner(app, { name: "Alpha Security" });
    partnerB = await createPartner(app, { name: "Beta Systems" });
    technicianA = (await signedIn(app, "technician", partnerA.id)).client;
    requesterA = await createUser(app, { role: "technician", partnerId: partnerA.id });
    requesterB = await createUser(app, { role: "technician", partnerId: partnerB.id });
    camera = await createProductFixture(app, { name: "Dome Camera D4", serialPattern: "CAM-\\d{6}" });
    retired = await createProductFixture(app, { name: "Old Recorder", serialPattern: "OLD-\\d{4}", lifecycle: "end_of_life" });
    ticketA = await createTicketFixture(app, {
      partnerId: partnerA.id,
      requesterId: requesterA.id,
      products: [
        { productId: camera.id, serials: ["CAM-900001"] },
        { productId: retired.id, serials: ["OLD-0001"] },
      ],
    });
    ticketB = await createTicketFixture(app, { partnerId: partnerB.id, requesterId: requesterB.id, products: [{ productId: camera.id }] });
  });
  afterAll(async () => app.close());

  async function authorise(ticketId: string, body: Record<string, unknown> = {}) {
    const response = await agent.post(`/api/v1/support/tickets/${ticketId}/rmas`, {
      productId: camera.id,
      serial: nextSerial(),
      reason: "Dead on arrival",
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  const mailsTo = (to: string) => app.ctx.db.selectFrom("mail_messages").selectAll().where("to_address", "=", to).orderBy("id").execute();

  it("authorises a return on the ticket's partner, numbered in sequence, audited, and emails the requester", async () => {
    const before = (await mailsTo(requesterA.email)).length;
    const first = await authorise(ticketA.id, { serial: "CAM-900001" });
    expect(first).toMatchObject({
      status: "authorised",
      serial: "CAM-900001",
      replacementSerial: null,
      product: { id: camera.id, name: "Dome Camera D4" },
      partner: { id: partnerA.id, name: "Alpha Security" },
      ticket: { id: ticketA.id, number: ticketA.number },
      allowedStatuses: ["received", "cancelled"],
    });
    const second = await authorise(ticketA.id);
    expect(second.number).toBe(first.number + 1);
    const mails = await mailsTo(requesterA.email);
    expect(mails.length).toBe(before + 2);
    expect(mails.at(-2)?.subject).toBe(`RMA ${first.number}: return authorised`);
    expect(mails.at(-2)?.text_body).toContain("CAM-900001");
    const audit = await app.ctx.db.selectFrom("audit_log").selectAll().where("entity_id", "=", first.id).execute();
    expect(audit).toMatchObject([{ action: "rma.authorise", partner_id: partnerA.id }]);
  });

  it("checks the serial against the product's pattern and the product against the ticket", async () => {
    const badSerial = await agent.post(`/api/v1/support/tickets/${ticketA.id}/rmas`, {
      productId: camera.id,
      serial: "XCAM-000001",
      reason: "Broken",
    });
    expect(badSerial.statusCode).toBe(400);
    expect(badSerial.json().fields).toEqual([{ path: "body.serial", message: "must match CAM-\\d{6}" }]);
    const unknownProduct = await agent.post(`/api/v1/support/tickets/${ticketA.id}/rmas`, {
      productId: "nope",
      serial: "CAM-000001",
      reason: "Broken",
    });
    expect(unknownProduct.statusCode).toBe(400);
    expect(unknownProduct.json().fields[0].path).toBe("body.productId");
    const unknownTicket = await agent.post("/api/v1/support/tickets/no-such-ticket/rmas", {
      productId: camera.id,
      serial: nextSerial(),
      reason: "Broken",
    });
    expect(unknownTicket.statusCode).toBe(404);

    // A retired product only when the ticket names it; an active one either way.
    expect((await authorise(ticketA.id, { productId: retired.id, serial: "OLD-0001" })).status).toBe("authorised");
    const retiredElsewhere = await agent.post(`/api/v1/support/tickets/${ticketB.id}/rmas`, {
      productId: retired.id,
      serial: "OLD-0002",
      reason: "Broken",
    });
    expect(retiredElsewhere.statusCode).toBe(422);
    const other = await createProductFixture(app, { serialPattern: "NVR-\\d{3}" });
    expect((await authorise(ticketB.id, { productId: other.id, serial: "NVR-123" })).partner.id).toBe(partnerB.id);
  });

  it("allows one open RMA per serial: 409 while authorised or received, free again once cancelled", async () => {
    const serial = nextSerial();
    const rma = await authorise(ticketA.id, { serial });
    const duplicate = await agent.post(`/api/v1/support/tickets/${ticketB.id}/rmas`, { productId: camera.id, serial, reason: "Again" });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().detail).toContain(`RMA ${rma.number}`);
    expect((await agent.patch(`/api/v1/support/rmas/${rma.id}`, { status: "received" })).statusCode).toBe(200);
    expect((await agent.post(`/api/v1/support/tickets/${ticketA.id}/rmas`, { productId: camera.id, serial, reason: "Again" })).statusCode).toBe(409);

    const cancelSerial = nextSerial();
    const cancelled = await authorise(ticketA.id, { serial: cancelSerial });
    expect((await agent.patch(`/api/v1/support/rmas/${cancelled.id}`, { status: "cancelled" })).json().status).toBe("cancelled");
    expect((await authorise(ticketA.id, { serial: cancelSerial })).status).toBe("authorised");
  });

  it("moves authorised → received → replaced → closed, refusing other moves with 422, and emails each change", async () => {
    const rma = await authorise(ticketA.id);
    const url = `/api/v1/support/rmas/${rma.id}`;
    const mailsBefore = (await mailsTo(requesterA.email)).length;

    const skip = await agent.patch(url, { status: "replaced", replacementSerial: nextSerial() });
    expect(skip.statusCode).toBe(422);
    expect(skip.json().code).toBe("invalid_state");
    expect((await agent.patch(url, { status: "received", replacementSerial: nextSerial() })).statusCode).toBe(400);

    const received = (await agent.patch(url, { status: "received" })).json();
    expect(received).toMatchObject({ status: "received", allowedStatuses: ["replaced"] });
    expect(received.receivedAt).toEqual(expect.any(String));
    expect((await agent.patch(url, { status: "cancelled" })).statusCode).toBe(422);

    const missing = await agent.patch(url, { status: "replaced" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual([{ path: "body.replacementSerial", message: "required" }]);
    const wrongPattern = await agent.patch(url, { status: "replaced", replacementSerial: "NOPE-1" });
    expect(wrongPattern.statusCode).toBe(400);
    expect(wrongPattern.json().fields[0].path).toBe("body.replacementSerial");

    const replacement = nextSerial();
    const replaced = (await agent.patch(url, { status: "replaced", replacementSerial: replacement })).json();
    expect(replaced).toMatchObject({ status: "replaced", replacementSerial: replacement, allowedStatuses: ["closed"] });
    expect(replaced.replacedAt).toEqual(expect.any(String));
    const closed = (await agent.patch(url, { status: "closed" })).json();
    expect(closed).toMatchObject({ status: "closed", allowedStatuses: [] });
    expect((await agent.patch(url, { status: "received" })).statusCode).toBe(422);

    const mails = (await mailsTo(requesterA.email)).slice(mailsBefore);
    expect(mails.map((m) => m.subject)).toEqual([
      `RMA ${rma.number}: received: we have the unit`,
      `RMA ${rma.number}: replaced: a replacement unit is on its way`,
      `RMA ${rma.number}: closed`,
    ]);
    expect(mails[1]?.text_body).toContain(replacement);
    const actions = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", rma.id).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(["rma.authorise", "rma.update", "rma.update", "rma.update"]);
  });

  it("shows partners only their own organisation's RMAs: another partner's is 404 and never listed", async () => {
    const own = await authorise(ticketA.id);
    const others = await authorise(ticketB.id);

    const mine = await technicianA.get(`/api/v1/support/rmas/${own.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: own.id, allowedStatuses: [] });
    const theirs = await technicianA.get(`/api/v1/support/rmas/${others.id}`);
    expect(theirs.statusCode).toBe(404);

    const listed = (await technicianA.get("/api/v1/support/rmas?limit=200")).json();
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((r: { partner: { id: string } }) => r.partner.id === partnerA.id)).toBe(true);
    expect(listed.items.map((r: { id: string }) => r.id)).toContain(own.id);
    const askedForOther = (await technicianA.get(`/api/v1/support/rmas?partnerId=${partnerB.id}`)).json();
    expect(askedForOther.items).toEqual([]);
    expect((await technicianA.patch(`/api/v1/support/rmas/${own.id}`, { status: "received" })).statusCode).toBe(403);
    expect(
      (await technicianA.post(`/api/v1/support/tickets/${ticketA.id}/rmas`, { productId: camera.id, serial: nextSerial(), reason: "x y z" }))
        .statusCode,
    ).toBe(403);

    const scopedToB: AuthenticatedActor = {
      kind: "user",
      userId: requesterB.id,
      role: "technician",
      partnerId: partnerB.id,
      name: "Beta technician",
      email: requesterB.email,
      sessionId: "s",
      csrfToken: "c",
    };
    expect(await rmasForTicket(app.ctx, scopedToB, ticketA.id)).toEqual([]);
    const forTicketB = await rmasForTicket(app.ctx, scopedToB, ticketB.id);
    expect(forTicketB).toContainEqual({ id: others.id, number: others.number, serial: others.serial, status: "authorised" });
  });

  it("lets vendor users filter by status and partner, and pages newest first", async () => {
    const byPartner = (await agent.get(`/api/v1/support/rmas?partnerId=${partnerB.id}&limit=200`)).json();
    expect(byPartner.items.length).toBeGreaterThan(0);
    expect(byPartner.items.every((r: { partner: { id: string } }) => r.partner.id === partnerB.id)).toBe(true);
    const closed = (await agent.get("/api/v1/support/rmas?status=closed")).json();
    expect(closed.items.length).toBeGreaterThan(0);
    expect(closed.items.every((r: { status: string }) => r.status === "closed")).toBe(true);

    const all = (await agent.get("/api/v1/support/rmas?limit=200")).json().items.map((r: { id: string }) => r.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await agent.get(`/api/v1/support/rmas?limit=3${cursor ? `&cursor=${cursor}` : ""}`)
      ).json();
      paged.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it("never hands out a number twice nor two open RMAs for one serial under concurrent requests", async () => {
    const serials = Array.from({ length: 6 }, nextSerial);
    const distinct = await Promise.all(
      serials.map((serial) => agent.post(`/api/v1/support/tickets/${ticketA.id}/rmas`, { productId: camera.id, serial, reason: "Batch" })),
    );
    expect(distinct.map((r) => r.statusCode)).toEqual(serials.map(() => 201));
    const numbers = distinct.map((r) => r.json().number as number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect((numbers.at(-1) ?? 0) - (numbers[0] ?? 0)).toBe(numbers.length - 1);

    const serial = nextSerial();
    const same = await Promise.all(
      Array.from({ length: 5 }, () => agent.post(`/api/v1/support/tickets/${ticketA.id}/rmas`, { productId: camera.id, serial, reason: "Race" })),
    );
    expect(same.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const open = await app.ctx.db.selectFrom("rmas").select("id").where("serial", "=", serial).execute();
    expect(open).toHaveLength(1);
  });
});
