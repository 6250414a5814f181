import { nowIso } from "../../db/dialect.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest } from "../../platform/http/problem.js";
import { leaderboard } from "../incentives/ledger.service.js";
import { monthsOfQuarter } from "../incentives/ledger-kinds.js";
import { partnerNamesByIds } from "../partners/partners.service.js";
import { userNamesByIds } from "../users/users.service.js";
import { findOptedOut, findPreference, upsertPreference } from "./preferences.repository.js";
import type { Leaderboard, LeaderboardQuery } from "./rewards.schemas.js";

// Leaderboards over the ledger's rep rollups (E's leaderboard()). A rep who opted out keeps its
// rank and points but is shown as "A rep of <partner>", with no user id, to everyone but itself:
// the partner's standing stays visible (it is the program's competition), the person is not named.

export const leaderboardSize = 100;

/** The quarter of a date, e.g. 2026-Q4. */
export function currentQuarter(now: Date = new Date()): string {
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

export async function getLeaderboard(ctx: AppContext, actor: AuthenticatedActor, query: LeaderboardQuery): Promise<Leaderboard> {
  const period = query.period ?? currentQuarter();
  const isQuarter = period.includes("Q");
  const range = isQuarter ? monthsOfQuarter(period) : { fromMonth: period, toMonth: period };
  const rows = await leaderboard(ctx.db, {
    ...(isQuarter ? { quarter: period } : { month: period }),
    region: query.region,
    partnerId: query.partnerId,
    limit: leaderboardSize,
  });
  const userIds = rows.map((row) => row.userId);
  const [users, partners, optedOut] = await Promise.all([
    userNamesByIds(ctx.db, userIds),
    partnerNamesByIds(
      ctx.db,
      rows.map((row) => row.partnerId),
    ),
    findOptedOut(ctx.db, userIds),
  ]);
  const me = actor.kind === "user" ? actor.userId : null;
  return {
    period,
    ...range,
    entries: rows.map((row) => {
      const partnerName = partners.get(row.partnerId) ?? "a partner";
      const isYou = row.userId === me;
      const named = !optedOut.has(row.userId);
      const shown = named || isYou;
      return {
        rank: row.rank,
        userId: shown ? row.userId : null,
        name: shown ? (users.get(row.userId)?.name ?? "A rep") : `A rep of ${partnerName}`,
        named,
        isYou,
        partner: { id: row.partnerId, name: partnerName },
        points: row.points,
      };
    }),
  };
}

function ownUserId(actor: AuthenticatedActor): string {
  if (actor.kind !== "user") throw badRequest("Leaderboard preferences belong to a signed-in user, not an API token");
  return actor.userId;
}

export async function getLeaderboardPreference(ctx: AppContext, actor: AuthenticatedActor): Promise<{ optOut: boolean }> {
  const row = await findPreference(ctx.db, ownUserId(actor));
  return { optOut: Number(row?.leaderboard_opt_out ?? 0) === 1 };
}

export async function setLeaderboardPreference(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: { optOut: boolean },
  requestId: string | null,
): Promise<{ optOut: boolean }> {
  const userId = ownUserId(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findPreference(trx, userId);
    await upsertPreference(trx, { user_id: userId, leaderboard_opt_out: input.optOut ? 1 : 0, updated_at: nowIso() });
    await recordAudit(
      trx,
      actor,
      {
        action: "reward_preferences.update",
        entityType: "user",
        entityId: userId,
        partnerId: actor.partnerId,
        before: { leaderboardOptOut: Number(before?.leaderboard_opt_out ?? 0) === 1 },
        after: { leaderboardOptOut: input.optOut },
      },
      requestId,
    );
  });
  return { optOut: input.optOut };
}
