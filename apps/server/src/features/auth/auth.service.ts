import type { Role } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { hashPassword, hashToken, newToken, verifyPassword } from "../../platform/auth/secrets.js";
import { createSession, listSessions, revokeSessions } from "../../platform/auth/sessions.js";
import { clearAttempts, forgiveAttempt, registerAttempt } from "../../platform/auth/throttle.js";
import type { AppContext } from "../../platform/context.js";
import { notFound, ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import {
  findPasswordReset,
  findProfile,
  findUserByEmail,
  insertPasswordReset,
  markPasswordResetUsed,
  setPasswordHash,
  touchLastLogin,
} from "./auth.repository.js";
import type { Me } from "./auth.schemas.js";

const wrongCredentials = () => new ProblemError(401, "unauthenticated", "Sign-in failed", "Email or password is incorrect");
const resetMinutes = 60;

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

export async function profileOf(db: Kysely<Database>, userId: string): Promise<Me> {
  const row = await findProfile(db, userId);
  if (!row) throw notFound("User");
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, partnerId: row.partner_id, partnerName: row.partner_name ?? null };
}

/** Signs a user in and returns a new session; says nothing about which of email or password was wrong. */
export async function signIn(ctx: AppContext, input: { email: string; password: string }, client: ClientInfo) {
  // Counted before the (slow) password check, so parallel guesses are counted too.
  const blocked = Math.max(await registerAttempt(ctx.db, "account", input.email), await registerAttempt(ctx.db, "address", client.ip));
  if (blocked > 0) {
    throw new ProblemError(429, "rate_limited", "Too many attempts", `Too many sign-in attempts. Try again in ${Math.ceil(blocked / 60)} minute(s).`);
  }
  const user = await findUserByEmail(ctx.db, input.email);
  const valid = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !valid || user.status !== "active") throw wrongCredentials();
  if (user.partner_archived_at) {
    throw new ProblemError(
      403,
      "forbidden",
      "Access ended",
      "Your organisation is no longer a partner, so its accounts cannot sign in. Contact your channel manager.",
    );
  }
  await clearAttempts(ctx.db, "account", input.email);
  await forgiveAttempt(ctx.db, "address", client.ip);
  return startSession(ctx, user.id, client);
}

/** A new session (new id: fixation-proof) for a user whose identity is already proven. */
export async function startSession(ctx: AppContext, userId: string, client: ClientInfo) {
  const session = await createSession(
    ctx.db,
    userId,
    { idleMinutes: ctx.config.sessionIdleMinutes, absoluteMinutes: ctx.config.sessionAbsoluteMinutes },
    client,
  );
  await touchLastLogin(ctx.db, userId);
  return { token: session.token, csrfToken: session.csrfToken, user: await profileOf(ctx.db, userId) };
}

export async function signOut(ctx: AppContext, actor: AuthenticatedActor, everywhere: boolean): Promise<void> {
  if (actor.kind !== "user") return;
  await revokeSessions(ctx.db, everywhere ? { userId: actor.userId } : { userId: actor.userId, sessionId: actor.sessionId });
}

export async function sessionsOf(ctx: AppContext, actor: AuthenticatedActor) {
  if (actor.kind !== "user") return [];
  const rows = await listSessions(ctx.db, actor.userId);
  return rows.map((r) => ({
    id: r.id,
    userAgent: r.user_agent,
    ip: r.ip,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    current: r.id === actor.sessionId,
  }));
}

export async function revokeOwnSession(ctx: AppContext, actor: AuthenticatedActor, sessionId: string): Promise<void> {
  if (actor.kind !== "user") throw notFound("Session");
  const revoked = await revokeSessions(ctx.db, { userId: actor.userId, sessionId });
  if (revoked === 0) throw notFound("Session");
}

/** Always answers the same way, so it cannot be used to learn which emails have accounts. */
export async function requestPasswordReset(ctx: AppContext, emailAddress: string): Promise<void> {
  const user = await findUserByEmail(ctx.db, emailAddress);
  if (user?.status !== "active") return;
  const token = newToken();
  const now = Date.now();
  await insertPasswordReset(ctx.db, {
    id: uuidv7(),
    user_id: user.id,
    token_hash: hashToken(token),
    expires_at: new Date(now + resetMinutes * 60_000).toISOString(),
    used_at: null,
    created_at: new Date(now).toISOString(),
  });
  const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  await ctx.mailer.send({
    to: user.email,
    subject: "Reset your Trellis password",
    text: `Hello ${user.name},\n\nSomeone asked to reset the password of your Trellis account. If it was you, open this link within ${resetMinutes} minutes:\n\n${link}\n\nIf it was not you, ignore this message; your password stays as it is.\n`,
  });
}

export async function confirmPasswordReset(ctx: AppContext, input: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const reset = await findPasswordReset(trx, hashToken(input.token));
    if (!reset || reset.used_at || Date.parse(reset.expires_at) <= Date.now()) {
      throw new ProblemError(400, "invalid_token", "Invalid link", "This reset link is invalid, used or expired. Ask for a new one.");
    }
    await setPasswordHash(trx, reset.user_id, passwordHash);
    await markPasswordResetUsed(trx, reset.id);
    await revokeSessions(trx, { userId: reset.user_id });
    await recordAudit(trx, null, { action: "user.password_reset", entityType: "user", entityId: reset.user_id, partnerId: null });
  });
}
