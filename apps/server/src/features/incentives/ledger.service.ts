import type { Kysely } from "kysely";
import { engineOf, nowIso } from "../../db/dialect.js";
import type { Database, LedgerAccountKind, LedgerEntryTable, LedgerTransactionKind, LedgerTransactionTable } from "../../db/types.js";
import { businessRule } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import {
  findRepAccounts,
  findUserPartners,
  insertRepAccounts,
  lockRepAccounts,
  type MovementRows,
  type ProgramAccountKind,
  programAccountId,
  type RepAccountKind,
  type RepAccountRow,
  repAccountKinds,
  writeMovement,
} from "./ledger.repository.js";
import { earningKinds, monthOf, movementAccounts, quarterOf } from "./ledger-kinds.js";
import { writeOneRepMovement } from "./ledger-one-statement.repository.js";

// The points ledger (docs/incentives.md, ADR 0008): append-only double entry. Other parts of the
// program move points only through postLedgerTransaction, inside their own transaction.

export type { LedgerAccountKind, LedgerTransactionKind } from "../../db/types.js";
export { earningKinds, monthOf, movementAccounts, quarterOf } from "./ledger-kinds.js";
export { incentiveCostByPartner, leaderboard, liability, repStatement } from "./ledger-reports.service.js";
export { verifyLedger } from "./ledger-verify.js";

/** A rep account names its rep; a program account is one of four. */
export type LedgerAccountRef = { kind: RepAccountKind; userId: string } | { kind: ProgramAccountKind };

export interface LedgerLine {
  account: LedgerAccountRef;
  /** Signed integer points, never 0; a transaction's lines sum to zero. */
  amount: number;
}

export interface LedgerPosting {
  kind: LedgerTransactionKind;
  /** What caused it ("claim", "redemption", "expiry", "adjustment") and its id. */
  sourceType: string;
  sourceId: string;
  memo?: string;
  /** Required reading for adjustments and reversals. */
  reason?: string | null;
  createdBy?: string | null;
  approvedBy?: string | null;
  lines: LedgerLine[];
}

const isRepKind = (kind: LedgerAccountKind): kind is RepAccountKind => kind === "rep_points" || kind === "rep_reserved";
const repKey = (userId: string, kind: RepAccountKind) => `${userId}|${kind}`;

/** Programming mistakes (unbalanced, zero or fractional lines, wrong accounts): an Error, never a 4xx. */
function validate(posting: LedgerPosting): void {
  const fail = (why: string) => {
    throw new Error(`Invalid ledger posting (${posting.kind} ${posting.sourceType}/${posting.sourceId}): ${why}`);
  };
  const allowed = movementAccounts[posting.kind];
  if (!allowed) fail("unknown kind");
  if (!posting.sourceType || !posting.sourceId) fail("sourceType and sourceId are required");
  if (posting.lines.length < 2) fail("at least two lines are required");
  const seen = new Set<string>();
  let sum = 0;
  for (const line of posting.lines) {
    if (!Number.isSafeInteger(line.amount)) fail(`amount ${line.amount} is not an integer`);
    if (line.amount === 0) fail("a line of 0 points");
    if (!allowed.includes(line.account.kind)) fail(`account ${line.account.kind} is not part of a ${posting.kind}`);
    const key = "userId" in line.account ? repKey(line.account.userId, line.account.kind) : line.account.kind;
    if ("userId" in line.account && !line.account.userId) fail("a rep account without a user");
    if (seen.has(key)) fail(`account ${key} appears twice`);
    seen.add(key);
    sum += line.amount;
  }
  if (sum !== 0) fail(`lines sum to ${sum}, not 0`);
  const reps = new Set(posting.lines.flatMap((line) => ("userId" in line.account ? [line.account.userId] : [])));
  if (reps.size !== 1) fail("a movement concerns exactly one rep");
}

/** Locks the touched rep accounts (id order), opening missing ones first. */
async function lockAccounts(
  trx: Kysely<Database>,
  refs: { userId: string; kind: RepAccountKind }[],
  at: string,
): Promise<Map<string, RepAccountRow>> {
  const userIds = [...new Set(refs.map((ref) => ref.userId))].sort();
  const kinds = [...new Set(refs.map((ref) => ref.kind))].sort();
  const byKey = (rows: RepAccountRow[]) => new Map(rows.map((row) => [repKey(row.user_id as string, row.kind as RepAccountKind), row]));
  let accounts = byKey(await lockRepAccounts(trx, userIds, kinds));
  const missing = refs.filter((ref) => !accounts.has(repKey(ref.userId, ref.kind)));
  if (missing.length === 0) return accounts;
  const partners = new Map((await findUserPartners(trx, [...new Set(missing.map((ref) => ref.userId))])).map((row) => [row.id, row.partner_id]));
  const rows = missing.map((ref) => {
    const partnerId = partners.get(ref.userId);
    // Only partner-side users earn points; anything else is a caller's mistake.
    if (!partnerId) throw new Error(`Cannot open a ${ref.kind} account for ${ref.userId}: not a partner user`);
    return { id: uuidv7(), kind: ref.kind, user_id: ref.userId, partner_id: partnerId, balance: 0, earned: 0, updated_at: at };
  });
  await insertRepAccounts(trx, rows);
  accounts = byKey(await lockRepAccounts(trx, userIds, kinds));
  return accounts;
}

/**
 * A movement's time: now, or 1 ms after the latest movement of the accounts it touches when that is
 * not earlier (a writer that held them first, in the same millisecond or on a clock a little behind).
 * Taken once the locks are held, so each rep account's entries are in strict time order and their
 * balance_after reads as a running balance. The one-statement path applies the same rule in SQL.
 */
function movementTime(accountTimes: readonly string[]): string {
  const now = Date.now();
  const latest = Math.max(...accountTimes.map((time) => Date.parse(time)));
  return new Date(Math.max(now, latest + 1)).toISOString();
}

interface RepEffect {
  account: RepAccountRow;
  amount: number;
  balance: number;
  earned: number;
}

/**
 * Posts one movement inside the caller's transaction (pass `trx`, never the root db): locks the rep
 * accounts it touches in id order (FOR UPDATE on PostgreSQL; BEGIN IMMEDIATE serialises SQLite
 * writers), refuses with 422 insufficient_points when a rep balance would go below zero, writes the
 * transaction and its entries, updates the stored balances and the rollups. Returns the transaction id.
 * On PostgreSQL a movement of one rep account first tries all of that in one statement.
 */
export async function postLedgerTransaction(trx: Kysely<Database>, posting: LedgerPosting): Promise<string> {
  if (!trx.isTransaction) throw new Error("postLedgerTransaction must run inside the caller's transaction");
  validate(posting);
  const repLines = posting.lines.filter((line): line is LedgerLine & { account: { kind: RepAccountKind; userId: string } } =>
    isRepKind(line.account.kind),
  );
  const [onlyRepLine] = repLines;
  if (onlyRepLine && repLines.length === 1 && engineOf(trx) === "postgres") {
    const transactionId = await postOneRepMovement(trx, posting, onlyRepLine.account, onlyRepLine.amount);
    if (transactionId) return transactionId;
  }
  const accounts = await lockAccounts(
    trx,
    repLines.map((line) => line.account),
    nowIso(),
  );
  const at = movementTime([...accounts.values()].map((account) => account.updated_at));

  const earning = earningKinds.has(posting.kind);
  const effects: RepEffect[] = repLines.map((line) => {
    const account = accounts.get(repKey(line.account.userId, line.account.kind)) as RepAccountRow;
    const earned = earning && account.kind === "rep_points" ? account.earned + line.amount : account.earned;
    return { account, amount: line.amount, balance: account.balance + line.amount, earned };
  });
  const short = effects.find((effect) => effect.balance < 0);
  if (short) {
    const what = short.account.kind === "rep_points" ? "available" : "reserved";
    throw businessRule(`The rep has ${short.account.balance} points ${what}; this needs ${-short.amount}`, "insufficient_points");
  }

  const transactionId = uuidv7();
  const effectOf = new Map(effects.map((effect) => [effect.account.id, effect]));
  const entries: LedgerEntryTable[] = posting.lines.map((line) => {
    const account = "userId" in line.account ? accounts.get(repKey(line.account.userId, line.account.kind)) : undefined;
    const effect = account ? effectOf.get(account.id) : undefined;
    return {
      id: uuidv7(),
      transaction_id: transactionId,
      account_id: account ? account.id : programAccountId(line.account.kind as ProgramAccountKind),
      amount: line.amount,
      balance_after: effect ? effect.balance : null,
      created_at: at,
    };
  });
  await writeMovement(trx, {
    transaction: { ...transactionRow(posting, transactionId), created_at: at },
    entries,
    accounts: [...effects]
      .sort((a, b) => a.account.id.localeCompare(b.account.id))
      .map((effect) => ({ id: effect.account.id, balance: effect.balance, earned: effect.earned })),
    ...rollupsOf(posting.kind, effects, monthOf(at)),
  });
  return transactionId;
}

/**
 * PostgreSQL, a movement of one rep account (claims, reversals, adjustments, expiries, fulfilments):
 * one statement (writeOneRepMovement). Undefined when it wrote nothing (the account is not open yet,
 * or the points do not cover it): postLedgerTransaction then takes the general path, which opens the
 * account or refuses with the balance it finds under its lock.
 */
async function postOneRepMovement(
  trx: Kysely<Database>,
  posting: LedgerPosting,
  account: { kind: RepAccountKind; userId: string },
  amount: number,
): Promise<string | undefined> {
  const { earned, redeemed, expired } = rollupAmounts(posting.kind, [{ kind: account.kind, amount }]);
  const transactionId = uuidv7();
  const written = await writeOneRepMovement(trx, {
    userId: account.userId,
    accountKind: account.kind,
    amount,
    earned,
    at: nowIso(),
    transaction: transactionRow(posting, transactionId),
    entries: posting.lines.map((line) => ({
      id: uuidv7(),
      accountId: isRepKind(line.account.kind) ? null : programAccountId(line.account.kind as ProgramAccountKind),
      amount: line.amount,
    })),
    repEarned: earned,
    partnerMonth: earned !== 0 || redeemed !== 0 || expired !== 0 ? { earned, redeemed, expired } : undefined,
  });
  return written ? transactionId : undefined;
}

/** The transaction row of a posting, without its time. */
function transactionRow(posting: LedgerPosting, id: string): Omit<LedgerTransactionTable, "created_at"> {
  return {
    id,
    kind: posting.kind,
    source_type: posting.sourceType,
    source_id: posting.sourceId,
    memo: posting.memo ?? "",
    reason: posting.reason ?? null,
    created_by: posting.createdBy ?? null,
    approved_by: posting.approvedBy ?? null,
  };
}

/** Points a movement's rep lines earned, redeemed and expired, for the rollups. */
function rollupAmounts(kind: LedgerTransactionKind, lines: readonly { kind: RepAccountKind; amount: number }[]) {
  const sumOf = (accountKind: RepAccountKind, applies: boolean) =>
    applies ? lines.filter((line) => line.kind === accountKind).reduce((sum, line) => sum + line.amount, 0) : 0;
  return {
    earned: sumOf("rep_points", earningKinds.has(kind)),
    redeemed: -sumOf("rep_reserved", kind === "redemption_fulfilled"),
    expired: -sumOf("rep_points", kind === "expiry"),
  };
}

/**
 * The rollup rows a movement adds to (one rep, so one partner): the rep's month and quarter when it
 * earned (or lost) points, the partner's month when points were earned, redeemed or expired.
 */
function rollupsOf(kind: LedgerTransactionKind, effects: RepEffect[], month: string): Pick<MovementRows, "repMonth" | "repQuarter" | "partnerMonth"> {
  const first = effects[0];
  if (!first) return {};
  const { earned, redeemed, expired } = rollupAmounts(
    kind,
    effects.map((effect) => ({ kind: effect.account.kind as RepAccountKind, amount: effect.amount })),
  );
  const userId = first.account.user_id as string;
  const partnerId = first.account.partner_id as string;
  const region = first.account.region;
  return {
    repMonth: earned !== 0 ? { user_id: userId, month, partner_id: partnerId, region, earned } : undefined,
    repQuarter: earned !== 0 ? { user_id: userId, quarter: quarterOf(month), partner_id: partnerId, region, earned } : undefined,
    partnerMonth: earned !== 0 || redeemed !== 0 || expired !== 0 ? { partner_id: partnerId, month, earned, redeemed, expired } : undefined,
  };
}

export interface RepBalance {
  /** Points the rep can spend. */
  available: number;
  /** Points held by redemptions awaiting fulfilment. */
  reserved: number;
  /** Points earned ever, net of reversals and adjustments. */
  lifetimeEarned: number;
}

/** From the stored balances: one indexed read. A rep without accounts has nothing. */
export async function repBalance(db: Kysely<Database>, userId: string): Promise<RepBalance> {
  const balance: RepBalance = { available: 0, reserved: 0, lifetimeEarned: 0 };
  for (const account of await findRepAccounts(db, userId)) {
    if (account.kind === "rep_points") {
      balance.available = account.balance;
      balance.lifetimeEarned = account.earned;
    }
    if (account.kind === "rep_reserved") balance.reserved = account.balance;
  }
  return balance;
}

export { repAccountKinds };
