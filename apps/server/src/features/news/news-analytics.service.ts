import type { PartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest } from "../../platform/http/problem.js";
import { findAudience } from "./news.repository.js";
import type { PostAnalytics, ReadShare } from "./news.schemas.js";
import { requirePost, viewerOf } from "./news-access.js";
import { countActiveUsersByPartner, countReadersByPartner, countReadsByPartnerRole, findAudiencePartners } from "./news-analytics.repository.js";
import { reachByPartner, reachSnapshot, rolesMeant } from "./news-reach.js";

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * Reach, reads and acknowledgements of one post, overall and per partner in its audience. Counted
 * over the reach: reads and acknowledgements by users who are active and in the audience now, so
 * the rates are shares of the same people (a user who read it and then left is in neither).
 */
export async function postAnalytics(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<PostAnalytics> {
  const viewer = await viewerOf(ctx.db, actor);
  const post = await requirePost(ctx.db, viewer, id);
  const [audience, snapshot, reads] = await Promise.all([findAudience(ctx.db, id), reachSnapshot(ctx.db), countReadsByPartnerRole(ctx.db, id)]);
  const reach = reachByPartner(snapshot, audience);
  const meant = rolesMeant(audience.roles);
  const roleCounts = (role: PartnerRole) => meant.includes(role);
  const readsByPartner = new Map<string, { reads: number; acknowledgements: number }>();
  for (const row of reads) {
    if (!reach.byPartner.has(row.partnerId) || !roleCounts(row.role)) continue;
    const sum = readsByPartner.get(row.partnerId) ?? { reads: 0, acknowledgements: 0 };
    sum.reads += row.reads;
    sum.acknowledgements += row.acknowledgements;
    readsByPartner.set(row.partnerId, sum);
  }
  const partners = [...reach.byPartner.entries()]
    .map(([partnerId, partnerReach]) => ({
      partnerId,
      partnerName: snapshot.partners.get(partnerId)?.name ?? "",
      reach: partnerReach,
      reads: readsByPartner.get(partnerId)?.reads ?? 0,
      acknowledgements: readsByPartner.get(partnerId)?.acknowledgements ?? 0,
    }))
    .sort((a, b) => rate(a.reads, a.reach) - rate(b.reads, b.reach) || a.partnerName.localeCompare(b.partnerName));
  const totalReads = partners.reduce((sum, row) => sum + row.reads, 0);
  const totalAcks = partners.reduce((sum, row) => sum + row.acknowledgements, 0);
  const mustRead = post.must_read === 1;
  return {
    postId: id,
    reach: reach.total,
    reads: totalReads,
    acknowledgements: totalAcks,
    readRate: rate(totalReads, reach.total),
    acknowledgementRate: mustRead ? rate(totalAcks, reach.total) : null,
    partners,
  };
}

/** First instant of a YYYY-MM month, and of the month after another. */
function monthBounds(fromMonth: string, toMonth: string): { from: string; to: string } {
  const [fromYear, fromNumber] = fromMonth.split("-").map(Number) as [number, number];
  const [toYear, toNumber] = toMonth.split("-").map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(fromYear, fromNumber - 1, 1)).toISOString(),
    to: new Date(Date.UTC(toYear, toNumber, 1)).toISOString(),
  };
}

export interface ReadShareRow {
  partnerId: string;
  activeUsers: number;
  readers: number;
  share: number;
}

/**
 * For the scorecards: per partner, how many of its active users opened any news post in the months
 * fromMonth..toMonth (inclusive, YYYY-MM, UTC). Partners without active users are left out (nothing
 * to measure). Readers come from one news_reads_partner_idx range per partner, and count only users
 * active now and still with that partner, so readers <= activeUsers.
 */
export async function newsReadShareByPartner(
  db: Kysely<Database>,
  options: { fromMonth: string; toMonth: string; partnerIds?: readonly string[] },
): Promise<ReadShareRow[]> {
  if (options.fromMonth > options.toMonth) throw badRequest("fromMonth is after toMonth", [{ path: "fromMonth", message: "is after toMonth" }]);
  const { from, to } = monthBounds(options.fromMonth, options.toMonth);
  const active = await countActiveUsersByPartner(db, options.partnerIds ?? null);
  const partnerIds = [...active.keys()];
  const readers = new Map<string, number>();
  for (let start = 0; start < partnerIds.length; start += 1000) {
    for (const [partnerId, n] of await countReadersByPartner(db, partnerIds.slice(start, start + 1000), from, to)) readers.set(partnerId, n);
  }
  return partnerIds
    .map((partnerId) => {
      const activeUsers = active.get(partnerId) ?? 0;
      const read = Math.min(readers.get(partnerId) ?? 0, activeUsers);
      return { partnerId, activeUsers, readers: read, share: rate(read, activeUsers) };
    })
    .sort((a, b) => a.partnerId.localeCompare(b.partnerId));
}

/** GET /news/read-share: one month, with partner names, lowest share first. */
export async function readShareForMonth(ctx: AppContext, month: string | undefined): Promise<ReadShare> {
  const chosen = month ?? new Date().toISOString().slice(0, 7);
  const rows = await newsReadShareByPartner(ctx.db, { fromMonth: chosen, toMonth: chosen });
  const names = new Map((await findAudiencePartners(ctx.db)).map((partner) => [partner.id, partner.name]));
  return {
    month: chosen,
    partners: rows
      .map((row) => ({ ...row, partnerName: names.get(row.partnerId) ?? "" }))
      .sort((a, b) => a.share - b.share || a.partnerName.localeCompare(b.partnerName)),
  };
}
