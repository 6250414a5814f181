import { CompiledQuery, type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Mailer } from "../../platform/mail/mailer.js";
import { createPartner, createTestApp, type TestApp, testEngines } from "../../testing/harness.js";
import { notificationPageQuery, unreadCountQuery } from "./notifications.repository.js";
import { notify } from "./notifications.service.js";

/** Inserts partner users in bulk (no password: they never sign in here). */
async function insertUsers(app: TestApp, partnerId: string, count: number, status: (index: number) => "active" | "deactivated") {
  const now = nowIso();
  const rows = Array.from({ length: count }, (_, index) => {
    const id = uuidv7();
    return {
      id,
      email: `fan-${id}@example.test`,
      name: `Fan ${index}`,
      role: "sales_rep" as const,
      partner_id: partnerId,
      status: status(index),
      password_hash: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    };
  });
  for (let start = 0; start < rows.length; start += 200)
    await app.ctx.db
      .insertInto("users")
      .values(rows.slice(start, start + 200))
      .execute();
  return rows;
}

describe.each(testEngines)("notification fan-out and indexes on %s", (engine) => {
  let app: TestApp;
  let partnerId: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    partnerId = (await createPartner(app)).id;
  });
  afterAll(async () => app.close());

  it("records one row per active user across chunks, mails only those who asked, after their rows are stored, and survives a failing mail", async () => {
    // 1,201 users: three chunks of 500; every 100th is deactivated.
    const users = await insertUsers(app, partnerId, 1201, (index) => (index % 100 === 99 ? "deactivated" : "active"));
    const keen = [users[3], users[600], users[1200]].map((user) => user?.id as string);
    const failing = users[3]?.email as string;
    await app.ctx.db
      .insertInto("notification_preferences")
      .values(keen.map((userId) => ({ user_id: userId, kind: "asset_published" as const, email: 1, updated_at: nowIso() })))
      .execute();

    const attempts: { to: string; rowStored: boolean }[] = [];
    const observing: Mailer = {
      transport: app.ctx.mailer.transport,
      async send(message) {
        // This read waits forever on SQLite's one connection if notify still held a transaction,
        // and on PostgreSQL it sees the row only if it was committed before the mail went out.
        const stored = await Promise.race([
          app.ctx.db
            .selectFrom("notifications")
            .innerJoin("users", "users.id", "notifications.user_id")
            .select("notifications.id")
            .where("users.email", "=", message.to)
            .where("notifications.title", "=", "Big catalogue")
            .executeTakeFirst(),
          new Promise<"stuck">((resolve) => setTimeout(() => resolve("stuck"), 2_000)),
        ]);
        attempts.push({ to: message.to, rowStored: stored !== undefined && stored !== "stuck" });
        if (message.to === failing) throw new Error("SMTP is down");
        return app.ctx.mailer.send(message);
      },
    };

    await notify(
      { ...app.ctx, mailer: observing },
      {
        userIds: [...users.map((user) => user.id), users[0]?.id as string],
        kind: "asset_published",
        title: "Big catalogue",
        link: "/portal/library/x",
      },
    );

    const rows = await app.ctx.db.selectFrom("notifications").select("user_id").where("title", "=", "Big catalogue").execute();
    const expected = users.filter((user) => user.status === "active").map((user) => user.id);
    expect(rows).toHaveLength(expected.length);
    expect(new Set(rows.map((row) => row.user_id))).toEqual(new Set(expected));
    expect(attempts.map((attempt) => attempt.to).sort()).toEqual(
      users
        .filter((user) => keen.includes(user.id))
        .map((user) => user.email)
        .sort(),
    );
    expect(attempts.every((attempt) => attempt.rowStored)).toBe(true);
    // The failed mail stopped neither the later chunks nor the other mails.
    const written = await app.ctx.db
      .selectFrom("mail_messages")
      .select("to_address")
      .where("subject", "=", "Big catalogue")
      .orderBy("to_address")
      .execute();
    expect(written.map((mail) => mail.to_address)).toEqual([users[600]?.email, users[1200]?.email].sort());
  });

  async function plan(db: Kysely<Database>, query: { compile(): CompiledQuery }): Promise<string> {
    const compiled = query.compile();
    if (engine === "sqlite") {
      const rows = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
      return rows.rows.map((row) => row.detail).join("\n");
    }
    // A small test table makes a sequential scan cheapest; forbid it to see which index the query can use.
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = await trx.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
      return rows.rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
  }

  it("reads a user's list and unread count from the user's index range, without sorting", async () => {
    const [reader] = await insertUsers(app, partnerId, 1, () => "active");
    const userId = reader?.id as string;
    for (let n = 0; n < 3; n += 1)
      await notify(app.ctx, { userIds: [userId], kind: "ticket_status", title: `Status ${n}`, link: "/portal/support/x" });
    const after = { createdAt: nowIso(), id: uuidv7() };

    const newest = await plan(app.ctx.db, notificationPageQuery(app.ctx.db, userId, { unread: false }, 50, after));
    const unreadList = await plan(app.ctx.db, notificationPageQuery(app.ctx.db, userId, { unread: true }, 50, undefined));
    const count = await plan(app.ctx.db, unreadCountQuery(app.ctx.db, userId));
    expect(newest).toContain("notifications_user_newest_idx");
    expect(unreadList).toContain("notifications_user_unread_idx");
    expect(count).toContain("notifications_user_unread_idx");
    for (const text of [newest, unreadList]) expect(text).not.toMatch(engine === "sqlite" ? /TEMP B-TREE/ : /\bSort\b/);
  });
});
