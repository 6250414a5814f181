import type { Db } from "../../db/database.js";

/** Failed sign-ins allowed in a window, per account and per address; then a pause. */
export const throttleLimits = {
  account: { failures: 5, windowMinutes: 15, blockMinutes: 15 },
  address: { failures: 30, windowMinutes: 15, blockMinutes: 15 },
};

type Scope = keyof typeof throttleLimits;

function keyOf(scope: Scope, value: string) {
  return `${scope}:${value.toLowerCase()}`;
}

/** Seconds until the key may try again, or 0. Stored in the database so several processes agree. */
export async function secondsBlocked(db: Db, scope: Scope, value: string): Promise<number> {
  const row = await db.selectFrom("login_throttle").select("blocked_until").where("key", "=", keyOf(scope, value)).executeTakeFirst();
  if (!row?.blocked_until) return 0;
  const remaining = Date.parse(row.blocked_until) - Date.now();
  return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
}

export async function recordFailure(db: Db, scope: Scope, value: string): Promise<void> {
  const limits = throttleLimits[scope];
  const key = keyOf(scope, value);
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
    const windowOpen = row && Date.parse(row.window_started_at) + limits.windowMinutes * 60_000 > now;
    const failures = windowOpen ? row.failures + 1 : 1;
    const values = {
      failures,
      window_started_at: windowOpen ? row.window_started_at : new Date(now).toISOString(),
      blocked_until: failures >= limits.failures ? new Date(now + limits.blockMinutes * 60_000).toISOString() : null,
    };
    await trx
      .insertInto("login_throttle")
      .values({ key, ...values })
      .onConflict((oc) => oc.column("key").doUpdateSet(values))
      .execute();
  });
}

export async function clearFailures(db: Db, scope: Scope, value: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", keyOf(scope, value)).execute();
}
