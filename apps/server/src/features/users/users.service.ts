import { isPartnerRole, type Role, roleLabels, type UserStatus } from "@trellis/shared";
import type { Kysely } from "kysely";
import { isUniqueViolation, nowIso } from "../../db/dialect.js";
import type { Database, UserTable } from "../../db/types.js";
import { type AuthenticatedActor, partnerScope } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { hashToken, newToken } from "../../platform/auth/secrets.js";
import { revokeSessions } from "../../platform/auth/sessions.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, businessRule, conflict, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { getPartner } from "../partners/partners.service.js";
import { getVendorSettings } from "../settings/settings.service.js";
import {
  countActiveUsersByPartner,
  countStaffRows,
  emailTaken,
  expireOpenInvitations,
  findActiveVendorUsersByEmail,
  findLiveUsersOfPartner,
  findUserNames,
  findUserRow,
  hasPassword,
  insertInvitation,
  insertUser,
  isActiveVendorUserRow,
  listUserRows,
  lockActiveWithRole,
  type UserRow,
  type UserScope,
  updateUserRow,
} from "./users.repository.js";
import type { StaffPatch, User, VendorUserPatch, VendorUserQuery } from "./users.schemas.js";

export type { UserScope } from "./users.repository.js";

const duplicateEmail = (email: string) => conflict(`A user with the email ${email} already exists`, "duplicate_email");

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    partnerId: row.partner_id,
    status: row.status,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    invitationExpiresAt: row.status === "invited" ? (row.invitation_expires_at ?? null) : null,
  };
}

/** For other features (applications): whether an account already uses the email. */
export async function emailInUse(db: Kysely<Database>, email: string): Promise<boolean> {
  return emailTaken(db, email.trim().toLowerCase());
}

/** For other features (partners: who may own a partner): an active vendor user holding one of `roles`. */
export async function isActiveVendorUserWithRole(db: Kysely<Database>, userId: string, roles: readonly Role[]): Promise<boolean> {
  return isActiveVendorUserRow(db, userId, roles);
}

/** For imports: lower-cased email -> id, for the emails of active vendor users holding one of `roles`. */
export async function activeVendorUserIdsByEmail(db: Kysely<Database>, emails: string[], roles: readonly Role[]): Promise<Map<string, string>> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const found = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 500) {
    for (const row of await findActiveVendorUsersByEmail(db, wanted.slice(i, i + 500), roles)) found.set(row.email.toLowerCase(), row.id);
  }
  return found;
}

/** For other features (partners): active and invited staff per partner, for the given partners. */
export async function countStaffByPartner(db: Kysely<Database>, partnerIds: string[]): Promise<Map<string, number>> {
  return countStaffRows(db, partnerIds);
}

export async function getUser(db: Kysely<Database>, scope: UserScope, id: string): Promise<User> {
  const row = await findUserRow(db, scope, id);
  if (!row) throw notFound("User");
  return toUser(row);
}

export async function listUsers(db: Kysely<Database>, scope: UserScope, filters: VendorUserQuery = {}): Promise<User[]> {
  return (await listUserRows(db, scope, filters)).map(toUser);
}

/** Vendor actors reach every partner; a partner-side actor only its own (none without one). */
export function mayReachPartner(actor: AuthenticatedActor, partnerId: string | undefined): boolean {
  if (!isPartnerRole(actor.role)) return true;
  return actor.partnerId !== null && partnerScope(actor) === partnerId;
}

/**
 * The staff scope of `partnerId` for this actor. A partner-side actor of another partner, and
 * a partner that does not exist or is archived, are all 404: existence does not leak.
 */
export async function partnerStaffScope(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  partnerId: string,
): Promise<{ scope: UserScope; partnerName: string }> {
  if (!mayReachPartner(actor, partnerId)) throw notFound("Partner");
  const partner = await getPartner(db, actor, partnerId);
  if (partner.archivedAt !== null) throw notFound("Partner");
  return { scope: { kind: "partner", partnerId }, partnerName: partner.name };
}

export interface InviteInput {
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
}

/**
 * Creates an invited user (no password) and its invitation. Pass the caller's transaction;
 * send the returned token with sendInvitationEmail only after it commits.
 */
export async function inviteUser(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  input: InviteInput,
  requestId: string | null,
  invitationDays: number,
): Promise<{ user: User; token: string }> {
  const email = input.email.trim().toLowerCase();
  if (isPartnerRole(input.role) !== (input.partnerId !== null)) {
    throw badRequest("A partner role needs a partner and a vendor role must not have one", [{ path: "role", message: "does not fit the partner" }]);
  }
  if (await emailTaken(db, email)) throw duplicateEmail(email);
  const now = nowIso();
  const row: UserTable = {
    id: uuidv7(),
    email,
    name: input.name,
    role: input.role,
    partner_id: input.partnerId,
    status: "invited",
    password_hash: null,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await insertUser(db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail(email);
    throw error;
  }
  const token = await createInvitation(db, actor, row.id, invitationDays);
  await recordAudit(db, actor, { action: "user.invite", entityType: "user", entityId: row.id, partnerId: row.partner_id, after: row }, requestId);
  const scope: UserScope = row.partner_id === null ? { kind: "vendor" } : { kind: "partner", partnerId: row.partner_id };
  return { user: await getUser(db, scope, row.id), token };
}

async function createInvitation(db: Kysely<Database>, actor: AuthenticatedActor, userId: string, invitationDays: number): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await insertInvitation(db, {
    id: uuidv7(),
    user_id: userId,
    token_hash: hashToken(token),
    expires_at: new Date(now + invitationDays * 24 * 60 * 60_000).toISOString(),
    accepted_at: null,
    created_by: actor.kind === "user" ? actor.userId : null,
    created_at: new Date(now).toISOString(),
  });
  return token;
}

export interface InvitationMail {
  email: string;
  name: string;
  partnerName: string | null;
  role: Role;
  token: string;
  invitedBy: string;
}

/** Mails the invitation link. Call after the transaction that created the invitation commits. */
export async function sendInvitationEmail(ctx: AppContext, mail: InvitationMail): Promise<void> {
  const { vendorName } = await getVendorSettings(ctx.db);
  const link = `${ctx.config.publicUrl}/invitation?token=${encodeURIComponent(mail.token)}`;
  const organisation = mail.partnerName ? `${mail.partnerName}'s account on the ${vendorName} partner portal` : `the ${vendorName} partner portal`;
  await ctx.mailer.send({
    to: mail.email,
    subject: `You are invited to the ${vendorName} partner portal`,
    text: `Hello ${mail.name},\n\n${mail.invitedBy} invited you to join ${organisation} as ${roleLabels[mail.role]}.\n\nOpen this link within ${ctx.config.invitationDays} day(s) to choose your password and sign in:\n\n${link}\n\nIf you did not expect this invitation, you can ignore this message.\n`,
  });
}

/** Invites a user into the scope (vendor staff or one partner's staff) and mails the link. */
export async function createScopedUser(
  ctx: AppContext,
  actor: AuthenticatedActor,
  target: { scope: UserScope; partnerName: string | null },
  input: { email: string; name: string; role: Role },
  requestId: string,
): Promise<User> {
  const partnerId = target.scope.kind === "partner" ? target.scope.partnerId : null;
  const invited = await ctx.db
    .transaction()
    .execute((trx) => inviteUser(trx, actor, { ...input, partnerId }, requestId, ctx.config.invitationDays))
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw duplicateEmail(input.email);
      throw error;
    });
  await sendInvitationEmail(ctx, {
    ...input,
    email: invited.user.email,
    partnerName: target.partnerName,
    token: invited.token,
    invitedBy: actor.name,
  });
  return invited.user;
}

const adminRoleOf = (scope: UserScope): Role => (scope.kind === "vendor" ? "vendor_admin" : "partner_admin");

/** Refuses to remove (deactivate or demote) the scope's last active admin. */
async function assertNotLastAdmin(db: Kysely<Database>, scope: UserScope, row: UserRow): Promise<void> {
  const adminRole = adminRoleOf(scope);
  if (row.role !== adminRole || row.status !== "active") return;
  const others = (await lockActiveWithRole(db, scope, adminRole)).filter((id) => id !== row.id);
  if (others.length > 0) return;
  const whose = scope.kind === "vendor" ? "the vendor" : "this partner";
  throw businessRule(`${row.name} is the last active ${roleLabels[adminRole]} of ${whose}; make someone else ${roleLabels[adminRole]} first`);
}

async function loadForChange(db: Kysely<Database>, scope: UserScope, id: string): Promise<UserRow> {
  const row = await findUserRow(db, scope, id);
  if (!row) throw notFound("User");
  return row;
}

const auditedFields = (row: UserRow) => ({ name: row.name, role: row.role, status: row.status });

export async function updateScopedUser(
  ctx: AppContext,
  actor: AuthenticatedActor,
  scope: UserScope,
  id: string,
  patch: VendorUserPatch | StaffPatch,
  requestId: string,
): Promise<User> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadForChange(trx, scope, id);
    if (patch.role !== undefined && patch.role !== before.role) await assertNotLastAdmin(trx, scope, before);
    const values = { ...patch, updated_at: nowIso() };
    await updateUserRow(trx, id, values);
    await recordAudit(
      trx,
      actor,
      { action: "user.update", entityType: "user", entityId: id, partnerId: before.partner_id, before: auditedFields(before), after: patch },
      requestId,
    );
  });
  return getUser(ctx.db, scope, id);
}

/** Deactivates the user and ends all of its sessions in the same transaction. */
export async function deactivateScopedUser(
  ctx: AppContext,
  actor: AuthenticatedActor,
  scope: UserScope,
  id: string,
  requestId: string,
): Promise<User> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadForChange(trx, scope, id);
    if (actor.kind === "user" && actor.userId === id) throw businessRule("You cannot deactivate yourself; ask another admin to do it");
    if (before.status === "deactivated") return;
    await assertNotLastAdmin(trx, scope, before);
    await updateUserRow(trx, id, { status: "deactivated", updated_at: nowIso() });
    await expireOpenInvitations(trx, id);
    await revokeSessions(trx, { userId: id });
    await recordAudit(
      trx,
      actor,
      {
        action: "user.deactivate",
        entityType: "user",
        entityId: id,
        partnerId: before.partner_id,
        before: { status: before.status },
        after: { status: "deactivated" },
      },
      requestId,
    );
  });
  return getUser(ctx.db, scope, id);
}

/** Back to active, or to invited when the user never set a password (then resend the invitation). */
export async function reactivateScopedUser(
  ctx: AppContext,
  actor: AuthenticatedActor,
  scope: UserScope,
  id: string,
  requestId: string,
): Promise<User> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadForChange(trx, scope, id);
    if (before.status !== "deactivated") return;
    const status = (await hasPassword(trx, id)) ? "active" : "invited";
    await updateUserRow(trx, id, { status, updated_at: nowIso() });
    await recordAudit(
      trx,
      actor,
      {
        action: "user.reactivate",
        entityType: "user",
        entityId: id,
        partnerId: before.partner_id,
        before: { status: before.status },
        after: { status },
      },
      requestId,
    );
  });
  return getUser(ctx.db, scope, id);
}

/** A new invitation link for an invited user; every older link of that user stops working. */
export async function resendScopedInvitation(
  ctx: AppContext,
  actor: AuthenticatedActor,
  target: { scope: UserScope; partnerName: string | null },
  id: string,
  requestId: string,
): Promise<User> {
  const { row, token } = await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForChange(trx, target.scope, id);
    if (row.status !== "invited") throw conflict(`${row.name} is ${row.status}, not invited`, "invalid_state");
    await expireOpenInvitations(trx, id);
    const token = await createInvitation(trx, actor, id, ctx.config.invitationDays);
    await recordAudit(trx, actor, { action: "user.resend_invitation", entityType: "user", entityId: id, partnerId: row.partner_id }, requestId);
    return { row, token };
  });
  await sendInvitationEmail(ctx, { email: row.email, name: row.name, partnerName: target.partnerName, role: row.role, token, invitedBy: actor.name });
  return getUser(ctx.db, target.scope, id);
}

/** For other features (analytics): id -> name, email, role, for the given users. */
export async function userNamesByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { name: string; email: string; role: Role; partnerId: string | null; status: UserStatus }>> {
  const found = new Map<string, { name: string; email: string; role: Role; partnerId: string | null; status: UserStatus }>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500)
    for (const row of await findUserNames(db, unique.slice(i, i + 500)))
      found.set(row.id, { name: row.name, email: row.email, role: row.role, partnerId: row.partner_id, status: row.status });
  return found;
}

/** For other features (engagement figures): active users per partner; all partners when ids is null. */
export async function activeUsersByPartner(db: Kysely<Database>, partnerIds: readonly string[] | null): Promise<Map<string, number>> {
  return countActiveUsersByPartner(db, partnerIds);
}

/**
 * For other features (a cut partner's offboarding): deactivates the partner's active and invited
 * users except those holding one of `keepRoles`, ending their sessions and invitations, in the
 * caller's transaction. The last-admin rule does not apply: the organisation itself is leaving.
 */
export async function deactivatePartnerUsers(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  partnerId: string,
  keepRoles: readonly Role[],
  requestId: string | null,
): Promise<{ id: string; name: string; role: Role }[]> {
  const users = (await findLiveUsersOfPartner(db, partnerId)).filter((user) => !keepRoles.includes(user.role));
  for (const user of users) {
    await updateUserRow(db, user.id, { status: "deactivated", updated_at: nowIso() });
    await expireOpenInvitations(db, user.id);
    await revokeSessions(db, { userId: user.id });
    await recordAudit(
      db,
      actor,
      {
        action: "user.deactivate",
        entityType: "user",
        entityId: user.id,
        partnerId,
        before: { status: user.status },
        after: { status: "deactivated", reason: "partner offboarding" },
      },
      requestId,
    );
  }
  return users.map((user) => ({ id: user.id, name: user.name, role: user.role }));
}
