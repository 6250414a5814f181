import { type DigestFrequency, partnerRoles } from "@trellis/shared";
import { type Kysely, sql } from "kysely";
import { type Engine, timestampValue } from "../../db/dialect.js";
import type { Database, NewsPreferenceTable } from "../../db/types.js";

export type PreferenceRow = NewsPreferenceTable;

export async function findPreferences(db: Kysely<Database>, userId: string): Promise<PreferenceRow | undefined> {
  return db.selectFrom("news_preferences").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

/** Insert or change a user's choices; the claim columns belong to the digest job and are left alone. */
export async function savePreferences(db: Kysely<Database>, row: Omit<PreferenceRow, "claimed_until" | "claimed_by">): Promise<void> {
  await db
    .insertInto("news_preferences")
    .values({ ...row, claimed_until: null, claimed_by: null })
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet({
        digest_frequency: row.digest_frequency,
        digest_hour: row.digest_hour,
        digest_weekday: row.digest_weekday,
        time_zone: row.time_zone,
        last_digest_at: row.last_digest_at,
        next_digest_at: row.next_digest_at,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export interface PreferenceDefaults {
  frequency: DigestFrequency;
  hour: number;
  weekday: number;
  timeZone: string;
  /** The start of the first digest's window: when the row is made. */
  lastDigestAt: string;
  nextDigestAt: string | null;
}

/**
 * One INSERT ... SELECT: a row with the defaults for every active partner user (of a partner not
 * archived) that has none. Two processes doing it at once: ON CONFLICT keeps the first.
 */
export async function insertMissingPreferences(db: Kysely<Database>, engine: Engine, defaults: PreferenceDefaults): Promise<number> {
  const result = await db
    .insertInto("news_preferences")
    .columns(["user_id", "digest_frequency", "digest_hour", "digest_weekday", "time_zone", "last_digest_at", "next_digest_at", "updated_at"])
    .expression(
      db
        .selectFrom("users")
        .innerJoin("partners", "partners.id", "users.partner_id")
        .select([
          "users.id",
          sql<DigestFrequency>`${defaults.frequency}`.as("digest_frequency"),
          sql<number>`cast(${defaults.hour} as integer)`.as("digest_hour"),
          sql<number>`cast(${defaults.weekday} as integer)`.as("digest_weekday"),
          sql<string>`${defaults.timeZone}`.as("time_zone"),
          timestampValue(engine, defaults.lastDigestAt).as("last_digest_at"),
          timestampValue(engine, defaults.nextDigestAt).as("next_digest_at"),
          timestampValue(engine, defaults.lastDigestAt).as("updated_at"),
        ])
        .where("users.status", "=", "active")
        .where("users.role", "in", partnerRoles)
        .where("partners.archived_at", "is", null)
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom("news_preferences").select("news_preferences.user_id").whereRef("news_preferences.user_id", "=", "users.id")),
          ),
        ),
    )
    .onConflict((oc) => oc.column("user_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export interface DigestRecipient {
  id: string;
  email: string;
  name: string;
  role: string;
  partner_id: string | null;
  status: string;
  partner_archived_at: string | null;
}

/** The user an unsubscribe token or a preference change is about. */
export async function findRecipient(db: Kysely<Database>, userId: string): Promise<DigestRecipient | undefined> {
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
      "partners.archived_at as partner_archived_at",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirst();
}
