import type { Role } from "@trellis/shared";
import type { Db } from "../../db/database.js";
import { nowIso } from "../../db/dialect.js";
import { runPrepared } from "../../db/prepared.js";
import type { Actor } from "../access/actor.js";
import { uuidv7 } from "../ids.js";
import { hashToken, newToken } from "./secrets.js";

export interface SessionLifetimes {
  idleMinutes: number;
  absoluteMinutes: number;
}

const minutes = (n: number) => n * 60_000;
/** last_seen_at is written at most once a minute so reads stay reads. */
const touchEveryMs = 60_000;

export async function createSession(
  db: Db,
  userId: string,
  lifetimes: SessionLifetimes,
  client: { userAgent: string; ip: string },
): Promise<{ token: string; id: string; csrfToken: string }> {
  const token = newToken();
  const now = new Date();
  const id = uuidv7();
  const csrfToken = newToken();
  await db
    .insertInto("sessions")
    .values({
      id,
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      user_agent: client.userAgent.slice(0, 300),
      ip: client.ip,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + minutes(lifetimes.absoluteMinutes)).toISOString(),
      revoked_at: null,
    })
    .execute();
  return { token, id, csrfToken };
}

interface SessionRow {
  partner_archived_at: string | null;
  session_id: string;
  csrf_token: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_id: string;
  role: string;
  partner_id: string | null;
  status: string;
  name: string;
  email: string;
}

export async function resolveSession(db: Db, token: string, lifetimes: SessionLifetimes): Promise<Actor> {
  // Every signed-in request runs this: a prepared statement (db/prepared.ts), not the query builder.
  const found = await runPrepared<SessionRow>(
    db,
    "auth.session",
    (next) => `select p.archived_at as partner_archived_at, s.id as session_id, s.csrf_token, s.last_seen_at, s.expires_at,
      s.revoked_at, u.id as user_id, u.role, u.partner_id, u.status, u.name, u.email
    from sessions s inner join users u on u.id = s.user_id left join partners p on p.id = u.partner_id
    where s.token_hash = ${next()}`,
    [hashToken(token)],
  );
  const row = found.rows[0];
  // An archived partner's staff lose access at once; their records stay.
  if (!row || row.revoked_at || row.status !== "active" || row.partner_archived_at) return { kind: "anonymous" };
  const now = Date.now();
  const lastSeen = Date.parse(row.last_seen_at);
  if (Date.parse(row.expires_at) <= now || lastSeen + minutes(lifetimes.idleMinutes) <= now) return { kind: "anonymous" };
  if (now - lastSeen > touchEveryMs) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(now).toISOString() })
      .where("id", "=", row.session_id)
      .execute();
  }
  return {
    kind: "user",
    userId: row.user_id,
    role: row.role as Role,
    partnerId: row.partner_id,
    name: row.name,
    email: row.email,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
  };
}

export async function revokeSessions(db: Db, where: { userId: string; sessionId?: string; exceptSessionId?: string }): Promise<number> {
  let query = db.updateTable("sessions").set({ revoked_at: nowIso() }).where("user_id", "=", where.userId).where("revoked_at", "is", null);
  if (where.sessionId) query = query.where("id", "=", where.sessionId);
  if (where.exceptSessionId) query = query.where("id", "!=", where.exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listSessions(db: Db, userId: string) {
  const now = nowIso();
  return db
    .selectFrom("sessions")
    .select(["id", "user_agent", "ip", "created_at", "last_seen_at", "expires_at"])
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc")
    .execute();
}
