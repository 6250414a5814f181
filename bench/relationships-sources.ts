import { newsCategories } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../apps/server/src/db/types.js";
import { postKeys } from "../apps/server/src/features/news/audience.js";
import { type BulkValue, bulkInsert, idMaker, loadTransaction } from "./bulk-insert.js";
import {
  activity,
  allocate,
  benchCurrency,
  col,
  drawSale,
  monthStartMs,
  productPicker,
  type RelationshipsScale,
  type SourcesContext,
  saleDays,
} from "./relationships-model.js";
import { generateSupportTime } from "./relationships-support.js";
import { DAY, iso, MINUTE } from "./support-life.js";

// The other features' records the scorecards read, written lean: support (relationships-support.ts),
// incentive claims with the claim revenue and ledger partner-month rollups, news posts and reads.
// Raw rows exist for each, so the naive baseline has something to sum.

export interface SourcesData {
  rows: number;
  agents: { id: string; email: string }[];
  tickets: number;
  replies: number;
  claims: number;
  newsReads: number;
}

/**
 * Incentive claims after each partner's sales (96 % approved within ten days of the sale, 4 %
 * rejected, recent ones pending), one or two lines each, points per unit and revenue. The rollups the
 * scorecards read are written from them as the app keeps them: incentive_claim_revenue_months (net
 * amount of approved claims by month of sale) and ledger_partner_months (points earned by month of
 * approval; a share later redeemed or expired).
 */
async function generateClaims(db: Kysely<Database>, total: number, ctx: SourcesContext) {
  const { random, nowMs } = ctx;
  const counts = allocate(ctx.profiles, ctx.months, total, (p, m, month) => p.salesWeight * activity(p, m, month) * saleDays(month, nowMs), random);
  const repsOf = new Map<string, string[]>();
  for (const user of ctx.users)
    if (user.partner_id && user.role === "sales_rep") repsOf.set(user.partner_id, [...(repsOf.get(user.partner_id) ?? []), user.id]);
  const pick = productPicker(ctx.catalog, random);
  const newId = idMaker(4);
  const revenue = new Map<string, [string, string, string, number, number]>();
  const ledger = new Map<string, [string, string, number, number, number]>();
  const ledgerMonth = (partnerId: string, month: string) => {
    const entry = ledger.get(`${partnerId}|${month}`) ?? [partnerId, month, 0, 0, 0];
    ledger.set(`${partnerId}|${month}`, entry);
    return entry;
  };
  let claims: BulkValue[][] = [];
  let lines: BulkValue[][] = [];
  let written = 0;
  let filed = 0;
  const flush = async () => {
    filed += claims.length;
    await loadTransaction(db, async (trx) => {
      await bulkInsert(
        trx,
        "incentive_claims",
        col(
          "id:text",
          "partner_id:text",
          "user_id:text",
          "submitted_by:text",
          "invoice_number:text",
          "invoice_date:text",
          "sale_month:text",
          "end_customer:text",
          "status:text",
          "points:int4",
          "auto_approved:int4",
          "decided_at:timestamptz",
          "decision_reason:text",
          "created_at:timestamptz",
          "updated_at:timestamptz",
        ),
        claims,
      );
      await bulkInsert(
        trx,
        "incentive_claim_lines",
        col("claim_id:text", "line_no:int4", "product_id:text", "quantity:int4", "unit_net_minor:int8", "currency:text"),
        lines,
      );
    });
    written += claims.length + lines.length;
    claims = [];
    lines = [];
  };
  for (const [p, profile] of ctx.profiles.entries()) {
    const reps = repsOf.get(profile.partnerId) ?? [];
    if (reps.length === 0) continue;
    for (const [m, month] of ctx.months.entries()) {
      const days = saleDays(month, nowMs);
      for (let k = 0; k < (counts[p]?.[m] ?? 0); k++) {
        const saleMs = monthStartMs(month) + Math.floor(random() * days) * DAY;
        const filedMs = Math.min(saleMs + Math.floor(random() * 5 * DAY) + DAY, nowMs - MINUTE);
        const decidedMs = filedMs + Math.floor(random() * 5 * DAY);
        const roll = random();
        const status = decidedMs >= nowMs ? "pending" : roll < 0.96 ? "approved" : "rejected";
        const id = newId(filedMs);
        const rep = reps[Math.floor(random() * reps.length)] as string;
        let points = 0;
        let net = 0;
        for (let line = 1; line <= (random() < 0.3 ? 2 : 1); line++) {
          const item = pick();
          const sale = drawSale(random, item, profile.discount);
          const quantity = Math.abs(sale.quantity);
          const unit = Math.abs(sale.netMinor / sale.quantity);
          lines.push([id, line, item.productId, quantity, unit, benchCurrency]);
          points += quantity * 10 + Math.floor((quantity * unit) / 10_000);
          net += quantity * unit;
        }
        const decidedAt = status === "pending" ? null : iso(decidedMs);
        claims.push([
          id,
          profile.partnerId,
          rep,
          rep,
          `INV-${id.slice(-8)}`,
          iso(saleMs).slice(0, 10),
          month,
          "",
          status,
          points,
          status === "approved" ? 1 : 0,
          decidedAt,
          status === "rejected" ? "No invoice attached" : null,
          iso(filedMs),
          decidedAt ?? iso(filedMs),
        ]);
        if (status !== "approved") continue;
        const key = `${profile.partnerId}|${month}|${benchCurrency}`;
        const r = revenue.get(key) ?? [profile.partnerId, month, benchCurrency, 0, 0];
        r[3] += net;
        r[4] += 1;
        revenue.set(key, r);
        ledgerMonth(profile.partnerId, iso(decidedMs).slice(0, 7))[2] += points;
        // Most points are redeemed a month or two later; a few expire.
        const spentMs = decidedMs + (30 + Math.floor(random() * 60)) * DAY;
        if (spentMs < nowMs) ledgerMonth(profile.partnerId, iso(spentMs).slice(0, 7))[random() < 0.9 ? 3 : 4] += points;
      }
    }
    if (lines.length >= 50_000) await flush();
  }
  await flush();
  await loadTransaction(db, async (trx) => {
    await bulkInsert(trx, "incentive_claim_revenue_months", col("partner_id:text", "month:text", "currency:text", "net_minor:int8", "claims:int4"), [
      ...revenue.values(),
    ]);
    await bulkInsert(trx, "ledger_partner_months", col("partner_id:text", "month:text", "earned:int8", "redeemed:int8", "expired:int8"), [
      ...ledger.values(),
    ]);
  });
  return { claims: filed, rows: written + revenue.size + ledger.size };
}

/** News: ten posts a month for everyone; each month a share of each partner's users (its engagement) read one or two. */
async function generateNewsReads(db: Kysely<Database>, ctx: SourcesContext) {
  const { random, nowMs } = ctx;
  const newId = idMaker(5);
  const posts: BulkValue[][] = [];
  const keys: BulkValue[][] = [];
  const postsOf = new Map<string, { id: string; ms: number }[]>();
  for (const month of ctx.months) {
    const days = saleDays(month, nowMs);
    for (let i = 0; i < 10 && days > 0; i++) {
      const ms = monthStartMs(month) + Math.floor(((i + 0.5) / 10) * days * DAY);
      const id = newId(ms);
      const title = `Product news ${month} #${i + 1}`;
      posts.push([
        id,
        title,
        "New firmware and a price update.",
        newsCategories[i % newsCategories.length] ?? "company",
        "published",
        1,
        "",
        0,
        0,
        1,
        title.toLowerCase(),
        iso(ms),
        null,
        ctx.managerId,
        iso(ms),
        iso(ms),
      ]);
      for (const key of postKeys({ tierIds: [], regions: [], partnerIds: [] })) keys.push([key, id]);
      postsOf.set(month, [...(postsOf.get(month) ?? []), { id, ms }]);
    }
  }
  const usersOf = new Map<string, string[]>();
  for (const user of ctx.users) if (user.partner_id) usersOf.set(user.partner_id, [...(usersOf.get(user.partner_id) ?? []), user.id]);
  const reads: BulkValue[][] = [];
  for (const profile of ctx.profiles) {
    for (const [m, month] of ctx.months.entries()) {
      const monthPosts = postsOf.get(month) ?? [];
      const share = profile.engagement * (activity(profile, m, month) > 0 ? 1 : 0.2);
      for (const userId of usersOf.get(profile.partnerId) ?? []) {
        if (monthPosts.length === 0 || random() >= share) continue;
        const seen = new Set<string>();
        for (let r = random() < 0.5 ? 2 : 1; r > 0; r--) {
          const post = monthPosts[Math.floor(random() * monthPosts.length)] as { id: string; ms: number };
          if (seen.has(post.id)) continue;
          seen.add(post.id);
          reads.push([post.id, userId, profile.partnerId, iso(Math.min(post.ms + Math.floor(random() * 3 * DAY), nowMs - MINUTE)), null]);
        }
      }
    }
  }
  await loadTransaction(db, async (trx) => {
    await bulkInsert(
      trx,
      "news_posts",
      col(
        "id:text",
        "title:text",
        "body_markdown:text",
        "category:text",
        "status:text",
        "audience_all:int4",
        "roles:text",
        "pinned:int4",
        "must_read:int4",
        "comments_enabled:int4",
        "search_text:text",
        "publish_at:timestamptz",
        "expires_at:timestamptz",
        "author_id:text",
        "created_at:timestamptz",
        "updated_at:timestamptz",
      ),
      posts,
    );
    await bulkInsert(trx, "news_post_keys", col("key:text", "post_id:text"), keys);
    await bulkInsert(
      trx,
      "news_reads",
      col("post_id:text", "user_id:text", "partner_id:text", "read_at:timestamptz", "acknowledged_at:timestamptz"),
      reads,
    );
  });
  return { reads: reads.length, rows: posts.length + keys.length + reads.length };
}

export async function generateRelationshipSources(db: Kysely<Database>, scale: RelationshipsScale, ctx: SourcesContext): Promise<SourcesData> {
  const support = await ctx.timed("support", () => generateSupportTime(db, scale.tickets, ctx));
  const claims = await ctx.timed("claims", () => generateClaims(db, scale.claims, ctx));
  const news = await ctx.timed("news", () => generateNewsReads(db, ctx));
  return {
    rows: support.rows + claims.rows + news.rows,
    agents: support.agents,
    tickets: support.tickets,
    replies: support.replies,
    claims: claims.claims,
    newsReads: news.reads,
  };
}
