import { describe, expect, it } from "vitest";
import { as, createTestApp, login, type TestApp, testEngines } from "../testing/harness.js";
import { loadDemoIncentives } from "./incentives.js";
import { loadDemoData } from "./load-demo.js";
import { loadDemoNews } from "./news.js";
import { demoPassword } from "./people.js";
import { flaggedDaysAgo, loadDemoRelationships } from "./relationships.js";
import { bigReseller, dormantReseller, efficientReseller } from "./relationships-content.js";
import { loadDemoSupport } from "./support.js";

interface PortfolioPartner {
  partnerId: string;
  name: string;
  status: string;
  revenueMinor: number;
  marginMinor: number;
  resourcesMinor: number;
  netContributionMinor: number;
  returnOnResources: number | null;
  healthScore: number | null;
  quadrant: string;
  openFlags: string[];
  decision: { id: string; kind: string; status: string; reviewOn: string | null } | null;
}
interface Decision {
  kind: string;
  status: string;
  decidedAt: string;
  reviewOn: string | null;
  cut: { noticeOn: string; reduceOn: string; endOn: string; stage: string } | null;
  outcome: string | null;
  actions: { side: string; status: string; dueOn: string; doneAt: string | null }[];
  reviews: { outcome: string; reviewedAt: string }[];
}
interface TimelineEvent {
  at: string;
  kind: string;
  title: string;
}

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const daysAgo = (iso: string) => Math.round((Date.now() - Date.parse(iso)) / 86_400_000);

async function portfolioOf(app: TestApp) {
  const manager = as(app, await login(app, "maria.channel@lumeris.example", demoPassword));
  const response = await manager.get("/api/v1/relationships/portfolio");
  expect(response.statusCode, response.body).toBe(200);
  const partners = (response.json() as { partners: PortfolioPartner[] }).partners;
  const named = (name: string) => {
    const partner = partners.find((p) => p.name === name);
    if (!partner) throw new Error(`${name} is not in the portfolio`);
    return partner;
  };
  return { manager, partners, named };
}

describe.each(testEngines)("demo partner relationships on %s", (engine) => {
  it("tells the thesis in the vendor's numbers: a flagged big reseller with a fix plan, an efficient small one, a dormant one proposed for cut, room for eight", async () => {
    const app = await createTestApp(engine);
    const db = app.ctx.db;
    try {
      await loadDemoData(db);
      await loadDemoSupport(app.ctx);
      await loadDemoNews(app.ctx);
      await loadDemoIncentives(app.ctx);
      const result = await loadDemoRelationships(app.ctx);
      expect(result.loaded).toBe(true);
      expect(result.sellThroughLines).toBeGreaterThan(800);
      const { manager, partners, named } = await portfolioOf(app);
      expect(partners).toHaveLength(11); // the dozen but the terminated one

      // The big reseller: second in revenue, yet its margin does not cover what it consumes; flagged, in "fix".
      const harbor = named(bigReseller);
      const byRevenue = [...partners].sort((a, b) => b.revenueMinor - a.revenueMinor);
      expect(byRevenue.indexOf(harbor)).toBeLessThanOrEqual(1);
      expect(harbor.netContributionMinor).toBeLessThan(0);
      expect(harbor.resourcesMinor).toBe(Math.max(...partners.map((p) => p.resourcesMinor)));
      expect(harbor.openFlags).toContain("net_negative");
      expect(harbor.quadrant).toBe("fix");
      expect(harbor.decision).toMatchObject({ kind: "fix", status: "open" });

      // A few strong partners earn their keep three times over or so; the small efficient one has the best return.
      const strong = partners.filter((p) => p.netContributionMinor > 0 && (p.returnOnResources ?? 0) >= 2.5);
      expect(strong.map((p) => p.name)).toEqual(expect.arrayContaining(["Northgate Security Integrators", "Rheinwacht Sicherheitstechnik"]));
      expect(strong.length).toBeGreaterThanOrEqual(3);
      const andes = named(efficientReseller);
      const best = [...partners].sort((a, b) => (b.returnOnResources ?? -1) - (a.returnOnResources ?? -1))[0];
      expect(best?.name).toBe(efficientReseller);
      expect(andes.quadrant).toBe("invest");
      expect(andes.revenueMinor).toBeLessThan(harbor.revenueMinor / 2);

      // The dormant one: cut quadrant, with a cut decision whose steps are all ahead.
      const vistula = named(dormantReseller);
      expect(vistula.quadrant).toBe("cut");
      expect(vistula.decision).toMatchObject({ kind: "cut", status: "open" });
      const vistulaDecisions = (await manager.get(`/api/v1/partners/${vistula.partnerId}/decisions`)).json() as { items: Decision[] };
      const cut = vistulaDecisions.items.find((d) => d.kind === "cut");
      expect(cut?.cut?.stage).toBe("notice");
      expect(cut?.cut?.noticeOn && cut.cut.noticeOn > day(0)).toBe(true);
      expect(cut?.cut?.reduceOn && cut.cut.reduceOn > cut.cut.noticeOn).toBe(true);
      expect(vistulaDecisions.items.find((d) => d.kind === "watch")).toMatchObject({ status: "closed", outcome: "cut" });

      // Capacity: the team's hours support eight partners well, against ten in a live relationship.
      const capacity = (await manager.get("/api/v1/relationships/capacity")).json() as {
        partnersSupportable: number;
        activePartners: number;
        overBy: number;
        hoursUsed: number;
        partners: { name: string; monthlyHours: number }[];
      };
      expect([capacity.partnersSupportable, capacity.activePartners, capacity.overBy]).toEqual([8, 10, 2]);
      expect(capacity.partners[0]?.name).toBe(bigReseller);
      expect(capacity.partners[0]?.monthlyHours).toBeGreaterThan(1.5 * 30); // half again what a well-supported partner needs

      // Harbor's scorecard: support over its allowance, 24 months of trend, resources by category.
      const card = (await manager.get(`/api/v1/partners/${harbor.partnerId}/scorecard`)).json() as {
        scorecard: {
          period: { supportMinutes: number; supportAllowanceMinutes: number; resources: { category: string; amountMinor: number | null }[] };
        };
        trend: { month: string; revenueMinor: number; supportMinutes: number | null }[];
        flags: { rule: string }[];
      };
      expect(card.scorecard.period.supportMinutes).toBeGreaterThan(1.5 * card.scorecard.period.supportAllowanceMinutes);
      const spent = new Map(card.scorecard.period.resources.map((r) => [r.category, r.amountMinor ?? 0]));
      for (const category of ["support", "marketing_funds", "channel_manager", "other", "incentives"]) expect(spent.get(category)).toBeGreaterThan(0);
      expect(card.trend).toHaveLength(24);
      expect(card.trend.slice(-20).every((point) => point.revenueMinor > 0)).toBe(true);
      const northgateCard = (
        await manager.get(`/api/v1/partners/${named("Northgate Security Integrators").partnerId}/scorecard`)
      ).json() as typeof card;
      expect(northgateCard.trend.every((point) => point.revenueMinor > 0)).toBe(true);

      // The fix plan: decided weeks ago after the flags, actions on both sides in progress, one review.
      const decisions = (await manager.get(`/api/v1/partners/${harbor.partnerId}/decisions`)).json() as { items: Decision[] };
      const fix = decisions.items.find((d) => d.kind === "fix");
      expect(fix?.status).toBe("open");
      expect(daysAgo(fix?.decidedAt ?? "")).toBeGreaterThanOrEqual(20);
      expect(fix?.reviewOn && fix.reviewOn > day(0)).toBe(true);
      expect(fix?.reviews.map((r) => r.outcome)).toEqual(["continue"]);
      for (const side of ["vendor", "partner"]) {
        const mine = fix?.actions.filter((a) => a.side === side) ?? [];
        expect(mine.map((a) => a.status).sort(), side).toEqual(["done", "open"]);
      }
      const timeline = ((await manager.get(`/api/v1/partners/${harbor.partnerId}/timeline?limit=50`)).json() as { items: TimelineEvent[] }).items;
      const first = (kind: string) => timeline.filter((e) => e.kind === kind).at(-1);
      const flagged = first("flag_raised");
      const opened = first("decision_opened");
      const reviewed = first("review_recorded");
      expect(Math.abs(daysAgo(flagged?.at ?? "") - flaggedDaysAgo)).toBeLessThanOrEqual(1);
      expect(flagged && opened && reviewed && flagged.at < opened.at && opened.at < reviewed.at).toBe(true);
      expect(opened?.title).toBe(`Fix decision opened, review on ${day(-5)}`);
      expect(timeline.every((e) => Date.parse(e.at) <= Date.now())).toBe(true);

      // Joint business plans for this year, items on both sides; measured items fill themselves.
      const year = new Date().getUTCFullYear();
      for (const name of ["Northgate Security Integrators", bigReseller, efficientReseller]) {
        const plan = (await manager.get(`/api/v1/partners/${named(name).partnerId}/business-plans/${year}`)).json() as {
          status: string;
          items: { side: string; kind: string; source: string; actualValue: number | null }[];
        };
        expect(plan.status, name).toBe("agreed");
        expect(new Set(plan.items.map((i) => i.side)), name).toEqual(new Set(["vendor", "partner"]));
        expect(plan.items.find((i) => i.kind === "revenue")?.actualValue, name).toBeGreaterThan(0);
      }

      // Dated as it happened: nothing after now; sales reported the month after.
      const batches = await db.selectFrom("sell_through_batches").select("created_at").execute();
      expect(batches.every((b) => new Date(b.created_at).getTime() <= Date.now())).toBe(true);
      expect(new Set(batches.map((b) => new Date(b.created_at).toISOString().slice(0, 7))).size).toBeGreaterThanOrEqual(23);

      console.log(
        JSON.stringify({
          engine,
          ms: result.ms,
          lines: result.sellThroughLines,
          costLines: result.costLines,
          partners: byRevenue.map((p) => ({
            name: p.name,
            revenue: Math.round(p.revenueMinor / 100),
            net: Math.round(p.netContributionMinor / 100),
            ror: p.returnOnResources,
            health: p.healthScore,
            quadrant: p.quadrant,
            flags: p.openFlags,
          })),
          capacity: { supportable: capacity.partnersSupportable, active: capacity.activePartners, hoursUsed: capacity.hoursUsed },
        }),
      );

      // A second run changes nothing.
      const count = async () => (await db.selectFrom("sell_through_lines").select("id").execute()).length;
      const before = await count();
      expect((await loadDemoRelationships(app.ctx)).loaded).toBe(false);
      expect(await count()).toBe(before);
    } finally {
      await app.close();
    }
  }, 300_000);

  it("with fixPlan false leaves the big reseller flagged and undecided, for the end-to-end test to decide", async () => {
    const app = await createTestApp(engine);
    try {
      await loadDemoData(app.ctx.db);
      await loadDemoSupport(app.ctx);
      expect((await loadDemoRelationships(app.ctx, { fixPlan: false })).loaded).toBe(true);
      const { named } = await portfolioOf(app);
      const harbor = named(bigReseller);
      expect(harbor.openFlags).toContain("net_negative");
      expect(harbor.netContributionMinor).toBeLessThan(0);
      expect(harbor.decision).toBeNull();
      expect(named(dormantReseller).decision?.kind).toBe("cut");
    } finally {
      await app.close();
    }
  }, 300_000);
});
