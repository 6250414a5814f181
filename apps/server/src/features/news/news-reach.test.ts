import { type PartnerRole, partnerRoles, type Role } from "@trellis/shared";
import { describe, expect, it } from "vitest";
import { isInAudience, type PostAudience } from "./audience.js";
import { buildReachSnapshot, reachByPartner, reachTotal } from "./news-reach.js";

/** A small seeded network: partners over tiers and regions, each with a few active users per role. */
function network(seed: number) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const tiers = ["gold", "silver", "bronze"];
  const regions = ["Africa", "Asia Pacific", "Western Europe"];
  const partners = Array.from({ length: 40 }, (_, i) => ({
    id: `p-${i}`,
    name: `Partner ${i}`,
    tierId: random() < 0.15 ? null : pick(tiers),
    region: pick(regions),
  }));
  const users = new Map<string, Map<PartnerRole, number>>();
  for (const partner of partners) {
    if (random() < 0.1) continue; // no active users
    users.set(partner.id, new Map(partnerRoles.map((role) => [role, Math.floor(random() * 5)])));
  }
  const audience = (): PostAudience => ({
    tierIds: tiers.filter(() => random() < 0.3),
    regions: regions.filter(() => random() < 0.3),
    partnerIds: partners.filter(() => random() < 0.05).map((partner) => partner.id),
    roles: partnerRoles.filter(() => random() < 0.3) as Role[],
  });
  return { partners, users, audience };
}

describe("news reach", () => {
  it("adds up the same from per-key totals as partner by partner, and as the audience rule says", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { partners, users, audience } = network(seed);
      const snapshot = buildReachSnapshot(partners, users);
      for (let i = 0; i < 200; i++) {
        const post = audience();
        const roles = post.roles.length > 0 ? post.roles : partnerRoles;
        // The rule itself, partner by partner and role by role.
        const expected = partners.reduce(
          (sum, partner) =>
            sum +
            roles.reduce((inner, role) => {
              const viewer = { partnerId: partner.id, tierId: partner.tierId, region: partner.region, role };
              return inner + (isInAudience(post, viewer) ? (users.get(partner.id)?.get(role as PartnerRole) ?? 0) : 0);
            }, 0),
          0,
        );
        expect(reachTotal(snapshot, post), JSON.stringify(post)).toBe(expected);
        expect(reachByPartner(snapshot, post).total, JSON.stringify(post)).toBe(expected);
      }
    }
  });

  it("counts a named partner once even when its tier is chosen too, and no one for an unknown partner", () => {
    const snapshot = buildReachSnapshot(
      [
        { id: "a", name: "A", tierId: "gold", region: "Africa" },
        { id: "b", name: "B", tierId: "silver", region: "Africa" },
      ],
      new Map([
        ["a", new Map<PartnerRole, number>([["sales_rep", 2]])],
        ["b", new Map<PartnerRole, number>([["technician", 3]])],
      ]),
    );
    const audience = (over: Partial<PostAudience>): PostAudience => ({ tierIds: [], regions: [], partnerIds: [], roles: [], ...over });
    expect(reachTotal(snapshot, audience({ tierIds: ["gold"], partnerIds: ["a"] }))).toBe(2);
    expect(reachTotal(snapshot, audience({ tierIds: ["gold"], partnerIds: ["b"] }))).toBe(5);
    expect(reachTotal(snapshot, audience({ partnerIds: ["gone"] }))).toBe(0);
    expect(reachTotal(snapshot, audience({}))).toBe(5);
    expect(reachTotal(snapshot, audience({ roles: ["technician"] }))).toBe(3);
    expect(reachByPartner(snapshot, audience({ regions: ["Africa"], roles: ["sales_rep"] })).byPartner).toEqual(
      new Map([
        ["a", 2],
        ["b", 0],
      ]),
    );
  });
});
