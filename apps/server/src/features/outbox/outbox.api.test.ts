import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createUser, signedIn, type TestApp, testEngines, waitForMail } from "../../testing/harness.js";

describe.each(testEngines)("outbox on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => app.close());

  it("writes mail to the outbox folder without SMTP and lists it for vendor admins", async () => {
    const user = await createUser(app, { role: "marketing" });
    const requested = await app.app.inject({ method: "POST", url: "/api/v1/auth/password-reset/request", payload: { email: user.email } });
    expect(requested.statusCode).toBe(202);
    await waitForMail(app, user.email);

    const admin = await signedIn(app, "vendor_admin");
    const list = await admin.client.get(`/api/v1/admin/outbox?to=${encodeURIComponent(user.email)}`);
    expect(list.statusCode).toBe(200);
    const [message] = list.json().items;
    expect(message).toMatchObject({ to: user.email, transport: "outbox", status: "written" });
    const detail = (await admin.client.get(`/api/v1/admin/outbox/${message.id}`)).json();
    expect(detail.textBody).toContain("/reset-password?token=");

    const files = readdirSync(join(app.ctx.config.dataDir, "outbox"));
    const eml = files.map((f) => readFileSync(join(app.ctx.config.dataDir, "outbox", f), "utf8")).find((text) => text.includes(user.email));
    expect(eml).toContain("Subject: Reset your Trellis password");
  });

  it("is not visible to other roles", async () => {
    const finance = await signedIn(app, "finance");
    expect((await finance.client.get("/api/v1/admin/outbox")).statusCode).toBe(403);
  });
});
