import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../db/dialect.js";
import type { PartnerMonthFiguresTable } from "../../db/types.js";
import { systemActor } from "../../platform/access/actor.js";
import { parseCsv } from "../../platform/http/csv.js";
import { uuidv7 } from "../../platform/ids.js";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { extractPdfText } from "../library/pdf-text.js";
import { quadrantOf } from "./scorecard-math.js";
import { updateRelationshipSettings } from "./settings.service.js";

// The scorecard exports, end to end over HTTP: month figures are seeded straight into the
// scorecards' own table, so every figure below is hand-computed from them.

type Client = Awaited<ReturnType<typeof signedIn>>["client"];
const query = "?period=quarter&endMonth=2024-06";

function monthRow(partnerId: string, month: string, figures: Partial<PartnerMonthFiguresTable>): PartnerMonthFiguresTable {
  return {
    partner_id: partnerId,
    month,
    tier_id: null,
    revenue_minor: 0,
    margin_minor: 0,
    sell_through_revenue_minor: 0,
    claims_revenue_minor: 0,
    units: 0,
    support_minutes: null,
    support_cost_minor: null,
    support_allowance_minutes: null,
    incentive_points: null,
    incentive_cost_minor: null,
    training_cost_minor: null,
    marketing_cost_minor: 0,
    channel_manager_cost_minor: 0,
    channel_manager_hours_hundredths: 0,
    other_cost_minor: 0,
    active_users: null,
    library_users: null,
    news_readers: null,
    certified_staff: null,
    logins: null,
    refreshed_at: nowIso(),
    ...figures,
  };
}

describe.each(testEngines)("scorecard exports on %s", (engine) => {
  let app: TestApp;
  let alpha: { id: string; name: string };
  let beta: { id: string; name: string };
  let manager: Client;
  let finance: Client;
  let alphaAdmin: Client;
  let betaAdmin: Client;
  const folder = mkdtempSync(join(tmpdir(), "trellis-review-"));

  beforeAll(async () => {
    app = await createTestApp(engine);
    alpha = await createPartner(app, { name: "Alpha Security" });
    beta = await createPartner(app, { name: "Beta Systems" });
    manager = (await signedIn(app, "channel_manager")).client;
    finance = (await signedIn(app, "finance")).client;
    alphaAdmin = (await signedIn(app, "partner_admin", alpha.id)).client;
    betaAdmin = (await signedIn(app, "partner_admin", beta.id)).client;
    await updateRelationshipSettings(app.ctx, systemActor, { currency: "EUR" }, "test");
    // Alpha, quarter 2024-04..06 (prior 2024-01..03):
    //   revenue 10000.50 + 5000.00 - 200.00 (a return) = 14800.50; margin 3000.15 + 1500.00 - 60.00 = 4440.15
    //   resources: support 200 + 100 + 0 = 300.00, marketing 1000.00, channel manager 90.00, other 830.00 = 2220.00;
    //   incentives and training not measured. Net 2220.15; return 444015 / 222000 = 2.0001.
    //   Health: return 0.6667 x 40 + growth 1 (14800.50 against 8000.00) x 20, over 60 = 77.78 -> 78.
    // Beta: revenue 1000.00, margin 300.00, marketing 2000.00: net -1700.00, return 0.15,
    //   health 0.05 x 40 + 1 x 20 over 60 = 36.67 -> 37.
    await app.ctx.db
      .insertInto("partner_month_figures")
      .values([
        monthRow(alpha.id, "2024-01", { revenue_minor: 800_000, margin_minor: 240_000 }),
        monthRow(alpha.id, "2024-04", {
          revenue_minor: 1_000_050,
          margin_minor: 300_015,
          support_minutes: 600,
          support_cost_minor: 20_000,
          marketing_cost_minor: 100_000,
          channel_manager_cost_minor: 9_000,
          channel_manager_hours_hundredths: 100,
        }),
        monthRow(alpha.id, "2024-05", {
          revenue_minor: 500_000,
          margin_minor: 150_000,
          support_minutes: 300,
          support_cost_minor: 10_000,
          other_cost_minor: 83_000,
        }),
        monthRow(alpha.id, "2024-06", { revenue_minor: -20_000, margin_minor: -6_000, support_minutes: 0, support_cost_minor: 0 }),
        monthRow(beta.id, "2024-05", { revenue_minor: 100_000, margin_minor: 30_000, marketing_cost_minor: 200_000 }),
      ])
      .execute();
    await app.ctx.db
      .insertInto("relationship_flags")
      .values({
        id: uuidv7(),
        partner_id: beta.id,
        rule: "net_negative",
        status: "open",
        raised_on: "2024-06-30",
        figures: "{}",
        notified_user_id: null,
        notified_at: null,
        cleared_at: null,
        created_at: nowIso(),
      })
      .execute();
    const decision = await manager.post(`/api/v1/partners/${beta.id}/decisions`, {
      kind: "fix",
      reason: "Marketing funds outrun the margin: agree a joint plan before the next quarter",
      reviewOn: "2099-03-31",
      actions: [
        { side: "vendor", title: "Pause the co-op campaign", owner: "Channel team", dueOn: "2099-01-15" },
        { side: "partner", title: "Submit a pipeline review", owner: "Beta sales lead", dueOn: "2099-02-01" },
      ],
    });
    expect(decision.statusCode, decision.body).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function pdfOf(bytes: Buffer): Promise<{ text: string; pages: number }> {
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    const file = join(folder, `${uuidv7()}.pdf`);
    writeFileSync(file, bytes);
    return { text: (await extractPdfText(file)).text, pages };
  }

  const linesOf = (csv: string) => csv.trimEnd().split("\n");

  it("exports the portfolio with one row per partner and the figures as decimals of the currency", async () => {
    const response = await finance.get(`/api/v1/relationships/portfolio.csv${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="portfolio-quarter-2024-06.csv"');
    const lines = linesOf(response.body);
    expect(lines[0]).toBe(
      "partner_id,partner,tier,status,channel_manager,currency,revenue,margin,resources,net_contribution,return_on_resources,health,quadrant,open_flags,decision,decision_review_on",
    );
    // Quadrants against the medians of the two (margin 2370.075, resources 2110); the rule itself is scorecard-math's.
    const medians = { marginMedian: 237_007.5, resourcesMedian: 211_000 };
    const alphaQuadrant = quadrantOf({ revenueMinor: 1_480_050, marginMinor: 444_015, resourcesMinor: 222_000 }, medians);
    const betaQuadrant = quadrantOf({ revenueMinor: 100_000, marginMinor: 30_000, resourcesMinor: 200_000 }, medians);
    expect(lines.slice(1)).toEqual([
      `${alpha.id},Alpha Security,,active,,EUR,14800.5,4440.15,2220,2220.15,2.0001,78,${alphaQuadrant},,,`,
      `${beta.id},Beta Systems,,active,,EUR,1000,300,2000,-1700,0.15,37,${betaQuadrant},net_negative,fix,2099-03-31`,
    ]);
  });

  it("writes money with the currency's own minor digits (JPY none, KWD three) and neutralises formulas", async () => {
    const evil = await createPartner(app, { name: '=HYPERLINK("http://x")' });
    try {
      await updateRelationshipSettings(app.ctx, systemActor, { currency: "JPY" }, "test");
      const lineOf = (lines: string[], id: string) => lines.find((line) => line.startsWith(id));
      const yen = linesOf((await finance.get(`/api/v1/relationships/portfolio.csv${query}`)).body);
      expect(lineOf(yen, alpha.id)).toContain(",JPY,1480050,444015,222000,222015,");
      await updateRelationshipSettings(app.ctx, systemActor, { currency: "KWD" }, "test");
      const dinar = linesOf((await finance.get(`/api/v1/relationships/portfolio.csv${query}`)).body);
      expect(lineOf(dinar, alpha.id)).toContain(",KWD,1480.05,444.015,222,222.015,");
      expect(lineOf(dinar, beta.id)).toContain(",KWD,100,30,200,-170,");
      expect(lineOf(dinar, evil.id)).toBe(`${evil.id},"'=HYPERLINK(""http://x"")",,active,,KWD,0,0,0,0,,,cut,,,`);
    } finally {
      await updateRelationshipSettings(app.ctx, systemActor, { currency: "EUR" }, "test");
      await app.ctx.db.deleteFrom("partners").where("id", "=", evil.id).execute();
    }
  });

  it("exports one partner's card: period figures, resources (not measured as such), health and 24 trend months", async () => {
    const response = await manager.get(`/api/v1/partners/${alpha.id}/scorecard.csv${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-disposition"]).toBe('attachment; filename="scorecard-alpha-security-2024-06.csv"');
    const rows = parseCsv(response.body, ["section", "item", "value"]);
    const cell = (section: string, item: string, column = "value") => rows.find((r) => r.section === section && r.item === item)?.[column];
    expect(cell("partner", "partner")).toBe("Alpha Security");
    expect(cell("partner", "currency")).toBe("EUR");
    expect([cell("period", "from_month"), cell("period", "to_month"), cell("period", "from_month", "prior_period")]).toEqual([
      "2024-04",
      "2024-06",
      "2024-01",
    ]);
    expect(["revenue", "margin", "resources", "net_contribution", "return_on_resources"].map((item) => cell("period", item))).toEqual([
      "14800.5",
      "4440.15",
      "2220",
      "2220.15",
      "2.0001",
    ]);
    expect([cell("period", "revenue", "prior_period"), cell("period", "resources", "prior_period")]).toEqual(["8000", "0"]);
    expect([cell("period", "revenue_growth"), cell("period", "support_minutes"), cell("period", "support_minutes", "prior_period")]).toEqual([
      "0.8501",
      "900",
      "not measured",
    ]);
    expect([cell("period", "channel_manager_hours"), cell("period", "health_score"), cell("period", "certified_staff")]).toEqual([
      "1",
      "78",
      "not measured",
    ]);
    expect(rows.filter((r) => r.section === "resources").map((r) => [r.item, r.value, r.prior_period])).toEqual([
      ["support", "300", "not measured"],
      ["incentives", "not measured", "not measured"],
      ["training", "not measured", "not measured"],
      ["marketing_funds", "1000", "0"],
      ["channel_manager", "90", "0"],
      ["other", "830", "0"],
    ]);
    const health = rows.filter((r) => r.section === "health");
    expect(health.map((r) => [r.item, r.value, r.weight, r.applied_weight_percent])).toEqual([
      ["return_on_resources", "0.6667", "40", "66.67"],
      ["growth", "1", "20", "33.33"],
      ["engagement", "not measured", "20", "0"],
      ["certification", "not measured", "10", "0"],
      ["support_within_allowance", "not measured", "10", "0"],
    ]);
    expect(health[0]?.basis).toBe("return 2x against a 3x target");
    const trend = rows.filter((r) => r.section === "trend");
    expect(trend.map((r) => r.item)).toHaveLength(24);
    expect([trend[0]?.item, trend[23]?.item]).toEqual(["2022-07", "2024-06"]);
    const april = trend.find((r) => r.item === "2024-04");
    expect([april?.revenue, april?.margin, april?.resources, april?.net_contribution, april?.support_minutes]).toEqual([
      "10000.5",
      "3000.15",
      "1290",
      "1710.15",
      "600",
    ]);
    expect(trend.find((r) => r.item === "2024-03")?.support_minutes).toBe("not measured");
    expect(trend.find((r) => r.item === "2024-06")?.net_contribution).toBe("-60");
  });

  it("renders a one-page review with the figures, the open flags and the decision with its actions", async () => {
    const response = await manager.get(`/api/v1/partners/${beta.id}/review.pdf${query}`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="partner-review-beta-systems-2024-06.pdf"');
    const { text, pages } = await pdfOf(response.rawPayload);
    expect(pages).toBe(1);
    for (const expected of [
      "Beta Systems",
      "Net contribution",
      "EUR -1,700.00",
      "EUR 2,000.00",
      "Health: 37 / 100",
      "Open flags (1)",
      "Net contribution below zero",
      "Decision: Fix, review on 2099-03-31",
      "Pause the co-op campaign",
      "Submit a pipeline review",
      "No joint business plan for 2024.",
    ]) {
      expect(text).toContain(expected);
    }
    const alphaPdf = await pdfOf((await finance.get(`/api/v1/partners/${alpha.id}/review.pdf${query}`)).rawPayload);
    expect(alphaPdf.pages).toBe(1);
    expect(alphaPdf.text).toContain("Alpha Security");
    expect(alphaPdf.text).toContain("EUR 2,220.15");
    expect(alphaPdf.text).toContain("not measured");
    expect(alphaPdf.text).toContain("No open decision.");
  });

  it("stays on one page with a very long name, reason and fifty actions", async () => {
    const crowded = await createPartner(app, { name: `Żółw Ünïcode 東京 ${"Very Long Partner Name ".repeat(12)}` });
    const actions = Array.from({ length: 50 }, (_, i) => ({
      side: i % 2 === 0 ? "vendor" : "partner",
      title: `Action ${i + 1} ${"with a long description ".repeat(12)}`.slice(0, 300),
      owner: "Someone with a rather long name and title",
      dueOn: "2099-06-30",
    }));
    const decision = await manager.post(`/api/v1/partners/${crowded.id}/decisions`, {
      kind: "watch",
      reason: "Because ".repeat(400).trim(),
      reviewOn: "2099-03-31",
      actions,
    });
    expect(decision.statusCode, decision.body).toBe(201);
    const response = await manager.get(`/api/v1/partners/${crowded.id}/review.pdf${query}`);
    expect(response.statusCode).toBe(200);
    const { text, pages } = await pdfOf(response.rawPayload);
    expect(pages).toBe(1);
    expect(text).toContain("Actions (50)");
    expect(text).toMatch(/\+ \d+ more/);
    expect(text).toContain("Action 1 ");
  });

  it("answers 404 for an unknown partner, 403 for the portfolio to partner roles, and 400 for a bad month", async () => {
    expect((await manager.get(`/api/v1/partners/${uuidv7()}/scorecard.csv`)).statusCode).toBe(404);
    expect((await manager.get(`/api/v1/partners/${uuidv7()}/review.pdf`)).statusCode).toBe(404);
    expect((await alphaAdmin.get(`/api/v1/relationships/portfolio.csv`)).statusCode).toBe(403);
    const bad = await finance.get("/api/v1/relationships/portfolio.csv?endMonth=2024-13");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("endMonth");
  });

  it("shows a partner admin its own card only while the vendor allows it, and never the vendor's decision", async () => {
    const own = () => alphaAdmin.get(`/api/v1/partners/${alpha.id}/scorecard.csv${query}`);
    expect((await own()).statusCode).toBe(404);
    expect((await alphaAdmin.get(`/api/v1/partners/${alpha.id}/review.pdf${query}`)).statusCode).toBe(404);
    await updateRelationshipSettings(app.ctx, systemActor, { partnerScorecardsVisible: true }, "test");
    try {
      const csv = await own();
      expect(csv.statusCode).toBe(200);
      expect(parseCsv(csv.body, ["section"]).find((r) => r.item === "net_contribution")?.value).toBe("2220.15");
      expect((await alphaAdmin.get(`/api/v1/partners/${beta.id}/scorecard.csv${query}`)).statusCode).toBe(404);
      expect((await alphaAdmin.get(`/api/v1/partners/${beta.id}/review.pdf${query}`)).statusCode).toBe(404);
      const review = await betaAdmin.get(`/api/v1/partners/${beta.id}/review.pdf${query}`);
      expect(review.statusCode).toBe(200);
      const { text, pages } = await pdfOf(review.rawPayload);
      expect(pages).toBe(1);
      expect(text).toContain("EUR -1,700.00");
      expect(text).not.toContain("Decision");
      expect(text).not.toContain("Pause the co-op campaign");
    } finally {
      await updateRelationshipSettings(app.ctx, systemActor, { partnerScorecardsVisible: false }, "test");
    }
  });
});
