import type { NotificationKind } from "@trellis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, type Session, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { notify } from "./notifications.service.js";

interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}
type Client = Awaited<ReturnType<typeof signedIn>>["client"];

describe.each(testEngines)("notification centre on %s", (engine) => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let partnerId: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = await signedIn(app, "vendor_admin");
    partnerId = (await createPartner(app)).id;
  });
  afterAll(async () => app.close());

  const list = async (client: Client, query = "") => {
    const response = await client.get(`/api/v1/notifications${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Item[]; nextCursor: string | null; unreadCount: number };
  };
  const unread = async (client: Client) => (await client.get("/api/v1/notifications/unread-count")).json().unreadCount as number;
  const outboxFor = async (email: string) => {
    const response = await admin.client.get(`/api/v1/admin/outbox?to=${encodeURIComponent(email)}`);
    expect(response.statusCode).toBe(200);
    return (response.json() as { items: { subject: string; id: string }[] }).items;
  };
  const raise = (userIds: string[], kind: NotificationKind, n: number, extra: { mail?: { subject: string; text: string } } = {}) =>
    notify(app.ctx, { userIds, kind, title: `Event ${n}`, body: `Body ${n}`, link: `/portal/support/t-${n}`, ...extra });

  it("lists a user's notifications newest first, pages them, counts and marks them read", async () => {
    const tech = await signedIn(app, "technician", partnerId);
    for (let n = 1; n <= 5; n += 1) await raise([tech.user.id], "ticket_status", n);

    const first = await list(tech.client, "?limit=2");
    expect(first.items.map((item) => item.title)).toEqual(["Event 5", "Event 4"]);
    expect(first.items[0]).toMatchObject({ kind: "ticket_status", body: "Body 5", link: "/portal/support/t-5", readAt: null });
    expect(first.unreadCount).toBe(5);
    const second = await list(tech.client, `?limit=2&cursor=${first.nextCursor}`);
    const third = await list(tech.client, `?limit=2&cursor=${second.nextCursor}`);
    expect([...second.items, ...third.items].map((item) => item.title)).toEqual(["Event 3", "Event 2", "Event 1"]);
    expect(third.nextCursor).toBeNull();

    const target = second.items[0] as Item;
    const read = await tech.client.post(`/api/v1/notifications/${target.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    // Marking again keeps the first time.
    expect((await tech.client.post(`/api/v1/notifications/${target.id}/read`)).json().readAt).toBe(read.json().readAt);
    expect(await unread(tech.client)).toBe(4);
    expect((await list(tech.client, "?unread=true")).items.map((item) => item.title)).toEqual(["Event 5", "Event 4", "Event 2", "Event 1"]);

    const all = await tech.client.post("/api/v1/notifications/read-all");
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ marked: 4, unreadCount: 0 });
    expect(await unread(tech.client)).toBe(0);
    expect((await list(tech.client, "?unread=true")).items).toEqual([]);
    expect((await list(tech.client)).items.every((item) => item.readAt !== null)).toBe(true);

    expect((await tech.client.get("/api/v1/notifications?cursor=garbage")).statusCode).toBe(400);
  });

  it("keeps each user's notifications to itself: another user's answers 404 and is not listed", async () => {
    const mine = await signedIn(app, "sales_rep", partnerId);
    const colleague = await signedIn(app, "sales_rep", partnerId);
    await raise([colleague.user.id], "ticket_reply", 10);
    const theirs = (await list(colleague.client)).items[0] as Item;

    expect((await list(mine.client)).items).toEqual([]);
    const refused = await mine.client.post(`/api/v1/notifications/${theirs.id}/read`);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect((await admin.client.post(`/api/v1/notifications/${theirs.id}/read`)).statusCode).toBe(404);
    expect((await mine.client.post("/api/v1/notifications/read-all")).json().marked).toBe(0);
    expect((await list(colleague.client)).items[0]?.readAt).toBeNull();
    expect(await unread(colleague.client)).toBe(1);
  });

  it("offers each role the kinds it can receive, with the defaults, and keeps a change", async () => {
    const agent = await signedIn(app, "support_agent");
    const prefs = await agent.client.get("/api/v1/notifications/preferences");
    expect(prefs.statusCode).toBe(200);
    expect(prefs.json().kinds).toEqual([
      { kind: "ticket_new_p1", label: "A new P1 ticket", email: true },
      { kind: "ticket_assigned", label: "A ticket assigned to me", email: true },
      { kind: "ticket_reply", label: "A reply on a ticket", email: true },
      { kind: "ticket_sla", label: "An SLA warning or breach", email: true },
    ]);
    const rep = await signedIn(app, "sales_rep", partnerId);
    const repKinds = (await rep.client.get("/api/v1/notifications/preferences")).json().kinds as { kind: string; email: boolean }[];
    expect(repKinds.map(({ kind, email }) => [kind, email])).toEqual([
      ["ticket_reply", true],
      ["ticket_status", true],
      ["asset_published", false],
      ["news_must_read", false],
      ["news_answer", true],
      ["points_expiring", true],
    ]);
    const manager = await signedIn(app, "channel_manager");
    // Channel managers also hear when one of their partners is flagged or a partner review comes due (docs/relationships.md).
    expect((await manager.client.get("/api/v1/notifications/preferences")).json().kinds.map((k: { kind: string }) => k.kind)).toEqual([
      "application_submitted",
      "partner_flagged",
      "partner_review_due",
    ]);

    const changed = await rep.client.put("/api/v1/notifications/preferences", {
      kinds: [
        { kind: "ticket_reply", email: false },
        { kind: "asset_published", email: true },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = (await rep.client.get("/api/v1/notifications/preferences")).json().kinds as { kind: string; email: boolean }[];
    expect(after.map(({ kind, email }) => [kind, email])).toEqual([
      ["ticket_reply", false],
      ["ticket_status", true],
      ["asset_published", true],
      ["news_must_read", false],
      ["news_answer", true],
      ["points_expiring", true],
    ]);
    // Changing one kind again leaves the others as chosen.
    await rep.client.put("/api/v1/notifications/preferences", { kinds: [{ kind: "ticket_reply", email: true }] });
    const again = (await rep.client.get("/api/v1/notifications/preferences")).json().kinds as { kind: string; email: boolean }[];
    expect(again.filter((k) => k.email).map((k) => k.kind)).toEqual([
      "ticket_reply",
      "ticket_status",
      "asset_published",
      "news_answer",
      "points_expiring",
    ]);
    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", rep.user.id)
      .where("action", "=", "notification_preferences.update")
      .execute();
    expect(audit).toHaveLength(2);
  });

  it("refuses a kind the caller's role cannot receive, a repeated kind and an unknown kind, naming the field", async () => {
    const rep = await signedIn(app, "sales_rep", partnerId);
    const refused = await rep.client.put("/api/v1/notifications/preferences", {
      kinds: [
        { kind: "ticket_status", email: false },
        { kind: "ticket_new_p1", email: true },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual([{ path: "body.kinds.1.kind", message: expect.stringContaining("ticket_new_p1") }]);
    const repeated = await rep.client.put("/api/v1/notifications/preferences", {
      kinds: [
        { kind: "ticket_status", email: false },
        { kind: "ticket_status", email: true },
      ],
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().fields[0].path).toBe("body.kinds.1");
    const unknown = await rep.client.put("/api/v1/notifications/preferences", { kinds: [{ kind: "lottery_win", email: true }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe("body.kinds.0.kind");
    // Nothing was stored by the refused calls.
    const stored = await app.ctx.db.selectFrom("notification_preferences").select("kind").where("user_id", "=", rep.user.id).execute();
    expect(stored).toEqual([]);
    const marketing = await signedIn(app, "marketing");
    expect((await marketing.client.get("/api/v1/notifications/preferences")).json().kinds).toEqual([]);
    const none = await marketing.client.put("/api/v1/notifications/preferences", { kinds: [{ kind: "application_submitted", email: true }] });
    expect(none.json().fields[0].path).toBe("body.kinds.0.kind");
  });

  it("mails a notification only when the user's preference (or the kind's default) says so", async () => {
    const quiet = await signedIn(app, "technician", partnerId);
    const keen = await signedIn(app, "technician", partnerId);
    const put = async (session: { client: Client }, kinds: { kind: string; email: boolean }[]) =>
      expect((await session.client.put("/api/v1/notifications/preferences", { kinds })).statusCode).toBe(200);
    await put(keen, [{ kind: "asset_published", email: true }]);
    await put(quiet, [{ kind: "ticket_reply", email: false }]);

    // asset_published: off by default, on for keen. The mail is the title and body plus the full link.
    await raise([quiet.user.id, keen.user.id], "asset_published", 20);
    expect(await outboxFor(quiet.user.email)).toEqual([]);
    const keenMail = await app.ctx.db.selectFrom("mail_messages").selectAll().where("to_address", "=", keen.user.email).executeTakeFirstOrThrow();
    expect(keenMail.subject).toBe("Event 20");
    expect(keenMail.text_body).toBe("Body 20\n\nOpen it: http://localhost:3000/portal/support/t-20\n");
    expect((await outboxFor(keen.user.email)).map((mail) => mail.subject)).toEqual(["Event 20"]);

    // ticket_reply: on by default (keen), turned off by quiet. A given mail subject and text are used as written.
    await raise([quiet.user.id, keen.user.id], "ticket_reply", 21, { mail: { subject: "Re: something", text: "Look here: elsewhere\n" } });
    expect(await outboxFor(quiet.user.email)).toEqual([]);
    const replyMail = await app.ctx.db
      .selectFrom("mail_messages")
      .selectAll()
      .where("to_address", "=", keen.user.email)
      .where("subject", "=", "Re: something")
      .executeTakeFirstOrThrow();
    expect(replyMail.text_body).toBe("Look here: elsewhere\n\nOpen it: http://localhost:3000/portal/support/t-21\n");
    // Both are in both users' centres whatever the mail setting.
    for (const session of [quiet, keen]) expect((await list(session.client)).items.map((item) => item.title)).toEqual(["Event 21", "Event 20"]);
  });

  it("skips deactivated users, and records but does not mail invited ones", async () => {
    const gone = await createUser(app, { role: "technician", partnerId, status: "deactivated" });
    const invited = await createUser(app, { role: "technician", partnerId, status: "invited" });
    await raise([gone.id, invited.id, invited.id], "ticket_status", 30);
    const rows = await app.ctx.db.selectFrom("notifications").select("user_id").where("title", "=", "Event 30").execute();
    expect(rows.map((row) => row.user_id)).toEqual([invited.id]);
    expect(await outboxFor(gone.email)).toEqual([]);
    expect(await outboxFor(invited.email)).toEqual([]);
  });

  it("gives an API token, which acts for a system rather than a person, an empty centre", async () => {
    const created = await admin.client.post("/api/v1/api-tokens", { name: "ERP", role: "finance" });
    const headers = { authorization: `Bearer ${created.json().token}` };
    const get = (url: string) => app.app.inject({ method: "GET", url, headers });
    expect((await get("/api/v1/notifications")).json()).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    expect((await get("/api/v1/notifications/preferences")).json()).toEqual({ kinds: [] });
  });

  it("answers 401 without a session and 403 for a cookie call without the CSRF token", async () => {
    expect((await app.app.inject({ method: "GET", url: "/api/v1/notifications" })).statusCode).toBe(401);
    const session: Session = admin.session;
    const noCsrf = await app.app.inject({ method: "POST", url: "/api/v1/notifications/read-all", headers: { cookie: session.cookie } });
    expect(noCsrf.statusCode).toBe(403);
  });
});
