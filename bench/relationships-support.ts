import { ticketCategories, ticketSeverities } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../apps/server/src/db/types.js";
import { defaultSlaTargets } from "../apps/server/src/features/support/support-settings.service.js";
import { farFuture } from "../apps/server/src/features/support/tickets.repository.js";
import { type BulkValue, bulkInsert, idMaker, loadTransaction } from "./bulk-insert.js";
import { activity, allocate, col, monthStartMs, productPicker, type SourcesContext, saleDays } from "./relationships-model.js";
import { DAY, iso, MINUTE } from "./support-life.js";

// Support for the relationships bench: tickets with timed replies over three years, and the
// support_time_monthly rollup the scorecards read (supportHoursByPartner), written lean.

const ticketColumns = col(
  "id:text",
  "number:int8",
  "partner_id:text",
  "requester_id:text",
  "subject:text",
  "description:text",
  "category:text",
  "severity:text",
  "status:text",
  "active:int4",
  "assignee_id:text",
  "family_id:text",
  "firmware_version:text",
  "site_name:text",
  "first_response_target:int4",
  "resolution_target:int4",
  "sla_elapsed_minutes:int4",
  "first_response_at:timestamptz",
  "first_response_due_at:timestamptz",
  "resolution_due_at:timestamptz",
  "first_response_breached:int4",
  "resolution_breached:int4",
  "queue_due_at:timestamptz",
  "minutes_logged:int4",
  "reply_count:int4",
  "resolved_at:timestamptz",
  "closed_at:timestamptz",
  "last_activity_at:timestamptz",
  "created_at:timestamptz",
  "updated_at:timestamptz",
);
const replyColumns = col(
  "id:text",
  "ticket_id:text",
  "partner_id:text",
  "author_id:text",
  "internal:int4",
  "body:text",
  "minutes:int4",
  "created_at:timestamptz",
);

/**
 * Support: tickets per partner and month after the partner's support weight (dormant partners keep
 * asking for two more months), each with 1-6 agent replies logging 5-90 minutes within ten days.
 * Tickets of the last two weeks may still be open; the rest are closed. support_time_monthly holds
 * minutes by the reply's month and tickets by the month opened, as the app keeps it on every reply.
 */
export async function generateSupportTime(db: Kysely<Database>, total: number, ctx: SourcesContext) {
  const { random, nowMs } = ctx;
  const now = iso(nowMs);
  const agents = Array.from({ length: 12 }, (_, i) => ({
    id: `00000000-0000-7000-8000-${String(i + 1).padStart(12, "0")}`,
    email: `agent${i}@vendor.bench`,
    name: `Agent ${i}`,
    role: "support_agent" as const,
    partner_id: null,
    status: "active" as const,
    password_hash: ctx.passwordHash,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto("users").values(agents).execute();
  for (const [name, hours] of [
    ["Platinum", 40],
    ["Gold", 20],
    ["Silver", 10],
  ] as const)
    await db.updateTable("tiers").set({ support_allowance_hours: hours }).where("name", "=", name).execute();
  const counts = allocate(
    ctx.profiles,
    ctx.months,
    total,
    (p, m, month) => p.supportWeight * Math.max(activity(p, m, month), activity(p, m - 2, month)) ** 0.5 * saleDays(month, nowMs),
    random,
  );
  const usersOf = new Map<string, string[]>();
  for (const user of ctx.users) if (user.partner_id) usersOf.set(user.partner_id, [...(usersOf.get(user.partner_id) ?? []), user.id]);
  const pickProduct = productPicker(ctx.catalog, random);
  const newId = idMaker(3);
  const rollup = new Map<string, [string, string, number, number]>();
  const addTime = (partnerId: string, month: string, minutes: number, opened: number) => {
    const entry = rollup.get(`${partnerId}|${month}`) ?? [partnerId, month, 0, 0];
    entry[2] += minutes;
    entry[3] += opened;
    rollup.set(`${partnerId}|${month}`, entry);
  };
  let tickets: BulkValue[][] = [];
  let replies: BulkValue[][] = [];
  let number = 0;
  let replyCount = 0;
  const flush = async () => {
    await loadTransaction(db, async (trx) => {
      await bulkInsert(trx, "tickets", ticketColumns, tickets);
      await bulkInsert(trx, "ticket_replies", replyColumns, replies);
    });
    replyCount += replies.length;
    tickets = [];
    replies = [];
  };
  for (const [p, profile] of ctx.profiles.entries()) {
    const requesters = usersOf.get(profile.partnerId) ?? [];
    for (const [m, month] of ctx.months.entries()) {
      const days = saleDays(month, nowMs);
      for (let k = 0; k < (counts[p]?.[m] ?? 0); k++) {
        const createdMs = monthStartMs(month) + Math.floor(random() * days * DAY);
        const severity = ticketSeverities[Math.min(3, Math.floor(random() * random() * 5))] ?? "P3";
        const targets = defaultSlaTargets[severity];
        const agent = agents[Math.floor(random() * agents.length)] as { id: string };
        const id = newId(createdMs);
        const times = Array.from({ length: 1 + Math.floor(random() * 6) }, () => createdMs + 5 * MINUTE + Math.floor(random() * 10 * DAY))
          .filter((t) => t < nowMs - MINUTE)
          .sort((a, b) => a - b);
        let minutes = 0;
        for (const [r, at] of times.entries()) {
          const logged = 5 + Math.floor(random() * 86);
          minutes += logged;
          replies.push([
            newId(at),
            id,
            profile.partnerId,
            agent.id,
            r > 0 && random() < 0.2 ? 1 : 0,
            "Checked the logs and replied.",
            logged,
            iso(at),
          ]);
          addTime(profile.partnerId, iso(at).slice(0, 7), logged, 0);
        }
        addTime(profile.partnerId, month, 0, 1);
        const last = times.at(-1) ?? createdMs;
        const open = nowMs - createdMs < 14 * DAY && random() < 0.5;
        const resolvedMs = open ? null : Math.min(last + DAY, nowMs - MINUTE);
        const closedMs = resolvedMs !== null && resolvedMs + 14 * DAY < nowMs ? resolvedMs + 14 * DAY : null;
        const first = times[0];
        const status = open ? "open" : closedMs !== null ? "closed" : "resolved";
        tickets.push([
          id,
          ++number,
          profile.partnerId,
          requesters[Math.floor(random() * requesters.length)] ?? null,
          `Ticket ${number}`,
          "The recorder drops the stream after a firmware update.",
          ticketCategories[Math.floor(random() * ticketCategories.length)] ?? "configuration",
          severity,
          status,
          open ? 1 : 0,
          agent.id,
          pickProduct().familyId,
          "6.2.1",
          `Site ${Math.floor(random() * 5_000)}`,
          targets.firstResponseMinutes,
          targets.resolutionMinutes,
          Math.floor(random() * targets.resolutionMinutes),
          first !== undefined ? iso(first) : null,
          iso(createdMs + targets.firstResponseMinutes * MINUTE),
          iso(createdMs + targets.resolutionMinutes * MINUTE * 3),
          0,
          0,
          open ? iso(createdMs + targets.resolutionMinutes * MINUTE * 3) : farFuture,
          minutes,
          times.length,
          resolvedMs !== null ? iso(resolvedMs) : null,
          closedMs !== null ? iso(closedMs) : null,
          iso(Math.max(last, closedMs ?? 0)),
          iso(createdMs),
          iso(Math.max(last, closedMs ?? 0)),
        ]);
      }
    }
    if (replies.length >= 100_000) await flush();
  }
  await flush();
  await loadTransaction(db, async (trx) => {
    await bulkInsert(trx, "support_time_monthly", col("partner_id:text", "month:text", "minutes:int8", "tickets_opened:int8"), [...rollup.values()]);
    await trx.insertInto("support_counters").values({ name: "ticket", value: number }).execute();
  });
  return {
    agents: agents.map((a) => ({ id: a.id, email: a.email })),
    tickets: number,
    replies: replyCount,
    rows: agents.length + number + replyCount + rollup.size,
  };
}
