import type { AssetUsageKind } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { AssetEventTable, Database } from "../db/types.js";
import { upsertOpened } from "../features/library/library.repository.js";
import { insertUsageEvent } from "../features/library/usage.repository.js";
import { uuidv7 } from "../platform/ids.js";
import { type DemoAsset, demoAssets } from "./library-content.js";
import { demoResellers } from "./people.js";

/**
 * 120 days of partner use of the demo library: the strong partners' reps use it every week, the
 * weak ones hardly at all, so the analytics pages tell the story the rest of the demo tells.
 * Events per user over the period, by role.
 */
const activity: Record<string, { sales_rep: number; partner_admin: number; technician: number }> = {
  "Northgate Security Integrators": { sales_rep: 60, partner_admin: 15, technician: 10 },
  "Rheinwacht Sicherheitstechnik": { sales_rep: 50, partner_admin: 12, technician: 8 },
  "Harbor City Systems": { sales_rep: 35, partner_admin: 8, technician: 5 },
  "Vigil Sécurité": { sales_rep: 30, partner_admin: 6, technician: 4 },
  "Gulf Shield Technologies": { sales_rep: 30, partner_admin: 8, technician: 4 },
  "Maple Leaf Surveillance": { sales_rep: 14, partner_admin: 3, technician: 2 },
  "Andes Vigilancia": { sales_rep: 12, partner_admin: 3, technician: 2 },
  "Southern Cross Security": { sales_rep: 10, partner_admin: 4, technician: 0 },
  "Nordic Eye Installations": { sales_rep: 0, partner_admin: 3, technician: 4 },
  "Vistula Monitoring": { sales_rep: 1, partner_admin: 0, technician: 0 },
  "Lagos Secure Networks": { sales_rep: 0, partner_admin: 2, technician: 0 },
};

const periodDays = 120;
const dayMs = 86_400_000;

// mulberry32 with a fixed seed: every fresh demo tells the same story.
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Partner {
  id: string;
  name: string;
  tier_id: string | null;
  region: string;
}

/** The same audience rule the library applies, over the demo definitions (names, not ids). */
function meantFor(asset: DemoAsset, partner: Partner, tierName: string | undefined): boolean {
  const audience = asset.audience;
  if (!audience) return true;
  if (audience.partners) return audience.partners.includes(partner.name);
  if (audience.regions) return (audience.regions as string[]).includes(partner.region);
  return tierName !== undefined && (audience.tiers ?? []).includes(tierName);
}

/** Days ago an event on this asset may fall in: after publishing, before going stale, not in its quiet spell. */
function window(asset: DemoAsset): { newest: number; oldest: number } {
  const newest = Math.max(0.1, asset.quietForDays ?? 0, asset.reviewInDays !== undefined && asset.reviewInDays < 0 ? -asset.reviewInDays : 0);
  return { newest, oldest: Math.min(periodDays, asset.publishedDaysAgo - 0.5) };
}

function kindFor(asset: DemoAsset, random: () => number): AssetUsageKind {
  const roll = random();
  if (asset.cobrand) return roll < 0.55 ? "view" : roll < 0.85 ? "cobrand_download" : "download";
  if (asset.content.kind !== "pdf") return roll < 0.85 ? "view" : "download";
  return roll < 0.55 ? "view" : "download";
}

/** The asset where the running sum of weights passes `point`. */
function weightedPick(pool: DemoAsset[], weights: number[], point: number): DemoAsset | undefined {
  let sum = 0;
  for (const [index, asset] of pool.entries()) {
    sum += weights[index] ?? 0;
    if (point < sum) return asset;
  }
  return pool.at(-1);
}

/** Days ago within the window, on a weekday when a few tries find one (reps rarely work weekends). */
function workingDay(newest: number, oldest: number, random: () => number): number {
  let days = newest + random() * (oldest - newest);
  for (let attempt = 0; attempt < 4; attempt++) {
    const weekday = new Date(Date.now() - Math.floor(days) * dayMs).getUTCDay();
    if (weekday !== 0 && weekday !== 6) break;
    days = newest + random() * (oldest - newest);
  }
  return days;
}

/** Working hours in UTC, `days` ago. */
function at(days: number, random: () => number): string {
  const day = new Date(Date.now() - Math.floor(days) * dayMs);
  day.setUTCHours(7 + Math.floor(random() * 11), Math.floor(random() * 60), Math.floor(random() * 60), 0);
  return new Date(Math.min(day.getTime(), Date.now() - 60_000)).toISOString();
}

export async function demoUsage(db: Kysely<Database>, assetIds: Map<string, string>, partners: Partner[]): Promise<void> {
  const random = seeded(20260412);
  const [users, tiers] = await Promise.all([
    db
      .selectFrom("users")
      .select(["id", "name", "role", "partner_id"])
      .where("partner_id", "is not", null)
      .orderBy("created_at")
      .orderBy("name")
      .execute(),
    db.selectFrom("tiers").select(["id", "name"]).execute(),
  ]);
  const tierName = new Map(tiers.map((tier) => [tier.id, tier.name]));
  let events: AssetEventTable[] = [];

  for (const partner of partners) {
    const plan = activity[partner.name];
    if (!plan) continue;
    const visible = demoAssets.filter((asset) => meantFor(asset, partner, partner.tier_id ? tierName.get(partner.tier_id) : undefined));
    for (const user of users.filter((u) => u.partner_id === partner.id)) {
      const role = user.role as keyof typeof plan;
      // Technicians reach for installation references and spec sheets; the others for everything.
      const pool = role === "technician" ? visible.filter((a) => a.type === "installation_reference" || a.type === "spec_sheet") : visible;
      const weights = pool.map((asset) => asset.popularity);
      const total = weights.reduce((sum, w) => sum + w, 0);
      for (let n = 0; n < (plan[role] ?? 0) && total > 0; n++) {
        const asset = weightedPick(pool, weights, random() * total);
        if (!asset) break;
        const { newest, oldest } = window(asset);
        if (oldest <= newest) continue;
        const days = workingDay(newest, oldest, random);
        const version = asset.update && days < asset.update.daysAgo ? 2 : 1;
        events.push({
          id: "",
          asset_id: assetIds.get(asset.key) ?? "",
          version,
          partner_id: partner.id,
          user_id: user.id,
          kind: kindFor(asset, random),
          occurred_at: at(days, random),
        });
      }
    }
  }

  // The demo's sales-rep login opened two assets before their latest versions came out, so the
  // "Updated" badge shows for them; other reps' badges follow from their own history above.
  const featured = users.find((user) => user.name === demoResellers[0]?.staff.find((member) => member.role === "sales_rep")?.name);
  if (featured) {
    const updatedKeys = new Set(["spec-nv16", "discovery-script"]);
    const updatedIds = new Set([...updatedKeys].map((key) => assetIds.get(key)));
    events = events.filter((event) => !(event.user_id === featured.id && updatedIds.has(event.asset_id) && event.version > 1));
    for (const asset of demoAssets.filter((a) => updatedKeys.has(a.key))) {
      events.push({
        id: "",
        asset_id: assetIds.get(asset.key) ?? "",
        version: 1,
        partner_id: featured.partner_id ?? "",
        user_id: featured.id,
        kind: "view",
        occurred_at: at((asset.update?.daysAgo ?? 0) + 9, random),
      });
    }
  }

  // Oldest first: each event moves the asset's last_used_at forward, as it did live.
  events.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
  await db.transaction().execute(async (trx) => {
    for (const event of events) {
      await insertUsageEvent(trx, { ...event, id: uuidv7() });
      // A view is the user opening the asset: it sets the version they saw ("Updated" clears).
      if (event.kind === "view") await upsertOpened(trx, event.asset_id, event.user_id, event.version, event.occurred_at);
    }
  });
}
