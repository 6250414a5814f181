import { CompiledQuery, type Kysely } from "kysely";
import type { Engine } from "../apps/server/src/db/dialect.js";
import type { Database } from "../apps/server/src/db/types.js";
import { getIncentiveSettings, pointsValueMinor } from "../apps/server/src/features/incentives/incentive-settings.service.js";
import { getRelationshipSettings } from "../apps/server/src/features/scorecards/settings.service.js";
import { getSupportSettings } from "../apps/server/src/features/support/support-settings.service.js";

// The baseline the issue asks for: the portfolio (every partner's trailing-twelve-month revenue,
// margin and resources) computed straight from the raw rows, with covering indexes made for it,
// instead of from the rollups kept on write. Same rules as the refresh, so its figures must equal
// the portfolio's (checked in the bench): a partner-month with sell-through lines takes revenue and
// margin from them (margin per family and month at today's family margins), otherwise from approved
// claims at the default margin; resources are support time at today's cost per hour, points earned
// at today's point value, and the unvoided cost lines. Health is not computed (it needs the same
// inputs plus engagement), so the baseline does less than the portfolio, not more.

/** Covering indexes for the baseline only (the product does not have them): name and definition. */
export const naiveIndexes: [string, string][] = [
  ["bench_naive_lines_idx", "sell_through_lines (sale_date, partner_id, family_id, net_minor)"],
  ["bench_naive_replies_idx", "ticket_replies (created_at, partner_id, minutes)"],
  ["bench_naive_claims_decided_idx", "incentive_claims (status, decided_at, partner_id, points)"],
  ["bench_naive_claims_sale_idx", "incentive_claims (status, sale_month, partner_id, id)"],
  ["bench_naive_claim_lines_idx", "incentive_claim_lines (claim_id, currency, quantity, unit_net_minor)"],
  ["bench_naive_costs_idx", "partner_cost_lines (spent_on, partner_id, category, amount_minor, hours_hundredths, voided_at)"],
];

export async function createNaiveIndexes(db: Kysely<Database>, engine: Engine): Promise<void> {
  for (const [name, definition] of naiveIndexes) await db.executeQuery(CompiledQuery.raw(`create index ${name} on ${definition}`));
  await db.executeQuery(CompiledQuery.raw(engine === "postgres" ? "vacuum analyze" : "analyze"));
}

export interface NaiveFigures {
  revenueMinor: number;
  marginMinor: number;
  resourcesMinor: number;
}

const num = (value: unknown) => Number(value ?? 0);

function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

type NaiveSource = "sales" | "claims" | "minutes" | "points" | "costs";

/** The five grouped reads over raw rows for the months (oldest first), as SQL text and parameters. */
export function naiveQueries(
  engine: Engine,
  months: string[],
  settings: { defaultMarginBps: number; currency: string },
): Record<NaiveSource, CompiledQuery> {
  const fromMonth = months[0] as string;
  const toMonth = months[months.length - 1] as string;
  const fromDay = `${fromMonth}-01`;
  const end = new Date(`${toMonth}-01T00:00:00.000Z`);
  const toDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  const fromIso = `${fromDay}T00:00:00.000Z`;
  const toIso = `${toDay}T00:00:00.000Z`;
  const pg = engine === "postgres";
  const p = (n: number) => (pg ? `$${n}` : "?");
  const monthOf = (column: string) => (pg ? `to_char(${column} at time zone 'UTC', 'YYYY-MM')` : `substr(${column}, 1, 7)`);
  // A whole number from the settings, written into the text: SQLite's ? parameters are positional.
  const bps = Math.trunc(settings.defaultMarginBps);
  return {
    sales: CompiledQuery.raw(
      `select s.partner_id, s.month, sum(s.revenue) as revenue,
              sum((s.revenue * coalesce(m.margin_bps, ${bps}) + 5000 - (((s.revenue * coalesce(m.margin_bps, ${bps}) + 5000) % 10000) + 10000) % 10000) / 10000) as margin
         from (select partner_id, substr(sale_date, 1, 7) as month, family_id, sum(net_minor) as revenue
                 from sell_through_lines where sale_date >= ${p(1)} and sale_date < ${p(2)}
                group by partner_id, substr(sale_date, 1, 7), family_id) s
         left join product_family_margins m on m.family_id = s.family_id
        group by s.partner_id, s.month`,
      [fromDay, toDay],
    ),
    claims: CompiledQuery.raw(
      `select c.partner_id, c.sale_month as month, sum(l.quantity * l.unit_net_minor) as revenue
         from incentive_claims c join incentive_claim_lines l on l.claim_id = c.id
        where c.status = 'approved' and c.sale_month >= ${p(1)} and c.sale_month <= ${p(2)} and l.currency = ${p(3)}
        group by c.partner_id, c.sale_month`,
      [fromMonth, toMonth, settings.currency],
    ),
    minutes: CompiledQuery.raw(
      `select partner_id, ${monthOf("created_at")} as month, sum(minutes) as minutes
         from ticket_replies where created_at >= ${p(1)} and created_at < ${p(2)} and minutes > 0
        group by partner_id, ${monthOf("created_at")}`,
      [fromIso, toIso],
    ),
    points: CompiledQuery.raw(
      `select partner_id, ${monthOf("decided_at")} as month, sum(points) as points
         from incentive_claims where status = 'approved' and decided_at >= ${p(1)} and decided_at < ${p(2)}
        group by partner_id, ${monthOf("decided_at")}`,
      [fromIso, toIso],
    ),
    costs: CompiledQuery.raw(
      `select partner_id, sum(amount_minor) as amount
         from partner_cost_lines where spent_on >= ${p(1)} and spent_on < ${p(2)} and voided_at is null
        group by partner_id`,
      [fromDay, toDay],
    ),
  };
}

/**
 * The trailing twelve months (`months`, the last being the current one: sales up to today), every
 * partner, from raw rows: the five grouped reads run together (as the portfolio's are), then summed per
 * partner in JavaScript. Returns the figures per partner id.
 */
export async function naivePortfolio(db: Kysely<Database>, engine: Engine, months: string[]): Promise<Map<string, NaiveFigures>> {
  const [relationship, support, incentive] = await Promise.all([getRelationshipSettings(db), getSupportSettings(db), getIncentiveSettings(db)]);
  const queries = naiveQueries(engine, months, relationship);
  const run = <R>(query: CompiledQuery) => db.executeQuery<R>(query).then((r) => r.rows);
  const [sales, claims, minutes, points, costs] = await Promise.all([
    run<{ partner_id: string; month: string; revenue: number; margin: number }>(queries.sales),
    run<{ partner_id: string; month: string; revenue: number }>(queries.claims),
    run<{ partner_id: string; month: string; minutes: number }>(queries.minutes),
    run<{ partner_id: string; month: string; points: number }>(queries.points),
    run<{ partner_id: string; amount: number }>(queries.costs),
  ]);

  // The revenue rule, per partner-month: sell-through when there are lines, else claims at the default margin.
  const revenue = new Map<string, number>();
  const margin = new Map<string, number>();
  const resources = new Map<string, number>();
  const withLines = new Set<string>();
  for (const row of sales) {
    withLines.add(`${row.partner_id}|${row.month}`);
    add(revenue, row.partner_id, num(row.revenue));
    add(margin, row.partner_id, num(row.margin));
  }
  for (const row of claims) {
    if (withLines.has(`${row.partner_id}|${row.month}`)) continue;
    add(revenue, row.partner_id, num(row.revenue));
    add(margin, row.partner_id, Math.round((num(row.revenue) * relationship.defaultMarginBps) / 10_000));
  }
  for (const row of minutes) add(resources, row.partner_id, Math.round((num(row.minutes) * support.costPerHourMinor) / 60));
  for (const row of points) add(resources, row.partner_id, pointsValueMinor(num(row.points), incentive));
  for (const row of costs) add(resources, row.partner_id, num(row.amount));
  const figures = new Map<string, NaiveFigures>();
  for (const id of new Set([...revenue.keys(), ...resources.keys()]))
    figures.set(id, { revenueMinor: revenue.get(id) ?? 0, marginMinor: margin.get(id) ?? 0, resourcesMinor: resources.get(id) ?? 0 });
  return figures;
}
