import { Readable } from "node:stream";
import { deflateSync } from "node:zlib";
import type { RewardKind } from "@trellis/shared";
import { updateIncentiveSettings } from "../features/incentives/incentive-settings.service.js";
import { ruleInput } from "../features/incentives/rules.schemas.js";
import { createRule, updateRule } from "../features/incentives/rules.service.js";
import { createReward, setRewardImage } from "../features/rewards/catalog.service.js";
import { rewardInput } from "../features/rewards/rewards.schemas.js";
import type { AuthenticatedActor } from "../platform/access/actor.js";
import type { AppContext } from "../platform/context.js";
import { uuidv7 } from "../platform/ids.js";
import { demoIncentiveSettings, demoRewards, demoRules } from "./incentives-content.js";

// The program as the vendor set it up: settings, the rules (base rules from before the year the
// history covers, promotions from when they were announced) and the rewards catalog with pictures.

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Saves the settings and creates every rule through the rules service, then dates each version
 * from when it was in force: `since` for base rules, the announcement for promotions. A base rule
 * changed during the year keeps its earlier version up to the change.
 */
export async function setUpProgram(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: { now: number; since: number; familyIds: Map<string, string>; productIds: Map<string, string> },
): Promise<Map<string, string>> {
  await updateIncentiveSettings(ctx, actor, demoIncentiveSettings, uuidv7());
  const ruleIds = new Map<string, string>();
  const idOf = (lookup: Map<string, string>, name: string | undefined) => {
    if (name === undefined) return null;
    const id = lookup.get(name);
    if (!id) throw new Error(`demo incentives: unknown ${name}`);
    return id;
  };
  for (const rule of demoRules) {
    const dates = rule.dates?.(new Date(input.now));
    const created = await createRule(
      ctx,
      actor,
      ruleInput.parse({
        kind: rule.kind,
        name: dates?.name ?? rule.name,
        productId: idOf(input.productIds, rule.sku),
        familyId: idOf(input.familyIds, rule.family),
        points: rule.earlier?.points ?? rule.points,
        revenueStep: rule.revenueStep ?? null,
        multiplierPercent: rule.multiplierPercent ?? null,
        startsOn: dates?.startsOn ?? null,
        endsOn: dates?.endsOn ?? null,
        monthlyCapPoints: rule.monthlyCapPoints ?? null,
      }),
      uuidv7(),
    );
    ruleIds.set(rule.key, created.id);
    const from = dates ? `${dates.announcedOn}T09:00:00.000Z` : iso(input.since);
    await ctx.db
      .updateTable("incentive_rule_versions")
      .set({ effective_from: from, created_at: from })
      .where("rule_id", "=", created.id)
      .where("version", "=", 1)
      .execute();
    if (!rule.earlier) continue;
    await updateRule(ctx, actor, created.id, { points: rule.points }, uuidv7());
    const now = new Date(input.now);
    const changed = iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - rule.earlier.monthsAgo, 1, 9));
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("incentive_rule_versions")
        .set({ effective_to: changed })
        .where("rule_id", "=", created.id)
        .where("version", "=", 1)
        .execute();
      await trx
        .updateTable("incentive_rule_versions")
        .set({ effective_from: changed, created_at: changed })
        .where("rule_id", "=", created.id)
        .where("version", "=", 2)
        .execute();
    });
  }
  return ruleIds;
}

const kindColours: Record<RewardKind, [number, number, number]> = {
  gift_card: [46, 125, 50],
  tools_equipment: [230, 126, 34],
  branded_gear: [25, 90, 160],
  training_voucher: [123, 31, 162],
  event_ticket: [192, 57, 43],
};

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 320x200 card in the kind's colour with a lighter band whose height tells the items apart. */
export function rewardPicture(kind: RewardKind, index: number): Buffer {
  const [width, height] = [320, 200];
  const [r, g, b] = kindColours[kind];
  const bandTop = 60 + (index % 5) * 12;
  const rows = Array.from({ length: height }, (_, y) => {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = y >= bandTop && y < bandTop + 40;
      const frame = x < 8 || y < 8 || x >= width - 8 || y >= height - 8;
      const mix = frame ? 0.55 : band ? 1.6 : 1;
      row.set([Math.min(255, Math.round(r * mix)), Math.min(255, Math.round(g * mix)), Math.min(255, Math.round(b * mix))], 1 + x * 3);
    }
    return row;
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The catalog through the catalog service, each item with a picture, dated `since`. */
export async function setUpCatalog(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: { since: number; tierIds: Map<string, string> },
): Promise<Map<string, string>> {
  const rewardIds = new Map<string, string>();
  for (const [index, item] of demoRewards.entries()) {
    const created = await createReward(
      ctx,
      actor,
      rewardInput.parse({
        kind: item.kind,
        name: item.name,
        description: item.description,
        pointCost: item.pointCost,
        stock: item.stock,
        eligibility: { tierIds: (item.tiers ?? []).map((name) => input.tierIds.get(name) ?? name), regions: item.regions ?? [], roles: [] },
      }),
      uuidv7(),
    );
    const picture = rewardPicture(item.kind, index);
    const stored = await ctx.storage.put(Readable.from([picture]), { maxBytes: picture.length + 1 });
    await setRewardImage(ctx, actor, created.id, { key: stored.key, contentType: "image/png" }, uuidv7());
    const at = iso(input.since + index * 60_000);
    await ctx.db.updateTable("rewards").set({ created_at: at, updated_at: at }).where("id", "=", created.id).execute();
    rewardIds.set(item.key, created.id);
  }
  return rewardIds;
}
