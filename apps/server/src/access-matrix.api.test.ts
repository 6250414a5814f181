import { Readable } from "node:stream";
import { isPartnerRole, type Role, roles } from "@trellis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allows, expectationFor, expectations, type OwnedKind } from "./access-matrix.expectations.js";
import { insertClaimFixture } from "./features/incentives/claims-fixtures.js";
import { updateRelationshipSettings } from "./features/scorecards/settings.service.js";
import { systemActor } from "./platform/access/actor.js";
import { createSession } from "./platform/auth/sessions.js";
import { uuidv7 } from "./platform/ids.js";
import { createPartner, createTestApp, createUser, type TestApp, testEngines } from "./testing/harness.js";
import { createNewsPostFixture } from "./testing/news-posts.js";
import { createProductFixture, createRmaFixture, createTicketFixture } from "./testing/support-fixtures.js";

// The expectations (who may call each route) are in access-matrix.expectations.ts.
const tinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

interface Fixtures {
  ownPartner: string;
  otherPartner: string;
  vendorTargetPartner: string;
  ownStaff: string;
  otherStaff: string;
  vendorTargetStaff: string;
  vendorUser: string;
  actors: Record<Role, string>;
  /** Records owned by the own and the other partner, for routes whose :id names one. */
  owned: Record<OwnedKind, { own: string; other: string }>;
  /** An attachment on each side's ticket, for :attachmentId. */
  ticketAttachment: { own: string; other: string };
  /** An attachment on each side's news post, for :attachmentId. */
  newsAttachment: { own: string; other: string };
}

function urlFor(template: string, fixtures: Fixtures, side: "own" | "other" | "vendor", owned?: OwnedKind): string {
  if (owned) template = template.replace(":id", fixtures.owned[owned][side === "other" ? "other" : "own"]);
  if (owned === "ticket") template = template.replace(":attachmentId", fixtures.ticketAttachment[side === "other" ? "other" : "own"]);
  if (owned === "newsPost") template = template.replace(":attachmentId", fixtures.newsAttachment[side === "other" ? "other" : "own"]);
  const partnerId = side === "own" ? fixtures.ownPartner : side === "other" ? fixtures.otherPartner : fixtures.vendorTargetPartner;
  const staffId = side === "own" ? fixtures.ownStaff : side === "other" ? fixtures.otherStaff : fixtures.vendorTargetStaff;
  return template
    .replace(/^\/api\/v1\/partners\/:id/, `/api/v1/partners/${partnerId}`)
    .replace(":partnerId", partnerId)
    .replace(":userId", staffId)
    .replace(/^\/api\/v1\/users\/:id/, `/api/v1/users/${fixtures.vendorUser}`)
    .replace(":id", uuidv7())
    .replace(":token", "not-a-real-invitation-token")
    .replace(":key", "0".repeat(64))
    .replace("*", "x");
}

describe.each(testEngines)("access matrix on %s", (engine) => {
  let app: TestApp;
  let fixtures: Fixtures;

  beforeAll(async () => {
    app = await createTestApp(engine);
    const own = await createPartner(app, { name: "Own Reseller" });
    // Own partner has a logo, so "no logo yet" (404) cannot be mistaken for "not yours".
    const logo = await app.ctx.storage.put(Readable.from(Buffer.from(tinyPng, "base64")), { maxBytes: 10_000 });
    await app.ctx.db.updateTable("partners").set({ logo_key: logo.key, logo_content_type: "image/png" }).where("id", "=", own.id).execute();
    const other = await createPartner(app, { name: "Other Reseller" });
    const vendorTarget = await createPartner(app, { name: "Vendor Target Reseller" });
    const actors = {} as Record<Role, string>;
    for (const role of roles) actors[role] = (await createUser(app, { role, partnerId: isPartnerRole(role) ? own.id : null })).id;
    // Targets for user-changing routes, so no actor changes itself.
    await createUser(app, { role: "partner_admin", partnerId: own.id });
    await createUser(app, { role: "partner_admin", partnerId: other.id });
    await createUser(app, { role: "partner_admin", partnerId: vendorTarget.id });
    // Partner admins see their own scorecard (and its exports) only while the vendor allows it: allow it here.
    await updateRelationshipSettings(app.ctx, systemActor, { partnerScorecardsVisible: true }, "matrix");
    fixtures = {
      ownPartner: own.id,
      otherPartner: other.id,
      vendorTargetPartner: vendorTarget.id,
      ownStaff: (await createUser(app, { role: "sales_rep", partnerId: own.id })).id,
      otherStaff: (await createUser(app, { role: "sales_rep", partnerId: other.id })).id,
      vendorTargetStaff: (await createUser(app, { role: "sales_rep", partnerId: vendorTarget.id })).id,
      vendorUser: (await createUser(app, { role: "finance" })).id,
      actors,
      owned: { rma: { own: "", other: "" }, ticket: { own: "", other: "" }, newsPost: { own: "", other: "" }, claim: { own: "", other: "" } },
      ticketAttachment: { own: "", other: "" },
      newsAttachment: { own: "", other: "" },
    };
    const product = await createProductFixture(app);
    for (const side of ["own", "other"] as const) {
      const partnerId = side === "own" ? own.id : other.id;
      const requesterId = side === "own" ? actors.technician : fixtures.otherStaff;
      const ticket = await createTicketFixture(app, {
        partnerId,
        requesterId,
        products: [{ productId: product.id, serials: [`CAM-00000${side === "own" ? 1 : 2}`] }],
      });
      fixtures.owned.ticket[side] = ticket.id;
      const log = await app.ctx.storage.put(Readable.from(Buffer.from(`${side} boot log\n`)), { maxBytes: 10_000 });
      fixtures.ticketAttachment[side] = uuidv7();
      await app.ctx.db
        .insertInto("ticket_attachments")
        .values({
          id: fixtures.ticketAttachment[side],
          ticket_id: ticket.id,
          reply_id: null,
          internal: 0,
          storage_key: log.key,
          file_name: "boot.log",
          content_type: "text/plain",
          size: log.size,
          uploaded_by: requesterId,
          created_at: new Date().toISOString(),
        })
        .execute();
      // A must-read post (so acknowledging it succeeds) meant only for this side's partner, with a file on it.
      const post = await createNewsPostFixture(app, actors.marketing, {
        title: `${side} partner's news`,
        audience: { partnerIds: [partnerId] },
        mustRead: true,
      });
      fixtures.owned.newsPost[side] = post.id;
      fixtures.newsAttachment[side] = uuidv7();
      await app.ctx.db
        .insertInto("news_attachments")
        .values({
          id: fixtures.newsAttachment[side],
          post_id: post.id,
          storage_key: log.key,
          file_name: "notes.txt",
          content_type: "text/plain",
          size: log.size,
          created_by: actors.marketing,
          created_at: new Date().toISOString(),
        })
        .execute();
      fixtures.owned.rma[side] = (
        await createRmaFixture(app, {
          ticketId: ticket.id,
          productId: product.id,
          serial: `CAM-00000${side === "own" ? 1 : 2}`,
          authorisedBy: actors.support_agent,
        })
      ).id;
      // A pending claim of this side's sales rep (the own rep is the matrix's actor), with an invoice file.
      fixtures.owned.claim[side] = await insertClaimFixture(app, {
        partnerId,
        userId: side === "own" ? actors.sales_rep : fixtures.otherStaff,
        productId: product.id,
        serial: `CAM-00000${side === "own" ? 1 : 2}`,
        invoice: { key: log.key, size: log.size },
      });
    }
  });
  afterAll(async () => app.close());

  async function call(method: string, url: string, role: Role | "anonymous", body: object = {}) {
    const headers: Record<string, string> = {};
    if (role !== "anonymous") {
      // A fresh session per call: a logout or deactivation in one call cannot change the next.
      const session = await createSession(
        app.ctx.db,
        fixtures.actors[role],
        { idleMinutes: 60, absoluteMinutes: 60 },
        { ip: "127.0.0.1", userAgent: "matrix" },
      );
      headers.cookie = `trellis_session=${app.app.signCookie(session.token)}`;
      headers["x-csrf-token"] = session.csrfToken;
    }
    const withBody = method === "POST" || method === "PUT" || method === "PATCH";
    return app.app.inject({ method: method as "GET", url, headers, ...(withBody ? { payload: body } : {}) });
  }

  it("has an expectation for every registered route, and a route for every expectation", () => {
    const registered = new Set(app.routes.map((r) => `${r.method} ${r.url}`));
    const missing = app.routes.filter((r) => !expectationFor(r.method, r.url)).map((r) => `${r.method} ${r.url}`);
    expect(missing, "routes without an access expectation").toEqual([]);
    const stale = Object.keys(expectations).filter((key) => !registered.has(key));
    expect(stale, "expectations for routes that no longer exist").toEqual([]);
  });

  it("declares the partner URL parameter on every partner-scoped route, so the 404 comes first", () => {
    const scopedWithoutParam = app.routes
      .filter((r) => expectationFor(r.method, r.url)?.partnerScoped && !r.partnerParam)
      .map((r) => `${r.method} ${r.url}`);
    expect(scopedWithoutParam).toEqual([]);
    const namesPartnerButUnscoped = app.routes
      .filter((r) => /\/partners\/:(id|partnerId)/.test(r.url) && !expectationFor(r.method, r.url)?.partnerScoped)
      .map((r) => `${r.method} ${r.url}`);
    expect(namesPartnerButUnscoped).toEqual([]);
  });

  it("answers every route as its policy says, for every role, on own and other partners", async () => {
    const failures: string[] = [];
    const check = (label: string, status: number, ok: boolean) => {
      if (!ok) failures.push(`${label} -> ${status}`);
    };
    for (const route of app.routes) {
      const expectation = expectationFor(route.method, route.url);
      if (!expectation) continue;
      const anonymous = await call(route.method, urlFor(route.url, fixtures, "vendor", expectation.owned), "anonymous");
      const anonymousAllowed = allows(expectation.allow, "anonymous");
      check(
        `${route.method} ${route.url} as anonymous`,
        anonymous.statusCode,
        anonymousAllowed ? anonymous.statusCode !== 401 && anonymous.statusCode !== 403 : anonymous.statusCode === 401,
      );

      for (const role of roles) {
        const partnerSide = isPartnerRole(role);
        const allowed = allows(expectation.allow, role);
        const scoped = expectation.partnerScoped || expectation.owned !== undefined;
        const own = await call(route.method, urlFor(route.url, fixtures, partnerSide ? "own" : "vendor", expectation.owned), role);
        const ownOk = allowed
          ? own.statusCode !== 401 && own.statusCode !== 403 && !((partnerSide || expectation.owned) && scoped && own.statusCode === 404)
          : own.statusCode === 403;
        check(`${route.method} ${route.url} as ${role} (${partnerSide ? "own partner" : "vendor"})`, own.statusCode, ownOk);

        if (partnerSide && scoped) {
          const other = await call(route.method, urlFor(route.url, fixtures, "other", expectation.owned), role, expectation.otherBody);
          check(
            `${route.method} ${route.url} as ${role} (other partner)`,
            other.statusCode,
            allowed ? other.statusCode === 404 : other.statusCode === 403 || other.statusCode === 404,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    // Some 250 routes x 9 roles x own/other partner: thousands of requests, longer than the 30 s default on 2 cores.
  }, 180_000);

  it("never lets a partner role change the other partner", async () => {
    const other = await app.ctx.db.selectFrom("partners").selectAll().where("id", "=", fixtures.otherPartner).executeTakeFirstOrThrow();
    expect(other.archived_at).toBeNull();
    const staff = await app.ctx.db.selectFrom("users").select(["status", "role"]).where("id", "=", fixtures.otherStaff).executeTakeFirstOrThrow();
    expect(staff).toEqual({ status: "active", role: "sales_rep" });
    const ticket = await app.ctx.db
      .selectFrom("tickets")
      .select(["status", "reply_count"])
      .where("id", "=", fixtures.owned.ticket.other)
      .executeTakeFirstOrThrow();
    expect({ status: ticket.status, replies: Number(ticket.reply_count) }).toEqual({ status: "open", replies: 0 });
    const claims = await app.ctx.db.selectFrom("incentive_claims").select(["id", "status"]).where("status", "!=", "pending").execute();
    expect(claims).toEqual([]);
    const otherPost = fixtures.owned.newsPost.other;
    const onOtherPost = async (table: "news_reads" | "news_comments") =>
      (await app.ctx.db.selectFrom(table).select("post_id").where("post_id", "=", otherPost).execute()).length;
    expect({ reads: await onOtherPost("news_reads"), comments: await onOtherPost("news_comments") }).toEqual({ reads: 0, comments: 0 });
  });
});
