import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { alwaysOpenCalendar, type Client, openTicket, putSupportSettings, replyTo } from "../../testing/tickets.js";

describe.each(testEngines)("support desk settings on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let agent: Client;
  let agentId: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    const signedAgent = await signedIn(app, "support_agent");
    agent = signedAgent.client;
    agentId = signedAgent.user.id;
  });
  afterAll(async () => app.close());

  const audits = async (action: string) => app.ctx.db.selectFrom("audit_log").select("id").where("action", "=", action).execute();

  it("starts from sensible defaults and changes only the fields sent, audited", async () => {
    const defaults = await agent.get("/api/v1/support/settings");
    expect(defaults.statusCode).toBe(200);
    expect(defaults.json()).toMatchObject({
      costPerHourMinor: 8500,
      currency: "EUR",
      capacityHoursPerMonth: 640,
      reopenWindowDays: 14,
      warnBeforeMinutes: 60,
      teamLeadId: null,
      autoAssign: true,
      calendar: { timeZone: "Europe/Berlin", holidays: [] },
    });
    expect(defaults.json().calendar.week["1"]).toEqual([{ start: "08:00", end: "18:00" }]);

    const changed = await putSupportSettings(admin, { costPerHourMinor: 12000, capacityHoursPerMonth: 320, teamLeadId: agentId });
    expect(changed).toMatchObject({
      costPerHourMinor: 12000,
      capacityHoursPerMonth: 320,
      teamLeadId: agentId,
      currency: "EUR",
      reopenWindowDays: 14,
    });
    const calendar = { ...alwaysOpenCalendar, timeZone: "America/New_York", holidays: ["2031-12-25"] };
    const withCalendar = await putSupportSettings(admin, { calendar });
    expect(withCalendar).toMatchObject({ costPerHourMinor: 12000, calendar: { timeZone: "America/New_York", holidays: ["2031-12-25"] } });
    expect((await agent.get("/api/v1/support/settings")).json()).toMatchObject({ teamLeadId: agentId, calendar: { timeZone: "America/New_York" } });
    expect(await audits("support_settings.update")).toHaveLength(2);
    expect((await agent.put("/api/v1/support/settings", { costPerHourMinor: 1 })).statusCode).toBe(403);
  });

  it("refuses a calendar that cannot work and a team lead who is no agent, naming the field", async () => {
    const before = (await agent.get("/api/v1/support/settings")).json();
    const zone = await admin.put("/api/v1/support/settings", { calendar: { ...alwaysOpenCalendar, timeZone: "Mars/Olympus_Mons" } });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().fields).toEqual([{ path: "body.calendar.timeZone", message: expect.stringContaining("Mars/Olympus_Mons") }]);

    const backwards = await admin.put("/api/v1/support/settings", {
      calendar: { timeZone: "UTC", week: { 1: [{ start: "18:00", end: "08:00" }] }, holidays: [] },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().fields[0].path).toMatch(/^body\.calendar\.week\.1/);

    const badTime = await admin.put("/api/v1/support/settings", { calendar: { timeZone: "UTC", week: { 2: [{ start: "8am", end: "17:00" }] } } });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().fields[0].path).toMatch(/^body\.calendar\.week\.2/);

    for (const teamLeadId of [(await createUser(app, { role: "technician", partnerId: (await createPartner(app)).id })).id, "no-such-user"]) {
      const lead = await admin.put("/api/v1/support/settings", { teamLeadId });
      expect(lead.statusCode).toBe(400);
      expect(lead.json().fields).toEqual([{ path: "body.teamLeadId", message: expect.any(String) }]);
    }
    expect((await agent.get("/api/v1/support/settings")).json()).toEqual(before);
  });

  it("replaces the SLA policy table, refusing duplicates, resolution before first response and unknown tiers", async () => {
    const tier = (await admin.post("/api/v1/tiers", { name: "Silver", rank: 2 })).json();
    const valid = [
      { tierId: null, severity: "P1", firstResponseMinutes: 30, resolutionMinutes: 240 },
      { tierId: tier.id, severity: "P1", firstResponseMinutes: 15, resolutionMinutes: 120 },
    ];
    const saved = await admin.put("/api/v1/support/sla-policies", { policies: valid });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().policies).toEqual(expect.arrayContaining(valid));
    // Severities without a stored default row show the built-in targets.
    expect(saved.json().policies).toContainEqual({ tierId: null, severity: "P4", firstResponseMinutes: 1200, resolutionMinutes: 6000 });

    const duplicate = await admin.put("/api/v1/support/sla-policies", { policies: [valid[0], { ...valid[0], firstResponseMinutes: 10 }] });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().fields).toEqual([{ path: "body.policies.1", message: "repeats a tier and severity" }]);
    const backwards = await admin.put("/api/v1/support/sla-policies", {
      policies: [{ tierId: null, severity: "P2", firstResponseMinutes: 300, resolutionMinutes: 60 }],
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().fields).toEqual([{ path: "body.policies.0.resolutionMinutes", message: expect.any(String) }]);
    const unknownTier = await admin.put("/api/v1/support/sla-policies", {
      policies: [{ tierId: "no-such-tier", severity: "P2", firstResponseMinutes: 30, resolutionMinutes: 60 }],
    });
    expect(unknownTier.statusCode).toBe(400);
    expect(unknownTier.json().fields[0].path).toBe("body.policies.0.tierId");
    const zero = await admin.put("/api/v1/support/sla-policies", {
      policies: [{ tierId: null, severity: "P2", firstResponseMinutes: 0, resolutionMinutes: 60 }],
    });
    expect(zero.statusCode).toBe(400);

    const now = (await agent.get("/api/v1/support/sla-policies")).json().policies;
    expect(now).toEqual(saved.json().policies);
    expect(await audits("sla_policies.replace")).toHaveLength(1);
  });

  it("sets tier allowances and flags the partners above theirs in /consumption", async () => {
    await putSupportSettings(admin, { costPerHourMinor: 6000, capacityHoursPerMonth: 10 });
    const bronze = (await admin.post("/api/v1/tiers", { name: "Bronze", rank: 3 })).json();
    const heavy = await createPartner(app, { name: "Heavy User Ltd", tierId: bronze.id });
    const light = await createPartner(app, { name: "Light User Ltd", tierId: bronze.id });
    const untiered = await createPartner(app, { name: "No Tier Ltd" });
    const logTime = async (partnerId: string, minutes: number) => {
      const tech = (await signedIn(app, "technician", partnerId)).client;
      const ticket = await openTicket(tech);
      await replyTo(agent, ticket.id, { body: "Worked on it", minutes });
    };
    await logTime(heavy.id, 90);
    await logTime(light.id, 30);
    await logTime(untiered.id, 600);

    const allowance = await admin.put("/api/v1/support/allowances", { allowances: [{ tierId: bronze.id, hoursPerMonth: 1 }] });
    const listed = await admin.get("/api/v1/support/allowances");
    expect(listed.statusCode).toBe(200);
    expect(listed.json().allowances).toContainEqual({ tierId: bronze.id, tierName: expect.any(String), hoursPerMonth: 1 });
    expect(allowance.statusCode, allowance.body).toBe(204);
    const consumption = (await admin.get("/api/v1/support/consumption")).json();
    const byName = (name: string) => consumption.partners.find((row: { partnerName: string }) => row.partnerName === name);
    expect(byName("Heavy User Ltd")).toMatchObject({
      minutes: 90,
      hours: 1.5,
      costMinor: 9000,
      allowanceHours: 1,
      overAllowance: true,
      ticketsOpened: 1,
    });
    expect(byName("Light User Ltd")).toMatchObject({ minutes: 30, allowanceHours: 1, overAllowance: false });
    expect(byName("No Tier Ltd")).toMatchObject({ minutes: 600, allowanceHours: null, overAllowance: false });
    expect(consumption).toMatchObject({ partnersOverAllowance: 1, capacityHours: 10, usedHours: 12, usedShare: 1.2, costMinor: 72000 });
    expect(consumption.partners[0].partnerName).toBe("No Tier Ltd");

    const unknown = await admin.put("/api/v1/support/allowances", {
      allowances: [
        { tierId: bronze.id, hoursPerMonth: null },
        { tierId: "no-such-tier", hoursPerMonth: 5 },
      ],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual([{ path: "body.allowances.1.tierId", message: "is not a tier" }]);
    expect((await admin.get("/api/v1/support/consumption")).json().partnersOverAllowance).toBe(1);

    await admin.put("/api/v1/support/allowances", { allowances: [{ tierId: bronze.id, hoursPerMonth: null }] });
    const cleared = (await admin.get("/api/v1/support/consumption")).json();
    expect(cleared.partnersOverAllowance).toBe(0);
    expect(cleared.partners.find((row: { partnerId: string }) => row.partnerId === heavy.id).allowanceHours).toBeNull();
  });
});
