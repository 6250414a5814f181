import { isPartnerRole, type PartnerRole } from "@trellis/shared";
import type { KnownProblemTable, RmaTable, SupportTimeMonthlyTable } from "../db/types.js";
import { rebuildSupportHotspots } from "../features/support/hotspots-rollup.js";
import { businessCalendarOf, getSupportSettings, listSlaPolicies } from "../features/support/support-settings.service.js";
import type { AuthenticatedActor } from "../platform/access/actor.js";
import type { AppContext } from "../platform/context.js";
import { uuidv7 } from "../platform/ids.js";
import { demoVendorUsers } from "./people.js";
import { activeTicket } from "./support-active.js";
import { activeTickets, demoKnownProblems, supportUsage } from "./support-content.js";
import { type DemoDesk, type DemoPartner, duplicateOf, pastTicket, type RmaCandidate, type TicketDraft } from "./support-history.js";
import { loadDemoArticles } from "./support-knowledge.js";
import { seededRandom, serialFor } from "./support-random.js";
import { applyDemoSupportSettings } from "./support-settings.js";
import type { Timeline } from "./support-timeline.js";

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function actorOf(user: { id: string; name: string; email: string }, role: AuthenticatedActor["role"]): AuthenticatedActor {
  return { kind: "user", userId: user.id, role, partnerId: null, name: user.name, email: user.email, sessionId: "demo-loader", csrfToken: "" };
}

/** The first day of the month eleven months back: the history fills this and the eleven months after it. */
export function historyStart(now: string): string {
  const date = new Date(now);
  return iso(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 11, 1));
}

/**
 * When each partner opens its tickets: spread over the year since it joined, mostly on weekdays.
 * A partner that calls at all calls at least once, early enough for the ticket to be finished.
 */
function ticketTimes(desk: DemoDesk, partners: DemoPartner[]): { partner: DemoPartner; at: string }[] {
  const plans: { partner: DemoPartner; at: string }[] = [];
  for (const partner of partners) {
    const perYear = supportUsage[partner.name]?.ticketsPerYear ?? 0;
    if (perYear === 0) continue;
    const start = Math.max(Date.parse(historyStart(desk.now)), Date.parse(partner.createdAt) + 10 * dayMs);
    const latest = Date.parse(desk.now) - dayMs;
    if (start >= latest) continue;
    const end = Math.min(latest, Math.max(start + dayMs, Date.parse(desk.now) - (perYear < 12 ? 21 : 1) * dayMs));
    const count = Math.max(1, Math.round((perYear * (end - start)) / (365 * dayMs)));
    for (let i = 0; i < count; i++) {
      let at = start + desk.random.next() * (end - start);
      for (let tries = 0; tries < 3 && [0, 6].includes(new Date(at).getUTCDay()); tries++) at = start + desk.random.next() * (end - start);
      plans.push({ partner, at: iso(Math.floor(at / 1000) * 1000) });
    }
  }
  return plans.sort((a, b) => a.at.localeCompare(b.at));
}

/** Returns authorised about these many days ago, so they spread over the year. */
const rmaAges = [330, 240, 150, 90, 45, 11, 6, 2];
type RmaStage = "authorised" | "received" | "replaced" | "closed" | "cancelled";
/** The stages of the newest returns, newest first; the older ones are closed. */
const newestStages: RmaStage[] = ["authorised", "received", "replaced", "cancelled"];

/**
 * RMAs in every stage: the oldest are closed, the newest still authorised, received and replaced,
 * one the partner called off; each step dated within the time since the return was authorised.
 */
function rmaRows(
  desk: DemoDesk,
  candidates: RmaCandidate[],
  firstNumber: number,
  productPattern: Map<string, string>,
  forced: readonly RmaCandidate[] = [],
): RmaTable[] {
  const now = Date.parse(desk.now);
  const ageOf = (candidate: RmaCandidate) => (now - Date.parse(candidate.at)) / dayMs;
  // The scripted active tickets' returns are part of the story on any date; the rest are picked by age.
  const pool = candidates.filter((candidate) => !forced.includes(candidate));
  const chosen: RmaCandidate[] = [...forced];
  for (const age of rmaAges) {
    const best = pool.reduce<RmaCandidate | undefined>((a, b) => (a && Math.abs(ageOf(a) - age) <= Math.abs(ageOf(b) - age) ? a : b), undefined);
    if (!best) break;
    pool.splice(pool.indexOf(best), 1);
    chosen.push(best);
  }
  chosen.sort((a, b) => a.at.localeCompare(b.at));
  return chosen.map((candidate, index) => {
    const stage = newestStages[chosen.length - 1 - index] ?? "closed";
    const cancelled = stage === "cancelled";
    const authorised = Date.parse(candidate.at);
    const age = ageOf(candidate);
    // Each step after the one before, and never later than now.
    const step = (days: number, share: number) => iso(authorised + Math.min(days, age * share) * dayMs);
    const reached = (stages: RmaStage[]) => stages.includes(stage);
    const received = reached(["received", "replaced", "closed"]) ? step(4, 0.3) : null;
    const replaced = reached(["replaced", "closed"]) ? step(7, 0.6) : null;
    const closed = stage === "closed" ? step(20, 0.9) : null;
    return {
      id: uuidv7(),
      number: firstNumber + index,
      partner_id: candidate.timeline.row.partner_id,
      ticket_id: candidate.timeline.row.id,
      product_id: candidate.productId,
      serial: candidate.serial,
      reason: candidate.reason,
      status: stage,
      replacement_serial: replaced ? serialFor(productPattern.get(candidate.productId) ?? "", desk.random) : null,
      authorised_by: candidate.agentId,
      received_at: received,
      replaced_at: replaced,
      created_at: candidate.at,
      updated_at: closed ?? replaced ?? received ?? (cancelled ? step(3, 0.5) : candidate.at),
    };
  });
}

/** Minutes per partner and month from the replies' time, and tickets opened per month: what addReply and createTicket keep. */
function rollup(timelines: Timeline[]): SupportTimeMonthlyTable[] {
  const rows = new Map<string, SupportTimeMonthlyTable>();
  const row = (partnerId: string, month: string) => {
    const key = `${partnerId}|${month}`;
    const found = rows.get(key) ?? { partner_id: partnerId, month, minutes: 0, tickets_opened: 0 };
    rows.set(key, found);
    return found;
  };
  for (const t of timelines) {
    row(t.row.partner_id, t.row.created_at.slice(0, 7)).tickets_opened += 1;
    for (const reply of t.replies) if (reply.minutes > 0) row(reply.partner_id, reply.created_at.slice(0, 7)).minutes += reply.minutes;
  }
  return [...rows.values()];
}

/** Inserts in slices, so no statement exceeds either engine's limit on bound parameters. */
async function inChunks<T>(rows: readonly T[], insert: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 250) await insert(rows.slice(i, i + 250));
}

/**
 * The demo's support desk: settings, a year of ticket history that is strongly uneven across the
 * resellers, a handful of tickets open now in every SLA state, known problems, RMAs and the
 * knowledge base. Loaded once: when any ticket exists, nothing changes. The history is written
 * straight to the tables in one transaction, because it happened in the past. `now` is the load
 * date the history ends at (tests replay other dates).
 */
export async function loadDemoSupport(ctx: AppContext, now = new Date().toISOString()): Promise<{ loaded: boolean; tickets: number }> {
  const db = ctx.db;
  const adminEmail = demoVendorUsers.find((user) => user.role === "vendor_admin")?.email ?? "";
  const admin = await db.selectFrom("users").select(["id", "name", "email"]).where("email", "=", adminEmail).executeTakeFirst();
  if (!admin || (await db.selectFrom("tickets").select("id").limit(1).executeTakeFirst())) return { loaded: false, tickets: 0 };

  const [agents, tiers, families, partnerRows, users, products] = await Promise.all([
    db.selectFrom("users").select(["id", "name", "email"]).where("role", "=", "support_agent").where("status", "=", "active").execute(),
    db.selectFrom("tiers").select(["id", "name"]).orderBy("rank").execute(),
    db.selectFrom("product_families").select(["id", "name"]).orderBy("name").execute(),
    db.selectFrom("partners").select(["id", "name", "tier_id", "created_at"]).where("archived_at", "is", null).execute(),
    db.selectFrom("users").select(["id", "name", "role", "partner_id"]).where("partner_id", "is not", null).where("status", "=", "active").execute(),
    db
      .selectFrom("products")
      .innerJoin("product_families", "product_families.id", "products.family_id")
      .select([
        "products.id",
        "products.sku",
        "products.name",
        "products.family_id",
        "product_families.name as family_name",
        "products.serial_pattern",
      ])
      .execute(),
  ]);
  if (agents.length === 0) return { loaded: false, tickets: 0 };
  // The same order on both engines (their collations differ), so the seeded story is the same too.
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  agents.sort((a, b) => byText(a.email, b.email));
  partnerRows.sort((a, b) => byText(a.name, b.name));
  users.sort((a, b) => byText(a.name, b.name));
  products.sort((a, b) => byText(a.sku, b.sku));
  const teamLead = agents.find((agent) => agent.email === "sam.support@lumeris.example") ?? agents[0];
  await applyDemoSupportSettings(ctx, actorOf(admin, "vendor_admin"), { now, teamLeadId: teamLead?.id ?? null, tiers, families, agents });

  const calendar = businessCalendarOf(await getSupportSettings(db));
  const policies = await listSlaPolicies(db);
  const coverage = new Map<string, string[]>();
  for (const row of await db.selectFrom("agent_coverage").select(["user_id", "family_id"]).orderBy("user_id").execute())
    coverage.set(row.family_id, [...(coverage.get(row.family_id) ?? []), row.user_id]);
  const desk: DemoDesk = {
    now,
    calendar,
    random: seededRandom(4_2026),
    productsBySku: new Map(
      products.map((p) => [
        p.sku,
        { id: p.id, sku: p.sku, name: p.name, familyId: p.family_id, familyName: p.family_name, serialPattern: p.serial_pattern },
      ]),
    ),
    coverage,
    agentNames: new Map(agents.map((agent) => [agent.id, agent.name])),
    lastAssigned: new Map(),
    targets: (tierId, severity) => {
      const policy =
        policies.find((p) => tierId !== null && p.tierId === tierId && p.severity === severity) ??
        policies.find((p) => p.tierId === null && p.severity === severity);
      return { firstResponseMinutes: policy?.firstResponseMinutes ?? 480, resolutionMinutes: policy?.resolutionMinutes ?? 2400 };
    },
    knownProblemIds: new Map(demoKnownProblems.map((problem) => [problem.key, uuidv7()])),
  };
  const partners: DemoPartner[] = partnerRows.map((partner) => ({
    id: partner.id,
    name: partner.name,
    tierId: partner.tier_id,
    createdAt: new Date(partner.created_at).toISOString(),
    staff: users
      .filter((user) => user.partner_id === partner.id && isPartnerRole(user.role))
      .map((user) => ({ id: user.id, name: user.name, role: user.role as PartnerRole })),
  }));

  // The year, oldest first, then the tickets open now.
  const drafts: TicketDraft[] = [];
  const timelines: Timeline[] = [];
  const rmaCandidates: RmaCandidate[] = [];
  let duplicates = 0;
  for (const plan of ticketTimes(desk, partners)) {
    if (plan.partner.staff.length === 0) continue;
    const found: RmaCandidate[] = [];
    const draft = pastTicket(desk, plan.partner, plan.at, 0, found);
    if (!draft) continue;
    drafts.push(draft);
    timelines.push(draft.t);
    rmaCandidates.push(...found);
    if (duplicates < 8 && ["P1", "P2"].includes(draft.t.row.severity) && desk.random.chance(0.2)) {
      const duplicate = duplicateOf(desk, plan.partner, draft, 0);
      if (duplicate) {
        timelines.push(duplicate);
        duplicates += 1;
      }
    }
  }
  const activeRmas: RmaCandidate[] = [];
  for (const plan of activeTickets) {
    const partner = partners.find((p) => p.name === plan.partner);
    if (!partner || partner.staff.length === 0) continue;
    timelines.push(activeTicket(desk, partner, plan, 0, activeRmas).t);
  }
  rmaCandidates.push(...activeRmas);

  // Numbered in the order they were opened, after whatever the counters hold.
  const counters = new Map((await db.selectFrom("support_counters").selectAll().execute()).map((row) => [row.name, Number(row.value)]));
  timelines.sort((a, b) => a.row.created_at.localeCompare(b.row.created_at));
  const numbers = new Map<string, number>();
  timelines.forEach((t, index) => {
    t.row.number = (counters.get("ticket") ?? 0) + index + 1;
    numbers.set(t.row.id, t.row.number);
  });
  for (const event of timelines.flatMap((t) => t.events).filter((e) => e.kind === "merged" || e.kind === "merged_into")) {
    const detail = JSON.parse(event.detail) as { ticketId: string };
    event.detail = JSON.stringify({ ticketId: detail.ticketId, number: numbers.get(detail.ticketId) });
  }

  const knownProblems: KnownProblemTable[] = demoKnownProblems.map((problem) => {
    const id = desk.knownProblemIds.get(problem.key) ?? uuidv7();
    const links = timelines.flatMap((t) => t.events).filter((e) => e.kind === "known_problem" && e.detail.includes(id));
    const first = links.reduce<string | null>((min, e) => (min === null || e.created_at < min ? e.created_at : min), null);
    const last = links.reduce<string | null>((max, e) => (max === null || e.created_at > max ? e.created_at : max), null);
    const createdAt = first ? iso(Date.parse(first) - 3_600_000) : iso(Date.parse(now) - 30 * dayMs);
    return {
      id,
      title: problem.title,
      kind: problem.kind,
      status: problem.status,
      description: problem.description,
      workaround: problem.workaround,
      affected_versions: problem.affectedVersions,
      fix_version: problem.fixVersion,
      created_by: links[0]?.actor_id ?? teamLead?.id ?? null,
      created_at: createdAt,
      updated_at: last ?? createdAt,
    };
  });
  const productPattern = new Map(products.map((p) => [p.id, p.serial_pattern]));
  const rmas = rmaRows(
    desk,
    rmaCandidates.filter((c) => (supportUsage[partners.find((p) => p.id === c.timeline.row.partner_id)?.name ?? ""]?.ticketsPerYear ?? 0) >= 50),
    (counters.get("rma") ?? 0) + 1,
    productPattern,
    activeRmas,
  );

  await db.transaction().execute(async (trx) => {
    await inChunks(knownProblems, (slice) => trx.insertInto("known_problems").values(slice).execute());
    const skuIds = new Map(products.map((p) => [p.sku, p.id]));
    const problemProducts = demoKnownProblems.flatMap((problem) =>
      problem.skus.flatMap((sku) => {
        const productId = skuIds.get(sku);
        const id = desk.knownProblemIds.get(problem.key);
        return productId && id ? [{ known_problem_id: id, product_id: productId }] : [];
      }),
    );
    await inChunks(problemProducts, (slice) => trx.insertInto("known_problem_products").values(slice).execute());
    await inChunks(
      timelines.map((t) => t.row),
      (slice) => trx.insertInto("tickets").values(slice).execute(),
    );
    await inChunks(
      timelines.flatMap((t) => t.products.map((product) => ({ ...product, active: t.row.active }))),
      (slice) => trx.insertInto("ticket_products").values(slice).execute(),
    );
    await inChunks(
      timelines.flatMap((t) => t.replies),
      (slice) => trx.insertInto("ticket_replies").values(slice).execute(),
    );
    await inChunks(
      timelines.flatMap((t) => t.events),
      (slice) => trx.insertInto("ticket_events").values(slice).execute(),
    );
    await inChunks(rollup(timelines), (slice) => trx.insertInto("support_time_monthly").values(slice).execute());
    // The tickets went straight to the tables: count them into the hot-spots rollup as the migration does.
    await rebuildSupportHotspots(trx);
    await inChunks(rmas, (slice) => trx.insertInto("rmas").values(slice).execute());
    for (const [name, value] of [
      ["ticket", (counters.get("ticket") ?? 0) + timelines.length],
      ["rma", (counters.get("rma") ?? 0) + rmas.length],
    ] as const) {
      await trx
        .insertInto("support_counters")
        .values({ name, value })
        .onConflict((oc) => oc.column("name").doUpdateSet({ value }))
        .execute();
    }
    for (const [key, at] of desk.lastAssigned) {
      const [userId = "", familyId = ""] = key.split("|");
      await trx.updateTable("agent_coverage").set({ last_assigned_at: at }).where("user_id", "=", userId).where("family_id", "=", familyId).execute();
    }
  });

  const tierNames = new Map(tiers.map((tier) => [tier.id, tier.name]));
  await loadDemoArticles(ctx, actorOf(teamLead ?? admin, "support_agent"), {
    now,
    random: desk.random,
    tierIds: new Map(tiers.map((tier) => [tier.name, tier.id])),
    productIds: new Map(products.map((p) => [p.sku, p.id])),
    readers: partners.flatMap((partner) =>
      (supportUsage[partner.name]?.ticketsPerYear ?? 0) === 0
        ? []
        : partner.staff.map((member) => ({
            userId: member.id,
            partnerId: partner.id,
            tierName: partner.tierId ? (tierNames.get(partner.tierId) ?? null) : null,
          })),
    ),
    solvedTicket: (scenario, before) =>
      drafts
        .filter((d) => d.scenario.key === scenario && d.t.row.resolved_at !== null && d.t.row.resolved_at < before && d.t.row.merged_into_id === null)
        .map((d) => ({ id: d.t.row.id, resolvedAt: d.t.row.resolved_at ?? "" }))
        .sort((a, b) => b.resolvedAt.localeCompare(a.resolvedAt))[0],
  });
  return { loaded: true, tickets: timelines.length };
}
