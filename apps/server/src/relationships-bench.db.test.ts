import { CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../../bench/generate.js";
import { checkSellThroughRollup, dayOfSales } from "../../../bench/relationships-check.js";
import { generateRelationships, type RelationshipsData } from "../../../bench/relationships-data.js";
import { naivePortfolio } from "../../../bench/relationships-naive.js";
import type { Db } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { refreshFigures } from "./features/scorecards/refresh.service.js";
import { portfolio } from "./features/scorecards/scorecards.service.js";
import { getRelationshipSettings } from "./features/scorecards/settings.service.js";
import { recordSellThrough, sellThroughByPartner } from "./features/sell-through/sell-through.service.js";
import type { AuthenticatedActor } from "./platform/access/actor.js";
import { createTestDatabase, testEngines } from "./testing/harness.js";

// The relationships bench (bench/relationships*.ts) writes its rollups in bulk instead of through the
// app: at a tiny scale, check they are what the app's write path and services would give, and that
// the naive baseline computes the same portfolio as the product.

describe.each(testEngines)("relationships bench data (%s)", (engine) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let data: RelationshipsData;
  let base: Awaited<ReturnType<typeof generate>>;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.handle.db;
    await migrateToLatest(db);
    base = await generate(db, { partners: 40, usersPerPartner: 3, products: 60, auditEntries: 0 }, "not-a-hash");
    const partners = await db.selectFrom("partners").select(["id", "tier_id", "region", "channel_manager_id"]).orderBy("id").execute();
    data = await generateRelationships(
      db,
      { lines: 6_000, tickets: 600, claims: 600 },
      { partners, users: base.users, products: base.products, managerId: base.admin?.id ?? "", passwordHash: "not-a-hash" },
    );
  }, 120_000);

  afterAll(async () => {
    await database.handle.close();
    await database.drop();
  });

  it("builds again the indexes it dropped for the load", async () => {
    const indexNames = async (handle: Db) => {
      const text =
        engine === "postgres"
          ? "select indexname as name from pg_indexes where schemaname = current_schema()"
          : "select name from sqlite_master where type = 'index' and sql is not null";
      return (await handle.executeQuery<{ name: string }>(CompiledQuery.raw(text))).rows.map((row) => row.name).sort();
    };
    const fresh = await createTestDatabase(engine);
    await migrateToLatest(fresh.handle.db);
    const migrated = await indexNames(fresh.handle.db);
    await fresh.handle.close();
    await fresh.drop();
    expect(migrated).toEqual(
      expect.arrayContaining(["sell_through_lines_partner_idx", "tickets_queue_idx", "ticket_replies_ticket_idx", "news_reads_partner_idx"]),
    );
    expect(await indexNames(db)).toEqual(migrated);
  });

  it("keeps sell_through_months equal to the lines grouped, also after the app's write path adds to it", async () => {
    expect(await checkSellThroughRollup(db, null)).toBeGreaterThan(200);
    const today = new Date().toISOString().slice(0, 10);
    const [partnerId, lines] = [...dayOfSales(data, base.products, today, 600_000).entries()][0] ?? [];
    if (!partnerId || !lines) throw new Error("no partner sells this month");
    const admin = base.users.find((user) => user.partner_id === partnerId && user.role === "partner_admin");
    if (!admin) throw new Error("the partner has no admin");
    const actor: AuthenticatedActor = {
      kind: "user",
      userId: admin.id,
      role: "partner_admin",
      partnerId,
      name: admin.name,
      email: admin.email,
      sessionId: "",
      csrfToken: "",
    };
    const recorded = await recordSellThrough({ db }, actor, partnerId, lines, "api");
    expect(recorded.lines).toBe(lines.length);
    expect(await checkSellThroughRollup(db, [partnerId])).toBeGreaterThan(0);
  });

  it("gives sellThroughByPartner the revenue and margin of the raw lines", async () => {
    const { defaultMarginBps } = await getRelationshipSettings(db);
    const margins = new Map(
      (await db.selectFrom("product_family_margins").select(["family_id", "margin_bps"]).execute()).map((m) => [m.family_id, m.margin_bps]),
    );
    const raw = await db.selectFrom("sell_through_lines").select(["partner_id", "sale_date", "family_id", "net_minor", "quantity"]).execute();
    const byFamily = new Map<string, { partnerId: string; month: string; familyId: string; revenue: number; units: number; lines: number }>();
    for (const line of raw) {
      const key = `${line.partner_id}|${line.sale_date.slice(0, 7)}|${line.family_id}`;
      const entry = byFamily.get(key) ?? {
        partnerId: line.partner_id,
        month: line.sale_date.slice(0, 7),
        familyId: line.family_id,
        revenue: 0,
        units: 0,
        lines: 0,
      };
      entry.revenue += Number(line.net_minor);
      entry.units += Number(line.quantity);
      entry.lines += 1;
      byFamily.set(key, entry);
    }
    const expected = new Map<string, { partnerId: string; month: string; revenueMinor: number; marginMinor: number; units: number; lines: number }>();
    for (const f of byFamily.values()) {
      const key = `${f.partnerId}|${f.month}`;
      const entry = expected.get(key) ?? { partnerId: f.partnerId, month: f.month, revenueMinor: 0, marginMinor: 0, units: 0, lines: 0 };
      entry.revenueMinor += f.revenue;
      entry.marginMinor += Math.round((f.revenue * (margins.get(f.familyId) ?? defaultMarginBps)) / 10_000);
      entry.units += f.units;
      entry.lines += f.lines;
      expected.set(key, entry);
    }
    const actual = await sellThroughByPartner(db, { fromMonth: data.months[0] as string, toMonth: data.months.at(-1) as string });
    const sort = <T extends { partnerId: string; month: string }>(rows: T[]) =>
      rows.sort((a, b) => a.partnerId.localeCompare(b.partnerId) || a.month.localeCompare(b.month));
    expect(actual.length).toBeGreaterThan(100);
    expect(sort(actual)).toEqual(sort([...expected.values()]));
  });

  it("computes the same trailing-twelve-month portfolio naively from raw rows as the product does from its rollups", async () => {
    await refreshFigures(db, { months: data.months });
    const view = await portfolio(db, { period: "t12" });
    const naive = await naivePortfolio(db, engine, data.months.slice(-12));
    expect(view.partners.filter((p) => p.revenueMinor > 0 && p.resourcesMinor > 0).length).toBeGreaterThan(10);
    for (const partner of view.partners) {
      const figures = naive.get(partner.partnerId) ?? { revenueMinor: 0, marginMinor: 0, resourcesMinor: 0 };
      expect({ id: partner.partnerId, ...figures }).toEqual({
        id: partner.partnerId,
        revenueMinor: partner.revenueMinor,
        marginMinor: partner.marginMinor,
        resourcesMinor: partner.resourcesMinor,
      });
    }
  });
});
