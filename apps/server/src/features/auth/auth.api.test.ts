import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createPartner, createTestApp, createUser, login, type TestApp, testEngines, testPassword, waitForMail } from "../../testing/harness.js";

describe.each(testEngines)("auth on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => app.close());

  it("signs in, reports the user and ends the session on logout", async () => {
    const user = await createUser(app, { role: "vendor_admin" });
    const session = await login(app, user.email);
    const me = await as(app, session).get("/api/v1/auth/me");
    expect(me.json().user.email).toBe(user.email);
    expect(me.json().csrfToken).toBe(session.csrfToken);
    expect((await as(app, session).post("/api/v1/auth/logout")).statusCode).toBe(204);
    expect((await as(app, session).get("/api/v1/auth/me")).json().user).toBeNull();
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await createUser(app, { role: "finance" });
    const wrong = await app.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: user.email, password: "nope-nope-nope" } });
    const unknown = await app.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "ghost@example.test", password: "nope-nope-nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.headers["content-type"]).toContain("application/problem+json");
  });

  it("blocks an account after five failures, even with the right password", async () => {
    const user = await createUser(app, { role: "marketing" });
    for (let i = 0; i < 5; i++) {
      const r = await app.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: user.email, password: "wrong-password" } });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await app.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: user.email, password: testPassword } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe("rate_limited");
  });

  it("counts parallel guesses: at most five reach the password check", async () => {
    const user = await createUser(app, { role: "finance" });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: user.email, password: "a wrong guess" },
          remoteAddress: "10.9.8.7",
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
  });

  it("does not let one address's many good sign-ins lock out the others behind it", async () => {
    const user = await createUser(app, { role: "finance" });
    for (let i = 0; i < 35; i++) {
      const r = await app.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: user.email, password: testPassword },
        remoteAddress: "10.1.1.1",
      });
      expect(r.statusCode).toBe(200);
    }
  });

  it("issues a new session id on every sign-in and lists and revokes sessions", async () => {
    const partner = await createPartner(app);
    const user = await createUser(app, { role: "sales_rep", partnerId: partner.id });
    const first = await login(app, user.email);
    const second = await login(app, user.email);
    expect(first.cookie).not.toBe(second.cookie);
    const list = await as(app, second).get("/api/v1/auth/sessions");
    expect(list.json().items).toHaveLength(2);
    const other = list.json().items.find((s: { current: boolean }) => !s.current);
    expect((await as(app, second).delete(`/api/v1/auth/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await as(app, first).get("/api/v1/auth/me")).json().user).toBeNull();
    expect((await as(app, second).post("/api/v1/auth/logout-all")).statusCode).toBe(204);
    expect((await as(app, second).get("/api/v1/auth/me")).json().user).toBeNull();
  });

  it("ends an archived partner's sessions at once and refuses its sign-ins", async () => {
    const partner = await createPartner(app);
    const user = await createUser(app, { role: "partner_admin", partnerId: partner.id });
    const session = await login(app, user.email);
    await app.ctx.db
      .updateTable("partners")
      .set({ archived_at: new Date().toISOString(), status: "terminated" })
      .where("id", "=", partner.id)
      .execute();
    expect((await as(app, session).get("/api/v1/auth/me")).json().user).toBeNull();
    const again = await app.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: user.email, password: testPassword } });
    expect(again.statusCode).toBe(403);
  });

  it("refuses an unsafe request without the CSRF token", async () => {
    const user = await createUser(app, { role: "vendor_admin" });
    const session = await login(app, user.email);
    const r = await app.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: session.cookie } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe("csrf_failed");
  });

  it("resets a password through the emailed link and ends old sessions", async () => {
    const user = await createUser(app, { role: "channel_manager" });
    const old = await login(app, user.email);
    const request = await app.app.inject({ method: "POST", url: "/api/v1/auth/password-reset/request", payload: { email: user.email } });
    expect(request.statusCode).toBe(202);
    const mail = await waitForMail(app, user.email);
    const token = /token=([^\s]+)/.exec(mail.text_body)?.[1];
    expect(token).toBeTruthy();
    const confirm = await app.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token: decodeURIComponent(token as string), password: "a brand new password" },
    });
    expect(confirm.statusCode).toBe(204);
    expect((await as(app, old).get("/api/v1/auth/me")).json().user).toBeNull();
    await login(app, user.email, "a brand new password");
    const reuse = await app.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token: decodeURIComponent(token as string), password: "another new password" },
    });
    expect(reuse.statusCode).toBe(400);
  });

  it("rejects a malformed body with the failing fields", async () => {
    const r = await app.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "not-an-email" } });
    expect(r.statusCode).toBe(400);
    const paths = r.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["body.email", "body.password"]));
  });
});
