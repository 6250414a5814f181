import type { Kysely } from "kysely";
import type { CostLineSource, Database } from "../db/types.js";
import type { CostLineInput } from "../features/scorecards/costs.schemas.js";
import { type NewCostLine, recordCostLines, resolveCostLine } from "../features/scorecards/costs.service.js";
import { getRelationshipSettings } from "../features/scorecards/settings.service.js";
import type { AuthenticatedActor } from "../platform/access/actor.js";
import { demoRelationshipProfiles } from "./relationships-content.js";
import { daysIn, dayWithin, monthBack, type RelationshipWorld } from "./relationships-world.js";

// Two years of what the vendor spent on each partner besides support desk time and points:
// channel-manager hours logged by the owning manager at each month's end, marketing funds and
// field engineering imported by finance, training delivered. Each line goes through the cost
// service's own rules (resolveCostLine) and writer (rollup and audit), then is dated when it was
// entered: the day it was spent.

const months = 24;

interface Entry {
  actor: AuthenticatedActor;
  source: CostLineSource;
  input: CostLineInput;
}

/** Writes one partner cost line as a person would enter it; the amount of an hours line follows from the rate. */
export async function recordDemoCostLines(db: Kysely<Database>, partnerId: string, entries: readonly Entry[]): Promise<number> {
  const settings = await getRelationshipSettings(db);
  const groups = new Map<string, { actor: AuthenticatedActor; source: CostLineSource; lines: NewCostLine[] }>();
  for (const entry of entries) {
    const resolved = resolveCostLine(partnerId, entry.input, settings);
    if (!resolved.line) throw new Error(`demo cost line refused: ${JSON.stringify(resolved.issues)}`);
    const key = `${entry.actor.kind === "user" ? entry.actor.userId : "system"}|${entry.source}`;
    const group = groups.get(key) ?? { actor: entry.actor, source: entry.source, lines: [] };
    group.lines.push(resolved.line);
    groups.set(key, group);
  }
  let written = 0;
  await db.transaction().execute(async (trx) => {
    for (const group of groups.values()) {
      const rows = await recordCostLines(trx, group.actor, group.lines, group.source, null);
      for (const row of rows) {
        await trx
          .updateTable("partner_cost_lines")
          .set({ created_at: new Date(Math.min(Date.parse(`${row.spent_on}T16:30:00.000Z`), Date.now() - 60_000)).toISOString() })
          .where("id", "=", row.id)
          .execute();
      }
      written += rows.length;
    }
  });
  return written;
}

const decimal = (value: number) => (Math.round(value * 100) / 100).toFixed(2);

/** Every partner's cost lines over the two years, from its profile. */
export async function loadDemoCosts(db: Kysely<Database>, world: RelationshipWorld): Promise<{ lines: number }> {
  const finance = [...world.vendor.values()].find((actor) => actor.role === "finance");
  if (!finance) return { lines: 0 };
  let lines = 0;
  const today = world.now.toISOString().slice(0, 10);
  for (const [name, { costs }] of Object.entries(demoRelationshipProfiles)) {
    const partner = world.partners.get(name);
    if (!partner) continue;
    const joined = partner.createdAt.slice(0, 10);
    const entries: Entry[] = [];
    for (let monthsAgo = months - 1; monthsAgo >= 0; monthsAgo--) {
      const month = monthBack(world.now, monthsAgo);
      const spentOn = (day: number) => dayWithin(world.now, month, day, joined);
      // The current month's hours so far: its share of the month.
      const share = month === today.slice(0, 7) ? Number(today.slice(8, 10)) / daysIn(month) : 1;
      const hours = Math.round(costs.channelManagerHours(monthsAgo) * share * 2) / 2;
      const monthEnd = spentOn(31);
      if (partner.manager && hours > 0 && monthEnd) {
        entries.push({
          actor: partner.manager,
          source: "manual",
          input: {
            spentOn: monthEnd,
            category: "channel_manager",
            hours: decimal(hours),
            purpose: `Account management, ${month}: calls, visits, quotes`,
          },
        });
      }
      const marketing = costs.marketing[monthsAgo];
      const midMonth = spentOn(15);
      if (marketing && midMonth) {
        entries.push({
          actor: finance,
          source: "csv",
          input: { spentOn: midMonth, category: "marketing_funds", amount: decimal(marketing[0]), purpose: marketing[1] },
        });
      }
      const other = costs.other?.[monthsAgo];
      const late = spentOn(25);
      if (other && late) {
        entries.push({
          actor: finance,
          source: "csv",
          input: { spentOn: late, category: "other", label: other[1], amount: decimal(other[0]), purpose: other[2] },
        });
      }
      const training = costs.training?.[monthsAgo];
      const early = spentOn(8);
      if (training && early && partner.manager) {
        entries.push({
          actor: partner.manager,
          source: "manual",
          input: { spentOn: early, category: "training", amount: decimal(training[0]), hours: decimal(training[1]), purpose: training[2] },
        });
      }
    }
    lines += await recordDemoCostLines(db, partner.id, entries);
  }
  return { lines };
}
