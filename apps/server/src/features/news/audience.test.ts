import { type Role, roles, vendorRoles } from "@trellis/shared";
import { describe, expect, it } from "vitest";
import { type AudienceViewer, isInAudience, type PostAudience, postKeys, roleMatches, rolesColumn, viewerKeys } from "./audience.js";

const audience = (over: Partial<PostAudience> = {}): PostAudience => ({ tierIds: [], regions: [], partnerIds: [], roles: [], ...over });
const viewer = (over: Partial<AudienceViewer> = {}): AudienceViewer => ({
  partnerId: "p-1",
  tierId: "gold",
  region: "Western Europe",
  role: "sales_rep",
  ...over,
});

/** The rule through the keys table, as the feed applies it: a key in common and the role in the list. */
function matchesByKeys(post: PostAudience, who: AudienceViewer): boolean {
  const keys = new Set(postKeys(post));
  return viewerKeys(who).some((key) => keys.has(key)) && roleMatches(rolesColumn(post.roles), who.role);
}

/** The rule as docs/news.md states it, written without the keys, to check them against. */
function byTheWords(post: PostAudience, who: AudienceViewer): boolean {
  if (post.roles.length > 0 && !post.roles.includes(who.role)) return false;
  if (post.partnerIds.includes(who.partnerId)) return true;
  if (post.tierIds.length === 0 && post.regions.length === 0) return post.partnerIds.length === 0;
  const tierOk = post.tierIds.length === 0 || (who.tierId !== null && post.tierIds.includes(who.tierId));
  const regionOk = post.regions.length === 0 || post.regions.includes(who.region);
  return tierOk && regionOk;
}

describe("news audience", () => {
  it("reaches every partner and every partner role when nothing is chosen", () => {
    expect(postKeys(audience())).toEqual(["all"]);
    for (const role of ["partner_admin", "sales_rep", "technician"] as const) {
      expect(isInAudience(audience(), viewer({ role }))).toBe(true);
      expect(isInAudience(audience(), viewer({ role, tierId: null, region: "Africa" }))).toBe(true);
    }
  });

  it("treats choices within a dimension as alternatives and across dimensions as narrowing", () => {
    const goldOrPlatinumInEmea = audience({ tierIds: ["gold", "platinum"], regions: ["Western Europe", "Middle East"] });
    expect(postKeys(goldOrPlatinumInEmea)).toHaveLength(4);
    expect(isInAudience(goldOrPlatinumInEmea, viewer())).toBe(true);
    expect(isInAudience(goldOrPlatinumInEmea, viewer({ tierId: "platinum", region: "Middle East" }))).toBe(true);
    // Right tier, wrong region; right region, wrong tier; no tier at all.
    expect(isInAudience(goldOrPlatinumInEmea, viewer({ region: "North America" }))).toBe(false);
    expect(isInAudience(goldOrPlatinumInEmea, viewer({ tierId: "silver" }))).toBe(false);
    expect(isInAudience(goldOrPlatinumInEmea, viewer({ tierId: null }))).toBe(false);

    expect(isInAudience(audience({ tierIds: ["gold"] }), viewer({ region: "Africa" }))).toBe(true);
    expect(isInAudience(audience({ tierIds: ["gold"] }), viewer({ tierId: "silver" }))).toBe(false);
    expect(isInAudience(audience({ regions: ["Africa"] }), viewer({ tierId: null, region: "Africa" }))).toBe(true);
    expect(isInAudience(audience({ regions: ["Africa"] }), viewer())).toBe(false);
  });

  it("always includes named partners, whatever their tier or region, and only them when nothing else is chosen", () => {
    const named = audience({ tierIds: ["platinum"], regions: ["Asia Pacific"], partnerIds: ["p-1"] });
    expect(isInAudience(named, viewer())).toBe(true);
    expect(isInAudience(named, viewer({ partnerId: "p-2" }))).toBe(false);
    expect(isInAudience(named, viewer({ partnerId: "p-3", tierId: "platinum", region: "Asia Pacific" }))).toBe(true);

    const onlyNamed = audience({ partnerIds: ["p-1", "p-9"] });
    expect(postKeys(onlyNamed)).toEqual(["partner:p-1", "partner:p-9"]);
    expect(isInAudience(onlyNamed, viewer())).toBe(true);
    expect(isInAudience(onlyNamed, viewer({ partnerId: "p-2" }))).toBe(false);
  });

  it("applies the role filter to everyone the post reaches, named partners included", () => {
    const repsOnly = audience({ partnerIds: ["p-1"], roles: ["sales_rep"] });
    expect(isInAudience(repsOnly, viewer())).toBe(true);
    expect(isInAudience(repsOnly, viewer({ role: "technician" }))).toBe(false);
    expect(isInAudience(audience({ roles: ["technician", "partner_admin"] }), viewer({ role: "partner_admin" }))).toBe(true);
    expect(isInAudience(audience({ roles: ["technician", "partner_admin"] }), viewer())).toBe(false);
    expect(rolesColumn(["technician", "partner_admin", "technician"])).toBe("partner_admin,technician");
    expect(rolesColumn([])).toBe("");
    expect(roleMatches("", "technician")).toBe(true);
    expect(roleMatches("partner_admin,technician", "sales_rep")).toBe(false);
  });

  it("follows a partner that moves tier: the new tier's posts, no longer the old tier's", () => {
    const forGold = audience({ tierIds: ["gold"] });
    const forSilver = audience({ tierIds: ["silver"] });
    const before = viewer({ tierId: "silver" });
    const after = viewer({ tierId: "gold" });
    expect([isInAudience(forGold, before), isInAudience(forSilver, before)]).toEqual([false, true]);
    expect([isInAudience(forGold, after), isInAudience(forSilver, after)]).toEqual([true, false]);
  });

  it("never puts a vendor role in an audience, even one that lists every partner", () => {
    for (const role of vendorRoles) {
      expect(isInAudience(audience(), viewer({ role }))).toBe(false);
      expect(isInAudience(audience({ partnerIds: ["p-1"] }), viewer({ role }))).toBe(false);
    }
  });

  it("gives the documented answer, through the keys table and the pure rule alike, over many combinations", () => {
    const tiers = [[], ["gold"], ["gold", "silver"]];
    const regionChoices = [[], ["Western Europe"], ["Africa", "Western Europe"]];
    const partnerChoices = [[], ["p-1"], ["p-2"]];
    const roleChoices: Role[][] = [[], ["sales_rep"], ["technician", "partner_admin"]];
    const viewers = ["p-1", "p-2", "p-3"].flatMap((partnerId) =>
      [null, "gold", "silver", "bronze"].flatMap((tierId) =>
        ["Western Europe", "Africa"].flatMap((region) =>
          (["partner_admin", "sales_rep", "technician"] as const).map((role) => viewer({ partnerId, tierId, region, role })),
        ),
      ),
    );
    let checked = 0;
    for (const tierIds of tiers)
      for (const regions of regionChoices)
        for (const partnerIds of partnerChoices)
          for (const chosenRoles of roleChoices) {
            const post = audience({ tierIds, regions, partnerIds, roles: chosenRoles });
            for (const who of viewers) {
              const expected = byTheWords(post, who);
              expect(isInAudience(post, who), JSON.stringify({ post, who })).toBe(expected);
              expect(matchesByKeys(post, who), JSON.stringify({ post, who })).toBe(expected);
              checked += 1;
            }
          }
    expect(checked).toBe(81 * viewers.length);
    expect(roles.filter((role) => isInAudience(audience(), viewer({ role })))).toEqual(["partner_admin", "sales_rep", "technician"]);
  });
});
