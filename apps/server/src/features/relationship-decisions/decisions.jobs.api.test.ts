import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  as,
  createPartner,
  createTestApp,
  createUser,
  login,
  type signedIn as SignedIn,
  signedIn,
  type TestApp,
  testEngines,
} from "../../testing/harness.js";
import { createRewardItem, grantPoints, key } from "../../testing/rewards.js";
import { createProductFixture, createTicketFixture } from "../../testing/support-fixtures.js";
import { insertClaimFixture } from "../incentives/claims-fixtures.js";
import { runReviewReminders } from "./decisions.jobs.js";
import { utcToday } from "./decisions.service.js";
import { runOffboarding } from "./offboarding.service.js";

// The daily jobs, each run as a function with the day it runs on: review reminders (once per
// review date, to the channel manager or the vendor admins) and a cut partner's offboarding
// (notice -> reduced at reduceOn -> removed at endOn, data kept).

type Client = Awaited<ReturnType<typeof SignedIn>>["client"];

const today = utcToday();
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.each(testEngines)("relationship decision jobs on %s", (engine) => {
  let app: TestApp;
  let manager: Client;
  let managerId: string;
  let admins: string[];

  beforeAll(async () => {
    app = await createTestApp(engine);
    const signed = await signedIn(app, "channel_manager");
    manager = signed.client;
    managerId = signed.user.id;
    admins = [(await createUser(app, { role: "vendor_admin" })).id, (await createUser(app, { role: "vendor_admin" })).id];
    await createUser(app, { role: "vendor_admin", status: "deactivated" });
  });
  afterAll(async () => app.close());

  const reminders = async () =>
    (
      await app.ctx.db
        .selectFrom("notifications")
        .select(["user_id", "source_id", "title"])
        .where("kind", "=", "partner_review_due")
        .orderBy("created_at")
        .orderBy("id")
        .execute()
    ).map((row) => `${row.user_id === managerId ? "manager" : admins.includes(row.user_id) ? "admin" : row.user_id} ${row.source_id?.split(":")[1]}`);

  it("reminds the channel manager once per review date, and the vendor admins for a partner without one", async () => {
    const owned = await createPartner(app, { name: "Foxtrot Owned" });
    await app.ctx.db.updateTable("partners").set({ channel_manager_id: managerId }).where("id", "=", owned.id).execute();
    const orphan = await createPartner(app, { name: "Golf Orphan" });
    const firstDate = addDays(today, 3);
    const decision = (
      await manager.post(`/api/v1/partners/${owned.id}/decisions`, { kind: "watch", reason: "Flat sales", reviewOn: firstDate })
    ).json();
    await manager.post(`/api/v1/partners/${orphan.id}/decisions`, { kind: "watch", reason: "Nobody owns it", reviewOn: addDays(today, 5) });

    expect(await runReviewReminders(app.ctx, addDays(today, 2))).toBe(0);
    expect(await runReviewReminders(app.ctx, firstDate)).toBe(1);
    expect(await reminders()).toEqual([`manager ${firstDate}`]);
    // The same review date is not reminded again, on the day or after it.
    expect(await runReviewReminders(app.ctx, firstDate)).toBe(0);
    expect(await runReviewReminders(app.ctx, addDays(today, 4))).toBe(0);
    expect(await reminders()).toEqual([`manager ${firstDate}`]);

    // The partner without a channel manager: the active vendor admins hear of it.
    expect(await runReviewReminders(app.ctx, addDays(today, 5))).toBe(1);
    expect(await reminders()).toEqual([`manager ${firstDate}`, `admin ${addDays(today, 5)}`, `admin ${addDays(today, 5)}`]);

    // A review moves the date, which arms the reminder again.
    const nextDate = addDays(today, 10);
    const reviewed = await manager.post(`/api/v1/partners/${owned.id}/decisions/${decision.id}/reviews`, {
      outcome: "improved",
      note: "Better",
      nextReviewOn: nextDate,
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(await runReviewReminders(app.ctx, addDays(today, 9))).toBe(0);
    expect(await runReviewReminders(app.ctx, addDays(today, 12))).toBe(1);
    expect(await runReviewReminders(app.ctx, addDays(today, 13))).toBe(0);
    expect((await reminders()).filter((r) => r.startsWith("manager"))).toEqual([`manager ${firstDate}`, `manager ${nextDate}`]);
    const row = await app.ctx.db.selectFrom("relationship_decisions").select("reminded_for").where("id", "=", decision.id).executeTakeFirstOrThrow();
    expect(row.reminded_for).toBe(nextDate);
  });

  it("offboards a cut partner: staff deactivated at reduceOn, terminated at endOn, data kept, each step on the timeline", async () => {
    const partner = await createPartner(app, { name: "Hotel Dormant" });
    // The roster is full: terminating must not be blocked by the capacity check.
    await app.ctx.db.updateTable("vendor_settings").set({ supported_partner_capacity: 1 }).execute();
    const principal = await createUser(app, { role: "partner_admin", partnerId: partner.id, name: "Principal" });
    const rep = await createUser(app, { role: "sales_rep", partnerId: partner.id, name: "Rep" });
    const tech = await createUser(app, { role: "technician", partnerId: partner.id, name: "Tech" });
    const invited = await createUser(app, { role: "sales_rep", partnerId: partner.id, name: "Invited", status: "invited" });
    const bystanderPartner = await createPartner(app, { name: "India Healthy" });
    const bystander = await createUser(app, { role: "sales_rep", partnerId: bystanderPartner.id });

    const product = await createProductFixture(app);
    const ticket = await createTicketFixture(app, { partnerId: partner.id, requesterId: tech.id });
    await createTicketFixture(app, { partnerId: partner.id, requesterId: tech.id, status: "resolved" });
    const claim = await insertClaimFixture(app, { partnerId: partner.id, userId: rep.id, productId: product.id, serial: "CAM-123456" });
    await grantPoints(app.ctx.db, rep.id, 500);
    const finance = (await signedIn(app, "finance")).client;
    const reward = await createRewardItem(finance, { pointCost: 100 });
    const repClient = as(app, await login(app, rep.email));
    const redeemed = await repClient.post("/api/v1/rewards/redemptions", { rewardId: reward.id, quantity: 1 }, key());
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    const principalSession = await login(app, principal.email);
    const repSession = await login(app, rep.email);
    const me = async (session: { cookie: string }) =>
      (await app.app.inject({ method: "GET", url: "/api/v1/notifications", headers: { cookie: session.cookie } })).statusCode;
    expect([await me(principalSession), await me(repSession)]).toEqual([200, 200]);

    const reduceOn = addDays(today, 5);
    const endOn = addDays(today, 10);
    const cut = await manager.post(`/api/v1/partners/${partner.id}/decisions`, {
      kind: "cut",
      reason: "Dormant for a year",
      cut: { noticeOn: today, reduceOn, endOn },
    });
    expect(cut.statusCode, cut.body).toBe(201);
    const offboarding = await manager.get(`/api/v1/partners/${partner.id}/offboarding`);
    expect(offboarding.statusCode).toBe(200);
    expect(offboarding.json().settle).toEqual({ openTickets: 1, pendingClaims: 1, openRedemptions: 1 });
    expect(offboarding.json().decision.cut.stage).toBe("notice");

    const statuses = async () =>
      Object.fromEntries(
        (
          await app.ctx.db
            .selectFrom("users")
            .select(["name", "status"])
            .where("id", "in", [principal.id, rep.id, tech.id, invited.id, bystander.id])
            .execute()
        ).map((u) => [u.name, u.status]),
      );
    const partnerStatus = async () =>
      (await app.ctx.db.selectFrom("partners").select("status").where("id", "=", partner.id).executeTakeFirstOrThrow()).status;

    expect(await runOffboarding(app.ctx, addDays(today, 4))).toEqual({ reduced: 0, removed: 0, failed: 0 });
    expect(await runOffboarding(app.ctx, reduceOn)).toEqual({ reduced: 1, removed: 0, failed: 0 });
    const afterReduce = await statuses();
    expect([afterReduce.Principal, afterReduce.Rep, afterReduce.Tech, afterReduce.Invited]).toEqual([
      "active",
      "deactivated",
      "deactivated",
      "deactivated",
    ]);
    expect(Object.values(afterReduce).filter((s) => s === "active")).toHaveLength(2); // the principal and the other partner's rep
    expect([await me(principalSession), await me(repSession)]).toEqual([200, 401]);
    expect(await partnerStatus()).toBe("active");
    expect((await manager.get(`/api/v1/partners/${partner.id}/offboarding`)).json().decision.cut.stage).toBe("reduced");
    expect(await runOffboarding(app.ctx, addDays(today, 6))).toEqual({ reduced: 0, removed: 0, failed: 0 });

    expect(await runOffboarding(app.ctx, endOn)).toEqual({ reduced: 0, removed: 1, failed: 0 });
    expect(await partnerStatus()).toBe("terminated");
    const afterEnd = await statuses();
    expect([afterEnd.Principal, afterEnd.Rep, afterEnd.Tech, afterEnd.Invited]).toEqual(["deactivated", "deactivated", "deactivated", "deactivated"]);
    expect(Object.values(afterEnd).filter((s) => s === "active")).toHaveLength(1);
    expect(await me(principalSession)).toBe(401);
    const decision = (await manager.get(`/api/v1/partners/${partner.id}/offboarding`)).json().decision;
    expect(decision).toMatchObject({ status: "closed", outcome: "completed", cut: { stage: "removed" } });
    expect(decision.outcomeReason).toContain("1 open support ticket, 1 pending incentive claim, 1 open reward redemption");
    expect(await runOffboarding(app.ctx, addDays(endOn, 1))).toEqual({ reduced: 0, removed: 0, failed: 0 });

    // Data kept: the partner is terminated, not archived; its ticket, claim and users are all there.
    const kept = await manager.get(`/api/v1/partners/${partner.id}`);
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({ status: "terminated", archivedAt: null });
    expect(await app.ctx.db.selectFrom("tickets").select("id").where("id", "=", ticket.id).executeTakeFirst()).toBeDefined();
    expect(await app.ctx.db.selectFrom("incentive_claims").select("status").where("id", "=", claim).executeTakeFirst()).toEqual({
      status: "pending",
    });

    const timeline = (await manager.get(`/api/v1/partners/${partner.id}/timeline`)).json().items as {
      kind: string;
      detail: string;
      actorId: string | null;
    }[];
    expect(timeline.map((e) => e.kind)).toEqual(["offboarding_removed", "offboarding_reduced", "decision_opened"]);
    expect(timeline[0]?.detail).toBe("Still open at removal: 1 open support ticket, 1 pending incentive claim, 1 open reward redemption");
    expect(timeline[1]?.detail.split("\n").sort()).toEqual(["- Invited (sales_rep)", "- Rep (sales_rep)", "- Tech (technician)"]);
    expect(timeline.map((e) => e.actorId)).toEqual([null, null, managerId]);
    const terminate = await app.ctx.db
      .selectFrom("audit_log")
      .select(["action", "actor_label"])
      .where("entity_id", "=", partner.id)
      .where("action", "=", "partner.terminate")
      .execute();
    expect(terminate).toEqual([{ action: "partner.terminate", actor_label: "token:system" }]);
  });

  it("catches up when both dates have passed, and leaves a withdrawn cut alone", async () => {
    const late = await createPartner(app, { name: "Juliet Late" });
    const lateRep = await createUser(app, { role: "sales_rep", partnerId: late.id });
    const kept = await createPartner(app, { name: "Kilo Kept" });
    const keptRep = await createUser(app, { role: "sales_rep", partnerId: kept.id });
    const cutBody = { kind: "cut", reason: "Dormant", cut: { noticeOn: today, reduceOn: addDays(today, 2), endOn: addDays(today, 2) } };
    await manager.post(`/api/v1/partners/${late.id}/decisions`, cutBody);
    const withdrawn = (await manager.post(`/api/v1/partners/${kept.id}/decisions`, cutBody)).json();
    const closed = await manager.post(`/api/v1/partners/${kept.id}/decisions/${withdrawn.id}/close`, {
      outcome: "withdrawn",
      reason: "They came back with a plan",
    });
    expect(closed.statusCode).toBe(200);

    expect(await runOffboarding(app.ctx, addDays(today, 20))).toEqual({ reduced: 1, removed: 1, failed: 0 });
    const users = await app.ctx.db.selectFrom("users").select(["id", "status"]).where("id", "in", [lateRep.id, keptRep.id]).orderBy("id").execute();
    expect(Object.fromEntries(users.map((u) => [u.id === lateRep.id ? "late" : "kept", u.status]))).toEqual({ late: "deactivated", kept: "active" });
    const partners = await app.ctx.db.selectFrom("partners").select(["id", "status"]).where("id", "in", [late.id, kept.id]).execute();
    expect(Object.fromEntries(partners.map((p) => [p.id === late.id ? "late" : "kept", p.status]))).toEqual({ late: "terminated", kept: "active" });
    const kinds = (await manager.get(`/api/v1/partners/${late.id}/timeline`)).json().items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(["offboarding_removed", "offboarding_reduced", "decision_opened"]);
  });
});
