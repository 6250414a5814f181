import { sql } from "kysely";
import type { Db } from "../../db/database.js";

/** Sign-in attempts allowed in a window, per account and per address; then a pause. */
export const throttleLimits = {
  account: { attempts: 5, windowMinutes: 15, blockMinutes: 15 },
  address: { attempts: 30, windowMinutes: 15, blockMinutes: 15 },
};

type Scope = keyof typeof throttleLimits;

function keyOf(scope: Scope, value: string) {
  return `${scope}:${value.toLowerCase()}`;
}

/**
 * Counts one sign-in attempt BEFORE the password is checked, in one atomic statement, so
 * parallel guesses cannot all pass a check made before any of them failed. Returns the seconds
 * the key must wait (0: go ahead). Stored in the database so several processes agree.
 */
export async function registerAttempt(db: Db, scope: Scope, value: string): Promise<number> {
  const limits = throttleLimits[scope];
  const key = keyOf(scope, value);
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const windowStart = new Date(now - limits.windowMinutes * 60_000).toISOString();
  // Every SET expression reads the row as it was, on both engines.
  const row = await db
    .insertInto("login_throttle")
    .values({ key, failures: 1, window_started_at: nowIso, blocked_until: null })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        failures: sql<number>`case when login_throttle.window_started_at > ${windowStart} then login_throttle.failures + 1 else 1 end`,
        window_started_at: sql<string>`case when login_throttle.window_started_at > ${windowStart} then login_throttle.window_started_at else ${nowIso} end`,
      }),
    )
    .returning(["failures", "blocked_until"])
    .executeTakeFirstOrThrow();
  const blockedFor = row.blocked_until ? Date.parse(row.blocked_until) - now : 0;
  if (blockedFor > 0) return Math.ceil(blockedFor / 1000);
  if (Number(row.failures) <= limits.attempts) return 0;
  const until = new Date(now + limits.blockMinutes * 60_000).toISOString();
  await db.updateTable("login_throttle").set({ blocked_until: until }).where("key", "=", key).execute();
  return limits.blockMinutes * 60;
}

/** A successful sign-in: the account starts afresh. */
export async function clearAttempts(db: Db, scope: Scope, value: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", keyOf(scope, value)).execute();
}

/** A successful sign-in from an address does not count against the others behind it (an office NAT). */
export async function forgiveAttempt(db: Db, scope: Scope, value: string): Promise<void> {
  await db
    .updateTable("login_throttle")
    .set({ failures: sql<number>`failures - 1` })
    .where("key", "=", keyOf(scope, value))
    .where("failures", ">", 0)
    .execute();
}
