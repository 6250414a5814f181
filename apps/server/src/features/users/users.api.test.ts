import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createPartner, createTestApp, createUser, login, type Session, signedIn, type TestApp, testEngines } from "../../testing/harness.js";

/** The token in the newest invitation mail to `email`. */
async function mailedToken(app: TestApp, email: string): Promise<string> {
  const mail = await app.ctx.db
    .selectFrom("mail_messages")
    .selectAll()
    .where("to_address", "=", email)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const token = /\/invitation\?token=(\S+)/.exec(mail.text_body)?.[1];
  if (!token) throw new Error(`no invitation link in: ${mail.text_body}`);
  return decodeURIComponent(token);
}

function sessionFrom(response: { cookies: { name: string; value: string }[]; json: () => { csrfToken: string } }): Session {
  const cookie = response.cookies.find((c) => c.name === "trellis_session");
  if (!cookie) throw new Error("no session cookie");
  return { cookie: `trellis_session=${cookie.value}`, csrfToken: response.json().csrfToken };
}

describe.each(testEngines)("vendor users and invitations on %s", (engine) => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  const publicPost = (url: string, payload: object) => app.app.inject({ method: "POST", url, payload });
  const publicGet = (url: string) => app.app.inject({ method: "GET", url });

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = await signedIn(app, "vendor_admin");
  });
  afterAll(async () => app.close());

  it("invites a vendor user who accepts, sets a password and is signed in", async () => {
    const created = await admin.client.post("/api/v1/users", { email: "Mia.Marketing@Example.test", name: "Mia", role: "marketing" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: "mia.marketing@example.test", status: "invited", role: "marketing", partnerId: null });
    expect(Date.parse(created.json().invitationExpiresAt)).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);

    const token = await mailedToken(app, "mia.marketing@example.test");
    const info = await publicGet(`/api/v1/invitations/${encodeURIComponent(token)}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ email: "mia.marketing@example.test", name: "Mia", role: "marketing", partnerName: null });

    const accepted = await publicPost("/api/v1/invitations/accept", { token, password: "a long enough password", name: "Mia Rossi" });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ email: "mia.marketing@example.test", name: "Mia Rossi", role: "marketing" });
    const session = sessionFrom(accepted);
    const me = await as(app, session).get("/api/v1/auth/me");
    expect(me.json().user.email).toBe("mia.marketing@example.test");
    expect(me.json().csrfToken).toBe(session.csrfToken);
    await login(app, "mia.marketing@example.test", "a long enough password");

    const again = await publicPost("/api/v1/invitations/accept", { token, password: "another long password" });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe("invalid_token");
    expect((await publicGet(`/api/v1/invitations/${encodeURIComponent(token)}`)).statusCode).toBe(404);
    const listed = await admin.client.get("/api/v1/users?q=mia");
    expect(listed.json().items).toEqual([expect.objectContaining({ id: created.json().id, status: "active", invitationExpiresAt: null })]);
  });

  it("answers 410 for an expired invitation and changes nothing", async () => {
    const created = await admin.client.post("/api/v1/users", { email: "late@example.test", name: "Late", role: "finance" });
    const token = await mailedToken(app, "late@example.test");
    await app.ctx.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where("user_id", "=", created.json().id)
      .execute();

    const info = await publicGet(`/api/v1/invitations/${encodeURIComponent(token)}`);
    expect(info.statusCode).toBe(410);
    expect(info.json().code).toBe("invalid_token");
    expect(info.json().detail).toMatch(/new invitation/);
    const accept = await publicPost("/api/v1/invitations/accept", { token, password: "a long enough password" });
    expect(accept.statusCode).toBe(410);
    expect(accept.json().code).toBe("invalid_token");

    const row = await app.ctx.db.selectFrom("users").selectAll().where("id", "=", created.json().id).executeTakeFirstOrThrow();
    expect(row.status).toBe("invited");
    expect(row.password_hash).toBeNull();
    const sessions = await app.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", created.json().id).execute();
    expect(sessions).toHaveLength(0);
  });

  it("resends an invitation: the new link works and the old one has expired", async () => {
    const created = await admin.client.post("/api/v1/users", { email: "resend@example.test", name: "Re Send", role: "support_agent" });
    const oldToken = await mailedToken(app, "resend@example.test");
    const resent = await admin.client.post(`/api/v1/users/${created.json().id}/resend-invitation`);
    expect(resent.statusCode).toBe(200);
    const newToken = await mailedToken(app, "resend@example.test");
    expect(newToken).not.toBe(oldToken);
    expect((await publicGet(`/api/v1/invitations/${encodeURIComponent(oldToken)}`)).statusCode).toBe(410);
    expect((await publicGet(`/api/v1/invitations/${encodeURIComponent(newToken)}`)).statusCode).toBe(200);
    expect((await publicPost("/api/v1/invitations/accept", { token: newToken, password: "a long enough password" })).statusCode).toBe(200);
    const notInvited = await admin.client.post(`/api/v1/users/${created.json().id}/resend-invitation`);
    expect(notInvited.statusCode).toBe(409);
    expect(notInvited.json().code).toBe("invalid_state");
  });

  it("refuses a duplicate email with 409 duplicate_email, whatever its case", async () => {
    const existing = await createUser(app, { role: "finance" });
    const r = await admin.client.post("/api/v1/users", { email: existing.email.toUpperCase(), name: "Twin", role: "finance" });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe("duplicate_email");
  });

  it("refuses a partner role and a short password, naming the field", async () => {
    const r = await admin.client.post("/api/v1/users", { email: "rep@example.test", name: "Rep", role: "sales_rep" });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.map((f: { path: string }) => f.path)).toContain("body.role");
    const accept = await publicPost("/api/v1/invitations/accept", { token: "x".repeat(43), password: "short" });
    expect(accept.statusCode).toBe(400);
    expect(accept.json().fields.map((f: { path: string }) => f.path)).toContain("body.password");
  });

  it("lists vendor users only, filtered and sorted by name", async () => {
    const partner = await createPartner(app);
    const partnerUser = await createUser(app, { role: "partner_admin", partnerId: partner.id, name: "Aaron Partner" });
    await createUser(app, { role: "channel_manager", name: "Zed Channel" });
    await createUser(app, { role: "channel_manager", name: "Abe Channel" });
    const all = await admin.client.get("/api/v1/users");
    const names: string[] = all.json().items.map((u: { name: string }) => u.name);
    expect(names).toEqual([...names].sort());
    expect(all.json().items.map((u: { id: string }) => u.id)).not.toContain(partnerUser.id);
    const managers = await admin.client.get("/api/v1/users?role=channel_manager&q=channel");
    expect(managers.json().items.map((u: { name: string }) => u.name)).toEqual(["Abe Channel", "Zed Channel"]);
    const invited = await admin.client.get("/api/v1/users?status=invited");
    expect(invited.json().items.every((u: { status: string }) => u.status === "invited")).toBe(true);
  });

  it("answers 404 for a partner user's id and 403 for a non-admin", async () => {
    const partner = await createPartner(app);
    const staff = await createUser(app, { role: "sales_rep", partnerId: partner.id });
    expect((await admin.client.patch(`/api/v1/users/${staff.id}`, { name: "Renamed" })).statusCode).toBe(404);
    expect((await admin.client.post(`/api/v1/users/${staff.id}/deactivate`)).statusCode).toBe(404);
    expect((await admin.client.get(`/api/v1/users/${staff.id}`)).statusCode).toBe(404);
    const manager = await signedIn(app, "channel_manager");
    expect((await manager.client.get("/api/v1/users")).statusCode).toBe(403);
    expect((await manager.client.post("/api/v1/users", { email: "x@example.test", name: "X", role: "finance" })).statusCode).toBe(403);
  });

  it("renames, changes the role, deactivates (ending sessions at once) and reactivates a vendor user", async () => {
    const target = await createUser(app, { role: "support_agent" });
    const session = await login(app, target.email);
    const patched = await admin.client.patch(`/api/v1/users/${target.id}`, { name: "New Name", role: "marketing" });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: "New Name", role: "marketing" });
    expect((await admin.client.patch(`/api/v1/users/${target.id}`, { role: "technician" })).statusCode).toBe(400);

    const deactivated = await admin.client.post(`/api/v1/users/${target.id}/deactivate`);
    expect(deactivated.json().status).toBe("deactivated");
    expect((await as(app, session).get("/api/v1/auth/me")).json().user).toBeNull();
    await expect(login(app, target.email)).rejects.toThrow(/401/);

    const reactivated = await admin.client.post(`/api/v1/users/${target.id}/reactivate`);
    expect(reactivated.json().status).toBe("active");
    await login(app, target.email);

    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "user")
      .where("entity_id", "=", target.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.update", "user.deactivate", "user.reactivate"]));
  });

  it("protects the admin itself and the last active vendor admin", async () => {
    const fresh = await createTestApp(engine);
    try {
      const only = await signedIn(fresh, "vendor_admin");
      const self = await only.client.post(`/api/v1/users/${only.user.id}/deactivate`);
      expect(self.statusCode).toBe(422);
      const demote = await only.client.patch(`/api/v1/users/${only.user.id}`, { role: "finance" });
      expect(demote.statusCode).toBe(422);
      expect(demote.json().detail).toMatch(/last active/);

      const second = await createUser(fresh, { role: "vendor_admin" });
      const secondSession = await login(fresh, second.email);
      await fresh.ctx.db.updateTable("users").set({ status: "deactivated" }).where("id", "=", only.user.id).execute();
      const lastByOther = await as(fresh, secondSession).patch(`/api/v1/users/${second.id}`, { role: "marketing" });
      expect(lastByOther.statusCode).toBe(422);
      await fresh.ctx.db.updateTable("users").set({ status: "active" }).where("id", "=", only.user.id).execute();
      expect((await as(fresh, secondSession).patch(`/api/v1/users/${second.id}`, { role: "marketing" })).statusCode).toBe(200);
      const row = await fresh.ctx.db.selectFrom("users").select("role").where("id", "=", only.user.id).executeTakeFirstOrThrow();
      expect(row.role).toBe("vendor_admin");
    } finally {
      await fresh.close();
    }
  });
});
