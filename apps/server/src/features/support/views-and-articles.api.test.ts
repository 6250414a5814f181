import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createProductFixture } from "../../testing/support-fixtures.js";
import { type Client, openTicket, replyTo, setStatus } from "../../testing/tickets.js";

describe.each(testEngines)("support saved views and articles from tickets on %s", (engine) => {
  let app: TestApp;
  let agent: Client;
  let otherAgent: Client;
  let tech: Client;

  beforeAll(async () => {
    app = await createTestApp(engine);
    agent = (await signedIn(app, "support_agent")).client;
    otherAgent = (await signedIn(app, "support_agent")).client;
    tech = (await signedIn(app, "technician", (await createPartner(app)).id)).client;
  });
  afterAll(async () => app.close());

  it("saves, lists and deletes an agent's own queue views; names are unique per agent", async () => {
    const filters = { severity: ["P1", "P2"], assigneeId: "me", slaState: "at_risk", sort: "sla" };
    const saved = await agent.post("/api/v1/support/views", { name: "My hot tickets", filters });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ name: "My hot tickets", filters });

    const duplicate = await agent.post("/api/v1/support/views", { name: "My hot tickets", filters: {} });
    expect(duplicate.statusCode).toBe(409);
    // Another agent may use the same name.
    expect((await otherAgent.post("/api/v1/support/views", { name: "My hot tickets", filters: {} })).statusCode).toBe(201);
    const invalid = await agent.post("/api/v1/support/views", { name: "Broken", filters: { slaState: "late" } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().fields[0].path).toBe("body.filters.slaState");

    const mine = await agent.get("/api/v1/support/views");
    expect(mine.json()).toEqual([expect.objectContaining({ id: saved.json().id, name: "My hot tickets", filters })]);
    expect((await otherAgent.delete(`/api/v1/support/views/${saved.json().id}`)).statusCode).toBe(404);
    expect((await agent.get("/api/v1/support/views")).json()).toHaveLength(1);
    expect((await agent.delete(`/api/v1/support/views/${saved.json().id}`)).statusCode).toBe(204);
    expect((await agent.get("/api/v1/support/views")).json()).toEqual([]);
    expect((await agent.delete(`/api/v1/support/views/${saved.json().id}`)).statusCode).toBe(404);
    expect((await otherAgent.get("/api/v1/support/views")).json()).toHaveLength(1);
  });

  it("turns a ticket into a draft knowledge article with its problem, public answers and products", async () => {
    const product = await createProductFixture(app, { name: "Bullet Camera B2" });
    const ticket = await openTicket(tech, {
      subject: "IR lights flicker at dusk",
      description: "The IR LEDs switch on and off every few seconds around sunset.",
      products: [{ productId: product.id, serials: ["CAM-765432"] }],
    });
    await replyTo(agent, ticket.id, { body: "Internal: same as the day/night threshold bug", internal: true });
    await replyTo(tech, ticket.id, { body: "Partner: it started after the update" });
    await replyTo(agent, ticket.id, { body: "Raise the day/night switch threshold to 20 lux." });
    await setStatus(tech, ticket.id, "resolved");

    const created = await agent.post(`/api/v1/support/tickets/${ticket.id}/article`, {});
    expect(created.statusCode, created.body).toBe(201);
    const article = await agent.get(`/api/v1/knowledge/articles/${created.json().id}`);
    expect(article.statusCode, article.body).toBe(200);
    expect(article.json()).toMatchObject({
      title: "IR lights flicker at dusk",
      status: "draft",
      sourceTicketId: ticket.id,
      summary: `From ticket T-${ticket.number}`,
      productIds: [product.id],
    });
    const body = article.json().bodyMarkdown as string;
    expect(body).toContain("The IR LEDs switch on and off every few seconds around sunset.");
    expect(body).toContain("Raise the day/night switch threshold to 20 lux.");
    expect(body).not.toContain("Internal: same as");
    expect(body).not.toContain("Partner: it started");

    const titled = await agent.post(`/api/v1/support/tickets/${ticket.id}/article`, { title: "Flickering IR at dusk" });
    expect((await agent.get(`/api/v1/knowledge/articles/${titled.json().id}`)).json().title).toBe("Flickering IR at dusk");
    // A draft is the vendor's: the partner cannot open it, nor make one.
    expect((await tech.get(`/api/v1/knowledge/articles/${created.json().id}`)).statusCode).toBe(404);
    expect((await tech.post(`/api/v1/support/tickets/${ticket.id}/article`, {})).statusCode).toBe(403);
    expect((await agent.post("/api/v1/support/tickets/no-such-ticket/article", {})).statusCode).toBe(404);
  });
});
