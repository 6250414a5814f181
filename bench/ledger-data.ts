import type { Kysely } from "kysely";
import type {
  Database,
  LedgerAccountTable,
  LedgerEntryTable,
  LedgerPartnerMonthTable,
  LedgerRepMonthTable,
  LedgerRepQuarterTable,
  LedgerTransactionKind,
  LedgerTransactionTable,
} from "../apps/server/src/db/types.js";
import { earningKinds, monthOf, quarterOf } from "../apps/server/src/features/incentives/ledger-kinds.js";
import { uuidv7 } from "../apps/server/src/platform/ids.js";
import { TextMaker } from "./library-data.js";
import { insertRows } from "./support-data.js";

/** The points ledger at bench scale: two years of movements, written straight to the tables. */
export interface LedgerScale {
  /** Ledger entries (two per movement). */
  entries: number;
  /** Reps with accounts (partner users, all roles); capped at the partner users there are. */
  reps: number;
}

export const fullLedgerScale: LedgerScale = { entries: 5_000_000, reps: 40_000 };

export interface LedgerRefs {
  partners: { id: string; region: string }[];
  users: { id: string; partner_id: string | null }[];
}

export interface LedgerData {
  rows: number;
  transactions: number;
  repIds: string[];
  /** The last full quarter (YYYY-Qn): every leaderboard figure reads it. */
  quarter: string;
  /** A region and a partner with reps in that quarter, for the filtered boards. */
  region: string;
  partnerId: string;
}

// The mix of movements (weights), each checked against the rep's simulated balance: one that would
// go below zero becomes a claim, so the data obeys the same rule the product enforces.
const mix: [LedgerTransactionKind, number][] = [
  ["claim_approved", 68],
  ["claim_reversed", 3],
  ["redemption_requested", 11],
  ["redemption_cancelled", 2],
  ["redemption_fulfilled", 8],
  ["expiry", 4],
  ["adjustment", 4],
];
const mixTotal = mix.reduce((sum, [, weight]) => sum + weight, 0);
const monthsBack = 24;
const programAccount = { funding: "program:funding", redeemed: "program:redeemed", expired: "program:expired", adjustments: "program:adjustments" };

interface RepState {
  points: LedgerAccountTable;
  reserved: LedgerAccountTable;
}

interface Chunk {
  accounts: LedgerAccountTable[];
  transactions: LedgerTransactionTable[];
  entries: LedgerEntryTable[];
  repMonths: Map<string, LedgerRepMonthTable>;
  repQuarters: Map<string, LedgerRepQuarterTable>;
  partnerMonths: Map<string, LedgerPartnerMonthTable>;
}

type Line = [LedgerAccountTable | string, number];

/** The movement's lines: [rep account or program account id, signed points]; the same shapes as ledger-kinds.ts. */
function linesOf(kind: LedgerTransactionKind, rep: RepState, amount: number): Line[] {
  switch (kind) {
    case "claim_approved":
      return [
        [programAccount.funding, -amount],
        [rep.points, amount],
      ];
    case "claim_reversed":
      return [
        [rep.points, -amount],
        [programAccount.funding, amount],
      ];
    case "redemption_requested":
      return [
        [rep.points, -amount],
        [rep.reserved, amount],
      ];
    case "redemption_cancelled":
      return [
        [rep.reserved, -amount],
        [rep.points, amount],
      ];
    case "redemption_fulfilled":
      return [
        [rep.reserved, -amount],
        [programAccount.redeemed, amount],
      ];
    case "expiry":
      return [
        [rep.points, -amount],
        [programAccount.expired, amount],
      ];
    case "adjustment":
      return [
        [programAccount.adjustments, -amount],
        [rep.points, amount],
      ];
  }
}

/** One movement of a rep, as postLedgerTransaction would write it (same balance_after, rollups, earned). */
function writeMovement(chunk: Chunk, rep: RepState, region: string, kind: LedgerTransactionKind, amount: number, at: string, n: number) {
  const id = uuidv7();
  const source = kind.startsWith("claim") ? "claim" : kind.startsWith("redemption") ? "redemption" : kind;
  chunk.transactions.push({
    id,
    kind,
    source_type: source,
    source_id: `${source}-${n}`,
    memo: kind.replace("_", " "),
    reason: kind === "adjustment" || kind === "claim_reversed" ? "Bench correction" : null,
    created_by: null,
    approved_by: null,
    created_at: at,
  });
  for (const [account, delta] of linesOf(kind, rep, amount)) {
    if (typeof account === "string") {
      chunk.entries.push({ id: uuidv7(), transaction_id: id, account_id: account, amount: delta, balance_after: null, created_at: at });
      continue;
    }
    account.balance += delta;
    if (earningKinds.has(kind) && account.kind === "rep_points") account.earned += delta;
    account.updated_at = at;
    chunk.entries.push({ id: uuidv7(), transaction_id: id, account_id: account.id, amount: delta, balance_after: account.balance, created_at: at });
  }
  const userId = rep.points.user_id as string;
  const partnerId = rep.points.partner_id as string;
  const month = monthOf(at);
  const earned = earningKinds.has(kind) ? (kind === "claim_reversed" ? -amount : amount) : 0;
  const redeemed = kind === "redemption_fulfilled" ? amount : 0;
  const expired = kind === "expiry" ? amount : 0;
  if (earned !== 0) {
    const m = chunk.repMonths.get(`${userId}|${month}`) ?? { user_id: userId, month, partner_id: partnerId, region, earned: 0 };
    m.earned += earned;
    chunk.repMonths.set(`${userId}|${month}`, m);
    const quarter = quarterOf(month);
    const q = chunk.repQuarters.get(`${userId}|${quarter}`) ?? { user_id: userId, quarter, partner_id: partnerId, region, earned: 0 };
    q.earned += earned;
    chunk.repQuarters.set(`${userId}|${quarter}`, q);
  }
  if (earned !== 0 || redeemed !== 0 || expired !== 0) {
    const p = chunk.partnerMonths.get(`${partnerId}|${month}`) ?? { partner_id: partnerId, month, earned: 0, redeemed: 0, expired: 0 };
    p.earned += earned;
    p.redeemed += redeemed;
    p.expired += expired;
    chunk.partnerMonths.set(`${partnerId}|${month}`, p);
  }
}

/** A feasible movement for the rep's balances now; a claim when the drawn one is not. */
function drawMovement(random: () => number, rep: RepState): { kind: LedgerTransactionKind; amount: number } {
  const claim = () => ({ kind: "claim_approved" as const, amount: 10 + Math.floor(random() * 491) });
  const roll = random() * mixTotal;
  let cumulative = 0;
  const kind =
    mix.find(([, weight]) => {
      cumulative += weight;
      return roll < cumulative;
    })?.[0] ?? "claim_approved";
  const available = rep.points.balance;
  const reserved = rep.reserved.balance;
  const upTo = (max: number) => 1 + Math.floor(random() * max);
  if (kind === "claim_approved") return claim();
  if (kind === "claim_reversed" || kind === "expiry") return available > 0 ? { kind, amount: upTo(Math.min(available, 400)) } : claim();
  if (kind === "redemption_requested") return available >= 50 ? { kind, amount: upTo(Math.min(available, 2000)) } : claim();
  if (kind === "redemption_cancelled" || kind === "redemption_fulfilled") return reserved > 0 ? { kind, amount: upTo(reserved) } : claim();
  // Adjustments: a third take points away.
  if (random() < 1 / 3) return available > 0 ? { kind, amount: -upTo(Math.min(available, 200)) } : claim();
  return { kind, amount: upTo(300) };
}

/**
 * Writes rep accounts, movements (two entries each), stored balances, lifetime earned and the three
 * rollups, consistent with one another (verifyLedger agrees), in one transaction per 25 partners'
 * reps. Movements per rep vary 0.3x-2.3x the mean; each rep's fall in time order over 24 months.
 */
export async function generateLedger(db: Kysely<Database>, scale: LedgerScale, refs: LedgerRefs): Promise<LedgerData> {
  const random = new TextMaker(20260601).random;
  const regionOf = new Map(refs.partners.map((partner) => [partner.id, partner.region]));
  const reps = refs.users.filter((user) => user.partner_id !== null).slice(0, scale.reps);
  // Grouped by partner, so each chunk holds whole partners and its partner-month rows are complete.
  reps.sort((a, b) => (a.partner_id as string).localeCompare(b.partner_id as string));
  const movements = Math.floor(scale.entries / 2);
  const weights = reps.map(() => 0.3 + 2 * random() ** 2);
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  const counts = weights.map((weight) => Math.floor((weight / weightTotal) * movements));
  // Rounding leftovers go to the first reps, so the total is exact.
  for (let left = movements - counts.reduce((sum, count) => sum + count, 0), i = 0; left > 0; left--, i++) {
    counts[i % counts.length] = (counts[i % counts.length] ?? 0) + 1;
  }

  const nowMs = Date.now();
  const startMs = Date.UTC(new Date(nowMs).getUTCFullYear(), new Date(nowMs).getUTCMonth() - monthsBack, 1);
  let rows = 0;
  let n = 0;
  const perChunk = 500;
  for (let start = 0; start < reps.length; start += perChunk) {
    let end = Math.min(start + perChunk, reps.length);
    // Keep a partner's reps in one chunk.
    while (end < reps.length && reps[end]?.partner_id === reps[end - 1]?.partner_id) end++;
    const chunk: Chunk = { accounts: [], transactions: [], entries: [], repMonths: new Map(), repQuarters: new Map(), partnerMonths: new Map() };
    for (let r = start; r < end; r++) {
      const user = reps[r] as { id: string; partner_id: string };
      const open = new Date(startMs).toISOString();
      const account = (kind: "rep_points" | "rep_reserved"): LedgerAccountTable => ({
        id: uuidv7(),
        kind,
        user_id: user.id,
        partner_id: user.partner_id,
        balance: 0,
        earned: 0,
        updated_at: open,
      });
      const rep: RepState = { points: account("rep_points"), reserved: account("rep_reserved") };
      chunk.accounts.push(rep.points, rep.reserved);
      const count = counts[r] ?? 0;
      const times = Array.from({ length: count }, () => startMs + Math.floor(random() * (nowMs - startMs - 60_000))).sort((a, b) => a - b);
      const region = regionOf.get(user.partner_id) ?? "";
      for (const [i, time] of times.entries()) {
        // Distinct times per rep (a movement per millisecond at most), still in order.
        const at = new Date(Math.max(time, (times[i - 1] ?? 0) + 1)).toISOString();
        times[i] = Date.parse(at);
        const { kind, amount } = drawMovement(random, rep);
        writeMovement(chunk, rep, region, kind, amount, at, n++);
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, "ledger_accounts", chunk.accounts, 1000);
      await insertRows(trx, "ledger_transactions", chunk.transactions, 1000);
      await insertRows(trx, "ledger_entries", chunk.entries, 1000);
      await insertRows(trx, "ledger_rep_months", [...chunk.repMonths.values()], 1000);
      await insertRows(trx, "ledger_rep_quarters", [...chunk.repQuarters.values()], 1000);
      await insertRows(trx, "ledger_partner_months", [...chunk.partnerMonths.values()], 1000);
    });
    rows +=
      chunk.accounts.length +
      chunk.transactions.length +
      chunk.entries.length +
      chunk.repMonths.size +
      chunk.repQuarters.size +
      chunk.partnerMonths.size;
  }

  const thisQuarter = quarterOf(monthOf(new Date(nowMs).toISOString()));
  const lastQuarterStart = new Date(Date.UTC(new Date(nowMs).getUTCFullYear(), new Date(nowMs).getUTCMonth() - 3, 1));
  const quarter = quarterOf(monthOf(lastQuarterStart.toISOString()));
  if (quarter === thisQuarter) throw new Error("ledger bench: could not find the last full quarter");
  const busiest = await db
    .selectFrom("ledger_rep_quarters")
    .select(["region", "partner_id"])
    .where("quarter", "=", quarter)
    .orderBy("earned", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  return { rows, transactions: n, repIds: reps.map((rep) => rep.id), quarter, region: busiest.region, partnerId: busiest.partner_id };
}
