import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import { runPrepared } from "../../db/prepared.js";
import type { Database, PasswordResetTable } from "../../db/types.js";

/** The auth feature owns credentials: password hashes and reset tokens. */
export function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom("users")
    .leftJoin("partners", "partners.id", "users.partner_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.partner_id",
      "users.status",
      "users.password_hash",
      "partners.archived_at as partner_archived_at",
    ])
    .where("users.email", "=", email)
    .executeTakeFirst();
}

interface ProfileRow {
  id: string;
  email: string;
  name: string;
  role: string;
  partner_id: string | null;
  partner_name: string | null;
}

/** Every page's session check (GET /auth/me) reads this: a prepared statement, like the session lookup. */
export async function findProfile(db: Kysely<Database>, userId: string): Promise<ProfileRow | undefined> {
  const found = await runPrepared<ProfileRow>(
    db,
    "auth.profile",
    (next) => `select u.id, u.email, u.name, u.role, u.partner_id, p.name as partner_name
    from users u left join partners p on p.id = u.partner_id where u.id = ${next()}`,
    [userId],
  );
  return found.rows[0];
}

export async function setPasswordHash(db: Kysely<Database>, userId: string, passwordHash: string) {
  await db.updateTable("users").set({ password_hash: passwordHash, updated_at: nowIso() }).where("id", "=", userId).execute();
}

export async function touchLastLogin(db: Kysely<Database>, userId: string) {
  await db.updateTable("users").set({ last_login_at: nowIso() }).where("id", "=", userId).execute();
}

export async function insertPasswordReset(db: Kysely<Database>, row: PasswordResetTable) {
  await db.insertInto("password_resets").values(row).execute();
}

export function findPasswordReset(db: Kysely<Database>, tokenHash: string) {
  return db.selectFrom("password_resets").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function markPasswordResetUsed(db: Kysely<Database>, id: string) {
  await db.updateTable("password_resets").set({ used_at: nowIso() }).where("id", "=", id).execute();
}
