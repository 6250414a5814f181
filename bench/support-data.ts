import { type TicketCategory, type TicketSeverity, type TicketStatus, ticketCategories } from "@trellis/shared";
import { CompiledQuery, type Kysely } from "kysely";
import { engineOf } from "../apps/server/src/db/dialect.js";
import type { Database, TicketReplyTable, TicketTable } from "../apps/server/src/db/types.js";
import { addBusinessMinutes } from "../apps/server/src/features/support/business-hours.js";
import { rebuildSupportHotspots } from "../apps/server/src/features/support/hotspots-rollup.js";
import { defaultSlaTargets } from "../apps/server/src/features/support/support-settings.service.js";
import { syncTicketProductsActive } from "../apps/server/src/features/support/tickets.repository.js";
import { uuidv7 } from "../apps/server/src/platform/ids.js";
import { TextMaker } from "./library-data.js";
import {
  businessMinutesBefore,
  calendar,
  DAY,
  iso,
  MINUTE,
  type Plan,
  plans,
  planTickets,
  shuffled,
  slaAfterLife,
  weightedPicker,
} from "./support-life.js";

/** The support desk at bench scale: a year of tickets and replies, written straight to the tables. */
export interface SupportScale {
  tickets: number;
  replies: number;
}

export const fullSupportScale: SupportScale = { tickets: 200_000, replies: 2_000_000 };

export interface SupportRefs {
  partners: { id: string }[];
  users: { id: string; partner_id: string | null }[];
  products: { id: string }[];
  passwordHash: string;
}

export interface SupportData {
  rows: number;
  agents: { id: string; email: string }[];
  /** Partners by tickets drawn, heaviest first. */
  heavyPartnerIds: string[];
  /** Products by tickets drawn, busiest first. */
  busyProductIds: string[];
  /** The last full month (UTC), YYYY-MM: every partner with tickets has time in it. */
  lastMonth: string;
}

const reopenWindowDays = 14;
const agentCount = 20;
const familyNames = ["Recorders", "Access control", "Video management software", "Accessories"];

/** Multi-row inserts as one prepared text per chunk: the bench writes millions of rows, so skip the query builder. */
export async function insertRows<T extends object>(db: Kysely<Database>, table: string, rows: T[], chunk: number): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first) as (keyof T)[];
  const postgres = engineOf(db) === "postgres";
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    let n = 0;
    const tuples = part.map(() => `(${columns.map(() => (postgres ? `$${++n}` : "?")).join(",")})`);
    const values = part.flatMap((row) => columns.map((column) => row[column]));
    await db.executeQuery(CompiledQuery.raw(`insert into ${table} (${columns.join(",")}) values ${tuples.join(",")}`, values));
  }
}

/**
 * Writes agents and their coverage, tickets, their products and replies, and the monthly time rollup,
 * in one transaction per 1,000 tickets (about 12,000 rows). Seeded: the same scale gives the same desk.
 */
export async function generateSupport(db: Kysely<Database>, scale: SupportScale, refs: SupportRefs): Promise<SupportData> {
  const text = new TextMaker(20260401);
  const random = text.random;
  const nowMs = Date.now();
  const now = iso(nowMs);

  // Product families: the foundation data has one; spread the products over five so coverage means something.
  const firstFamily = await db.selectFrom("product_families").select("id").orderBy("id").executeTakeFirstOrThrow();
  const families = [firstFamily.id, ...familyNames.map(() => uuidv7())];
  await db
    .insertInto("product_families")
    .values(familyNames.map((name, i) => ({ id: families[i + 1] as string, name, description: "", created_at: now, updated_at: now })))
    .execute();
  const productFamily = new Map(refs.products.map((product, i) => [product.id, families[i % families.length] as string]));
  for (const [f, familyId] of families.entries()) {
    const ids = refs.products.filter((_, i) => i % families.length === f).map((product) => product.id);
    for (let i = 0; i < ids.length; i += 500)
      await db
        .updateTable("products")
        .set({ family_id: familyId })
        .where("id", "in", ids.slice(i, i + 500))
        .execute();
  }
  const productsByFamily = new Map(families.map((familyId) => [familyId, refs.products.filter((p) => productFamily.get(p.id) === familyId)]));

  // Support agents: each covers two or three of the five families (round-robin pools of 8-12).
  const agents = Array.from({ length: agentCount }, (_, i) => ({
    id: uuidv7(),
    email: `agent${i}@vendor.bench`,
    name: `Agent ${i}`,
    role: "support_agent" as const,
    partner_id: null,
    status: "active" as const,
    password_hash: refs.passwordHash,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto("users").values(agents).execute();
  const coverage = agents.flatMap((agent, i) =>
    [...new Set([i % 5, (i + 2) % 5, ...(i % 3 === 0 ? [(i + 4) % 5] : [])])].map((f) => ({
      user_id: agent.id,
      family_id: families[f] as string,
      last_assigned_at: null,
    })),
  );
  await db.insertInto("agent_coverage").values(coverage).execute();
  const agentsByFamily = new Map(families.map((familyId) => [familyId, coverage.filter((c) => c.family_id === familyId).map((c) => c.user_id)]));
  // Tier allowances, so the consumption figure flags partners above theirs.
  for (const [name, hours] of [
    ["Platinum", 40],
    ["Gold", 20],
    ["Silver", 10],
  ] as const)
    await db.updateTable("tiers").set({ support_allowance_hours: hours }).where("name", "=", name).execute();

  // Zipf-like demand: partner of rank r draws 1/(r+5) of the tickets (the heaviest about 3%, the lightest about 0.03%).
  const partnersRanked = shuffled(refs.partners, random);
  const pickPartner = weightedPicker(
    partnersRanked.map((_, rank) => 1 / (rank + 5)),
    random,
  );
  const productsRanked = shuffled(refs.products, random);
  const pickProduct = weightedPicker(
    productsRanked.map((_, rank) => 1 / (rank + 10)),
    random,
  );
  const usersByPartner = new Map<string, string[]>();
  for (const user of refs.users) if (user.partner_id) usersByPartner.set(user.partner_id, [...(usersByPartner.get(user.partner_id) ?? []), user.id]);
  const pickSeverity = weightedPicker([5, 20, 45, 30], random);
  const severities: readonly TicketSeverity[] = ["P1", "P2", "P3", "P4"];
  const pickCategory = weightedPicker([8, 22, 25, 15, 18, 8, 4], random);
  const subjects = Array.from({ length: 3_000 }, () => text.title());
  const descriptions = Array.from({ length: 3_000 }, () => text.prose(40));
  const bodies = Array.from({ length: 5_000 }, () => text.prose(25));
  const { plan, replies: replyCounts } = planTickets(scale, random);
  const between = (from: number, to: number) => from + random() * (to - from);
  const rollup = new Map<string, { minutes: number; opened: number }>();
  const addTime = (partnerId: string, at: string, minutes: number, opened: number) => {
    const key = `${at.slice(0, 7)}|${partnerId}`;
    const entry = rollup.get(key) ?? { minutes: 0, opened: 0 };
    entry.minutes += minutes;
    entry.opened += opened;
    rollup.set(key, entry);
  };

  let rows = agents.length + coverage.length;
  for (let start = 0; start < scale.tickets; start += 1_000) {
    const tickets: TicketTable[] = [];
    const products: { ticket_id: string; product_id: string; serial: string }[] = [];
    const replies: TicketReplyTable[] = [];
    for (let k = start; k < Math.min(scale.tickets, start + 1_000); k++) {
      const id = uuidv7();
      const planned = plans[plan[k] ?? 4] as Plan;
      const severity = severities[pickSeverity()] as TicketSeverity;
      const targets = defaultSlaTargets[severity];
      const partner = partnersRanked[pickPartner()] as { id: string };
      const requester = text.pick(usersByPartner.get(partner.id) ?? []);
      const product = productsRanked[pickProduct()] as { id: string };
      const familyId = productFamily.get(product.id) as string;
      const ticketProducts = new Set([product.id, ...(random() < 0.3 ? [text.pick(productsByFamily.get(familyId) ?? []).id] : [])]);
      for (const productId of ticketProducts) products.push({ ticket_id: id, product_id: productId, serial: "" });
      const pool = agentsByFamily.get(familyId) ?? [];
      const assignee = random() < 0.85 ? text.pick(pool) : null;
      const agent = () => assignee ?? text.pick(pool);

      // When things happened, in business time as the SLA counts it: active tickets have run a share of
      // their current target (some past it); finished ones took a share of the resolution target and were
      // resolved any time in the year.
      let created: number;
      let resolved: number | undefined;
      if (planned === "done") {
        const took = Math.round(between(0.05, 1.15) * targets.resolutionMinutes);
        created = between(nowMs - 365 * DAY, nowMs - DAY);
        resolved = Date.parse(addBusinessMinutes(calendar, iso(created), took));
        if (resolved > nowMs - 10 * MINUTE) {
          created -= resolved - nowMs + between(1, 7) * DAY;
          resolved = Date.parse(addBusinessMinutes(calendar, iso(created), took));
        }
      } else {
        const target = planned === "new" ? targets.firstResponseMinutes : targets.resolutionMinutes;
        created = Math.min(nowMs - 5 * MINUTE, businessMinutesBefore(nowMs, Math.round(between(0, 1.3) * target)));
      }
      const end = resolved ?? nowMs;
      const closedAt = resolved !== undefined && resolved + reopenWindowDays * DAY < nowMs ? resolved + reopenWindowDays * DAY : undefined;

      // Replies: the first is the agent's public first response; then partner replies, agent replies and internal notes.
      const count = replyCounts[k] ?? 0;
      const times: number[] = [];
      let firstResponse: number | undefined;
      if (planned !== "new") {
        const due = Date.parse(addBusinessMinutes(calendar, iso(created), Math.round(between(0.05, 1.15) * targets.firstResponseMinutes)));
        firstResponse = due < end ? due : between(created, created + (end - created) * 0.5);
        times.push(firstResponse);
        for (let r = 1; r < count; r++) times.push(between(firstResponse, end));
        times.sort((a, b) => a - b);
      } else if (count > 0) times.push(between(created, nowMs));
      let waitSince: number | undefined;
      let minutes = 0;
      for (const [r, at] of times.entries()) {
        const last = r === times.length - 1;
        const roll = random();
        const kind =
          planned === "new"
            ? roll < 0.5
              ? "internal"
              : "partner"
            : r === 0 || (last && planned === "waiting_on_partner")
              ? "public"
              : roll < 0.22
                ? "internal"
                : roll < 0.6
                  ? "partner"
                  : "public";
        const reply: TicketReplyTable = {
          id: uuidv7(),
          ticket_id: id,
          partner_id: partner.id,
          author_id: kind === "partner" ? requester : agent(),
          internal: kind === "internal" ? 1 : 0,
          body: text.pick(bodies),
          minutes: kind === "partner" ? 0 : 5 + Math.floor(random() * 86),
          created_at: iso(at),
        };
        replies.push(reply);
        minutes += reply.minutes;
        if (reply.minutes > 0) addTime(partner.id, reply.created_at, reply.minutes, 0);
        if (kind !== "partner" && (planned === "waiting_on_partner" || planned === "waiting_on_engineering")) waitSince = at;
      }
      const status: TicketStatus = planned === "done" ? (closedAt !== undefined ? "closed" : "resolved") : planned;
      const sla = slaAfterLife(
        severity,
        {
          created: iso(created),
          firstResponse: firstResponse !== undefined ? iso(firstResponse) : undefined,
          waitSince: waitSince !== undefined ? iso(waitSince) : undefined,
          resolved: resolved !== undefined ? iso(resolved) : undefined,
          closed: closedAt !== undefined ? iso(closedAt) : undefined,
          final: status,
        },
        now,
      );
      const lastActivity = iso(Math.max(created, times.at(-1) ?? created, resolved ?? 0, closedAt ?? 0));
      addTime(partner.id, iso(created), 0, 1);
      tickets.push({
        id,
        number: k + 1,
        partner_id: partner.id,
        requester_id: requester,
        subject: text.pick(subjects),
        description: text.pick(descriptions),
        category: ticketCategories[pickCategory()] as TicketCategory,
        severity,
        assignee_id: assignee,
        family_id: familyId,
        firmware_version: `${5 + Math.floor(random() * 3)}.${Math.floor(random() * 10)}.${Math.floor(random() * 20)}`,
        site_name: `Site ${Math.floor(random() * 5_000)}`,
        known_problem_id: null,
        merged_into_id: null,
        ...sla,
        status,
        warned_at: null,
        minutes_logged: minutes,
        reply_count: times.length,
        resolved_at: resolved !== undefined ? iso(resolved) : null,
        closed_at: closedAt !== undefined ? iso(closedAt) : null,
        last_activity_at: lastActivity,
        created_at: iso(created),
        updated_at: lastActivity,
      });
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, "tickets", tickets, 500);
      await insertRows(trx, "ticket_products", products, 1_000);
      await insertRows(trx, "ticket_replies", replies, 1_000);
    });
    rows += tickets.length + products.length + replies.length;
  }

  const monthly = [...rollup.entries()].map(([key, entry]) => {
    const [month, partnerId] = key.split("|") as [string, string];
    return { partner_id: partnerId, month, minutes: entry.minutes, tickets_opened: entry.opened };
  });
  await db.transaction().execute(async (trx) => {
    await insertRows(trx, "support_time_monthly", monthly, 1_000);
    await trx.insertInto("support_counters").values({ name: "ticket", value: scale.tickets }).execute();
  });
  rows += monthly.length + 1;
  await syncTicketProductsActive(db);
  await rebuildSupportHotspots(db);

  const lastMonthStart = new Date(nowMs);
  lastMonthStart.setUTCDate(1);
  lastMonthStart.setUTCMonth(lastMonthStart.getUTCMonth() - 1);
  return {
    rows,
    agents: agents.map((agent) => ({ id: agent.id, email: agent.email })),
    heavyPartnerIds: partnersRanked.slice(0, 5).map((partner) => partner.id),
    busyProductIds: productsRanked.slice(0, 5).map((product) => product.id),
    lastMonth: lastMonthStart.toISOString().slice(0, 7),
  };
}
