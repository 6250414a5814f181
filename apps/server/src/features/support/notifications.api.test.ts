import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createPartner, createTestApp, createUser, login, signedIn, type TestApp, testEngines, waitForMail } from "../../testing/harness.js";
import { createProductFixture } from "../../testing/support-fixtures.js";
import { type Client, mailCount, mailsTo, openTicket, replyTo, setStatus } from "../../testing/tickets.js";

describe.each(testEngines)("support notifications on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let agent: Client;
  let agentUser: { id: string; email: string };
  let tech: Client;
  let techUser: { id: string; email: string };
  let partnerAdmin: { email: string };
  let colleague: { email: string };
  let formerAdmin: { email: string };
  let otherAdmin: { email: string };

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    const signedAgent = await signedIn(app, "support_agent");
    agent = signedAgent.client;
    agentUser = signedAgent.user;
    const partner = await createPartner(app, { name: "Delta Integration" });
    const signedTech = await signedIn(app, "technician", partner.id);
    tech = signedTech.client;
    techUser = signedTech.user;
    partnerAdmin = await createUser(app, { role: "partner_admin", partnerId: partner.id });
    colleague = await createUser(app, { role: "sales_rep", partnerId: partner.id });
    formerAdmin = await createUser(app, { role: "partner_admin", partnerId: partner.id, status: "deactivated" });
    otherAdmin = await createUser(app, { role: "partner_admin", partnerId: (await createPartner(app)).id });
  });
  afterAll(async () => app.close());

  const counts = async (...emails: string[]) => Promise.all(emails.map(async (email) => (await mailsTo(app, email)).length));
  /** The in-app notifications a user has about one ticket, oldest first, read through the notification centre. */
  const centre = async (client: Client, ticketId: string) => {
    const response = await client.get("/api/v1/notifications?limit=200");
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { kind: string; title: string; body: string; link: string; readAt: string | null }[];
    return items.filter((item) => item.link.endsWith(`/${ticketId}`)).reverse();
  };
  const clientOf = async (email: string) => as(app, await login(app, email));
  const storedFor = async (userId: string) => app.ctx.db.selectFrom("notifications").select(["kind", "link"]).where("user_id", "=", userId).execute();

  it("mails the requester and the partner's admins on an agent's public reply, and nobody on an internal note", async () => {
    const ticket = await openTicket(tech, { subject: "PoE switch drops cameras" });
    const bystanders = [colleague.email, formerAdmin.email, otherAdmin.email, agentUser.email];
    const before = await counts(...bystanders);

    const total = await mailCount(app);
    await replyTo(agent, ticket.id, { body: "Internal: probably the PSU", internal: true, minutes: 5 });
    expect(await mailCount(app)).toBe(total);

    await replyTo(agent, ticket.id, { body: "Please check the switch's power budget." });
    for (const email of [techUser.email, partnerAdmin.email]) {
      const mail = await waitForMail(app, email);
      expect(mail.subject).toBe(`Re: [T-${ticket.number}] PoE switch drops cameras`);
      expect(mail.text_body).toContain("Please check the switch's power budget.");
      expect(mail.text_body).toContain(`/portal/support/${ticket.id}`);
      expect(mail.text_body).not.toContain("PSU");
    }
    expect(await counts(...bystanders)).toEqual(before);
    // The same event is in the notification centre of the requester and the partner admin, once (the note made none).
    for (const client of [tech, await clientOf(partnerAdmin.email)]) {
      const items = await centre(client, ticket.id);
      expect(items.map((item) => [item.kind, item.link])).toEqual([["ticket_reply", `/portal/support/${ticket.id}`]]);
      expect(items[0]?.body).toBe("Please check the switch's power budget.");
      expect(items[0]?.readAt).toBeNull();
    }
    expect(await centre(await clientOf(colleague.email), ticket.id)).toEqual([]);
    expect(await centre(agent, ticket.id)).toEqual([]);
  });

  it("mails the requester when an agent changes the status, with the note", async () => {
    const ticket = await openTicket(tech, { subject: "Licence not applied" });
    const before = (await mailsTo(app, techUser.email)).length;
    await setStatus(agent, ticket.id, "waiting_on_engineering", "Our firmware team is on it.");
    const mails = await mailsTo(app, techUser.email);
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)?.subject).toBe(`[T-${ticket.number}] Licence not applied is now waiting on engineering`);
    expect(mails.at(-1)?.text_body).toContain("Our firmware team is on it.");
    expect((await mailsTo(app, partnerAdmin.email)).at(-1)?.subject).toBe(mails.at(-1)?.subject);
    const items = await centre(tech, ticket.id);
    expect(items.map((item) => item.kind)).toEqual(["ticket_status"]);
    expect(items[0]).toMatchObject({ title: mails.at(-1)?.subject, body: "Our firmware team is on it.", link: `/portal/support/${ticket.id}` });
  });

  it("does not mail partner users about their own status change or reply", async () => {
    const ticket = await openTicket(tech);
    const before = await counts(techUser.email);
    await replyTo(tech, ticket.id, { body: "Adding a detail" });
    await setStatus(tech, ticket.id, "resolved");
    expect(await counts(techUser.email)).toEqual(before);
    expect((await mailsTo(app, partnerAdmin.email)).at(-1)?.subject).toContain("is now resolved");
    expect(await centre(tech, ticket.id)).toEqual([]);
    expect((await centre(await clientOf(partnerAdmin.email), ticket.id)).map((item) => item.kind)).toEqual(["ticket_status"]);
  });

  it("mails every active support agent about a new P1, and nobody about a P2", async () => {
    const second = await createUser(app, { role: "support_agent" });
    const retired = await createUser(app, { role: "support_agent", status: "deactivated" });
    const beforeRetired = (await mailsTo(app, retired.email)).length;
    const total = await mailCount(app);
    await openTicket(tech, { severity: "P2" });
    expect(await mailCount(app)).toBe(total);

    const ticket = await openTicket(tech, { severity: "P1", subject: "Whole site offline" });
    for (const email of [agentUser.email, second.email]) {
      const mail = await waitForMail(app, email);
      expect(mail.subject).toBe(`P1 opened by Delta Integration: [T-${ticket.number}] Whole site offline`);
      expect(mail.text_body).toContain(`/support/tickets/${ticket.id}`);
    }
    expect((await mailsTo(app, retired.email)).length).toBe(beforeRetired);
    for (const client of [agent, await clientOf(second.email)]) {
      expect((await centre(client, ticket.id)).map((item) => [item.kind, item.link])).toEqual([["ticket_new_p1", `/support/tickets/${ticket.id}`]]);
    }
    expect(await storedFor(retired.id)).toEqual([]);
    expect(await centre(tech, ticket.id)).toEqual([]);
  });

  it("mails the agent a ticket was assigned to, automatically or by hand, and the assignee when the partner replies", async () => {
    const product = await createProductFixture(app);
    const covering = await createUser(app, { role: "support_agent" });
    expect((await admin.put(`/api/v1/support/agents/${covering.id}/coverage`, { familyIds: [product.familyId] })).statusCode).toBe(200);
    const ticket = await openTicket(tech, { subject: "Lens fogging", products: [{ productId: product.id, serials: ["CAM-123456"] }] });
    expect(ticket.assignee?.id).toBe(covering.id);
    const assigned = await waitForMail(app, covering.email);
    expect(assigned.subject).toBe(`Assigned to you: [T-${ticket.number}] Lens fogging (P3)`);

    const byHand = await createUser(app, { role: "support_agent" });
    expect((await agent.patch(`/api/v1/support/tickets/${ticket.id}`, { assigneeId: byHand.id })).statusCode).toBe(200);
    expect((await waitForMail(app, byHand.email)).subject).toBe(assigned.subject);

    await replyTo(tech, ticket.id, { body: "It only fogs in the morning." });
    const mails = await mailsTo(app, byHand.email);
    expect(mails.at(-1)?.subject).toBe(`Re: [T-${ticket.number}] Lens fogging`);
    expect(mails.at(-1)?.text_body).toContain("It only fogs in the morning.");
    const link = `/support/tickets/${ticket.id}`;
    expect((await centre(await clientOf(covering.email), ticket.id)).map((item) => [item.kind, item.link])).toEqual([["ticket_assigned", link]]);
    expect((await centre(await clientOf(byHand.email), ticket.id)).map((item) => [item.kind, item.link])).toEqual([
      ["ticket_assigned", link],
      ["ticket_reply", link],
    ]);
  });
});
