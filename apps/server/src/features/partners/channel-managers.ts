import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";

/**
 * Who may own partners: an ACTIVE vendor user whose role is channel_manager or vendor_admin.
 *
 * Why this reads the users table from the partners feature: the users feature (and its
 * service) is being written at the same time as this one, so there is no users service to
 * call yet. These are tiny read-only look-ups of a vendor user's role and status, nothing
 * else; move them behind the users service once it exists.
 */
const ownerRoles = ["channel_manager", "vendor_admin"] as const;

export async function isAssignableChannelManager(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("id", "=", userId)
    .where("status", "=", "active")
    .where("role", "in", ownerRoles)
    .where("partner_id", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

/** For imports: lower-cased email -> user id, for the emails that name an assignable channel manager. */
export async function assignableChannelManagersByEmail(db: Kysely<Database>, emails: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  const found = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom("users")
      .select(["id", "email"])
      .where((eb) => eb(eb.fn("lower", ["email"]), "in", wanted.slice(i, i + 500)))
      .where("status", "=", "active")
      .where("role", "in", ownerRoles)
      .where("partner_id", "is", null)
      .execute();
    for (const r of rows) found.set(r.email.toLowerCase(), r.id);
  }
  return found;
}
