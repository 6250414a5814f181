import type { Role, UserStatus } from "@trellis/shared";
import type { Kysely } from "kysely";
import { containsText, engineOf, nowIso } from "../../db/dialect.js";
import type { Database, InvitationTable, UserTable } from "../../db/types.js";

/** Which users a list or lookup may see: the vendor's own staff, or one partner's staff. */
export type UserScope = { kind: "vendor" } | { kind: "partner"; partnerId: string };

const userColumns = [
  "users.id",
  "users.email",
  "users.name",
  "users.role",
  "users.partner_id",
  "users.status",
  "users.last_login_at",
  "users.created_at",
] as const;

function selectUsers(db: Kysely<Database>, scope: UserScope) {
  const query = db
    .selectFrom("users")
    .select(userColumns)
    .select((eb) =>
      eb
        .selectFrom("invitations")
        .select((inner) => inner.fn.max("invitations.expires_at").as("expires_at"))
        .whereRef("invitations.user_id", "=", "users.id")
        .where("invitations.accepted_at", "is", null)
        .as("invitation_expires_at"),
    );
  return scope.kind === "vendor" ? query.where("users.partner_id", "is", null) : query.where("users.partner_id", "=", scope.partnerId);
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserRow>>>;

/** The user if it belongs to the scope; a user outside it is simply not found. */
export function findUserRow(db: Kysely<Database>, scope: UserScope, id: string) {
  return selectUsers(db, scope).where("users.id", "=", id).executeTakeFirst();
}

export function listUserRows(db: Kysely<Database>, scope: UserScope, filters: { q?: string; role?: Role; status?: UserStatus }) {
  let query = selectUsers(db, scope);
  if (filters.q) {
    query = query.where(containsText(["users.name", "users.email"], filters.q));
  }
  if (filters.role) query = query.where("users.role", "=", filters.role);
  if (filters.status) query = query.where("users.status", "=", filters.status);
  return query.orderBy("users.name").orderBy("users.id").limit(1000).execute();
}

export async function emailTaken(db: Kysely<Database>, email: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  return row !== undefined;
}

export async function hasPassword(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", id).executeTakeFirst();
  return Boolean(row?.password_hash);
}

/** Active vendor users (no partner) holding one of `roles`. */
function activeVendorUsers(db: Kysely<Database>, roles: readonly Role[]) {
  return db.selectFrom("users").where("status", "=", "active").where("role", "in", roles).where("partner_id", "is", null);
}

export async function isActiveVendorUserRow(db: Kysely<Database>, id: string, roles: readonly Role[]): Promise<boolean> {
  const row = await activeVendorUsers(db, roles).select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

/** By stored email, which is lower-cased on the way in (inviteUser), so the unique index serves. */
export function findActiveVendorUsersByEmail(db: Kysely<Database>, emails: string[], roles: readonly Role[]) {
  return activeVendorUsers(db, roles).select(["id", "email"]).where("email", "in", emails).execute();
}

/** Active and invited staff per partner, for the given partners only (grouped, one query). */
export async function countStaffRows(db: Kysely<Database>, partnerIds: string[]): Promise<Map<string, number>> {
  if (partnerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["partner_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("partner_id", "in", partnerIds)
    .where("status", "in", ["active", "invited"])
    .groupBy("partner_id")
    .execute();
  return new Map(rows.map((r) => [r.partner_id as string, Number(r.n)]));
}

export async function insertUser(db: Kysely<Database>, row: UserTable) {
  await db.insertInto("users").values(row).execute();
}

export async function updateUserRow(db: Kysely<Database>, id: string, values: Partial<Omit<UserTable, "id">>) {
  await db.updateTable("users").set(values).where("id", "=", id).execute();
}

/**
 * Activates an invited user, taking its row lock first (the same order as a deactivation:
 * users, then invitations). False when the user is no longer invited (deactivated meanwhile,
 * or already active): the caller must then change nothing.
 */
export async function activateInvitedUser(
  db: Kysely<Database>,
  id: string,
  values: { password_hash: string; name: string; updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ ...values, status: "active" })
    .where("id", "=", id)
    .where("status", "=", "invited")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Ids of the active users holding `role` in the scope. On PostgreSQL the rows are locked, so
 * two admins removing each other at once cannot leave none (SQLite's BEGIN IMMEDIATE already
 * serialises writers).
 */
export async function lockActiveWithRole(db: Kysely<Database>, scope: UserScope, role: Role): Promise<string[]> {
  let query = db.selectFrom("users").select("id").where("role", "=", role).where("status", "=", "active");
  query = scope.kind === "vendor" ? query.where("partner_id", "is", null) : query.where("partner_id", "=", scope.partnerId);
  const rows = engineOf(db) === "postgres" ? await query.forUpdate().execute() : await query.execute();
  return rows.map((r) => r.id);
}

export async function insertInvitation(db: Kysely<Database>, row: InvitationTable) {
  await db.insertInto("invitations").values(row).execute();
}

export function findInvitationByHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom("invitations")
    .innerJoin("users", "users.id", "invitations.user_id")
    .leftJoin("partners", "partners.id", "users.partner_id")
    .select([
      "invitations.id",
      "invitations.user_id",
      "invitations.expires_at",
      "invitations.accepted_at",
      "users.email",
      "users.name",
      "users.role",
      "users.partner_id",
      "users.status",
      "partners.name as partner_name",
    ])
    .where("invitations.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Marks an open invitation accepted once; false when another request accepted or expired it first. */
export async function markInvitationAccepted(db: Kysely<Database>, id: string): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .updateTable("invitations")
    .set({ accepted_at: now })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every open invitation of the user now (a resend, a deactivation, an acceptance). */
export async function expireOpenInvitations(db: Kysely<Database>, userId: string) {
  const now = nowIso();
  await db
    .updateTable("invitations")
    .set({ expires_at: now })
    .where("user_id", "=", userId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now)
    .execute();
}

export async function findUserNames(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("users").select(["id", "name", "email", "role", "partner_id", "status"]).where("id", "in", ids).execute();
}

/** Active users per partner (invited ones have never signed in, so they cannot use anything yet). */
export async function countActiveUsersByPartner(db: Kysely<Database>, partnerIds: readonly string[] | null): Promise<Map<string, number>> {
  let query = db
    .selectFrom("users")
    .select(["partner_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "=", "active")
    .where("partner_id", "is not", null);
  if (partnerIds) {
    if (partnerIds.length === 0) return new Map();
    query = query.where("partner_id", "in", partnerIds);
  }
  const rows = await query.groupBy("partner_id").execute();
  return new Map(rows.map((row) => [row.partner_id as string, Number(row.n)]));
}

/** The partner's users who can still sign in or accept an invitation (a cut partner's offboarding). */
export function findLiveUsersOfPartner(db: Kysely<Database>, partnerId: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "role", "status"])
    .where("partner_id", "=", partnerId)
    .where("status", "in", ["active", "invited"])
    .orderBy("id")
    .execute();
}
