import type { PartnerRole, TicketSeverity } from "@trellis/shared";
import { addBusinessMinutes, type BusinessCalendar } from "../features/support/business-hours.js";
import { elapsedAt } from "../features/support/sla-clock.js";
import { clockOf } from "../features/support/ticket-sla.js";
import { demoKnownProblems, firmwareReleases, partnerSites, phrases, supportUsage } from "./support-content.js";
import { fill, type Random, serialFor } from "./support-random.js";
import { type KnownProblemKey, type Scenario, scenarios } from "./support-scenarios.js";
import { type Author, addReply, lastMoment, linkKnownProblem, mergeInto, openTicket, setStatus, type Timeline } from "./support-timeline.js";

export interface DemoPartner {
  id: string;
  name: string;
  tierId: string | null;
  createdAt: string;
  staff: { id: string; name: string; role: PartnerRole }[];
}

export interface DemoProductRef {
  id: string;
  sku: string;
  name: string;
  familyId: string;
  familyName: string;
  serialPattern: string;
}

/** Everything the generator needs about the loaded demo, plus its running round-robin state. */
export interface DemoDesk {
  now: string;
  calendar: BusinessCalendar;
  random: Random;
  productsBySku: Map<string, DemoProductRef>;
  coverage: Map<string, string[]>;
  agentNames: Map<string, string>;
  lastAssigned: Map<string, string>;
  targets: (tierId: string | null, severity: TicketSeverity) => { firstResponseMinutes: number; resolutionMinutes: number };
  knownProblemIds: Map<KnownProblemKey, string>;
}

/** A unit that went back: the RMA loader picks some of these. */
export interface RmaCandidate {
  timeline: Timeline;
  reason: string;
  productId: string;
  serial: string;
  at: string;
  agentId: string;
}

/** A ticket being written: its timeline and the people and words that go with it. */
export interface TicketDraft {
  t: Timeline;
  scenario: Scenario;
  agent: Author;
  requester: Author;
  vars: Record<string, string | number>;
  scale: number;
}

const dayMs = 86_400_000;
const monthMs = 30.44 * dayMs;
const later = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();

export function monthsAgo(desk: DemoDesk, at: string): number {
  return (Date.parse(desk.now) - Date.parse(at)) / monthMs;
}

/** What the family ran then: mostly the newest release out, sometimes the one before. */
function firmwareAt(desk: DemoDesk, family: string, at: string): string {
  const released = (firmwareReleases[family] ?? []).filter((release) => release.monthsAgo >= monthsAgo(desk, at));
  const newest = released[released.length - 1];
  const before = released[released.length - 2];
  if (!newest) return "";
  return before && desk.random.chance(0.35) ? before.version : newest.version;
}

/** Round-robin among the agents covering the family, as pickRoundRobinAgent does. */
function assign(desk: DemoDesk, familyId: string, at: string): string {
  const agents = desk.coverage.get(familyId) ?? [...desk.agentNames.keys()];
  const sorted = [...agents].sort((a, b) => {
    const lastA = desk.lastAssigned.get(`${a}|${familyId}`) ?? "";
    const lastB = desk.lastAssigned.get(`${b}|${familyId}`) ?? "";
    return lastA === lastB ? a.localeCompare(b) : lastA.localeCompare(lastB);
  });
  const agent = sorted[0];
  if (!agent) throw new Error("demo support: no support agent to assign");
  const key = `${agent}|${familyId}`;
  if ((desk.lastAssigned.get(key) ?? "") < at) desk.lastAssigned.set(key, at);
  return agent;
}

function requesterFor(desk: DemoDesk, partner: DemoPartner, scenario: Scenario): DemoPartner["staff"][number] {
  const roles: PartnerRole[] =
    scenario.category === "pre_sales_design" ? ["sales_rep", "partner_admin"] : ["technician", "technician", "partner_admin"];
  const preferred = partner.staff.filter((member) => member.role === desk.random.pick(roles));
  return desk.random.pick(preferred.length > 0 ? preferred : partner.staff);
}

/** Opens a ticket of this scenario for the partner at `at`: products with serials, firmware, site, assignee. */
export function startTicket(
  desk: DemoDesk,
  partner: DemoPartner,
  scenario: Scenario,
  severity: TicketSeverity,
  at: string,
  number: number,
): TicketDraft {
  const random = desk.random;
  const product = desk.productsBySku.get(random.pick(scenario.skus));
  if (!product) throw new Error(`demo support: scenario ${scenario.key} names an unknown product`);
  const extra = scenario.with && random.chance(0.6) ? desk.productsBySku.get(random.pick(scenario.with)) : undefined;
  const serials = scenario.serials
    ? Array.from({ length: random.chance(0.7) ? 1 : random.int(2, 3) }, () => serialFor(product.serialPattern, random))
    : [""];
  const productRows = serials.map((serial) => ({ productId: product.id, serial }));
  if (extra) productRows.push({ productId: extra.id, serial: scenario.serials ? serialFor(extra.serialPattern, random) : "" });
  const member = requesterFor(desk, partner, scenario);
  const agentId = assign(desk, product.familyId, at);
  const vars = {
    product: product.name,
    sku: product.sku,
    serial: serials[0] ?? "",
    fw: scenario.firmware ? random.pick(scenario.firmware) : firmwareAt(desk, product.familyName, at),
    site: random.pick(partnerSites[partner.name] ?? ["Customer site"]),
    count: scenario.category === "pre_sales_design" ? random.int(80, 260) : random.int(6, 48),
    requester: member.name.split(" ")[0] ?? member.name,
    agent: (desk.agentNames.get(agentId) ?? "").split(" ")[0] ?? "",
  };
  const t = openTicket(desk.calendar, {
    number,
    partnerId: partner.id,
    requesterId: member.id,
    subject: fill(random.pick(scenario.subjects), vars),
    description: fill(scenario.description, vars),
    category: scenario.category,
    severity,
    assigneeId: agentId,
    familyId: product.familyId,
    firmware: String(vars.fw),
    site: String(vars.site),
    targets: desk.targets(partner.tierId, severity),
    products: productRows,
    at,
  });
  const scale = scenario.effort * (supportUsage[partner.name]?.effort ?? 1);
  return { t, scenario, agent: { id: agentId, side: "vendor" }, requester: { id: member.id, side: "partner" }, vars, scale };
}

/** Minutes an agent logs for a step of this ticket, in fives. */
export function minutesFor(desk: DemoDesk, draft: TicketDraft, base: number): number {
  return Math.max(5, Math.round((base * 1.35 * draft.scale * desk.random.between(0.7, 1.3)) / 5) * 5);
}

/** A public answer in the agent's voice. */
export function agentSays(draft: TicketDraft, body: string): string {
  return fill(`${phrases.greeting}${body}${phrases.signature}`, draft.vars);
}

function step(desk: DemoDesk, at: string, businessMinutes: number): string {
  return addBusinessMinutes(desk.calendar, at, Math.max(1, Math.round(businessMinutes)));
}

/**
 * A finished ticket from the past year: first response, perhaps a question to the partner, the
 * agent's investigation, the answer that solves it, thanks or a reopening, and closing. Targets are
 * mostly met; about one in twelve is not. Returns null when its story would reach past now.
 */
export function pastTicket(desk: DemoDesk, partner: DemoPartner, at: string, number: number, rmas: RmaCandidate[]): TicketDraft | null {
  const random = desk.random;
  const usage = supportUsage[partner.name];
  const age = monthsAgo(desk, at);
  const eligible = scenarios.filter((s) => !s.window || (age <= s.window[0] && age >= s.window[1]));
  const scenario = random.weighted(eligible, (s) => s.weight * (s.integration ? (usage?.integration ?? 1) : 1));
  const draft = startTicket(desk, partner, scenario, random.pick(scenario.severities), at, number);
  const { t, agent, requester } = draft;
  const targets = desk.targets(partner.tierId, t.row.severity);
  const budget = targets.resolutionMinutes * (random.chance(0.08) ? random.between(1.05, 1.8) : random.between(0.25, 0.9));
  const firstResponse = targets.firstResponseMinutes * (random.chance(0.06) ? random.between(1.1, 2.5) : random.between(0.1, 0.85));
  let cursor = step(desk, at, Math.min(firstResponse, budget * 0.6));

  const asks = scenario.question ? random.chance(0.75) : random.chance(0.25);
  if (asks) {
    addReply(t, cursor, agent, agentSays(draft, scenario.question ?? phrases.question), {
      minutes: minutesFor(desk, draft, 20),
      status: "waiting_on_partner",
    });
    cursor = step(desk, cursor, random.chance(0.8) ? random.between(30, 600) : random.between(600, 3000));
    addReply(t, cursor, requester, scenario.answer ?? random.pick(phrases.answer));
  } else {
    addReply(t, cursor, agent, agentSays(draft, random.pick(phrases.acknowledge)), { minutes: minutesFor(desk, draft, 15) });
  }
  const remaining = () => budget - elapsedAt(desk.calendar, clockOf(t.row), cursor);
  cursor = step(desk, cursor, remaining() * random.between(0.3, 0.6));
  addReply(t, cursor, agent, `${scenario.note}\n\n${random.pick(phrases.investigate)}`, { internal: true, minutes: minutesFor(desk, draft, 110) });
  const knownProblemId = scenario.knownProblem ? desk.knownProblemIds.get(scenario.knownProblem) : undefined;
  if (knownProblemId) {
    cursor = later(cursor, 2);
    linkKnownProblem(t, knownProblemId, cursor, agent.id);
    const defect = demoKnownProblems.find((problem) => problem.key === scenario.knownProblem)?.kind === "defect";
    if (defect && random.chance(0.35)) {
      setStatus(t, "waiting_on_engineering", cursor, agent.id);
      addReply(t, cursor, agent, phrases.engineering, { internal: true, minutes: minutesFor(desk, draft, 15) });
      cursor = step(desk, cursor, remaining() * 0.5);
      addReply(t, cursor, agent, phrases.engineeringBack, { internal: true, minutes: minutesFor(desk, draft, 20), status: "open" });
    }
  }
  // Partners who stretch the products come back with more: a second round on the same ticket.
  if (random.chance((usage?.integration ?? 1) >= 2 ? 0.4 : draft.scale > 1.3 ? 0.25 : 0)) {
    cursor = step(desk, cursor, Math.max(10, remaining() * 0.3));
    addReply(t, cursor, agent, agentSays(draft, phrases.question), { minutes: minutesFor(desk, draft, 25), status: "waiting_on_partner" });
    cursor = step(desk, cursor, random.between(60, 900));
    addReply(t, cursor, requester, random.pick(phrases.answer));
    cursor = step(desk, cursor, Math.max(10, remaining() * 0.4));
    addReply(t, cursor, agent, random.pick(phrases.investigate), { internal: true, minutes: minutesFor(desk, draft, 70) });
  }

  cursor = step(desk, cursor, Math.max(15, remaining()));
  const selfResolved = !scenario.rma && !knownProblemId && random.chance(0.06);
  if (selfResolved) addReply(t, cursor, requester, random.pick(phrases.selfResolved), { status: "resolved" });
  else addReply(t, cursor, agent, agentSays(draft, scenario.solution), { minutes: minutesFor(desk, draft, 30), status: "resolved" });
  const unit = t.products[0];
  if (scenario.rma && unit?.serial)
    rmas.push({ timeline: t, reason: scenario.rma, productId: unit.product_id, serial: unit.serial, at: cursor, agentId: agent.id });

  if (!selfResolved && random.chance(0.03)) {
    cursor = later(cursor, random.int(1, 9) * 1440 + random.int(0, 600));
    addReply(t, cursor, requester, random.pick(phrases.reopen), { status: "open" });
    cursor = step(desk, cursor, random.between(60, 480));
    addReply(t, cursor, agent, random.pick(phrases.investigate), { internal: true, minutes: minutesFor(desk, draft, 60) });
    cursor = step(desk, cursor, random.between(30, 240));
    addReply(t, cursor, agent, agentSays(draft, random.pick(phrases.afterReopen)), { minutes: minutesFor(desk, draft, 20), status: "resolved" });
  }
  const resolvedAt = t.row.resolved_at ?? cursor;
  if (!selfResolved && random.chance(0.35)) {
    cursor = later(resolvedAt, random.int(30, 1440));
    addReply(t, cursor, requester, fill(random.pick(phrases.thanks), draft.vars));
    if (random.chance(0.5)) setStatus(t, "closed", step(desk, cursor, random.between(20, 240)), agent.id);
  }
  if (t.row.status === "resolved") {
    // The close job runs at twenty past each hour once the reopen window has passed.
    const windowEnd = Date.parse(resolvedAt) + 14 * dayMs;
    const due = new Date(windowEnd);
    due.setUTCMinutes(20, 0, 0);
    if (due.getTime() <= windowEnd) due.setUTCHours(due.getUTCHours() + 1);
    if (due.toISOString() < desk.now) setStatus(t, "closed", due.toISOString(), null, phrases.autoClose);
  }
  return lastMoment(t) < later(desk.now, -5) ? draft : null;
}

/** A second ticket about the same thing from a colleague, merged into the first by its agent. */
export function duplicateOf(desk: DemoDesk, partner: DemoPartner, original: TicketDraft, number: number): Timeline | null {
  const random = desk.random;
  const colleagues = partner.staff.filter((member) => member.id !== original.t.row.requester_id);
  const firstResponse = original.t.row.first_response_at;
  if (colleagues.length === 0 || !firstResponse) return null;
  const at = later(original.t.row.created_at, random.int(10, 90));
  if (at >= firstResponse) return null;
  const colleague = random.pick(colleagues);
  const product = original.t.products[0];
  const familyId = original.t.row.family_id;
  const agentId = familyId ? assign(desk, familyId, at) : original.agent.id;
  const t = openTicket(desk.calendar, {
    number,
    partnerId: partner.id,
    requesterId: colleague.id,
    subject: original.t.row.subject,
    description: fill(phrases.duplicate, { subject: original.t.row.subject }),
    category: original.t.row.category,
    severity: original.t.row.severity,
    assigneeId: agentId,
    familyId,
    firmware: original.t.row.firmware_version,
    site: original.t.row.site_name,
    targets: desk.targets(partner.tierId, original.t.row.severity),
    products: product ? [{ productId: product.product_id, serial: product.serial }] : [],
    at,
  });
  // The agent merges it on first sight: with the original's first response, before its own is due.
  const ownDue = t.row.first_response_due_at ?? firstResponse;
  const seen = later(firstResponse, random.int(2, 30));
  const mergeAt = seen < ownDue ? seen : later(ownDue, -10);
  if (mergeAt <= at || !original.t.row.resolved_at || mergeAt >= original.t.row.resolved_at) return null;
  addReply(t, mergeAt, { id: agentId, side: "vendor" }, phrases.mergeNote, { internal: true, minutes: 5 });
  // The original's story is already written to its end: the merge must not move its last activity back.
  const { last_activity_at, updated_at } = original.t.row;
  mergeInto(t, original.t, later(mergeAt, 1), agentId);
  Object.assign(original.t.row, { last_activity_at, updated_at });
  return t;
}
