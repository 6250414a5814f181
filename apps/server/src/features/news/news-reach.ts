import { isPartnerRole, type PartnerRole, partnerRoles, type Role } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { type PostAudience, postKeys, viewerKeys } from "./audience.js";
import { type AudiencePartner, countActiveUsersByPartnerRole, findActiveUserIds, findAudiencePartners } from "./news-analytics.repository.js";

/**
 * Who a post reaches now: the partners whose keys (audience.ts viewerKeys) meet the post's keys,
 * and their active users with a role the post is meant for. Resolved when asked, like the feed, so
 * a partner that moved tier counts in its new tier's posts.
 */

/** Partners whose staff can sign in, listed under each audience key they match. */
export interface AudienceIndex {
  partners: Map<string, AudiencePartner & { keys: string[] }>;
  byKey: Map<string, AudiencePartner[]>;
}

export function indexPartners(partners: AudiencePartner[]): AudienceIndex {
  const byId = new Map<string, AudiencePartner & { keys: string[] }>();
  const byKey = new Map<string, AudiencePartner[]>();
  for (const partner of partners) {
    const keys = viewerKeys({ partnerId: partner.id, tierId: partner.tierId, region: partner.region });
    byId.set(partner.id, { ...partner, keys });
    for (const key of keys) {
      const list = byKey.get(key);
      if (list) list.push(partner);
      else byKey.set(key, [partner]);
    }
  }
  return { partners: byId, byKey };
}

/** The partner roles an audience's role list means: none chosen, every partner role. */
export function rolesMeant(roles: readonly Role[]): readonly PartnerRole[] {
  return roles.length > 0 ? roles.filter(isPartnerRole) : partnerRoles;
}

/** The partners an audience names now, whatever the roles: those matching one of the post's keys. */
export function partnersInAudience(index: AudienceIndex, audience: PostAudience): AudiencePartner[] {
  const found = new Map<string, AudiencePartner>();
  for (const key of postKeys(audience)) for (const partner of index.byKey.get(key) ?? []) found.set(partner.id, partner);
  return [...found.values()];
}

/** ...with their active users by role, and those summed per key: what reach is computed from. */
export interface ReachSnapshot extends AudienceIndex {
  users: Map<string, Map<PartnerRole, number>>;
  keyTotals: Map<string, Map<PartnerRole, number>>;
}

/** One pass over active partner users (news_users_reach_idx), grouped by partner and role. */
export async function reachSnapshot(db: Kysely<Database>): Promise<ReachSnapshot> {
  const [partners, users] = await Promise.all([findAudiencePartners(db), countActiveUsersByPartnerRole(db)]);
  return buildReachSnapshot(partners, users);
}

export function buildReachSnapshot(partners: AudiencePartner[], users: Map<string, Map<PartnerRole, number>>): ReachSnapshot {
  const index = indexPartners(partners);
  const keyTotals = new Map<string, Map<PartnerRole, number>>();
  for (const [partnerId, byRole] of users) {
    const partner = index.partners.get(partnerId);
    if (!partner) continue; // archived
    for (const key of partner.keys) {
      const totals = keyTotals.get(key) ?? new Map<PartnerRole, number>();
      for (const [role, n] of byRole) totals.set(role, (totals.get(role) ?? 0) + n);
      keyTotals.set(key, totals);
    }
  }
  return { ...index, users, keyTotals };
}

const sumRoles = (byRole: Map<PartnerRole, number> | undefined, roles: readonly PartnerRole[]) =>
  byRole ? roles.reduce((sum, role) => sum + (byRole.get(role) ?? 0), 0) : 0;

/** Active partner users in the audience now, per partner (post analytics). */
export function reachByPartner(snapshot: ReachSnapshot, audience: PostAudience): { total: number; byPartner: Map<string, number> } {
  const roles = rolesMeant(audience.roles);
  const byPartner = new Map<string, number>();
  let total = 0;
  for (const partner of partnersInAudience(snapshot, audience)) {
    const users = sumRoles(snapshot.users.get(partner.id), roles);
    byPartner.set(partner.id, users);
    total += users;
  }
  return { total, byPartner };
}

/**
 * The reach alone (the editors' list), from the per-key totals: a post's tier, region, tier-region
 * or "all" keys never share a partner (a partner has one tier and one region), so their totals add
 * up; a named partner counts once more only when those keys did not already take it in.
 */
export function reachTotal(snapshot: ReachSnapshot, audience: PostAudience): number {
  const roles = rolesMeant(audience.roles);
  const dimensionKeys = new Set(postKeys({ tierIds: audience.tierIds, regions: audience.regions, partnerIds: [] }));
  if (audience.tierIds.length === 0 && audience.regions.length === 0 && audience.partnerIds.length > 0) dimensionKeys.clear();
  let total = 0;
  for (const key of dimensionKeys) total += sumRoles(snapshot.keyTotals.get(key), roles);
  for (const partnerId of new Set(audience.partnerIds)) {
    const partner = snapshot.partners.get(partnerId);
    if (!partner || partner.keys.some((key) => dimensionKeys.has(key))) continue;
    total += sumRoles(snapshot.users.get(partnerId), roles);
  }
  return total;
}

/** The users a must-read notice goes to: active users of the audience's partners with a matching role. */
export async function audienceUserIds(db: Kysely<Database>, audience: PostAudience): Promise<string[]> {
  const partners = partnersInAudience(indexPartners(await findAudiencePartners(db)), audience);
  const roles = rolesMeant(audience.roles);
  const ids: string[] = [];
  for (let start = 0; start < partners.length; start += 500) {
    ids.push(
      ...(await findActiveUserIds(
        db,
        partners.slice(start, start + 500).map((partner) => partner.id),
        roles,
      )),
    );
  }
  return ids;
}
