import { describe, expect, it } from "vitest";
import { serialMatches } from "../features/products/products.service.js";
import { supportHoursByPartner } from "../features/support/support-cost.service.js";
import { as, createTestApp, login, testEngines } from "../testing/harness.js";
import { loadDemoData } from "./load-demo.js";
import { demoPassword } from "./people.js";
import { loadDemoSupport } from "./support.js";
import { heavyConsumer } from "./support-content.js";

interface Listed {
  items: { id: string; number: number; status: string; sla: { state: string | null } }[];
}

const monthsBack = (now: Date, back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);

describe.each(testEngines)("demo support desk on %s", (engine) => {
  it("loads a year of uneven ticket history once, consistent with the desk's own rules", async () => {
    const app = await createTestApp(engine);
    const db = app.ctx.db;
    try {
      await loadDemoData(db);
      const result = await loadDemoSupport(app.ctx);
      expect(result.loaded).toBe(true);
      const now = new Date();
      const nowIso = now.toISOString();

      const tickets = await db.selectFrom("tickets").selectAll().execute();
      expect(result.tickets).toBe(tickets.length);
      expect(tickets.length).toBeGreaterThanOrEqual(400);
      expect(tickets.length).toBeLessThanOrEqual(600);
      expect(tickets.map((t) => Number(t.number)).sort((a, b) => a - b)).toEqual(tickets.map((_, i) => i + 1));
      const months = Array.from({ length: 12 }, (_, i) => monthsBack(now, 11 - i));
      const createdMonths = new Set(tickets.map((t) => new Date(t.created_at).toISOString().slice(0, 7)));
      // Every month of the year has tickets (the current one may not yet on its first day or two).
      expect([...createdMonths].every((month) => months.includes(month))).toBe(true);
      expect(months.slice(0, 11).every((month) => createdMonths.has(month))).toBe(true);
      expect(tickets.every((t) => new Date(t.last_activity_at).toISOString() <= nowIso)).toBe(true);
      const finished = tickets.filter((t) => t.status === "resolved" || t.status === "closed");
      expect(finished.length / tickets.length).toBeGreaterThan(0.9);
      expect(tickets.filter((t) => t.merged_into_id !== null).length).toBeGreaterThanOrEqual(5);
      const events = await db.selectFrom("ticket_events").select(["ticket_id", "kind"]).execute();
      expect(events.filter((e) => e.kind === "reopened").length).toBeGreaterThanOrEqual(3);
      expect(events.filter((e) => e.kind === "opened").length).toBe(tickets.length);

      // minutes_logged and reply_count are what the replies add up to.
      const replies = await db.selectFrom("ticket_replies").select(["ticket_id", "partner_id", "minutes", "internal", "created_at"]).execute();
      const perTicket = new Map<string, { minutes: number; count: number }>();
      for (const reply of replies) {
        const entry = perTicket.get(reply.ticket_id) ?? { minutes: 0, count: 0 };
        perTicket.set(reply.ticket_id, { minutes: entry.minutes + Number(reply.minutes), count: entry.count + 1 });
      }
      for (const t of tickets) {
        expect(Number(t.minutes_logged), `T-${t.number}`).toBe(perTicket.get(t.id)?.minutes ?? 0);
        expect(Number(t.reply_count), `T-${t.number}`).toBe(perTicket.get(t.id)?.count ?? 0);
      }
      expect(replies.some((r) => r.internal === 1)).toBe(true);

      // The rollup equals the replies' minutes per partner and month, and the tickets opened.
      const rollup = await db.selectFrom("support_time_monthly").selectAll().execute();
      const expected = new Map<string, { minutes: number; opened: number }>();
      const add = (partnerId: string, at: string, minutes: number, opened: number) => {
        const key = `${partnerId}|${new Date(at).toISOString().slice(0, 7)}`;
        const entry = expected.get(key) ?? { minutes: 0, opened: 0 };
        expected.set(key, { minutes: entry.minutes + minutes, opened: entry.opened + opened });
      };
      for (const reply of replies) if (Number(reply.minutes) > 0) add(reply.partner_id, reply.created_at, Number(reply.minutes), 0);
      for (const t of tickets) add(t.partner_id, t.created_at, 0, 1);
      expect(new Map(rollup.map((r) => [`${r.partner_id}|${r.month}`, { minutes: Number(r.minutes), opened: Number(r.tickets_opened) }]))).toEqual(
        expected,
      );

      // Strongly uneven: the heavy consumer has the most hours and is over its allowance most months.
      const partners = await db
        .selectFrom("partners")
        .leftJoin("tiers", "tiers.id", "partners.tier_id")
        .select(["partners.id", "partners.name", "tiers.support_allowance_hours as allowance"])
        .execute();
      const heavy = partners.find((p) => p.name === heavyConsumer);
      const hours = await supportHoursByPartner(db, { fromMonth: months[0] ?? "", toMonth: months[11] ?? "" });
      const totalOf = (partnerId: string | undefined) => hours.filter((h) => h.partnerId === partnerId).reduce((sum, h) => sum + h.minutes, 0);
      const all = hours.reduce((sum, h) => sum + h.minutes, 0);
      const ranked = partners.map((p) => ({ name: p.name, minutes: totalOf(p.id) })).sort((a, b) => b.minutes - a.minutes);
      expect(ranked[0]?.name).toBe(heavyConsumer);
      expect(totalOf(heavy?.id) / all).toBeGreaterThan(0.25);
      expect(totalOf(heavy?.id) / all).toBeLessThan(0.45);
      const overMonths = hours.filter((h) => h.partnerId === heavy?.id && h.minutes > Number(heavy?.allowance) * 60).length;
      expect(overMonths).toBeGreaterThanOrEqual(8);
      expect(ranked.filter((p) => p.minutes > 0 && p.minutes < 15 * 60).length).toBeGreaterThanOrEqual(3);
      expect(ranked.filter((p) => p.minutes === 0).map((p) => p.name)).toEqual(["Sunbelt Camera Pros"]);

      // Serials match the product's pattern, on tickets and on RMAs.
      const named = await db
        .selectFrom("ticket_products")
        .innerJoin("products", "products.id", "ticket_products.product_id")
        .select(["ticket_products.serial", "products.serial_pattern"])
        .execute();
      const withSerial = named.filter((row) => row.serial !== "");
      expect(withSerial.length).toBeGreaterThan(300);
      expect(withSerial.filter((row) => !serialMatches(row.serial_pattern, row.serial))).toEqual([]);
      const rmas = await db
        .selectFrom("rmas")
        .innerJoin("products", "products.id", "rmas.product_id")
        .innerJoin("partners", "partners.id", "rmas.partner_id")
        .select([
          "rmas.serial",
          "rmas.replacement_serial",
          "rmas.status",
          "rmas.ticket_id",
          "rmas.product_id",
          "products.serial_pattern",
          "partners.name",
        ])
        .execute();
      expect(rmas.length).toBeGreaterThanOrEqual(6);
      expect(rmas.length).toBeLessThanOrEqual(10);
      expect(new Set(rmas.map((r) => r.status))).toEqual(new Set(["authorised", "received", "replaced", "closed", "cancelled"]));
      for (const rma of rmas) {
        expect(serialMatches(rma.serial_pattern, rma.serial)).toBe(true);
        if (rma.replacement_serial !== null) expect(serialMatches(rma.serial_pattern, rma.replacement_serial)).toBe(true);
      }
      expect(rmas.some((r) => r.name === heavyConsumer)).toBe(true);

      // Known problems with products and tickets; the hot-spots report clusters them.
      const problems = await db.selectFrom("known_problems").select("id").execute();
      expect(problems.length).toBe(6);
      const linked = new Set(tickets.map((t) => t.known_problem_id).filter((id) => id !== null));
      expect(problems.every((p) => linked.has(p.id))).toBe(true);
      expect((await db.selectFrom("known_problem_products").select("product_id").execute()).length).toBeGreaterThanOrEqual(12);

      const agent = as(app, await login(app, "sam.support@lumeris.example", demoPassword));
      const byProblem = await agent.get("/api/v1/support/hotspots?dimension=known_problem");
      expect(byProblem.statusCode, byProblem.body).toBe(200);
      expect((byProblem.json() as { items: unknown[] }).items.length).toBe(6);
      const byFirmware = await agent.get("/api/v1/support/hotspots?dimension=firmware");
      expect((byFirmware.json() as { items: { label: string }[] }).items.some((item) => item.label.includes("3.2.1"))).toBe(true);

      // The tickets open now cover every SLA state the queue shows.
      const active = tickets.filter((t) => t.active === 1);
      const queue = await agent.get("/api/v1/support/tickets?limit=200");
      expect(queue.statusCode, queue.body).toBe(200);
      const states = new Set((queue.json() as Listed).items.map((item) => item.sla.state));
      expect((queue.json() as Listed).items.length).toBe(active.length);
      for (const state of ["on_track", "at_risk", "breached", "paused"]) expect(states, state).toContain(state);
      const paused = await agent.get("/api/v1/support/tickets?slaState=paused");
      expect((paused.json() as Listed).items.every((item) => item.status === "waiting_on_partner")).toBe(true);

      // The desk's settings and the month's consumption.
      const peak = hours.filter((h) => h.partnerId === heavy?.id).sort((a, b) => b.minutes - a.minutes)[0];
      const consumption = await agent.get(`/api/v1/support/consumption?month=${peak?.month}`);
      const desk = consumption.json() as {
        costPerHourMinor: number;
        currency: string;
        capacityHours: number;
        partners: { partnerName: string; minutes: number; overAllowance: boolean }[];
      };
      expect([desk.costPerHourMinor, desk.currency, desk.capacityHours]).toEqual([8500, "EUR", 480]);
      const heavyThatMonth = desk.partners.find((p) => p.partnerName === heavyConsumer);
      expect(heavyThatMonth?.minutes).toBe(peak?.minutes);
      expect(heavyThatMonth?.overAllowance).toBe(true);
      const agents = await agent.get("/api/v1/support/agents");
      const coverage = agents.json() as { role: string; familyIds: string[] }[];
      expect(coverage.filter((a) => a.role === "support_agent" && a.familyIds.length > 0).length).toBeGreaterThanOrEqual(3);

      // The knowledge base: published, two written from solved tickets, counts that match the votes and views.
      const articles = await db.selectFrom("knowledge_articles").selectAll().execute();
      expect(articles.length).toBeGreaterThanOrEqual(8);
      expect(articles.every((a) => a.status === "published")).toBe(true);
      const sources = articles.flatMap((a) => (a.source_ticket_id ? [a.source_ticket_id] : []));
      expect(sources.length).toBeGreaterThanOrEqual(1);
      expect(sources.every((id) => ["resolved", "closed"].includes(tickets.find((t) => t.id === id)?.status ?? ""))).toBe(true);
      const views = await db.selectFrom("knowledge_article_views").select("article_id").execute();
      const votes = await db.selectFrom("knowledge_article_votes").select(["article_id", "solved"]).execute();
      for (const article of articles) {
        expect(Number(article.view_count)).toBe(views.filter((v) => v.article_id === article.id).length);
        expect(Number(article.solved_count)).toBe(votes.filter((v) => v.article_id === article.id && v.solved === 1).length);
      }
      expect(articles.every((a) => Number(a.solved_count) > 0)).toBe(true);
      const technician = as(app, await login(app, "jake.ruiz@harborcity.example", demoPassword));
      const searched = await technician.get("/api/v1/knowledge/articles?q=glare");
      expect(searched.statusCode, searched.body).toBe(200);
      expect((searched.json() as { items: { title: string }[] }).items.map((a) => a.title)).toContain("IR glare on domes mounted under eaves");

      // A second run changes nothing.
      expect(await loadDemoSupport(app.ctx)).toEqual({ loaded: false, tickets: 0 });
      expect((await db.selectFrom("tickets").select("id").execute()).length).toBe(tickets.length);
      expect((await db.selectFrom("ticket_replies").select("id").execute()).length).toBe(replies.length);
    } finally {
      await app.close();
    }
  }, 180_000);
});
