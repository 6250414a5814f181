import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, type signedIn as SignedIn, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { utcToday } from "./decisions.service.js";

// Fix / watch / cut decisions through HTTP: validation (400 naming fields, 409 while one is open,
// 422 for business rules), actions, reviews, closing, the timeline, and who may see any of it.

type Client = Awaited<ReturnType<typeof SignedIn>>["client"];

const today = utcToday();
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const fixBody = (reviewOn = addDays(today, 30)) => ({
  kind: "fix",
  reason: "Support consumption is three times its allowance while revenue fell 20 %",
  reviewOn,
  actions: [
    { side: "partner", title: "Send two technicians to the installer course", owner: "Dana (partner principal)", dueOn: addDays(today, 14) },
    { side: "vendor", title: "Weekly call on open tickets", owner: "Chris (channel manager)", dueOn: addDays(today, 7) },
  ],
});

describe.each(testEngines)("relationship decisions on %s", (engine) => {
  let app: TestApp;
  let partnerA: { id: string; name: string };
  let partnerB: { id: string; name: string };
  let manager: Client;
  let managerId: string;
  let finance: Client;

  beforeAll(async () => {
    app = await createTestApp(engine);
    partnerA = await createPartner(app, { name: "Alpha Security" });
    partnerB = await createPartner(app, { name: "Bravo Systems" });
    const signed = await signedIn(app, "channel_manager");
    manager = signed.client;
    managerId = signed.user.id;
    await app.ctx.db.updateTable("partners").set({ channel_manager_id: managerId }).where("id", "=", partnerA.id).execute();
    finance = (await signedIn(app, "finance")).client;
  });
  afterAll(async () => app.close());

  const count = async (table: "relationship_decisions" | "relationship_timeline" | "relationship_actions" | "relationship_reviews" | "audit_log") =>
    Number(
      (
        await app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const fieldsOf = (body: string) => (JSON.parse(body) as { fields?: { path: string }[] }).fields?.map((f) => f.path).sort() ?? [];

  it("refuses bad input with 400 naming the fields, and changes nothing", async () => {
    const before = {
      decisions: await count("relationship_decisions"),
      audit: await count("audit_log"),
      timeline: await count("relationship_timeline"),
    };
    const url = `/api/v1/partners/${partnerB.id}/decisions`;
    const cases: [object, string[]][] = [
      [{ kind: "fix", reason: "No plan given" }, ["body.actions", "body.reviewOn"]],
      [{ kind: "watch", reason: "Quiet for a quarter" }, ["body.reviewOn"]],
      [{ kind: "cut", reason: "Dormant for a year" }, ["body.cut"]],
      [{ ...fixBody(), cut: { noticeOn: today, reduceOn: today, endOn: today } }, ["body.cut"]],
      [{ ...fixBody(), reason: "  " }, ["body.reason"]],
      [{ ...fixBody(), reviewOn: "next Tuesday" }, ["body.reviewOn"]],
      [{ ...fixBody(), kind: "pause" }, ["body.kind"]],
      [
        { ...fixBody(), actions: [{ side: "both", title: "", owner: "x", dueOn: "2026-13-01" }] },
        ["body.actions.0.dueOn", "body.actions.0.side", "body.actions.0.title"],
      ],
    ];
    for (const [body, fields] of cases) {
      const response = await manager.post(url, body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(fieldsOf(response.body), JSON.stringify(body)).toEqual(fields);
    }
    expect({
      decisions: await count("relationship_decisions"),
      audit: await count("audit_log"),
      timeline: await count("relationship_timeline"),
    }).toEqual(before);
  });

  it("refuses business-rule breaches with 422: cut dates out of order, dates in the past", async () => {
    const url = `/api/v1/partners/${partnerB.id}/decisions`;
    const cut = (noticeOn: string, reduceOn: string, endOn: string) => ({ kind: "cut", reason: "Dormant", cut: { noticeOn, reduceOn, endOn } });
    for (const body of [
      cut(today, addDays(today, 30), addDays(today, 10)),
      cut(addDays(today, 5), addDays(today, 1), addDays(today, 10)),
      cut(addDays(today, -30), addDays(today, -1), addDays(today, 10)),
      fixBody(addDays(today, -1)),
    ]) {
      const response = await manager.post(url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(response.json().code).toBe("business_rule");
    }
    expect(await count("relationship_decisions")).toBe(0);
  });

  it("opens a fix with its actions, refuses a second open decision with 409 naming it, and audits and timelines the change", async () => {
    const audit = await count("audit_log");
    const created = await manager.post(`/api/v1/partners/${partnerA.id}/decisions`, fixBody());
    expect(created.statusCode, created.body).toBe(201);
    const fix = created.json();
    expect(fix).toMatchObject({
      partnerId: partnerA.id,
      kind: "fix",
      status: "open",
      reviewOn: addDays(today, 30),
      cut: null,
      outcome: null,
      decidedBy: managerId,
    });
    expect(fix.actions.map((a: { side: string; status: string; dueOn: string }) => [a.side, a.status, a.dueOn])).toEqual([
      ["vendor", "open", addDays(today, 7)],
      ["partner", "open", addDays(today, 14)],
    ]);
    expect(await count("audit_log")).toBe(audit + 1);
    const entry = await app.ctx.db.selectFrom("audit_log").selectAll().where("entity_id", "=", fix.id).executeTakeFirstOrThrow();
    // The vendor's reasoning stays out of the partner's own audit trail.
    expect({ action: entry.action, partnerId: entry.partner_id }).toEqual({ action: "relationship_decision.create", partnerId: null });

    for (const body of [{ kind: "watch", reason: "Another one", reviewOn: addDays(today, 5) }, fixBody()]) {
      const second = await manager.post(`/api/v1/partners/${partnerA.id}/decisions`, body);
      expect(second.statusCode).toBe(409);
      expect(second.json().detail).toContain(fix.id);
    }
    const list = await finance.get(`/api/v1/partners/${partnerA.id}/decisions`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([fix.id]);
  });

  it("records actions, reviews and the close, and the timeline shows every step in order", async () => {
    const partner = await createPartner(app, { name: "Charlie Integrators" });
    const base = `/api/v1/partners/${partner.id}/decisions`;
    const watch = (await manager.post(base, { kind: "watch", reason: "Revenue down two quarters running", reviewOn: addDays(today, 20) })).json();
    expect(watch.kind).toBe("watch");

    const added = await manager.post(`${base}/${watch.id}/actions`, {
      side: "partner",
      title: "Send a pipeline report",
      owner: "Partner sales lead",
      dueOn: addDays(today, 10),
    });
    expect(added.statusCode, added.body).toBe(201);
    const actionId = added.json().id;
    const done = await manager.patch(`${base}/${watch.id}/actions/${actionId}`, { status: "done" });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe("done");
    expect(done.json().doneAt).not.toBeNull();
    expect((await manager.patch(`${base}/${watch.id}/actions/${actionId}`, { status: "sideways" })).statusCode).toBe(400);
    expect((await manager.patch(`${base}/${watch.id}/actions/00000000-0000-7000-8000-000000000000`, { status: "done" })).statusCode).toBe(404);

    const noDate = await manager.post(`${base}/${watch.id}/reviews`, { outcome: "continue", note: "Still flat" });
    expect(noDate.statusCode).toBe(400);
    expect(fieldsOf(noDate.body)).toEqual(["body.nextReviewOn"]);
    const past = await manager.post(`${base}/${watch.id}/reviews`, { outcome: "continue", note: "Still flat", nextReviewOn: addDays(today, -2) });
    expect(past.statusCode).toBe(422);
    const reviewed = await manager.post(`${base}/${watch.id}/reviews`, { outcome: "continue", note: "Still flat", nextReviewOn: addDays(today, 40) });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(reviewed.json().decision).toMatchObject({ status: "open", reviewOn: addDays(today, 40) });
    expect(reviewed.json().review).toMatchObject({ outcome: "continue", nextReviewOn: addDays(today, 40), reviewedBy: managerId });

    const withDate = await manager.post(`${base}/${watch.id}/reviews`, { outcome: "escalate", note: "No change", nextReviewOn: addDays(today, 50) });
    expect(withDate.statusCode).toBe(400);
    const escalated = await manager.post(`${base}/${watch.id}/reviews`, { outcome: "escalate", note: "No change after 40 days: needs a plan" });
    expect(escalated.statusCode).toBe(201);
    expect(escalated.json().decision).toMatchObject({
      status: "closed",
      outcome: "escalated",
      outcomeReason: "No change after 40 days: needs a plan",
      closedBy: managerId,
    });
    // A closed decision takes no more actions or reviews.
    expect((await manager.post(`${base}/${watch.id}/actions`, { side: "vendor", title: "Late", owner: "x", dueOn: today })).statusCode).toBe(422);
    expect((await manager.post(`${base}/${watch.id}/close`, { outcome: "resolved", reason: "again" })).statusCode).toBe(422);

    // The caller opens the next decision: a cut.
    const cutBody = {
      kind: "cut",
      reason: "No improvement; end the partnership",
      cut: { noticeOn: today, reduceOn: addDays(today, 30), endOn: addDays(today, 60) },
    };
    const cut = (await manager.post(base, cutBody)).json();
    expect(cut.cut).toEqual({ noticeOn: today, reduceOn: addDays(today, 30), endOn: addDays(today, 60), stage: "notice" });
    expect((await manager.post(`${base}/${cut.id}/reviews`, { outcome: "escalate", note: "Harder" })).statusCode).toBe(422);
    expect((await manager.post(`${base}/${cut.id}/close`, { outcome: "resolved", reason: "Done" })).statusCode).toBe(422);
    const withdrawn = await manager.post(`${base}/${cut.id}/close`, {
      outcome: "withdrawn",
      reason: "New owner took over and asked for another chance",
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: "closed", outcome: "withdrawn" });

    const timeline = await finance.get(`/api/v1/partners/${partner.id}/timeline`);
    expect(timeline.statusCode).toBe(200);
    const expected = [
      ["decision_closed", cut.id],
      ["decision_opened", cut.id],
      ["decision_closed", watch.id],
      ["review_recorded", watch.id],
      ["review_recorded", watch.id],
      ["action_updated", watch.id],
      ["action_added", watch.id],
      ["decision_opened", watch.id],
    ];
    const items = timeline.json().items as { kind: string; decisionId: string; title: string; actorName: string | null }[];
    expect(items.map((e) => [e.kind, e.decisionId])).toEqual(expected);
    expect(items[3]?.title).toBe("Watch review: escalate");
    expect(items[4]?.title).toBe(`Watch review: continue, next review on ${addDays(today, 40)}`);
    expect(items.every((e) => e.actorName !== null)).toBe(true);

    // Paged three at a time, the cursor walks the same order.
    const walked: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await finance.get(`/api/v1/partners/${partner.id}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.json().items.length).toBeLessThanOrEqual(3);
      walked.push(...page.json().items.map((e: { kind: string; decisionId: string }) => [e.kind, e.decisionId]));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(walked).toEqual(expected);

    // One audit entry per change: open, action, action update, two reviews, open, close.
    const actions = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "relationship_decision.%")
      .where("entity_id", "in", [watch.id, cut.id, actionId])
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "relationship_decision.create",
      "relationship_decision.action_add",
      "relationship_decision.action_update",
      "relationship_decision.review",
      "relationship_decision.review",
      "relationship_decision.create",
      "relationship_decision.close",
    ]);
  });

  it("lists open decisions whose review date has come", async () => {
    const due = await createPartner(app, { name: "Delta Due" });
    const later = await createPartner(app, { name: "Echo Later" });
    await app.ctx.db.updateTable("partners").set({ channel_manager_id: managerId }).where("id", "=", due.id).execute();
    const dueDecision = (await manager.post(`/api/v1/partners/${due.id}/decisions`, { kind: "watch", reason: "Quiet", reviewOn: today })).json();
    await manager.post(`/api/v1/partners/${later.id}/decisions`, { kind: "watch", reason: "Quiet", reviewOn: addDays(today, 1) });
    const response = await finance.get("/api/v1/relationships/reviews-due");
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { decisionId: string; partnerName: string; channelManagerId: string | null; daysOverdue: number }[];
    expect(items.map((i) => [i.decisionId, i.partnerName, i.channelManagerId, i.daysOverdue])).toEqual([[dueDecision.id, "Delta Due", managerId, 0]]);
    const other = (await createUser(app, { role: "channel_manager" })).id;
    expect((await finance.get(`/api/v1/relationships/reviews-due?channelManagerId=${other}`)).json().items).toEqual([]);
  });

  it("answers another partner's decision with 404, and an unknown partner with 404", async () => {
    const fix = (await manager.get(`/api/v1/partners/${partnerA.id}/decisions`)).json().items[0];
    const actionId = fix.actions[0].id;
    const wrong = `/api/v1/partners/${partnerB.id}/decisions/${fix.id}`;
    expect((await manager.post(`${wrong}/actions`, { side: "vendor", title: "x", owner: "y", dueOn: today })).statusCode).toBe(404);
    expect((await manager.patch(`${wrong}/actions/${actionId}`, { status: "done" })).statusCode).toBe(404);
    expect((await manager.post(`${wrong}/reviews`, { outcome: "continue", note: "n", nextReviewOn: addDays(today, 3) })).statusCode).toBe(404);
    expect((await manager.post(`${wrong}/close`, { outcome: "resolved", reason: "r" })).statusCode).toBe(404);
    const unknown = "00000000-0000-7000-8000-000000000000";
    for (const path of ["decisions", "timeline", "offboarding"])
      expect((await finance.get(`/api/v1/partners/${unknown}/${path}`)).statusCode).toBe(404);
    expect((await manager.post(`/api/v1/partners/${unknown}/decisions`, fixBody())).statusCode).toBe(404);
    // Nothing changed on A's decision.
    const after = (await manager.get(`/api/v1/partners/${partnerA.id}/decisions`)).json().items[0];
    expect({ status: after.status, actions: after.actions.length, reviews: after.reviews.length, action: after.actions[0].status }).toEqual({
      status: "open",
      actions: 2,
      reviews: 0,
      action: "open",
    });
  });

  it("denies partner roles and read-only vendor roles what they may not do", async () => {
    const fixId = (await manager.get(`/api/v1/partners/${partnerA.id}/decisions`)).json().items[0].id;
    for (const role of ["partner_admin", "sales_rep", "technician"] as const) {
      const own = (await signedIn(app, role, partnerA.id)).client;
      for (const path of ["decisions", "timeline", "offboarding"])
        expect((await own.get(`/api/v1/partners/${partnerA.id}/${path}`)).statusCode).toBe(403);
      expect((await own.get("/api/v1/relationships/reviews-due")).statusCode).toBe(403);
      expect((await own.post(`/api/v1/partners/${partnerA.id}/decisions/${fixId}/close`, { outcome: "resolved", reason: "mine" })).statusCode).toBe(
        403,
      );
    }
    for (const role of ["finance", "support_agent", "marketing"] as const) {
      const vendor = (await signedIn(app, role)).client;
      expect((await vendor.post(`/api/v1/partners/${partnerA.id}/decisions/${fixId}/close`, { outcome: "resolved", reason: "no" })).statusCode).toBe(
        403,
      );
    }
    const agent = (await signedIn(app, "support_agent")).client;
    expect((await agent.get(`/api/v1/partners/${partnerA.id}/timeline`)).statusCode).toBe(403);
    expect((await manager.get(`/api/v1/partners/${partnerA.id}/decisions`)).json().items[0].status).toBe("open");
  });
});
