import type { NotificationKind } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database, NotificationTable } from "../../db/types.js";

// The notification centre's rows. Every read and change takes the user id: a user reaches only
// its own notifications. Recipients are read from users read-only (status, email, role).

/** Who of these users can be told (not deactivated), with the email preference for the kind, if any. */
export function findRecipients(db: Kysely<Database>, userIds: readonly string[], kind: NotificationKind) {
  return db
    .selectFrom("users")
    .leftJoin("notification_preferences as pref", (join) => join.onRef("pref.user_id", "=", "users.id").on("pref.kind", "=", kind))
    .select(["users.id", "users.email", "users.status", "pref.email as email_pref"])
    .where("users.id", "in", userIds)
    .where("users.status", "!=", "deactivated")
    .execute();
}

export async function insertNotifications(db: Kysely<Database>, rows: NotificationTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto("notifications").values(rows).execute();
}

const columns = ["id", "kind", "title", "body", "link", "created_at", "read_at"] as const;

/**
 * Newest first, keyset on (created_at, id) as a row comparison, so both engines walk one index
 * range in order (notifications_user_newest_idx, or the partial unread index) with no sort.
 * limit + 1 rows for toPage. The builder is exported for the query-plan test.
 */
export function notificationPageQuery(
  db: Kysely<Database>,
  userId: string,
  filters: { unread: boolean },
  limit: number,
  after: { createdAt: string; id: string } | undefined,
) {
  let query = db.selectFrom("notifications").select(columns).where("user_id", "=", userId);
  if (filters.unread) query = query.where("read_at", "is", null);
  if (after) query = query.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(after.createdAt, after.id)));
  return query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1);
}

export function findNotificationPage(...args: Parameters<typeof notificationPageQuery>) {
  return notificationPageQuery(...args).execute();
}

/** Counted from the partial index of unread rows alone. */
export function unreadCountQuery(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null);
}

export async function countUnread(db: Kysely<Database>, userId: string): Promise<number> {
  return Number((await unreadCountQuery(db, userId).executeTakeFirstOrThrow()).n);
}

export function findNotification(db: Kysely<Database>, userId: string, id: string) {
  return db.selectFrom("notifications").select(columns).where("user_id", "=", userId).where("id", "=", id).executeTakeFirst();
}

export async function markRead(db: Kysely<Database>, userId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .where("read_at", "is", null)
    .execute();
}

export async function markAllRead(db: Kysely<Database>, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findPreferences(db: Kysely<Database>, userId: string) {
  return db.selectFrom("notification_preferences").select(["kind", "email"]).where("user_id", "=", userId).execute();
}

export async function upsertPreferences(
  db: Kysely<Database>,
  userId: string,
  choices: readonly { kind: NotificationKind; email: boolean }[],
  at: string,
): Promise<void> {
  if (choices.length === 0) return;
  await db
    .insertInto("notification_preferences")
    .values(choices.map((choice) => ({ user_id: userId, kind: choice.kind, email: choice.email ? 1 : 0, updated_at: at })))
    .onConflict((conflict) =>
      conflict.columns(["user_id", "kind"]).doUpdateSet((eb) => ({ email: eb.ref("excluded.email"), updated_at: eb.ref("excluded.updated_at") })),
    )
    .execute();
}
