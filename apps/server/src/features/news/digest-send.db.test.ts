import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../platform/context.js";
import { createMailer } from "../../platform/mail/mailer.js";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { claimPendingDigests } from "./digest.repository.js";
import { composeDueDigests } from "./digest-compose.js";
import { addMinutes, digestsOf, insertPost, setDigestPreferences } from "./digest-fixtures.js";
import { digestMessageId, retryDelaysMinutes, sendPendingDigests } from "./digest-send.js";

const t0 = "2031-06-02T08:00:00.000Z";

describe.each(testEngines)("digest sending on %s", (engine) => {
  let app: TestApp;

  // SMTP_URL points at a closed port: every send through the app's own mailer really fails.
  beforeAll(async () => {
    app = await createTestApp(engine, { SMTP_URL: "smtp://127.0.0.1:1" });
  });
  afterAll(async () => app.close());

  /** A user of its own partner with one unread post, so each test's digest is the only one due. */
  async function dueDigestFor(dueAt: string) {
    const partnerId = (await createPartner(app)).id;
    const user = await createUser(app, { role: "sales_rep", partnerId });
    await setDigestPreferences(app.ctx.db, user.id, { frequency: "daily", last: addMinutes(dueAt, -24 * 60), next: dueAt });
    await insertPost(app.ctx.db, { title: `News for ${user.email}`, publishAt: addMinutes(dueAt, -30), partnerIds: [partnerId] });
    await composeDueDigests(app.ctx, { now: dueAt, workerId: "test" });
    const [digest] = await digestsOf(app.ctx.db, user.id);
    if (!digest) throw new Error("no digest composed");
    return { user, digest };
  }

  it("records a failing transport's error, retries after 1, 5, 30, 120 and 720 minutes, then marks the digest failed", async () => {
    const { user, digest } = await dueDigestFor(t0);
    let now = t0;
    for (const [index, delay] of retryDelaysMinutes.entries()) {
      expect(await sendPendingDigests(app.ctx, { now, workerId: "test" }), `attempt ${index + 1}`).toMatchObject({ retrying: 1, sent: 0 });
      const row = (await digestsOf(app.ctx.db, user.id))[0];
      expect(row).toMatchObject({ status: "pending", attempts: index + 1, next_attempt_at: addMinutes(now, delay), lease_until: null });
      expect(row?.last_error).toMatch(/ECONNREFUSED|connect/i);
      // Not before its time.
      expect(await sendPendingDigests(app.ctx, { now: addMinutes(now, delay - 0.5), workerId: "test" })).toMatchObject({ retrying: 0 });
      now = addMinutes(now, delay);
    }
    expect(await sendPendingDigests(app.ctx, { now, workerId: "test" })).toMatchObject({ failed: 1, retrying: 0 });
    const failed = (await digestsOf(app.ctx.db, user.id))[0];
    expect(failed).toMatchObject({ id: digest.id, status: "failed", attempts: retryDelaysMinutes.length + 1, sent_at: null });
    expect(await sendPendingDigests(app.ctx, { now: addMinutes(now, 10_000), workerId: "test" })).toMatchObject({ failed: 0, retrying: 0 });
    const mails = await app.ctx.db.selectFrom("mail_messages").select(["status", "message_id"]).where("to_address", "=", user.email).execute();
    expect(mails).toHaveLength(retryDelaysMinutes.length + 1);
    expect(mails.every((mail) => mail.status === "failed" && mail.message_id === digestMessageId("http://localhost:3000", digest.id))).toBe(true);

    // The vendor's view lists it with its attempts and error.
    const admin = await signedIn(app, "vendor_admin");
    const listed = await admin.client.get("/api/v1/news/digests?status=failed");
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([
      expect.objectContaining({
        id: digest.id,
        userId: user.id,
        status: "failed",
        attempts: 6,
        lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
      }),
    ]);
  });

  it("sends on a later attempt once the transport works again", async () => {
    const due = addMinutes(t0, 3 * 24 * 60);
    const { user } = await dueDigestFor(due);
    expect(await sendPendingDigests(app.ctx, { now: due, workerId: "test" })).toMatchObject({ retrying: 1 });
    const working: AppContext = {
      ...app.ctx,
      mailer: createMailer({ db: app.ctx.db, smtpUrl: undefined, dataDir: app.ctx.config.dataDir, log: pino({ level: "silent" }) }),
    };
    expect(await sendPendingDigests(working, { now: addMinutes(due, 1), workerId: "test" })).toMatchObject({ sent: 1 });
    expect((await digestsOf(app.ctx.db, user.id))[0]).toMatchObject({ status: "sent", attempts: 2, last_error: null, sent_at: addMinutes(due, 1) });
  });

  it("does not mail again a digest whose sender died after handing it over but before marking it sent", async () => {
    const due = addMinutes(t0, 5 * 24 * 60);
    const { user, digest } = await dueDigestFor(due);
    const outbox = createMailer({ db: app.ctx.db, smtpUrl: undefined, dataDir: app.ctx.config.dataDir, log: pino({ level: "silent" }) });
    // The dead sender: it claimed the digest and the mailer took the message, then the process was killed.
    const [claimed] = await claimPendingDigests(app.ctx.db, app.ctx.engine, { now: due, leaseUntil: addMinutes(due, 10), limit: 10 });
    expect(claimed?.id).toBe(digest.id);
    await outbox.send({ to: user.email, subject: "digest", text: "x", messageId: digestMessageId(app.ctx.config.publicUrl, digest.id) });

    const working: AppContext = { ...app.ctx, mailer: outbox };
    expect(await sendPendingDigests(working, { now: addMinutes(due, 5), workerId: "test" })).toMatchObject({ recovered: 0, sent: 0 });
    expect(await sendPendingDigests(working, { now: addMinutes(due, 11), workerId: "test" })).toMatchObject({ recovered: 1, sent: 0 });
    expect((await digestsOf(app.ctx.db, user.id))[0]).toMatchObject({ status: "sent", attempts: 2 });
    const mails = await app.ctx.db.selectFrom("mail_messages").select("id").where("to_address", "=", user.email).execute();
    expect(mails).toHaveLength(1);
  });
});
