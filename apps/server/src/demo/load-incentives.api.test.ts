import { describe, expect, it } from "vitest";
import { incentiveCostByPartner, leaderboard, liability, quarterOf, repBalance, verifyLedger } from "../features/incentives/ledger.service.js";
import { serialMatches } from "../features/products/products.service.js";
import { as, createTestApp, login, testEngines } from "../testing/harness.js";
import { loadDemoIncentives } from "./incentives.js";
import { demoRedemptions, demoRewards, fraudStory, launchedSku, rejectionReasons } from "./incentives-content.js";
import { loadDemoData } from "./load-demo.js";
import { demoPassword } from "./people.js";

const monthBack = (now: Date, back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);

describe.each(testEngines)("demo incentive program on %s", (engine) => {
  it("loads a year of claims and redemptions once, through the services, with a ledger that verifies", async () => {
    const app = await createTestApp(engine);
    const db = app.ctx.db;
    try {
      await loadDemoData(db);
      const result = await loadDemoIncentives(app.ctx);
      expect(result.loaded).toBe(true);
      const now = new Date();
      const check = await verifyLedger(db);
      expect(check.ok, JSON.stringify(check)).toBe(true);

      // The program's settings and rules, the promotions dated.
      const settings = await db.selectFrom("incentive_settings").selectAll().executeTakeFirstOrThrow();
      expect([settings.value_minor_per_1000_points, settings.currency, settings.claim_window_days, settings.auto_approve_up_to_points]).toEqual([
        1000,
        "EUR",
        60,
        500,
      ]);
      const rules = await db.selectFrom("incentive_rule_versions").selectAll().execute();
      const promo = rules.find((r) => r.name.startsWith("Double points on NV series"));
      const quarterMonth = Math.floor(now.getUTCMonth() / 3) * 3;
      expect(promo?.starts_on).toBe(new Date(Date.UTC(now.getUTCFullYear(), quarterMonth, 1)).toISOString().slice(0, 10));
      expect(rules.filter((r) => r.effective_to !== null)).toHaveLength(1); // the camera rule changed once during the year
      expect(rules.every((r) => new Date(r.effective_from).getTime() < now.getTime())).toBe(true);

      // Claims: a year of them, most from the strong partners, every status.
      const claims = await db
        .selectFrom("incentive_claims")
        .innerJoin("partners", "partners.id", "incentive_claims.partner_id")
        .select([
          "incentive_claims.id",
          "incentive_claims.status",
          "incentive_claims.points",
          "incentive_claims.invoice_date",
          "incentive_claims.created_at",
          "incentive_claims.decision_reason",
          "incentive_claims.reversal_reason",
          "incentive_claims.auto_approved",
          "incentive_claims.end_customer",
          "partners.name as partner",
        ])
        .execute();
      expect(result.claims).toBe(claims.length);
      const byStatus = (status: string) => claims.filter((c) => c.status === status);
      expect(claims.length).toBeGreaterThan(180);
      expect(claims.length).toBeLessThan(400);
      expect(byStatus("approved").length / claims.length).toBeGreaterThan(0.85);
      expect(
        byStatus("rejected")
          .map((c) => c.decision_reason)
          .sort(),
      ).toEqual([...rejectionReasons].sort());
      expect(byStatus("reversed")).toHaveLength(1);
      expect(byStatus("reversed")[0]?.reversal_reason).toBe(fraudStory.reason);
      expect(byStatus("reversed")[0]?.end_customer).toBe(fraudStory.endCustomer);
      expect(byStatus("pending").length).toBeGreaterThanOrEqual(2);
      expect(claims.filter((c) => c.auto_approved === 1).length).toBeGreaterThanOrEqual(10);
      const months = new Set(claims.map((c) => c.invoice_date.slice(0, 7)));
      for (let back = 1; back <= 11; back++) expect(months, monthBack(now, back)).toContain(monthBack(now, back));
      expect(claims.every((c) => c.invoice_date <= c.created_at.slice(0, 10) && c.created_at < now.toISOString())).toBe(true);
      const perPartner = (name: string) => claims.filter((c) => c.partner === name).length;
      expect(perPartner("Northgate Security Integrators")).toBeGreaterThan(3 * perPartner("Maple Leaf Surveillance"));
      expect(perPartner("Lagos Secure Networks")).toBe(0);

      // Serials match their product's pattern and are claimed once.
      const serials = await db
        .selectFrom("incentive_claim_serials")
        .innerJoin("products", "products.id", "incentive_claim_serials.product_id")
        .select(["incentive_claim_serials.serial", "products.serial_pattern", "products.sku"])
        .execute();
      expect(serials.length).toBeGreaterThan(1000);
      expect(serials.filter((s) => !serialMatches(s.serial_pattern, s.serial))).toEqual([]);
      expect(new Set(serials.map((s) => `${s.sku}|${s.serial}`)).size).toBe(serials.length);
      const grants = await db.selectFrom("incentive_launch_grants").select("product_id").execute();
      expect(grants).toHaveLength(1);

      // The ledger's history is dated month by month; both quarters' boards have reps on them.
      const transactions = await db.selectFrom("ledger_transactions").select(["created_at", "kind"]).execute();
      const ledgerMonths = new Set(transactions.map((t) => t.created_at.slice(0, 7)));
      expect(ledgerMonths.size).toBeGreaterThanOrEqual(11);
      const quarter = quarterOf(monthBack(now, 0));
      const previous = quarterOf(monthBack(now, 3));
      const board = await leaderboard(db, { quarter });
      expect(board.length).toBeGreaterThanOrEqual(3);
      expect((await leaderboard(db, { quarter: previous })).length).toBeGreaterThanOrEqual(5);
      expect(transactions.filter((t) => t.kind === "claim_reversed").every((t) => t.created_at.slice(0, 7) !== monthBack(now, 0))).toBe(true);

      // Redemptions in every state, stock taken from the limited items.
      const redemptions = await db.selectFrom("reward_redemptions").selectAll().execute();
      expect(redemptions).toHaveLength(demoRedemptions.length);
      expect(new Set(redemptions.map((r) => r.status))).toEqual(new Set(["requested", "approved", "fulfilled", "cancelled"]));
      expect(new Set(redemptions.map((r) => r.fulfilment).filter((f) => f !== null))).toEqual(new Set(["shipped", "delivered", "code_sent"]));
      expect(redemptions.filter((r) => r.status === "cancelled").map((r) => r.cancel_reason)).toEqual(
        demoRedemptions.filter((r) => r.end === "cancelled").map((r) => r.cancelReason),
      );
      // Each by the rep named in the content, or a team-mate when that rep was short of points then.
      const domains = await db.selectFrom("users").select(["id", "email"]).execute();
      const domainOf = (userId: string) => domains.find((u) => u.id === userId)?.email.split("@")[1];
      expect(redemptions.map((r) => domainOf(r.user_id)).sort()).toEqual(demoRedemptions.map((r) => r.repEmail.split("@")[1]).sort());
      const rewards = await db.selectFrom("rewards").selectAll().execute();
      expect(rewards).toHaveLength(demoRewards.length);
      expect(rewards.every((r) => r.image_key !== null && r.image_content_type === "image/png")).toBe(true);
      const tester = rewards.find((r) => r.name === "Network cable and PoE tester");
      expect(tester?.stock).toBe(1);

      // Liability and cost per partner from the rollups.
      const owed = await liability(db);
      expect(owed.currency).toBe("EUR");
      expect(owed.points).toBeGreaterThan(100_000);
      expect(owed.valueMinor).toBe(owed.points);
      const cost = await incentiveCostByPartner(db, { fromMonth: monthBack(now, 11), toMonth: monthBack(now, 0) });
      expect(new Set(cost.map((c) => c.month)).size).toBeGreaterThanOrEqual(11);
      const partners = await db.selectFrom("partners").select(["id", "name"]).execute();
      const earnedBy = new Map<string, number>();
      for (const row of cost) earnedBy.set(row.partnerId, (earnedBy.get(row.partnerId) ?? 0) + row.earnedPoints);
      const ranking = [...earnedBy].sort((a, b) => b[1] - a[1]).map(([id]) => partners.find((p) => p.id === id)?.name);
      expect(ranking.slice(0, 2)).toContain("Northgate Security Integrators");
      expect(cost.some((c) => c.redeemedPoints > 0)).toBe(true);

      // What people see over HTTP: a rep's statement reaches back a year; finance sees the liability.
      const rep = as(app, await login(app, "daniel.cho@northgate.example", demoPassword));
      const statement = await rep.get("/api/v1/incentives/statement?limit=200");
      expect(statement.statusCode, statement.body).toBe(200);
      const lines = (statement.json() as { items: { at: string; kind: string }[] }).items;
      expect(lines.some((l) => l.kind === "redemption_fulfilled")).toBe(true);
      expect(Math.min(...lines.map((l) => Date.parse(l.at)))).toBeLessThan(now.getTime() - 200 * 86_400_000);
      const board2 = await rep.get(`/api/v1/rewards/leaderboard?period=${previous}`);
      expect(board2.statusCode, board2.body).toBe(200);
      const entries = (board2.json() as { entries: { name: string; named: boolean; partner: { name: string }; points: number }[] }).entries;
      expect(entries.length).toBeGreaterThan(0);
      const financeClient = as(app, await login(app, "frank.finance@lumeris.example", demoPassword));
      const owedHttp = await financeClient.get("/api/v1/rewards/liability");
      expect(owedHttp.json()).toMatchObject({ points: owed.points, currency: "EUR" });
      const thermal = await db.selectFrom("products").select("id").where("sku", "=", launchedSku).executeTakeFirstOrThrow();
      expect(grants[0]?.product_id).toBe(thermal.id);

      const users = await db.selectFrom("users").select(["id", "name"]).execute();
      const nameOf = (id: string) => users.find((u) => u.id === id)?.name;
      const top = (await leaderboard(db, { quarter, limit: 3 })).map((row) => `${nameOf(row.userId)} (${row.points})`);
      const balances = await Promise.all(board.slice(0, 3).map((row) => repBalance(db, row.userId)));
      console.log(
        JSON.stringify({
          engine,
          claims: Object.fromEntries(["approved", "pending", "rejected", "reversed"].map((s) => [s, byStatus(s).length])),
          pointsEarned: cost.reduce((sum, c) => sum + c.earnedPoints, 0),
          pointsRedeemed: cost.reduce((sum, c) => sum + c.redeemedPoints, 0),
          liability: owed,
          topThisQuarter: top,
          topPreviousQuarter: entries.slice(0, 3).map((e) => `${e.name} (${e.points})`),
          topBalances: balances,
          partnersByEarned: ranking.slice(0, 4),
        }),
      );

      // A second run changes nothing.
      const counts = async () => ({
        claims: (await db.selectFrom("incentive_claims").select("id").execute()).length,
        transactions: (await db.selectFrom("ledger_transactions").select("id").execute()).length,
        rules: (await db.selectFrom("incentive_rule_versions").select("rule_id").execute()).length,
        rewards: (await db.selectFrom("rewards").select("id").execute()).length,
        redemptions: (await db.selectFrom("reward_redemptions").select("id").execute()).length,
      });
      const before = await counts();
      expect(await loadDemoIncentives(app.ctx)).toEqual({ loaded: false, claims: 0, redemptions: 0 });
      expect(await counts()).toEqual(before);
    } finally {
      await app.close();
    }
  }, 240_000);
});
