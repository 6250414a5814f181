import { isPartnerRole, type Role } from "@trellis/shared";

/**
 * Who a post is for (docs/news.md). Within a dimension the choices are alternatives, across
 * dimensions they narrow: "Gold or Platinum, in EMEA, sales reps only". Named partners are always
 * included whatever their tier or region. No tier, region or partner chosen means every partner.
 * The role filter applies to everyone the post reaches; no role chosen means every partner role.
 *
 * The audience is resolved when a post is read, not when it is written: a partner that moves to
 * Gold sees Gold's posts from that moment, and stops seeing the tier it left.
 */
export interface PostAudience {
  tierIds: string[];
  regions: string[];
  partnerIds: string[];
  roles: Role[];
}

export interface AudienceViewer {
  partnerId: string;
  tierId: string | null;
  region: string;
  role: Role;
}

const key = {
  all: "all",
  tier: (tierId: string) => `tier:${tierId}`,
  region: (region: string) => `region:${region}`,
  tierRegion: (tierId: string, region: string) => `tier_region:${tierId}|${region}`,
  partner: (partnerId: string) => `partner:${partnerId}`,
};

/** The keys stored for a post in news_post_keys: a viewer sees it when one of its keys is among them. */
export function postKeys(audience: Pick<PostAudience, "tierIds" | "regions" | "partnerIds">): string[] {
  const keys = new Set<string>(audience.partnerIds.map(key.partner));
  const { tierIds, regions } = audience;
  if (tierIds.length > 0 && regions.length > 0) {
    for (const tierId of tierIds) for (const region of regions) keys.add(key.tierRegion(tierId, region));
  } else if (tierIds.length > 0) {
    for (const tierId of tierIds) keys.add(key.tier(tierId));
  } else if (regions.length > 0) {
    for (const region of regions) keys.add(key.region(region));
  } else if (audience.partnerIds.length === 0) {
    keys.add(key.all);
  }
  return [...keys].sort();
}

/** The keys a viewer's partner matches, whatever post it is. */
export function viewerKeys(viewer: Pick<AudienceViewer, "partnerId" | "tierId" | "region">): string[] {
  const keys = [key.all, key.partner(viewer.partnerId), key.region(viewer.region)];
  if (viewer.tierId) keys.push(key.tier(viewer.tierId), key.tierRegion(viewer.tierId, viewer.region));
  return keys;
}

/** news_posts.roles: "" for every partner role, else a sorted comma list. */
export function rolesColumn(roles: readonly Role[]): string {
  return [...new Set(roles)].sort().join(",");
}

export function roleMatches(rolesCsv: string, role: Role): boolean {
  return rolesCsv === "" || rolesCsv.split(",").includes(role);
}

/** The pure rule, for tests and for checking one post against one viewer without the keys table. */
export function isInAudience(audience: PostAudience, viewer: AudienceViewer): boolean {
  if (!isPartnerRole(viewer.role)) return false;
  if (audience.roles.length > 0 && !audience.roles.includes(viewer.role)) return false;
  const viewerSet = new Set(viewerKeys(viewer));
  return postKeys(audience).some((k) => viewerSet.has(k));
}
