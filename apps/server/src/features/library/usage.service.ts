import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest } from "../../platform/http/problem.js";
import { partnerNamesByIds } from "../partners/partners.service.js";
import { activeUsersByPartner, userNamesByIds } from "../users/users.service.js";
import type { AssetUsageRow, EngagementRow, PartnerUsageRow, RepUsageRow, UnusedAsset, UsageSeries } from "./library.schemas.js";
import { requireAsset, viewerOf } from "./library.service.js";
import { libraryUsersPerPartner, type Period, unusedAssets, usagePerAsset, usagePerDay, usagePerPartner, usagePerUser } from "./usage.repository.js";

const dayMs = 86_400_000;
const maxPeriodDays = 732;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** A period of whole UTC days, both ends included; by default the last 90 days. */
export function periodOf(query: { from?: string; to?: string }): Period & { from: string; to: string } {
  const to = query.to ?? new Date().toISOString().slice(0, 10);
  const from = query.from ?? addDays(to, -89);
  if (Number.isNaN(Date.parse(`${from}T00:00:00Z`)) || Number.isNaN(Date.parse(`${to}T00:00:00Z`)))
    throw badRequest("Not a date", [{ path: "querystring.from", message: "must be a real date" }]);
  if (from > to) throw badRequest("The period ends before it starts", [{ path: "querystring.from", message: "must not be after to" }]);
  if ((Date.parse(to) - Date.parse(from)) / dayMs > maxPeriodDays)
    throw badRequest("The period is too long", [{ path: "querystring.from", message: `at most ${maxPeriodDays} days` }]);
  return { from, to, fromIso: `${from}T00:00:00.000Z`, toIso: `${addDays(to, 1)}T00:00:00.000Z` };
}

const counts = (row: { views: unknown; downloads: unknown; cobrandDownloads: unknown }) => ({
  views: Number(row.views ?? 0),
  downloads: Number(row.downloads ?? 0),
  cobrandDownloads: Number(row.cobrandDownloads ?? 0),
});

/** Every day of the period, zero-filled, so charts have no gaps. */
export async function usageSeries(db: Kysely<Database>, query: { from?: string; to?: string }, assetId?: string): Promise<UsageSeries> {
  const period = periodOf(query);
  const rows = new Map((await usagePerDay(db, period, assetId)).map((row) => [row.day, counts(row)]));
  const days: UsageSeries["days"] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1))
    days.push({ day, ...(rows.get(day) ?? { views: 0, downloads: 0, cobrandDownloads: 0 }) });
  const totals = days.reduce(
    (sum, day) => ({
      views: sum.views + day.views,
      downloads: sum.downloads + day.downloads,
      cobrandDownloads: sum.cobrandDownloads + day.cobrandDownloads,
    }),
    { views: 0, downloads: 0, cobrandDownloads: 0 },
  );
  return { from: period.from, to: period.to, totals, days };
}

export async function assetUsage(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  query: { from?: string; to?: string },
): Promise<UsageSeries> {
  await requireAsset(ctx.db, await viewerOf(ctx.db, actor), id);
  return usageSeries(ctx.db, query, id);
}

export async function usageByAsset(db: Kysely<Database>, query: { from?: string; to?: string }): Promise<AssetUsageRow[]> {
  const rows = await usagePerAsset(db, periodOf(query), 200);
  return rows.map((row) => ({ assetId: row.assetId, title: row.title, type: row.type, ...counts(row) }));
}

export async function usageByPartner(db: Kysely<Database>, query: { from?: string; to?: string }): Promise<PartnerUsageRow[]> {
  const rows = await usagePerPartner(db, periodOf(query));
  const names = await partnerNamesByIds(
    db,
    rows.map((row) => row.partnerId),
  );
  return rows.map((row) => ({
    partnerId: row.partnerId,
    partnerName: names.get(row.partnerId) ?? "",
    ...counts(row),
    activeReps: Number(row.activeReps),
  }));
}

export async function usageByRep(db: Kysely<Database>, partnerId: string, query: { from?: string; to?: string }): Promise<RepUsageRow[]> {
  const rows = await usagePerUser(db, partnerId, periodOf(query));
  const users = await userNamesByIds(
    db,
    rows.map((row) => row.userId),
  );
  return rows.map((row) => {
    const user = users.get(row.userId);
    return {
      userId: row.userId,
      name: user?.name ?? "",
      email: user?.email ?? "",
      role: user?.role ?? "",
      ...counts(row),
      lastUsedAt: row.lastUsedAt,
    };
  });
}

export async function assetsUnusedFor(db: Kysely<Database>, days: number): Promise<UnusedAsset[]> {
  return unusedAssets(db, new Date(Date.now() - days * dayMs).toISOString());
}

function monthPeriod(month: string): Period {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(year, monthNumber - 1, 1));
  const end = new Date(Date.UTC(year, monthNumber, 1));
  return { fromIso: start.toISOString(), toIso: end.toISOString() };
}

/**
 * The sales library's engagement figure for the scorecards: per partner, how many of its active
 * users viewed or downloaded an asset in the month. Partners without active users are left out
 * (nothing to measure), never reported as zero engagement.
 */
export async function libraryEngagement(
  db: Kysely<Database>,
  options: { month?: string; partnerIds?: readonly string[] } = {},
): Promise<EngagementRow[]> {
  const month = options.month ?? new Date().toISOString().slice(0, 7);
  if (options.partnerIds) {
    const known = await partnerNamesByIds(db, options.partnerIds);
    const unknown = options.partnerIds.filter((partnerId) => !known.has(partnerId));
    if (unknown.length) throw badRequest(`No partner ${unknown.join(", ")}`);
  }
  const [totals, using] = await Promise.all([
    activeUsersByPartner(db, options.partnerIds ?? null),
    libraryUsersPerPartner(db, monthPeriod(month), options.partnerIds),
  ]);
  // Only the partner's active users count, as in usersTotal: a user deactivated since then is in neither.
  const users = await userNamesByIds(db, [...using.values()].flat());
  const isActiveUserOf = (partnerId: string) => (userId: string) => {
    const user = users.get(userId);
    return user?.status === "active" && user.partnerId === partnerId;
  };
  const names = await partnerNamesByIds(db, [...totals.keys()]);
  return [...totals.entries()]
    .map(([partnerId, usersTotal]) => {
      const usersUsingLibrary = (using.get(partnerId) ?? []).filter(isActiveUserOf(partnerId)).length;
      return {
        partnerId,
        partnerName: names.get(partnerId) ?? "",
        month,
        usersTotal,
        usersUsingLibrary,
        share: usersTotal ? usersUsingLibrary / usersTotal : 0,
      };
    })
    .sort((a, b) => b.share - a.share || a.partnerName.localeCompare(b.partnerName));
}
