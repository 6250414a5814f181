import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";

let serial = 0;

function applicationBody(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    companyName: `Watchful ${serial}`,
    legalName: `Watchful ${serial} GmbH`,
    website: "https://watchful.example.test",
    country: "de",
    region: "Western Europe",
    city: "Hamburg",
    principal: { name: "Petra Principal", email: `petra.${serial}.${Date.now()}@watchful.test`, phone: "+49 40 123" },
    contacts: [{ name: "Tom Tech", email: "tom@watchful.test", phone: "", role: "Lead technician" }],
    regions: ["Western Europe", "Northern Europe"],
    sells: ["IP cameras", "NVRs"],
    installs: ["Retail", "City surveillance"],
    expectedAnnualVolume: { amountMinor: 25_000_000, currency: "EUR" },
    message: "We install 200 sites a year.",
    ...overrides,
  };
}

describe.each(testEngines)("partner applications on %s", (engine) => {
  let app: TestApp;
  let vendorAdmin: Awaited<ReturnType<typeof signedIn>>;
  let manager: Awaited<ReturnType<typeof signedIn>>;
  const submit = (payload: object) => app.app.inject({ method: "POST", url: "/api/v1/applications", payload });
  const mailsTo = (email: string) => app.ctx.db.selectFrom("mail_messages").selectAll().where("to_address", "=", email).orderBy("id").execute();
  const setCapacity = (supportedPartnerCapacity: number) => vendorAdmin.client.patch("/api/v1/settings", { supportedPartnerCapacity });

  async function submitted(overrides: Record<string, unknown> = {}) {
    const body = applicationBody(overrides);
    const r = await submit(body);
    expect(r.statusCode).toBe(201);
    return { id: r.json().id as string, email: body.principal.email, companyName: body.companyName };
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    vendorAdmin = await signedIn(app, "vendor_admin");
    manager = await signedIn(app, "channel_manager");
    expect((await setCapacity(1000)).statusCode).toBe(200);
  });
  afterAll(async () => app.close());

  it("accepts a public application, mails a receipt and audits it as public", async () => {
    const body = applicationBody();
    const r = await submit(body);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ id: expect.any(String), status: "pending" });
    const mails = await mailsTo(body.principal.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/received/);
    const audit = await app.ctx.db.selectFrom("audit_log").selectAll().where("entity_id", "=", r.json().id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "application.submit", actor_label: "public", actor_user_id: null });

    const one = await manager.client.get(`/api/v1/applications/${r.json().id}`);
    expect(one.json()).toMatchObject({
      country: "DE",
      principal: { email: body.principal.email },
      regions: ["Western Europe", "Northern Europe"],
      sells: ["IP cameras", "NVRs"],
      installs: ["Retail", "City surveillance"],
      contacts: [{ name: "Tom Tech", role: "Lead technician" }],
      expectedAnnualVolume: { amountMinor: 25_000_000, currency: "EUR" },
      status: "pending",
      partnerId: null,
    });
  });

  it("rejects a malformed application naming the fields", async () => {
    const r = await submit(
      applicationBody({
        country: "Germany",
        principal: { name: "P", email: "not-an-email" },
        regions: [],
        expectedAnnualVolume: { amountMinor: -1.5, currency: "EUR" },
        extra: "field",
      }),
    );
    expect(r.statusCode).toBe(400);
    const paths = r.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["body.country", "body.principal.email", "body.regions", "body.expectedAnnualVolume.amountMinor"]));
    expect(r.json().fields.some((f: { message: string }) => f.message.includes("extra"))).toBe(true);
    expect(await app.ctx.db.selectFrom("applications").select("id").where("company_name", "=", `Watchful ${serial}`).execute()).toHaveLength(0);
  });

  it("refuses a second pending application, and does not reveal that an email has an account", async () => {
    const first = await submitted();
    const again = await submit(applicationBody({ principal: { name: "Petra", email: first.email.toUpperCase() } }));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("duplicate_email");
    const user = await createUser(app, { role: "finance" });
    const taken = await submit(applicationBody({ principal: { name: "Someone", email: user.email } }));
    expect(taken.statusCode).toBe(201);
    // The reviewer finds out instead: approving cannot invite an email that already has an account.
    const approve = await vendorAdmin.client.post(`/api/v1/applications/${taken.json().id}/approve`, {});
    expect(approve.statusCode).toBe(409);
    expect(approve.json().code).toBe("duplicate_email");
  });

  it("lists applications newest first with keyset pages, for reviewers only", async () => {
    const a = await submitted();
    const b = await submitted();
    const first = await manager.client.get("/api/v1/applications?status=pending&limit=1");
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const second = await manager.client.get(`/api/v1/applications?status=pending&limit=1&cursor=${first.json().nextCursor}`);
    expect(second.json().items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const search = await manager.client.get(`/api/v1/applications?q=${encodeURIComponent(a.companyName)}`);
    expect(search.json().items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect((await app.app.inject({ method: "GET", url: "/api/v1/applications" })).statusCode).toBe(401);
    const support = await signedIn(app, "support_agent");
    expect((await support.client.get("/api/v1/applications")).statusCode).toBe(403);
    expect((await manager.client.get("/api/v1/applications/nope")).statusCode).toBe(404);
  });

  it("approves: an active partner, an invited partner admin and an invitation mail", async () => {
    const application = await submitted();
    const r = await manager.client.post(`/api/v1/applications/${application.id}/approve`, {});
    expect(r.statusCode).toBe(200);
    const { partnerId } = r.json();
    expect(r.json().application).toMatchObject({ status: "approved", partnerId, decidedBy: manager.user.id, decidedByName: expect.any(String) });

    const partner = await app.ctx.db.selectFrom("partners").selectAll().where("id", "=", partnerId).executeTakeFirstOrThrow();
    expect(partner).toMatchObject({ name: application.companyName, status: "active", country: "DE", region: "Western Europe", city: "Hamburg" });
    const principal = await app.ctx.db.selectFrom("users").selectAll().where("email", "=", application.email).executeTakeFirstOrThrow();
    expect(principal).toMatchObject({ role: "partner_admin", partner_id: partnerId, status: "invited", password_hash: null });

    const mails = await mailsTo(application.email);
    expect(mails).toHaveLength(2);
    const token = decodeURIComponent(/\/invitation\?token=(\S+)/.exec(mails[1]?.text_body ?? "")?.[1] ?? "");
    expect(mails[1]?.text_body).toContain(application.companyName);
    const accepted = await app.app.inject({
      method: "POST",
      url: "/api/v1/invitations/accept",
      payload: { token, password: "principal password 1" },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ role: "partner_admin", partnerId, partnerName: application.companyName });

    const twice = await manager.client.post(`/api/v1/applications/${application.id}/approve`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("invalid_state");
  });

  it("refuses approval at full capacity and changes nothing; a vendor admin may override with a reason", async () => {
    const application = await submitted();
    const settings = await vendorAdmin.client.get("/api/v1/settings");
    expect((await setCapacity(settings.json().activePartners)).statusCode).toBe(200);
    try {
      const partnersBefore = await app.ctx.db.selectFrom("partners").select("id").execute();
      const refused = await manager.client.post(`/api/v1/applications/${application.id}/approve`, {});
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe("capacity_reached");
      const byManager = await manager.client.post(`/api/v1/applications/${application.id}/approve`, {
        overrideReason: "Strategic account in Hamburg",
      });
      expect(byManager.statusCode).toBe(422);

      expect(await app.ctx.db.selectFrom("partners").select("id").execute()).toHaveLength(partnersBefore.length);
      expect((await manager.client.get(`/api/v1/applications/${application.id}`)).json().status).toBe("pending");
      expect(await app.ctx.db.selectFrom("users").select("id").where("email", "=", application.email).execute()).toHaveLength(0);
      expect(await mailsTo(application.email)).toHaveLength(1);
      const approvals = await app.ctx.db
        .selectFrom("audit_log")
        .select("id")
        .where("entity_id", "=", application.id)
        .where("action", "=", "application.approve")
        .execute();
      expect(approvals).toHaveLength(0);

      const overridden = await vendorAdmin.client.post(`/api/v1/applications/${application.id}/approve`, {
        overrideReason: "Strategic account in Hamburg",
      });
      expect(overridden.statusCode).toBe(200);
      expect(overridden.json().application).toMatchObject({ status: "approved", overrideReason: "Strategic account in Hamburg" });
      expect(await app.ctx.db.selectFrom("partners").select("id").execute()).toHaveLength(partnersBefore.length + 1);
    } finally {
      await setCapacity(1000);
    }
  });

  it("declines with a reason, mails the applicant and refuses to decide again", async () => {
    const application = await submitted();
    const short = await manager.client.post(`/api/v1/applications/${application.id}/decline`, { reason: "no" });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields.map((f: { path: string }) => f.path)).toContain("body.reason");
    const r = await manager.client.post(`/api/v1/applications/${application.id}/decline`, { reason: "We already have three partners in Hamburg." });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: "declined", decisionReason: "We already have three partners in Hamburg.", decidedBy: manager.user.id });
    const mails = await mailsTo(application.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.text_body).toContain("We already have three partners in Hamburg.");
    expect((await manager.client.post(`/api/v1/applications/${application.id}/decline`, { reason: "Once more, please" })).statusCode).toBe(409);
    const approve = await manager.client.post(`/api/v1/applications/${application.id}/approve`, {});
    expect(approve.statusCode).toBe(409);
    expect(approve.json().code).toBe("invalid_state");
    expect(await app.ctx.db.selectFrom("users").select("id").where("email", "=", application.email).execute()).toHaveLength(0);
    // A declined applicant may apply again.
    expect((await submit(applicationBody({ principal: { name: "Petra", email: application.email } }))).statusCode).toBe(201);
  });
});
