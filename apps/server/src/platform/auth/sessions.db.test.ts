import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/database.js";
import { nowIso } from "../../db/dialect.js";
import { migrateToLatest } from "../../db/migrate.js";
import { createTestDatabase, testEngines } from "../../testing/harness.js";
import { uuidv7 } from "../ids.js";
import { createSession, resolveSession, type SessionLifetimes } from "./sessions.js";

const lifetimes: SessionLifetimes = { idleMinutes: 10, absoluteMinutes: 60 };
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

describe.each(testEngines)("sessions on %s", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let drop: () => Promise<void>;
  let userId: string;

  beforeAll(async () => {
    const database = await createTestDatabase(engine);
    db = database.handle.db;
    close = database.handle.close;
    drop = database.drop;
    await migrateToLatest(db);
    userId = uuidv7();
    const now = nowIso();
    await db
      .insertInto("users")
      .values({
        id: userId,
        email: `rep-${userId.slice(-12)}@example.test`,
        name: "Session Rep",
        role: "vendor_admin",
        partner_id: null,
        status: "active",
        password_hash: "not used",
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  afterAll(async () => {
    await close();
    await drop();
  });

  const open = () => createSession(db, userId, lifetimes, { userAgent: "test", ip: "127.0.0.1" });
  const setSession = (id: string, values: { last_seen_at?: string; expires_at?: string; revoked_at?: string }) =>
    db.updateTable("sessions").set(values).where("id", "=", id).execute();
  const lastSeen = async (id: string) =>
    Date.parse((await db.selectFrom("sessions").select("last_seen_at").where("id", "=", id).executeTakeFirstOrThrow()).last_seen_at);

  it("resolves a token to its user and session; an unknown token to anonymous", async () => {
    const session = await open();
    expect(await resolveSession(db, session.token, lifetimes)).toMatchObject({
      kind: "user",
      userId,
      sessionId: session.id,
      csrfToken: session.csrfToken,
      role: "vendor_admin",
    });
    expect(await resolveSession(db, `${session.token}x`, lifetimes)).toEqual({ kind: "anonymous" });
  });

  it("writes last_seen_at at most once a minute: a request within the minute leaves it alone", async () => {
    const session = await open();
    const seen = minutesAgo(0.5);
    await setSession(session.id, { last_seen_at: seen });
    expect((await resolveSession(db, session.token, lifetimes)).kind).toBe("user");
    expect(await lastSeen(session.id)).toBe(Date.parse(seen));
  });

  it("slides the idle timeout: a request after more than a minute moves last_seen_at to now", async () => {
    const session = await open();
    await setSession(session.id, { last_seen_at: minutesAgo(9) });
    const before = Date.now();
    expect((await resolveSession(db, session.token, lifetimes)).kind).toBe("user");
    expect(await lastSeen(session.id)).toBeGreaterThanOrEqual(before);
    // Nine more minutes on, the session lives: 18 minutes after the first request, idle for 9.
    await setSession(session.id, { last_seen_at: minutesAgo(9) });
    expect((await resolveSession(db, session.token, lifetimes)).kind).toBe("user");
  });

  it("ends a session idle for the idle timeout, and any session past its absolute lifetime", async () => {
    const idle = await open();
    await setSession(idle.id, { last_seen_at: minutesAgo(10.1) });
    expect(await resolveSession(db, idle.token, lifetimes)).toEqual({ kind: "anonymous" });
    const old = await open();
    await setSession(old.id, { expires_at: minutesAgo(0.1) });
    expect(await resolveSession(db, old.token, lifetimes)).toEqual({ kind: "anonymous" });
  });

  it("ends a revoked session, and every session of a deactivated user", async () => {
    const revoked = await open();
    await setSession(revoked.id, { revoked_at: nowIso() });
    expect(await resolveSession(db, revoked.token, lifetimes)).toEqual({ kind: "anonymous" });
    const live = await open();
    await db.updateTable("users").set({ status: "deactivated" }).where("id", "=", userId).execute();
    expect(await resolveSession(db, live.token, lifetimes)).toEqual({ kind: "anonymous" });
    await db.updateTable("users").set({ status: "active" }).where("id", "=", userId).execute();
    expect((await resolveSession(db, live.token, lifetimes)).kind).toBe("user");
  });
});
