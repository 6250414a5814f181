import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";

describe.each(testEngines)("API tokens on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => app.close());

  it("creates a token shown once, authenticates with it as its role, records last use, and revokes it", async () => {
    const admin = await signedIn(app, "vendor_admin");
    const created = await admin.client.post("/api/v1/api-tokens", { name: "ERP sync", role: "finance" });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^trl_/);

    const stored = await app.ctx.db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(JSON.stringify(await admin.client.get("/api/v1/api-tokens").then((r) => r.json()))).not.toContain(token);

    const asToken = (url: string, method: "GET" | "POST" = "GET") =>
      app.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(method === "POST" ? { payload: { name: "x", rank: 9 } } : {}),
      });
    expect((await asToken("/api/v1/settings")).statusCode).toBe(200);
    // finance may not write tiers: the token carries its role's permissions, no more.
    expect((await asToken("/api/v1/tiers", "POST")).statusCode).toBe(403);
    const listed = (await admin.client.get("/api/v1/api-tokens")).json().items.find((t: { id: string }) => t.id === id);
    expect(listed.lastUsedAt).not.toBeNull();

    expect((await admin.client.delete(`/api/v1/api-tokens/${id}`)).statusCode).toBe(204);
    const after = await asToken("/api/v1/settings");
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe("invalid_token");
  });

  it("refuses a partner role for a token and a malformed body", async () => {
    const admin = await signedIn(app, "vendor_admin");
    const partnerRole = await admin.client.post("/api/v1/api-tokens", { name: "x", role: "sales_rep" });
    expect(partnerRole.statusCode).toBe(400);
    expect(partnerRole.json().fields[0].path).toBe("body.role");
    const empty = await admin.client.post("/api/v1/api-tokens", { role: "finance" });
    expect(empty.json().fields.map((f: { path: string }) => f.path)).toContain("body.name");
  });

  it("lets only vendor admins manage tokens", async () => {
    const manager = await signedIn(app, "channel_manager");
    expect((await manager.client.get("/api/v1/api-tokens")).statusCode).toBe(403);
    expect((await manager.client.post("/api/v1/api-tokens", { name: "x", role: "finance" })).statusCode).toBe(403);
  });
});
