import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, type TestApp, testEngines } from "../../testing/harness.js";
import { createTier } from "../../testing/news-posts.js";
import { advanceSchedules, claimDueUsers } from "./digest.repository.js";
import { composeDueDigests } from "./digest-compose.js";
import { addMinutes, digestsOf, insertPost, markRead, setDigestPreferences } from "./digest-fixtures.js";
import { sendPendingDigests } from "./digest-send.js";
import { ensureDigestPreferences } from "./preferences.service.js";

// A Monday morning, far from the real clock: every time here is passed in explicitly.
const t0 = "2031-03-03T08:00:00.000Z";
const dayBefore = addMinutes(t0, -24 * 60);

describe.each(testEngines)("digest composition on %s", (engine) => {
  let app: TestApp;
  let gold: string;
  let silver: string;
  let own: { id: string };
  let other: { id: string };
  let rep: { id: string; email: string; partnerId: string };
  let tech: { id: string; email: string; partnerId: string };
  let caughtUp: { id: string; email: string; partnerId: string };
  let quiet: { id: string; email: string; partnerId: string };
  const posts: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp(engine);
    gold = await createTier(app, "Gold", 1);
    silver = await createTier(app, "Silver", 2);
    own = await createPartner(app, { name: "Own Reseller", tierId: gold, region: "EMEA" });
    other = await createPartner(app, { name: "Other Reseller", tierId: silver, region: "EMEA" });
    const partnerUser = async (role: "sales_rep" | "technician") => ({
      ...(await createUser(app, { role, partnerId: own.id })),
      partnerId: own.id,
    });
    rep = await partnerUser("sales_rep");
    tech = await partnerUser("technician");
    caughtUp = await partnerUser("sales_rep");
    quiet = await partnerUser("sales_rep");

    const db = app.ctx.db;
    const at = (minutes: number) => addMinutes(dayBefore, minutes);
    posts.everyone = await insertPost(db, { title: "For every partner", publishAt: at(60) });
    posts.gold = await insertPost(db, { title: "Gold programme", publishAt: at(120), tierIds: [gold], mustRead: true });
    posts.silver = await insertPost(db, { title: "Silver programme", publishAt: at(180), tierIds: [silver] });
    posts.otherPartner = await insertPost(db, { title: "Just for Other", publishAt: at(240), partnerIds: [other.id] });
    posts.techOnly = await insertPost(db, { title: "Technicians only", publishAt: at(300), roles: ["technician"] });
    posts.beforeWindow = await insertPost(db, { title: "Old news", publishAt: at(-60) });
    posts.readAlready = await insertPost(db, { title: "Already read", publishAt: at(360) });
    posts.draft = await insertPost(db, { title: "A draft", publishAt: at(420), status: "draft" });
    posts.expired = await insertPost(db, { title: "Expired", publishAt: at(480), expiresAt: at(600) });
    posts.scheduled = await insertPost(db, { title: "Scheduled", publishAt: addMinutes(t0, 60) });
    await markRead(db, posts.readAlready, rep, at(400));
    for (const id of Object.values(posts)) await markRead(db, id, caughtUp, at(900));

    await setDigestPreferences(db, rep.id, { frequency: "daily", last: dayBefore, next: t0 });
    await setDigestPreferences(db, tech.id, { frequency: "daily", last: dayBefore, next: t0 });
    await setDigestPreferences(db, caughtUp.id, { frequency: "daily", last: dayBefore, next: t0 });
    await setDigestPreferences(db, quiet.id, { frequency: "off", last: dayBefore, next: null });
  });
  afterAll(async () => app.close());

  it("stores each due user's unread posts of its audience since its last digest, newest first", async () => {
    const counts = await composeDueDigests(app.ctx, { now: addMinutes(t0, 2), workerId: "test" });
    expect(counts).toMatchObject({ claimed: 3, stored: 2, empty: 1, lost: 0 });

    const [repDigest] = await digestsOf(app.ctx.db, rep.id);
    expect(repDigest?.postIds).toEqual([posts.gold, posts.everyone]);
    expect(repDigest).toMatchObject({ due_at: t0, period_start: dayBefore, status: "pending", post_count: 2, attempts: 0 });
    const [techDigest] = await digestsOf(app.ctx.db, tech.id);
    expect(techDigest?.postIds).toEqual([posts.readAlready, posts.techOnly, posts.gold, posts.everyone]);
  });

  it("stores nothing for a user with nothing new, and still moves its schedule on", async () => {
    expect(await digestsOf(app.ctx.db, caughtUp.id)).toEqual([]);
    const row = await app.ctx.db.selectFrom("news_preferences").selectAll().where("user_id", "=", caughtUp.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      next_digest_at: "2031-03-04T08:00:00.000Z",
      last_digest_at: addMinutes(t0, 2),
      claimed_by: null,
      claimed_until: null,
    });
  });

  it("composes nothing for digests off, and nothing twice for the same due time", async () => {
    expect(await digestsOf(app.ctx.db, quiet.id)).toEqual([]);
    expect(await composeDueDigests(app.ctx, { now: addMinutes(t0, 3), workerId: "test" })).toMatchObject({ claimed: 0, stored: 0 });
    expect(await digestsOf(app.ctx.db, rep.id)).toHaveLength(1);
  });

  it("marks unacknowledged must-read posts in the mail, HTML and text, with links to the portal", async () => {
    const sent = await sendPendingDigests(app.ctx, { now: addMinutes(t0, 4), workerId: "test" });
    expect(sent).toMatchObject({ sent: 2, failed: 0, retrying: 0 });
    const mail = await app.ctx.db.selectFrom("mail_messages").selectAll().where("to_address", "=", rep.email).executeTakeFirstOrThrow();
    expect(mail.subject).toContain("2 new posts, 1 must-read");
    expect(mail.text_body).toContain("[MUST READ - please acknowledge] Gold programme");
    expect(mail.text_body).not.toContain("[MUST READ - please acknowledge] For every partner");
    expect(mail.text_body).toContain(`http://localhost:3000/portal/news/${posts.gold}`);
    expect(mail.html_body).toMatch(/Must read<\/span><a href="http:\/\/localhost:3000\/portal\/news\/[^"]+"[^>]*>Gold programme/);
    expect(mail.html_body).not.toContain("Silver programme");
    expect(mail.message_id).toMatch(/^<[0-9a-f-]+\.digest@localhost>$/);
    const [digest] = await digestsOf(app.ctx.db, rep.id);
    expect(digest).toMatchObject({ status: "sent", attempts: 1, sent_at: addMinutes(t0, 4), last_error: null });
  });

  it("follows a partner that moves tier: the new tier's posts come, the old tier's stop", async () => {
    const db = app.ctx.db;
    const next = "2031-03-04T08:00:00.000Z";
    const newGold = await insertPost(db, { title: "Gold news after the move", publishAt: addMinutes(t0, 120), tierIds: [gold] });
    const newSilver = await insertPost(db, { title: "Silver news after the move", publishAt: addMinutes(t0, 180), tierIds: [silver] });
    await db.updateTable("partners").set({ tier_id: silver }).where("id", "=", own.id).execute();
    expect(await composeDueDigests(app.ctx, { now: addMinutes(next, 1), workerId: "test" })).toMatchObject({ claimed: 3 });
    const digests = await digestsOf(db, rep.id);
    expect(digests).toHaveLength(2);
    // The scheduled post went live at t0 + 60 and is in every window since.
    expect(digests[1]?.postIds).toEqual([newSilver, posts.scheduled]);
    expect(digests[1]?.postIds).not.toContain(newGold);
    expect(digests[1]).toMatchObject({ due_at: next, period_start: addMinutes(t0, 2) });
  });

  it("lets only one worker's digest count: the compare-and-set on the claimed time", async () => {
    const db = app.ctx.db;
    const due = "2031-03-05T08:00:00.000Z";
    await insertPost(db, { title: "Wednesday news", publishAt: addMinutes(due, -60) });
    // Worker A claims, then stalls past its lease; worker B takes the users over and stores their digests.
    const claimedByA = await claimDueUsers(db, app.ctx.engine, { now: due, leaseUntil: addMinutes(due, 2), workerId: "a", limit: 10 });
    expect(claimedByA.map((row) => row.user_id).sort()).toEqual([rep.id, tech.id, caughtUp.id].sort());
    expect(await composeDueDigests(app.ctx, { now: addMinutes(due, 1), workerId: "b" })).toMatchObject({ claimed: 0 });
    const byB = await composeDueDigests(app.ctx, { now: addMinutes(due, 3), workerId: "b" });
    expect(byB).toMatchObject({ claimed: 3, stored: 3, lost: 0 });
    // A wakes up and tries to store its own: every compare-and-set fails, nothing is advanced twice.
    const won = await advanceSchedules(
      db,
      app.ctx.engine,
      claimedByA.map((row) => ({ userId: row.user_id, claimed: row.next_digest_at, next: "2031-03-06T08:00:00.000Z" })),
      addMinutes(due, 4),
    );
    expect(won).toEqual([]);
    const row = await db.selectFrom("news_preferences").selectAll().where("user_id", "=", rep.id).executeTakeFirstOrThrow();
    expect(row.next_digest_at).toBe("2031-03-06T08:00:00.000Z");
    expect(row.last_digest_at).toBe(addMinutes(due, 3));
    expect((await digestsOf(db, rep.id)).filter((digest) => digest.due_at === due)).toHaveLength(1);
  });

  it("gives active partner users without preferences the defaults in one statement, once", async () => {
    const fresh = await createUser(app, { role: "partner_admin", partnerId: other.id });
    const vendor = await createUser(app, { role: "marketing" });
    const gone = await createUser(app, { role: "sales_rep", partnerId: other.id, status: "deactivated" });
    const now = "2031-03-05T10:00:00.000Z";
    expect(await ensureDigestPreferences(app.ctx, now)).toBe(1);
    expect(await ensureDigestPreferences(app.ctx, now)).toBe(0);
    const rows = await app.ctx.db.selectFrom("news_preferences").selectAll().where("user_id", "in", [fresh.id, vendor.id, gone.id]).execute();
    expect(rows).toHaveLength(1);
    // No support settings saved: UTC; weekly, Monday 08:00; the first window starts now.
    expect(rows[0]).toMatchObject({
      user_id: fresh.id,
      digest_frequency: "weekly",
      digest_hour: 8,
      digest_weekday: 1,
      time_zone: "UTC",
      last_digest_at: now,
      next_digest_at: "2031-03-10T08:00:00.000Z",
    });
  });
});
