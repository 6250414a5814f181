import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate.js";
import type { Database } from "../../db/types.js";
import { createTestDatabase, testEngines } from "../../testing/harness.js";
import { engagementColumns, financialColumns, upsertMonthFigures } from "./figures.repository.js";
import { monthFiguresByPartner } from "./figures.service.js";
import { partnerRows, random, sumsSettings } from "./figures-sums.fixtures.js";
import { figureSumsByPartner } from "./figures-sums.service.js";
import { addMonths, computeScorecard, scorecardFromSums } from "./scorecard-math.js";

const settings = sumsSettings;
const endMonth = "2026-06";
const thresholds = { marginMedian: 0, resourcesMedian: 0 };

describe.each(testEngines)("scorecard sums formed by the database on %s", (engine) => {
  let db: Kysely<Database>;
  let done: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase(engine);
    db = database.handle.db;
    await migrateToLatest(db);
    done = async () => {
      await database.handle.close();
      await database.drop();
    };
  });
  afterAll(async () => done());

  it("give the same cards as the arithmetic over each partner's rows, for every period length", async () => {
    const next = random(20260615);
    const partnerIds = Array.from({ length: 60 }, (_, i) => `partner-${String(i).padStart(3, "0")}`);
    const rows = partnerIds.flatMap((id) => partnerRows(id, next, endMonth));
    await upsertMonthFigures(db, rows, [...financialColumns, ...engagementColumns]);
    const byRows = await monthFiguresByPartner(db, addMonths(endMonth, -23), endMonth, null);
    let changedTiers = 0;
    for (const periodMonths of [1, 3, 12] as const) {
      const sums = await figureSumsByPartner(db, endMonth, periodMonths, null);
      for (const partnerId of partnerIds) {
        const expected = computeScorecard({ partnerId, months: byRows.get(partnerId) ?? [], endMonth, periodMonths, settings, thresholds });
        const partnerSums = sums.get(partnerId);
        if (!partnerSums) {
          expect(expected.period.revenueMinor, `${partnerId} has no sums but figures`).toBe(0);
          continue;
        }
        const actual = scorecardFromSums({
          partnerId,
          endMonth,
          periodMonths,
          settings,
          thresholds,
          period: partnerSums.period,
          prior: partnerSums.prior,
          tierId: partnerSums.tierId,
          tierChanges: expected.tierChanges,
        });
        expect(actual, `${partnerId} over ${periodMonths} months`).toEqual(expected);
        // The database says when the period saw a tier change, so the recompute can list its months.
        expect(partnerSums.tiersInPeriod > 1, `${partnerId} tier change`).toBe(expected.tierChanges.length > 0);
        if (expected.tierChanges.length > 0) changedTiers++;
      }
    }
    expect(changedTiers).toBeGreaterThan(0);
  });

  it("reads only the partners asked for", async () => {
    const sums = await figureSumsByPartner(db, endMonth, 12, ["partner-001", "partner-nobody"]);
    expect([...sums.keys()]).toEqual(["partner-001"]);
    expect(await figureSumsByPartner(db, endMonth, 12, [])).toEqual(new Map());
  });
});
