import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createPartner, createTestApp, createUser, login, signedIn, type TestApp, testEngines } from "../../testing/harness.js";

describe.each(testEngines)("partner staff on %s", (engine) => {
  let app: TestApp;
  let partnerA: { id: string; name: string };
  let partnerB: { id: string; name: string };
  let adminA: Awaited<ReturnType<typeof signedIn>>;
  let adminB: Awaited<ReturnType<typeof signedIn>>;
  const staffUrl = (partnerId: string, rest = "") => `/api/v1/partners/${partnerId}/staff${rest}`;

  beforeAll(async () => {
    app = await createTestApp(engine);
    partnerA = await createPartner(app, { name: "Alpha Security" });
    partnerB = await createPartner(app, { name: "Beta Systems" });
    adminA = await signedIn(app, "partner_admin", partnerA.id);
    adminB = await signedIn(app, "partner_admin", partnerB.id);
  });
  afterAll(async () => app.close());

  it("lets a partner admin invite staff of its own partner, mailing a link that names the partner", async () => {
    const r = await adminA.client.post(staffUrl(partnerA.id), { email: "tech@alpha.test", name: "Tia Tech", role: "technician" });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ email: "tech@alpha.test", role: "technician", partnerId: partnerA.id, status: "invited" });
    const mail = await app.ctx.db.selectFrom("mail_messages").selectAll().where("to_address", "=", "tech@alpha.test").executeTakeFirstOrThrow();
    expect(mail.text_body).toContain("Alpha Security");
    expect(mail.text_body).toMatch(/\/invitation\?token=\S+/);
    const token = decodeURIComponent(/token=(\S+)/.exec(mail.text_body)?.[1] ?? "");
    const info = await app.app.inject({ method: "GET", url: `/api/v1/invitations/${encodeURIComponent(token)}` });
    expect(info.json()).toMatchObject({ partnerName: "Alpha Security", role: "technician" });

    const list = await adminA.client.get(staffUrl(partnerA.id));
    expect(list.statusCode).toBe(200);
    const emails = list.json().items.map((u: { email: string }) => u.email);
    expect(emails).toContain("tech@alpha.test");
    expect(emails).not.toContain(adminB.user.email);
  });

  it("deactivating a staff member ends its sessions at once and stops its sign-in", async () => {
    const rep = await createUser(app, { role: "sales_rep", partnerId: partnerA.id });
    const session = await login(app, rep.email);
    expect((await as(app, session).get("/api/v1/auth/me")).json().user.id).toBe(rep.id);
    const r = await adminA.client.post(staffUrl(partnerA.id, `/${rep.id}/deactivate`));
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe("deactivated");
    expect((await as(app, session).get("/api/v1/auth/me")).json().user).toBeNull();
    const open = await app.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", rep.id).where("revoked_at", "is", null).execute();
    expect(open).toHaveLength(0);
    await expect(login(app, rep.email)).rejects.toThrow(/401/);

    expect((await adminA.client.post(staffUrl(partnerA.id, `/${rep.id}/reactivate`))).json().status).toBe("active");
    await login(app, rep.email);
  });

  it("answers 404 to a partner admin for another partner's staff and users, whatever the body", async () => {
    const repB = await createUser(app, { role: "sales_rep", partnerId: partnerB.id });
    expect((await adminA.client.get(staffUrl(partnerB.id))).statusCode).toBe(404);
    expect((await adminA.client.post(staffUrl(partnerB.id), { email: "x@beta.test", name: "X", role: "sales_rep" })).statusCode).toBe(404);
    expect((await adminA.client.post(staffUrl(partnerB.id), { nonsense: true })).statusCode).toBe(404);
    expect((await adminA.client.patch(staffUrl(partnerB.id, `/${repB.id}`), { name: "Hacked" })).statusCode).toBe(404);
    expect((await adminA.client.post(staffUrl(partnerB.id, `/${repB.id}/deactivate`))).statusCode).toBe(404);
    // B's user through A's own partner path: not A's staff, so not found either.
    expect((await adminA.client.patch(staffUrl(partnerA.id, `/${repB.id}`), { name: "Hacked" })).statusCode).toBe(404);
    expect((await adminA.client.post(staffUrl(partnerA.id, `/${repB.id}/deactivate`))).statusCode).toBe(404);
    const row = await app.ctx.db.selectFrom("users").select(["name", "status"]).where("id", "=", repB.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("active");
    expect(row.name).not.toBe("Hacked");
  });

  it("gives a sales rep read access only", async () => {
    const rep = await signedIn(app, "sales_rep", partnerA.id);
    expect((await rep.client.get(staffUrl(partnerA.id))).statusCode).toBe(200);
    const r = await rep.client.post(staffUrl(partnerA.id), { email: "new@alpha.test", name: "New", role: "sales_rep" });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe("forbidden");
  });

  it("refuses a vendor role from a partner admin, naming role", async () => {
    const r = await adminA.client.post(staffUrl(partnerA.id), { email: "boss@alpha.test", name: "Boss", role: "vendor_admin" });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.map((f: { path: string }) => f.path)).toContain("body.role");
    expect((await adminA.client.patch(staffUrl(partnerA.id, `/${adminA.user.id}`), { role: "channel_manager" })).statusCode).toBe(400);
    const dup = await adminA.client.post(staffUrl(partnerA.id), { email: adminB.user.email, name: "Dup", role: "sales_rep" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe("duplicate_email");
  });

  it("protects the last active partner admin and the actor itself", async () => {
    const partner = await createPartner(app);
    const only = await signedIn(app, "partner_admin", partner.id);
    const vendorAdmin = await signedIn(app, "vendor_admin");
    const manager = await signedIn(app, "channel_manager");

    expect((await only.client.post(staffUrl(partner.id, `/${only.user.id}/deactivate`))).statusCode).toBe(422);
    const byVendor = await vendorAdmin.client.post(staffUrl(partner.id, `/${only.user.id}/deactivate`));
    expect(byVendor.statusCode).toBe(422);
    expect(byVendor.json().detail).toMatch(/last active Partner admin/);
    expect((await manager.client.patch(staffUrl(partner.id, `/${only.user.id}`), { role: "sales_rep" })).statusCode).toBe(422);
    expect((await app.ctx.db.selectFrom("users").select("status").where("id", "=", only.user.id).executeTakeFirstOrThrow()).status).toBe("active");

    const second = await manager.client.post(staffUrl(partner.id), {
      email: `second-${partner.id}@example.test`,
      name: "Second",
      role: "partner_admin",
    });
    expect(second.statusCode).toBe(201);
    // An invited admin does not count: it cannot sign in yet.
    expect((await vendorAdmin.client.post(staffUrl(partner.id, `/${only.user.id}/deactivate`))).statusCode).toBe(422);
    await app.ctx.db.updateTable("users").set({ status: "active" }).where("id", "=", second.json().id).execute();
    expect((await vendorAdmin.client.post(staffUrl(partner.id, `/${only.user.id}/deactivate`))).statusCode).toBe(200);
  });

  it("answers 404 for a partner that does not exist or is archived, and 403 to a role without staff:manage", async () => {
    const vendorAdmin = await signedIn(app, "vendor_admin");
    expect((await vendorAdmin.client.get(staffUrl("no-such-partner"))).statusCode).toBe(404);
    const archived = await createPartner(app);
    await app.ctx.db.updateTable("partners").set({ archived_at: new Date().toISOString() }).where("id", "=", archived.id).execute();
    expect((await vendorAdmin.client.get(staffUrl(archived.id))).statusCode).toBe(404);
    expect((await vendorAdmin.client.post(staffUrl(archived.id), { email: "a@arch.test", name: "A", role: "sales_rep" })).statusCode).toBe(404);
    const support = await signedIn(app, "support_agent");
    expect((await support.client.get(staffUrl(partnerA.id))).statusCode).toBe(200);
    expect((await support.client.post(staffUrl(partnerA.id), { email: "s@alpha.test", name: "S", role: "sales_rep" })).statusCode).toBe(403);
  });

  it("resends a staff invitation and audits staff changes under the partner", async () => {
    const created = await adminA.client.post(staffUrl(partnerA.id), { email: "again@alpha.test", name: "Again", role: "sales_rep" });
    const resent = await adminA.client.post(staffUrl(partnerA.id, `/${created.json().id}/resend-invitation`));
    expect(resent.statusCode).toBe(200);
    const mails = await app.ctx.db.selectFrom("mail_messages").select("id").where("to_address", "=", "again@alpha.test").execute();
    expect(mails).toHaveLength(2);
    const renamed = await adminA.client.patch(staffUrl(partnerA.id, `/${created.json().id}`), { name: "Again Renamed" });
    expect(renamed.json().name).toBe("Again Renamed");
    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select(["action", "partner_id"])
      .where("entity_type", "=", "user")
      .where("entity_id", "=", created.json().id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["user.invite", "user.resend_invitation", "user.update"]);
    expect(audit.every((a) => a.partner_id === partnerA.id)).toBe(true);
  });
});
