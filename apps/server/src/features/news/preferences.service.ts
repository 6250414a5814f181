import { isPartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, businessRule } from "../../platform/http/problem.js";
import { getSupportSettings } from "../support/support-settings.service.js";
import { type DigestSchedule, isValidTimeZone, nextDigestAt } from "./digest-schedule.js";
import { findPreferences, insertMissingPreferences, type PreferenceRow, savePreferences } from "./preferences.repository.js";
import type { DigestPreferences, DigestPreferencesInput } from "./preferences.schemas.js";

/** Weekly, Monday, 08:00 on the vendor's clock: what a partner user gets until it chooses. */
export const defaultDigest = { frequency: "weekly", hour: 8, weekday: 1 } as const;

/**
 * The zone new preferences start in: the support desk's calendar zone once the vendor has saved
 * support settings, else UTC. The support service answers its built-in calendar (with an epoch
 * updatedAt) until then, and that built-in zone is not a choice anyone made.
 */
export async function vendorTimeZone(db: Kysely<Database>): Promise<string> {
  const settings = await getSupportSettings(db);
  if (settings.updatedAt.startsWith("1970-")) return "UTC";
  return isValidTimeZone(settings.calendar.timeZone) ? settings.calendar.timeZone : "UTC";
}

export function scheduleOf(row: Pick<PreferenceRow, "digest_frequency" | "digest_hour" | "digest_weekday" | "time_zone">): DigestSchedule {
  return { frequency: row.digest_frequency, hour: row.digest_hour, weekday: row.digest_weekday, timeZone: row.time_zone };
}

/**
 * Gives every active partner user without preferences the defaults, in one INSERT ... SELECT.
 * Runs at the start of each digest run; the first window starts now, so nobody's first digest
 * carries the whole history.
 */
export async function ensureDigestPreferences(ctx: AppContext, now: string): Promise<number> {
  const timeZone = await vendorTimeZone(ctx.db);
  const schedule: DigestSchedule = { ...defaultDigest, timeZone };
  return insertMissingPreferences(ctx.db, ctx.engine, {
    ...defaultDigest,
    timeZone,
    lastDigestAt: now,
    nextDigestAt: nextDigestAt(schedule, now),
  });
}

/** Digests are for partner users; vendor staff see every post in the console. */
function digestUser(actor: AuthenticatedActor): string {
  if (actor.kind !== "user" || !isPartnerRole(actor.role))
    throw businessRule("News digests go to partner users; vendor staff read every post in the console");
  return actor.userId;
}

function toPreferences(
  row: Pick<PreferenceRow, "digest_frequency" | "digest_hour" | "digest_weekday" | "time_zone" | "next_digest_at">,
): DigestPreferences {
  return {
    digestFrequency: row.digest_frequency,
    digestHour: row.digest_hour,
    digestWeekday: row.digest_weekday,
    timeZone: row.time_zone,
    nextDigestAt: row.next_digest_at,
  };
}

async function defaultsFor(db: Kysely<Database>, now: string) {
  const timeZone = await vendorTimeZone(db);
  const schedule: DigestSchedule = { ...defaultDigest, timeZone };
  return {
    digest_frequency: schedule.frequency,
    digest_hour: schedule.hour,
    digest_weekday: schedule.weekday,
    time_zone: timeZone,
    next_digest_at: nextDigestAt(schedule, now),
  };
}

/** The caller's choices; the defaults it would get when it has not chosen yet (nothing is written). */
export async function getDigestPreferences(ctx: AppContext, actor: AuthenticatedActor): Promise<DigestPreferences> {
  const userId = digestUser(actor);
  const row = await findPreferences(ctx.db, userId);
  return toPreferences(row ?? (await defaultsFor(ctx.db, nowIso())));
}

export async function updateDigestPreferences(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: DigestPreferencesInput,
  requestId: string,
): Promise<DigestPreferences> {
  const userId = digestUser(actor);
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    throw badRequest(`timeZone ${input.timeZone} is not an IANA time zone`, [
      { path: "body.timeZone", message: "must be an IANA time zone such as Europe/Berlin" },
    ]);
  }
  const now = nowIso();
  const before = await findPreferences(ctx.db, userId);
  const current = before ?? (await defaultsFor(ctx.db, now));
  const schedule: DigestSchedule = {
    frequency: input.digestFrequency ?? current.digest_frequency,
    hour: input.digestHour ?? current.digest_hour,
    weekday: input.digestWeekday ?? current.digest_weekday,
    timeZone: input.timeZone ?? current.time_zone,
  };
  // Turning digests on starts the window now: a year of "off" is not sent as one digest.
  const wasOff = !before || before.digest_frequency === "off";
  const row = {
    user_id: userId,
    digest_frequency: schedule.frequency,
    digest_hour: schedule.hour,
    digest_weekday: schedule.weekday,
    time_zone: schedule.timeZone,
    last_digest_at: wasOff ? now : before.last_digest_at,
    // "Immediate" is due at the next run of the job; the others at their next time on the user's clock.
    next_digest_at: schedule.frequency === "immediate" ? now : nextDigestAt(schedule, now),
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await savePreferences(trx, row);
    await recordAudit(
      trx,
      actor,
      {
        action: "news_preferences.update",
        entityType: "user",
        entityId: userId,
        partnerId: actor.partnerId,
        before: before ? toPreferences(before) : null,
        after: toPreferences(row),
      },
      requestId,
    );
  });
  return toPreferences(row);
}

/** Digests off for this user (one-click unsubscribe): the row is made with the defaults when missing. */
export async function turnDigestsOff(ctx: AppContext, user: { id: string; partnerId: string | null }, requestId: string): Promise<void> {
  const now = nowIso();
  const before = await findPreferences(ctx.db, user.id);
  if (before?.digest_frequency === "off") return;
  const current = before ?? (await defaultsFor(ctx.db, now));
  const row = {
    user_id: user.id,
    digest_frequency: "off" as const,
    digest_hour: current.digest_hour,
    digest_weekday: current.digest_weekday,
    time_zone: current.time_zone,
    last_digest_at: before?.last_digest_at ?? now,
    next_digest_at: null,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await savePreferences(trx, row);
    await recordAudit(
      trx,
      null,
      {
        action: "news_preferences.unsubscribe",
        entityType: "user",
        entityId: user.id,
        partnerId: user.partnerId,
        before: before ? toPreferences(before) : null,
        after: toPreferences(row),
      },
      requestId,
    );
  });
}
