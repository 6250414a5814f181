import type { Kysely } from "kysely";
import { nowIso } from "../db/dialect.js";
import type { Database } from "../db/types.js";
import { evaluateRelationships } from "../features/scorecards/evaluation.service.js";
import { refreshFigures } from "../features/scorecards/refresh.service.js";
import { updateRelationshipSettings } from "../features/scorecards/settings.service.js";
import { setFamilyMargins } from "../features/sell-through/sell-through.service.js";
import type { AppContext } from "../platform/context.js";
import { uuidv7 } from "../platform/ids.js";
import { bigReseller, demoFamilyMargins, demoRelationshipSettings, dormantReseller, type FamilyName } from "./relationships-content.js";
import { loadDemoCosts } from "./relationships-costs.js";
import { loadHarborFixPlan, loadVistulaCut } from "./relationships-decisions.js";
import { loadDemoPlans } from "./relationships-plans.js";
import { loadDemoSales } from "./relationships-sales.js";
import { atOn, dayFrom, monthBack, readWorld } from "./relationships-world.js";
import { seededRandom } from "./support-random.js";

// The demo's partner relationships (docs/relationships.md): the thesis in the vendor's own
// numbers. Load it after the support desk, news and incentive demos, whose time, reads and points
// it measures; without them those sources are measured zeros and the story is told by sales and
// cost lines alone.

/** How many days before the load the daily evaluation first flagged Harbor (its fix plan came a week later). */
export const flaggedDaysAgo = 33;

export interface RelationshipsLoaded {
  loaded: boolean;
  sellThroughLines: number;
  costLines: number;
  flagsOpen: number;
  ms: number;
}

/** Dates the flags the evaluation just raised (and their timeline entries) on the day it ran. */
async function backdateFlags(db: Kysely<Database>, since: string, at: string): Promise<void> {
  const flags = await db.selectFrom("relationship_flags").select(["id", "notified_at"]).where("created_at", ">=", since).execute();
  await db.transaction().execute(async (trx) => {
    for (const flag of flags) {
      await trx
        .updateTable("relationship_flags")
        .set({ created_at: at, ...(flag.notified_at ? { notified_at: at } : {}) })
        .where("id", "=", flag.id)
        .execute();
      await trx.updateTable("relationship_timeline").set({ at }).where("flag_id", "=", flag.id).where("kind", "=", "flag_raised").execute();
    }
  });
}

/**
 * Loads two years of sell-through, cost lines, the relationship settings and family margins,
 * refreshes every partner's figures (engagement included), runs the daily evaluation as it ran
 * five weeks ago and again today, and records the decisions and joint business plans. Every step
 * goes through the features' services; what the services stamp with the load time is then dated
 * when it happened. Loaded once: when any sell-through exists, nothing changes.
 * `fixPlan: false` leaves Harbor flagged without a decision, for the end-to-end test to record it.
 */
export async function loadDemoRelationships(ctx: AppContext, options: { fixPlan?: boolean } = {}): Promise<RelationshipsLoaded> {
  const started = performance.now();
  const db = ctx.db;
  const none: RelationshipsLoaded = { loaded: false, sellThroughLines: 0, costLines: 0, flagsOpen: 0, ms: 0 };
  if (await db.selectFrom("sell_through_batches").select("id").limit(1).executeTakeFirst()) return none;
  const now = new Date();
  const world = await readWorld(db, now, seededRandom(7_2026));
  const admin = [...world.vendor.values()].find((actor) => actor.role === "vendor_admin");
  const finance = [...world.vendor.values()].find((actor) => actor.role === "finance");
  if (!admin || !finance) return none;

  await updateRelationshipSettings(ctx, admin, demoRelationshipSettings, uuidv7());
  await setFamilyMargins(ctx, finance, {
    margins: (Object.entries(demoFamilyMargins) as [FamilyName, number][]).flatMap(([family, marginBps]) => {
      const familyId = world.families.get(family);
      return familyId ? [{ familyId, marginBps }] : [];
    }),
  });
  const sales = await loadDemoSales(ctx, world);
  const costs = await loadDemoCosts(db, world);

  const months = Array.from({ length: 24 }, (_, i) => monthBack(now, 23 - i));
  await refreshFigures(db, { months, engagement: true, endMonth: monthBack(now, 0) });
  // The evaluation as it ran five weeks ago, with that day's figures, then the decisions it led to.
  const flaggedOn = dayFrom(now, -flaggedDaysAgo);
  const before = nowIso();
  await evaluateRelationships(ctx, { today: flaggedOn });
  await backdateFlags(db, before, atOn(now, flaggedOn, 5));
  const harbor = world.partners.get(bigReseller);
  if (harbor && options.fixPlan !== false) await loadHarborFixPlan(ctx, world, harbor);
  const vistula = world.partners.get(dormantReseller);
  if (vistula) await loadVistulaCut(ctx, world, vistula);
  await loadDemoPlans(ctx, world);
  // And today's run: this month and last refreshed, flags kept, raised or cleared.
  const today = await evaluateRelationships(ctx);
  return {
    loaded: true,
    sellThroughLines: sales.lines,
    costLines: costs.lines,
    flagsOpen: today.open,
    ms: Math.round(performance.now() - started),
  };
}
