import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { closeResolvedTickets, runSlaCheck } from "./support.jobs.js";

// A 24-hour calendar makes business minutes equal wall-clock minutes, so the test can move time plainly.
const allDay = { start: "00:00", end: "24:00" };
const calendar = {
  timeZone: "UTC",
  week: { 1: [allDay], 2: [allDay], 3: [allDay], 4: [allDay], 5: [allDay], 6: [allDay], 7: [allDay] },
  holidays: [],
};

describe.each(testEngines)("support jobs on %s", (engine) => {
  let app: TestApp;
  let tech: Awaited<ReturnType<typeof signedIn>>;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let agent: Awaited<ReturnType<typeof signedIn>>;
  let lead: Awaited<ReturnType<typeof signedIn>>;

  const mailsTo = async (email: string) =>
    app.ctx.db.selectFrom("mail_messages").select(["subject"]).where("to_address", "=", email).orderBy("id").execute();

  async function openTicket(severity: "P1" | "P2" | "P3" | "P4") {
    const response = await tech.client.post("/api/v1/support/tickets", {
      subject: "Recording stops at night",
      description: "Gaps after 02:00",
      category: "configuration",
      severity,
    });
    expect(response.statusCode).toBe(201);
    const ticket = response.json() as { id: string; number: number; sla: { firstResponseDueAt: string; resolutionDueAt: string } };
    const assigned = await admin.client.patch(`/api/v1/support/tickets/${ticket.id}`, { assigneeId: agent.user.id });
    expect(assigned.statusCode).toBe(200);
    return ticket;
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    tech = await signedIn(app, "technician", (await createPartner(app)).id);
    admin = await signedIn(app, "vendor_admin");
    agent = await signedIn(app, "support_agent");
    lead = await signedIn(app, "support_agent");
    const settings = await admin.client.put("/api/v1/support/settings", {
      calendar,
      warnBeforeMinutes: 30,
      teamLeadId: lead.user.id,
      autoAssign: false,
      reopenWindowDays: 7,
    });
    expect(settings.statusCode).toBe(200);
    const policies = await admin.client.put("/api/v1/support/sla-policies", {
      policies: [{ tierId: null, severity: "P2", firstResponseMinutes: 60, resolutionMinutes: 240 }],
    });
    expect(policies.statusCode).toBe(200);
  });
  afterAll(async () => app.close());

  it("warns the assignee and team lead once before the first response is due, then marks the breach once", async () => {
    const ticket = await openTicket("P2");
    const due = Date.parse(ticket.sla.firstResponseDueAt);
    const before = (await mailsTo(agent.user.email)).length;

    // 45 minutes before the due time: outside the 30-minute warning window, nothing happens.
    expect(await runSlaCheck(app.ctx, new Date(due - 45 * 60_000).toISOString())).toEqual({ warned: 0, breached: 0 });
    // 20 minutes before: one warning to the assignee and the lead; a second run sends nothing new.
    expect(await runSlaCheck(app.ctx, new Date(due - 20 * 60_000).toISOString())).toEqual({ warned: 1, breached: 0 });
    expect(await runSlaCheck(app.ctx, new Date(due - 10 * 60_000).toISOString())).toEqual({ warned: 0, breached: 0 });
    const agentMails = await mailsTo(agent.user.email);
    expect(agentMails.slice(before).map((mail) => mail.subject)).toEqual([`SLA at risk: [T-${ticket.number}] Recording stops at night`]);
    expect((await mailsTo(lead.user.email)).some((mail) => mail.subject.startsWith("SLA at risk"))).toBe(true);

    // Past the due time: the first-response breach is flagged, once, with an event on the timeline.
    expect(await runSlaCheck(app.ctx, new Date(due + 60_000).toISOString())).toEqual({ warned: 0, breached: 1 });
    expect(await runSlaCheck(app.ctx, new Date(due + 120_000).toISOString())).toEqual({ warned: 0, breached: 0 });
    const detail = (await agent.client.get(`/api/v1/support/tickets/${ticket.id}`)).json();
    expect(detail.sla.firstResponseBreached).toBe(true);
    expect(detail.sla.state).toBe("breached");
    expect(detail.events.map((event: { kind: string }) => event.kind)).toContain("sla_breached");
    expect((await mailsTo(agent.user.email)).filter((mail) => mail.subject.startsWith("SLA breached"))).toHaveLength(1);
    // Both events are in the notification centre of the assignee and the lead, and of nobody else.
    for (const client of [agent.client, lead.client]) {
      const items = (await client.get("/api/v1/notifications?limit=200")).json().items as { kind: string; title: string; link: string }[];
      const forTicket = items.filter((item) => item.link === `/support/tickets/${ticket.id}` && item.kind === "ticket_sla");
      expect(forTicket.map((item) => item.title).reverse()).toEqual([
        `SLA at risk: [T-${ticket.number}] Recording stops at night`,
        `SLA breached: [T-${ticket.number}] Recording stops at night`,
      ]);
    }
    const others = await app.ctx.db
      .selectFrom("notifications")
      .select("user_id")
      .where("kind", "=", "ticket_sla")
      .where("source_id", "=", ticket.id)
      .where("user_id", "not in", [agent.user.id, lead.user.id])
      .execute();
    expect(others).toEqual([]);
  });

  it("never warns about a ticket that waits on the partner: its clock is paused", async () => {
    const ticket = await openTicket("P2");
    const waiting = await agent.client.post(`/api/v1/support/tickets/${ticket.id}/replies`, {
      body: "Please send the logs",
      minutes: 10,
      status: "waiting_on_partner",
    });
    expect(waiting.statusCode).toBe(201);
    expect(waiting.json().sla.paused).toBe(true);
    const farLater = new Date(Date.parse(ticket.sla.resolutionDueAt) + 3 * 86_400_000).toISOString();
    await runSlaCheck(app.ctx, farLater);
    const row = await app.ctx.db
      .selectFrom("tickets")
      .select(["resolution_breached", "warned_at"])
      .where("id", "=", ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.resolution_breached).toBe(0);
    expect(row.warned_at).toBeNull();
  });

  it("closes resolved tickets once the reopen window has passed, and not before", async () => {
    const ticket = await openTicket("P2");
    expect((await tech.client.post(`/api/v1/support/tickets/${ticket.id}/status`, { status: "resolved" })).statusCode).toBe(200);
    const sixDays = new Date(Date.now() + 6 * 86_400_000).toISOString();
    expect(await closeResolvedTickets(app.ctx, sixDays)).toBe(0);
    const eightDays = new Date(Date.now() + 8 * 86_400_000).toISOString();
    expect(await closeResolvedTickets(app.ctx, eightDays)).toBeGreaterThanOrEqual(1);
    const detail = (await tech.client.get(`/api/v1/support/tickets/${ticket.id}`)).json();
    expect(detail.status).toBe("closed");
    expect(detail.allowedStatuses).toEqual([]);
    const reopen = await tech.client.post(`/api/v1/support/tickets/${ticket.id}/status`, { status: "open" });
    expect(reopen.statusCode).toBe(422);
  });
});
