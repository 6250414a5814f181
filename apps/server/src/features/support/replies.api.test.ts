import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import {
  alwaysOpenCalendar,
  type Client,
  getTicket,
  openTicket,
  putSupportSettings,
  replyTo,
  setStatus,
  type TicketJson,
} from "../../testing/tickets.js";
import { currentMonth } from "./support-cost.service.js";

describe.each(testEngines)("support replies, statuses and merges on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let agent: Client;
  let manager: Client;
  let tech: Client;
  let techOther: Client;
  let partner: { id: string; name: string };

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    agent = (await signedIn(app, "support_agent")).client;
    manager = (await signedIn(app, "channel_manager")).client;
    partner = await createPartner(app, { name: "Gamma Installers" });
    tech = (await signedIn(app, "technician", partner.id)).client;
    techOther = (await signedIn(app, "technician", (await createPartner(app)).id)).client;
    await putSupportSettings(admin, { calendar: alwaysOpenCalendar, costPerHourMinor: 9000, currency: "EUR", reopenWindowDays: 14 });
  });
  afterAll(async () => app.close());

  const statusCall = (client: Client, ticket: TicketJson, status: string) => client.post(`/api/v1/support/tickets/${ticket.id}/status`, { status });

  it("counts the agent's first public reply as the first response and opens a new ticket; an internal note does neither", async () => {
    const ticket = await openTicket(tech);
    const noted = await replyTo(agent, ticket.id, { body: "Checking the logs first", internal: true });
    expect(noted).toMatchObject({ status: "new", replyCount: 1 });
    expect(noted.sla.firstResponseAt).toBeNull();

    const answered = await replyTo(agent, ticket.id, { body: "Please update to 2.5" });
    expect(answered.status).toBe("open");
    expect(answered.sla.firstResponseAt).not.toBeNull();
    expect(answered.sla.firstResponseBreached).toBe(false);
    expect(answered.replies.map((reply) => reply.author.side)).toEqual(["vendor", "vendor"]);

    // Later replies do not move the first response.
    const later = await replyTo(agent, ticket.id, { body: "Any news?" });
    expect(later.sla.firstResponseAt).toBe(answered.sla.firstResponseAt);

    // A partner's own reply is no response from the vendor.
    const own = await openTicket(tech);
    const partnerReply = await replyTo(tech, own.id, { body: "More detail: it happens at 02:00" });
    expect(partnerReply).toMatchObject({ status: "new" });
    expect(partnerReply.sla.firstResponseAt).toBeNull();
  });

  it("logs minutes against the ticket and the partner's month: hours, cost and tickets opened in /consumption", async () => {
    const month = currentMonth();
    const before = (await admin.get(`/api/v1/support/consumption?month=${month}`)).json();
    const mine = before.partners.find((row: { partnerId: string }) => row.partnerId === partner.id);
    const ticket = await openTicket(tech);
    await replyTo(agent, ticket.id, { body: "Remote session booked", minutes: 30 });
    const after = await replyTo(agent, ticket.id, { body: "Session notes", internal: true, minutes: 15 });
    expect(after.minutesLogged).toBe(45);

    const consumption = await admin.get(`/api/v1/support/consumption?month=${month}`);
    expect(consumption.statusCode, consumption.body).toBe(200);
    const body = consumption.json();
    const row = body.partners.find((entry: { partnerId: string }) => entry.partnerId === partner.id);
    const minutes = mine.minutes + 45;
    expect(row).toMatchObject({
      partnerName: "Gamma Installers",
      minutes,
      hours: Math.round((minutes / 60) * 100) / 100,
      costMinor: Math.round((minutes * 9000) / 60),
      ticketsOpened: mine.ticketsOpened + 1,
      allowanceHours: null,
      overAllowance: false,
    });
    expect(body).toMatchObject({ month, currency: "EUR", costPerHourMinor: 9000 });
    expect(body.costMinor - before.costMinor).toBe(Math.round((45 * 9000) / 60));
    expect((await admin.get("/api/v1/support/consumption?month=2024-13")).statusCode).toBe(400);
  });

  it("keeps time and internal notes to agents: partner minutes 400, partner notes 403, nothing written", async () => {
    const ticket = await openTicket(tech);
    const minutes = await tech.post(`/api/v1/support/tickets/${ticket.id}/replies`, { body: "I spent an hour", minutes: 60 });
    expect(minutes.statusCode).toBe(400);
    expect(minutes.json().fields).toEqual([{ path: "body.minutes", message: expect.any(String) }]);
    const note = await tech.post(`/api/v1/support/tickets/${ticket.id}/replies`, { body: "Secret", internal: true });
    expect(note.statusCode).toBe(403);
    expect((await manager.post(`/api/v1/support/tickets/${ticket.id}/replies`, { body: "Hello" })).statusCode).toBe(403);
    expect(await getTicket(agent, ticket.id)).toMatchObject({ replyCount: 0, minutesLogged: 0 });
  });

  it("pauses the clock while waiting on the partner and resumes it when the partner answers", async () => {
    const ticket = await openTicket(tech, { severity: "P2" });
    const waiting = await replyTo(agent, ticket.id, { body: "Which firmware?", status: "waiting_on_partner" });
    expect(waiting.status).toBe("waiting_on_partner");
    expect(waiting.sla).toMatchObject({ paused: true, resolutionDueAt: null, state: "paused" });
    expect(waiting.sla.firstResponseAt).not.toBeNull();
    expect((await getTicket(tech, ticket.id)).allowedStatuses).toEqual(["open", "resolved"]);

    const answered = await replyTo(tech, ticket.id, { body: "2.4.1" });
    expect(answered.status).toBe("open");
    expect(answered.sla.paused).toBe(false);
    expect(answered.sla.resolutionDueAt).not.toBeNull();
    expect(Date.parse(answered.sla.resolutionDueAt as string)).toBeGreaterThan(Date.now());
    expect(answered.events.map((event) => event.kind)).toEqual(["opened", "status", "status"]);
  });

  it("lets the partner resolve, reopen within the window, and not after it", async () => {
    const ticket = await openTicket(tech);
    await replyTo(agent, ticket.id, { body: "Try a factory reset" });
    const resolved = await setStatus(tech, ticket.id, "resolved");
    expect(resolved).toMatchObject({ status: "resolved", allowedStatuses: ["open"] });
    expect(Date.parse(resolved.reopenableUntil as string) - Date.parse(resolved.resolvedAt as string)).toBe(14 * 86_400_000);
    expect(resolved.sla.state).toBe("met");
    expect((await getTicket(agent, ticket.id)).allowedStatuses).toEqual(["open", "closed"]);

    const reopened = await setStatus(tech, ticket.id, "open");
    expect(reopened).toMatchObject({ status: "open", resolvedAt: null, reopenableUntil: null });
    expect(reopened.events.at(-1)).toMatchObject({ kind: "reopened" });

    await setStatus(tech, ticket.id, "resolved");
    const longAgo = new Date(Date.now() - 15 * 86_400_000).toISOString();
    await app.ctx.db.updateTable("tickets").set({ resolved_at: longAgo }).where("id", "=", ticket.id).execute();
    expect((await getTicket(tech, ticket.id)).allowedStatuses).toEqual([]);
    for (const client of [tech, agent]) {
      const late = await statusCall(client, ticket, "open");
      expect(late.statusCode).toBe(422);
      expect(late.json().code).toBe("reopen_window_passed");
    }
    expect((await getTicket(agent, ticket.id)).allowedStatuses).toEqual(["closed"]);
    expect((await getTicket(agent, ticket.id)).status).toBe("resolved");
  });

  it("refuses replies and status changes on a closed ticket", async () => {
    const ticket = await openTicket(tech);
    const closed = await setStatus(agent, ticket.id, "closed");
    expect(closed).toMatchObject({ status: "closed", allowedStatuses: [] });
    expect(closed.closedAt).not.toBeNull();
    for (const client of [agent, tech]) {
      const replied = await client.post(`/api/v1/support/tickets/${ticket.id}/replies`, { body: "One more thing" });
      expect(replied.statusCode).toBe(422);
      expect(replied.json().code).toBe("ticket_closed");
    }
    const reopen = await statusCall(agent, ticket, "open");
    expect(reopen.statusCode).toBe(422);
    expect(reopen.json().code).toBe("ticket_closed");
    expect((await getTicket(agent, ticket.id)).replyCount).toBe(0);
  });

  it("offers each role only the statuses it may set, and refuses the others", async () => {
    const ticket = await openTicket(tech);
    expect((await getTicket(tech, ticket.id)).allowedStatuses).toEqual(["resolved"]);
    expect((await getTicket(agent, ticket.id)).allowedStatuses).toEqual([
      "open",
      "waiting_on_partner",
      "waiting_on_engineering",
      "resolved",
      "closed",
    ]);
    expect((await getTicket(manager, ticket.id)).allowedStatuses).toEqual([]);

    const partnerTry = await statusCall(tech, ticket, "waiting_on_engineering");
    expect(partnerTry.statusCode).toBe(422);
    expect(partnerTry.json().code).toBe("status_not_allowed");
    expect((await statusCall(manager, ticket, "open")).statusCode).toBe(403);

    const engineering = await setStatus(agent, ticket.id, "waiting_on_engineering", "Escalated to firmware team");
    expect(engineering.allowedStatuses).toEqual(["open", "waiting_on_partner", "resolved", "closed"]);
    expect(engineering.sla.paused).toBe(false);
    const backToNew = await statusCall(agent, ticket, "new");
    expect(backToNew.statusCode).toBe(422);
    expect(backToNew.json().code).toBe("status_not_allowed");
    expect((await getTicket(tech, ticket.id)).events.at(-1)).toMatchObject({ kind: "status", detail: { note: "Escalated to firmware team" } });
  });

  it("merges a duplicate into another ticket of the same partner; refuses other partners and itself", async () => {
    const keep = await openTicket(tech, { subject: "Camera offline" });
    const duplicate = await openTicket(tech, { subject: "Camera offline again" });
    const merged = await agent.post(`/api/v1/support/tickets/${duplicate.id}/merge`, { intoTicketId: keep.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().id).toBe(keep.id);
    expect(merged.json().merged).toEqual([{ id: duplicate.id, number: duplicate.number, subject: "Camera offline again" }]);
    const closed = await getTicket(tech, duplicate.id);
    expect(closed).toMatchObject({ status: "closed", mergedInto: { id: keep.id, number: keep.number }, allowedStatuses: [] });
    expect(closed.events.at(-1)).toMatchObject({ kind: "merged_into" });
    const reply = await tech.post(`/api/v1/support/tickets/${duplicate.id}/replies`, { body: "Still there?" });
    expect(reply.json().code).toBe("ticket_closed");

    const foreign = await openTicket(techOther);
    const across = await agent.post(`/api/v1/support/tickets/${keep.id}/merge`, { intoTicketId: foreign.id });
    expect(across.statusCode).toBe(422);
    expect(across.json().code).toBe("merge_not_allowed");
    const itself = await agent.post(`/api/v1/support/tickets/${keep.id}/merge`, { intoTicketId: keep.id });
    expect(itself.statusCode).toBe(400);
    expect(itself.json().fields).toEqual([{ path: "body.intoTicketId", message: "must be another ticket" }]);
    const intoClosed = await agent.post(`/api/v1/support/tickets/${keep.id}/merge`, { intoTicketId: duplicate.id });
    expect(intoClosed.statusCode).toBe(422);
    const missing = await agent.post(`/api/v1/support/tickets/${keep.id}/merge`, { intoTicketId: "no-such-ticket" });
    expect(missing.statusCode).toBe(400);
    expect((await getTicket(agent, keep.id)).status).toBe("new");
    expect((await getTicket(agent, foreign.id)).merged).toEqual([]);
  });
});
