import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, type TestApp, testEngines } from "../../testing/harness.js";
import { engagementColumns, financialColumns, upsertMonthFigures } from "./figures.repository.js";
import { monthFiguresByPartner } from "./figures.service.js";
import { partnerRows, random } from "./figures-sums.fixtures.js";
import { currentMonthOf, refreshFigures } from "./refresh.service.js";
import { addMonths, computeScorecard } from "./scorecard-math.js";
import { recomputeScorecards } from "./scorecards-store.service.js";
import { getRelationshipSettings, scorecardSettingsOf } from "./settings.service.js";

/**
 * The stored cards add the current month to sums kept for the 23 closed months before it
 * (scorecard-bases.service.ts). Whatever is written, they must equal the cards computed from the rows.
 */
describe.each(testEngines)("stored cards over kept sums on %s", (engine) => {
  let app: TestApp;
  const endMonth = currentMonthOf();
  const partnerIds: string[] = [];

  beforeAll(async () => {
    app = await createTestApp(engine);
    for (let i = 0; i < 12; i++) partnerIds.push((await createPartner(app, { name: `Sums ${i}`, status: "active" })).id);
    const next = random(7);
    await upsertMonthFigures(
      app.ctx.db,
      partnerIds.flatMap((id) => partnerRows(id, next, endMonth)),
      [...financialColumns, ...engagementColumns],
    );
  });
  afterAll(async () => app.close());

  async function expectCardsFromRows(label: string) {
    const db = app.ctx.db;
    const settings = await getRelationshipSettings(db);
    const cards = await recomputeScorecards(db, { partnerIds: null, endMonth, settings });
    const rows = await monthFiguresByPartner(db, addMonths(endMonth, -23), endMonth, null);
    const scoring = scorecardSettingsOf(settings);
    for (const card of cards) {
      const expected = computeScorecard({
        partnerId: card.partnerId,
        months: rows.get(card.partnerId) ?? [],
        endMonth,
        periodMonths: 12,
        settings: scoring,
        thresholds: { marginMedian: 0, resourcesMedian: 0 },
      });
      expect({ ...card, quadrant: expected.quadrant }, `${label}: ${card.partnerId}`).toEqual(expected);
    }
    return cards;
  }

  const storedBases = async () =>
    (await app.ctx.db.selectFrom("scorecard_bases").select(["partner_id", "end_month", "computed_at"]).execute()).filter((row) =>
      partnerIds.includes(row.partner_id),
    );

  it("keep the closed months' sums and add the current month to them", async () => {
    expect(await expectCardsFromRows("first")).toHaveLength(partnerIds.length);
    expect((await storedBases()).every((row) => row.end_month === endMonth)).toBe(true);
    expect(await storedBases()).toHaveLength(partnerIds.length);

    // The current month changes: the kept sums still hold.
    const first = partnerIds[0] as string;
    const current = (await monthFiguresByPartner(app.ctx.db, endMonth, endMonth, [first])).get(first);
    await app.ctx.db
      .updateTable("partner_month_figures")
      .set({ revenue_minor: 123_456_789, margin_minor: 23_456_789, support_cost_minor: 99 })
      .where("partner_id", "=", first)
      .where("month", "=", endMonth)
      .execute();
    if (!current) await upsertMonthFigures(app.ctx.db, partnerRows(first, random(9), endMonth).slice(-1), financialColumns);
    await expectCardsFromRows("after the current month changed");
  });

  it("forget a partner's kept sums when the refresh writes one of its closed months", async () => {
    const [second, third] = partnerIds.slice(1, 3) as [string, string];
    const before = new Map((await storedBases()).map((row) => [row.partner_id, row.computed_at]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await refreshFigures(app.ctx.db, { months: [addMonths(endMonth, -5)], partnerIds: [second] });
    const after = new Map((await storedBases()).map((row) => [row.partner_id, row.computed_at]));
    // Summed again from the rows for that partner only; the others' are kept.
    expect(String(after.get(second)) > String(before.get(second))).toBe(true);
    expect(after.get(third)).toEqual(before.get(third));
    // The refresh pulled that month from the sources (none here): the card follows the rows again.
    await expectCardsFromRows("after a closed month was refreshed");
  });

  it("start again from the rows when the end month moves on", async () => {
    await app.ctx.db
      .updateTable("scorecard_bases")
      .set({ end_month: addMonths(endMonth, -1) })
      .where("partner_id", "in", partnerIds)
      .execute();
    await expectCardsFromRows("after the month rolled over");
    expect((await storedBases()).every((row) => row.end_month === endMonth)).toBe(true);
  });

  it("write only the cards that changed when every card is recomputed, and date the recompute", async () => {
    const db = app.ctx.db;
    await expectCardsFromRows("before");
    const cardTimes = async () =>
      new Map(
        (await db.selectFrom("partner_scorecards").select(["partner_id", "refreshed_at"]).execute()).map((row) => [
          row.partner_id,
          String(row.refreshed_at),
        ]),
      );
    const medianTime = async () =>
      String(
        (await db.selectFrom("portfolio_medians").select("refreshed_at").where("end_month", "=", endMonth).executeTakeFirstOrThrow()).refreshed_at,
      );
    const before = await cardTimes();
    const recomputedBefore = await medianTime();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [first] = partnerIds as [string];
    await db
      .updateTable("partner_month_figures")
      .set({ other_cost_minor: 4_242 })
      .where("partner_id", "=", first)
      .where("month", "=", endMonth)
      .execute();
    await expectCardsFromRows("after one partner changed");
    const after = await cardTimes();
    expect(after.get(first)).not.toEqual(before.get(first));
    for (const id of partnerIds.slice(1)) expect(after.get(id), id).toEqual(before.get(id));
    expect((await medianTime()) > recomputedBefore).toBe(true);
  });
});
