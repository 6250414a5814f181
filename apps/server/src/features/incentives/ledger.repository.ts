import type { Kysely } from "kysely";
import { engineOf } from "../../db/dialect.js";
import { runPrepared } from "../../db/prepared.js";
import type {
  Database,
  LedgerAccountKind,
  LedgerAccountTable,
  LedgerEntryTable,
  LedgerPartnerMonthTable,
  LedgerRepMonthTable,
  LedgerRepQuarterTable,
  LedgerTransactionTable,
} from "../../db/types.js";

// The ledger's rows. Only ledger.service.ts writes them (postLedgerTransaction); users and partners
// are read here read-only: a rep's partner when its accounts open, the partner's region with the lock.

export type RepAccountKind = Extract<LedgerAccountKind, "rep_points" | "rep_reserved">;
export type ProgramAccountKind = Exclude<LedgerAccountKind, RepAccountKind>;
export const repAccountKinds: readonly RepAccountKind[] = ["rep_points", "rep_reserved"];

/** The program accounts exist from the migration on, under fixed ids. */
export const programAccountId = (kind: ProgramAccountKind): string => `program:${kind}`;

export type RepAccountRow = Pick<LedgerAccountTable, "id" | "kind" | "user_id" | "partner_id" | "balance" | "earned" | "updated_at"> & {
  /** The rep's partner's region now (read-only join), for the leaderboard rollups. */
  region: string;
};

/**
 * The rep accounts of these users and kinds, ordered by id, with their partner's region; the accounts
 * (not the partner) locked FOR UPDATE on PostgreSQL, in that order. One round trip per movement.
 */
export async function lockRepAccounts(db: Kysely<Database>, userIds: readonly string[], kinds: readonly RepAccountKind[]): Promise<RepAccountRow[]> {
  const lock = engineOf(db) === "postgres" ? " for update of a" : "";
  const build = (next: () => string) => `select a.id, a.kind, a.user_id, a.partner_id, a.balance, a.earned, a.updated_at, p.region
    from ledger_accounts a left join partners p on p.id = a.partner_id
    where a.user_id in (${userIds.map(next).join(", ")}) and a.kind in (${kinds.map(next).join(", ")})
    order by a.id${lock}`;
  const rows = await runPrepared<Omit<RepAccountRow, "region"> & { region: string | null }>(
    db,
    `ledger.lock ${userIds.length} ${kinds.length}`,
    build,
    [...userIds, ...kinds],
  );
  return rows.rows.map((row) => ({ ...row, region: row.region ?? "", balance: Number(row.balance), earned: Number(row.earned) }));
}

/** Opens accounts that do not exist yet; a concurrent opener's row wins quietly. */
export async function insertRepAccounts(db: Kysely<Database>, rows: LedgerAccountTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("ledger_accounts")
    .values(rows)
    .onConflict((oc) => oc.columns(["user_id", "kind"]).doNothing())
    .execute();
}

/** Partner-side users' partners (read-only), for opening their accounts. */
export function findUserPartners(db: Kysely<Database>, userIds: readonly string[]) {
  return db.selectFrom("users").select(["id", "partner_id"]).where("id", "in", userIds).execute();
}

export interface MovementRows {
  transaction: LedgerTransactionTable;
  entries: LedgerEntryTable[];
  /** The rep accounts' new values, in id order (the caller holds their locks). */
  accounts: { id: string; balance: number; earned: number }[];
  /** Added to the rollups' existing rows (or inserted). */
  repMonth?: LedgerRepMonthTable;
  repQuarter?: LedgerRepQuarterTable;
  partnerMonth?: LedgerPartnerMonthTable;
}

/**
 * Writes a movement: its transaction, entries, the rep accounts' balances and the rollups. SQLite:
 * one statement each (in-process, no round trips). PostgreSQL: one statement of data-modifying CTEs,
 * so a movement costs two round trips (lock, write) instead of eight (one, for a movement of one rep
 * account: ledger-one-statement.repository.ts); the entries' foreign key to the
 * new transaction is checked at the end of that statement.
 * Every movement runs these, thousands a second: their texts are built once per shape (not through
 * the query builder, whose compiling cost as much as a short statement) and prepared once per
 * connection on PostgreSQL (runPrepared, db/prepared.ts).
 */
export async function writeMovement(db: Kysely<Database>, rows: MovementRows): Promise<void> {
  const at = rows.transaction.created_at;
  const rollups = rollupWrites.filter((rollup) => rows[rollup.field]);
  const txParams = transactionValues(rows.transaction);
  const entryParams = rows.entries.flatMap(entryValues);
  if (engineOf(db) === "postgres") {
    const shape = `ledger.movement ${rows.entries.length} ${rows.accounts.length} ${rollups.map((rollup) => rollup.table).join(" ")}`;
    const accountParams = rows.accounts.flatMap((account) => [account.id, account.balance, account.earned]);
    const rollupParams = rollups.flatMap((rollup) => rollupValues(rollup, rows));
    const params = [...txParams, ...entryParams, ...(rows.accounts.length > 0 ? [at, ...accountParams] : []), ...rollupParams];
    await runPrepared(db, shape, (next) => postgresMovementText(next, rows.entries.length, rows.accounts.length, rollups), params);
    return;
  }
  await runPrepared(db, "ledger.transaction", insertTransactionText, txParams);
  await runPrepared(db, `ledger.entries ${rows.entries.length}`, (next) => insertEntriesText(next, rows.entries.length), entryParams);
  for (const account of rows.accounts) {
    await runPrepared(db, "ledger.account", updateAccountText, [account.balance, account.earned, at, account.id]);
  }
  for (const rollup of rollups) await runPrepared(db, `ledger.${rollup.table}`, (next) => upsertText(next, rollup), rollupValues(rollup, rows));
}

// The movement's statements. Each builder takes `next`, which returns the engine's next placeholder
// (? on SQLite, $1, $2, ... on PostgreSQL); the values are passed in the same order.

const transactionColumns = ["id", "kind", "source_type", "source_id", "memo", "reason", "created_by", "approved_by", "created_at"] as const;
const entryColumns = ["id", "transaction_id", "account_id", "amount", "balance_after", "created_at"] as const;
const transactionValues = (t: LedgerTransactionTable): unknown[] => transactionColumns.map((column) => t[column]);
const entryValues = (e: LedgerEntryTable): unknown[] => entryColumns.map((column) => e[column]);
const tuple = (next: () => string, count: number) => `(${Array.from({ length: count }, next).join(", ")})`;

const insertTransactionText = (next: () => string) =>
  `insert into ledger_transactions (${transactionColumns.join(", ")}) values ${tuple(next, transactionColumns.length)}`;
const insertEntriesText = (next: () => string, count: number) =>
  `insert into ledger_entries (${entryColumns.join(", ")}) values ${Array.from({ length: count }, () => tuple(next, entryColumns.length)).join(", ")}`;
const updateAccountText = (next: () => string) =>
  `update ledger_accounts set balance = ${next()}, earned = ${next()}, updated_at = ${next()} where id = ${next()}`;

interface RollupWrite {
  field: "repMonth" | "repQuarter" | "partnerMonth";
  table: string;
  /** The row's fields, in the order of the statement's values. */
  columns: readonly string[];
  keys: readonly string[];
  /** Added to the stored row on conflict; the other columns keep their first values. */
  sums: readonly string[];
}

const rollupWrites: readonly RollupWrite[] = [
  {
    field: "repMonth",
    table: "ledger_rep_months",
    columns: ["user_id", "month", "partner_id", "region", "earned"],
    keys: ["user_id", "month"],
    sums: ["earned"],
  },
  {
    field: "repQuarter",
    table: "ledger_rep_quarters",
    columns: ["user_id", "quarter", "partner_id", "region", "earned"],
    keys: ["user_id", "quarter"],
    sums: ["earned"],
  },
  {
    field: "partnerMonth",
    table: "ledger_partner_months",
    columns: ["partner_id", "month", "earned", "redeemed", "expired"],
    keys: ["month", "partner_id"],
    sums: ["earned", "redeemed", "expired"],
  },
];

const rollupValues = (rollup: RollupWrite, rows: MovementRows): unknown[] => {
  const row = rows[rollup.field] as unknown as Record<string, unknown>;
  return rollup.columns.map((column) => row[column]);
};

/** INSERT ... ON CONFLICT DO UPDATE adding the sums to the stored row. */
function upsertText(next: () => string, rollup: RollupWrite): string {
  const set = rollup.sums.map((c) => `${c} = ${rollup.table}.${c} + excluded.${c}`).join(", ");
  return `insert into ${rollup.table} (${rollup.columns.join(", ")}) values ${tuple(next, rollup.columns.length)}
    on conflict (${rollup.keys.join(", ")}) do update set ${set}`;
}

/** The whole movement in one statement: the values in the order transaction, entries, [at, accounts], rollups. */
function postgresMovementText(next: () => string, entries: number, accounts: number, rollups: readonly RollupWrite[]): string {
  const parts = [`with t as (${insertTransactionText(next)})`, `e as (${insertEntriesText(next, entries)})`];
  if (accounts > 0) {
    const at = next();
    const values = Array.from({ length: accounts }, () => `(${next()}::text, ${next()}::bigint, ${next()}::bigint)`).join(", ");
    parts.push(`a as (update ledger_accounts set balance = v.balance, earned = v.earned, updated_at = ${at}::timestamptz
      from (values ${values}) as v (id, balance, earned) where ledger_accounts.id = v.id)`);
  }
  for (const [i, rollup] of rollups.entries()) parts.push(`r${i} as (${upsertText(next, rollup)})`);
  return `${parts.join(", ")} select 1`;
}

/** A rep's accounts (a balance read: prepared like the movement's statements). */
export async function findRepAccounts(db: Kysely<Database>, userId: string) {
  const found = await runPrepared<Pick<LedgerAccountTable, "kind" | "balance" | "earned">>(
    db,
    "ledger.balance",
    (next) => `select kind, balance, earned from ledger_accounts where user_id = ${next()}`,
    [userId],
  );
  return found.rows.map((row) => ({ kind: row.kind, balance: Number(row.balance), earned: Number(row.earned) }));
}

/**
 * A rep's entries, newest first, with their transaction: keyset on (created_at, id), limit + 1 rows.
 * The rep's two accounts come first (unique index), then each account's index range.
 */
export async function findStatementRows(db: Kysely<Database>, userId: string, limit: number, after: { createdAt: string; id: string } | undefined) {
  const accounts = await db.selectFrom("ledger_accounts").select(["id", "kind"]).where("user_id", "=", userId).execute();
  if (accounts.length === 0) return [];
  let query = db
    .selectFrom("ledger_entries as e")
    .innerJoin("ledger_transactions as t", "t.id", "e.transaction_id")
    .select([
      "e.id",
      "e.account_id",
      "e.amount",
      "e.balance_after",
      "e.created_at",
      "t.id as transaction_id",
      "t.kind",
      "t.source_type",
      "t.source_id",
      "t.memo",
      "t.reason",
    ])
    .where(
      "e.account_id",
      "in",
      accounts.map((account) => account.id),
    );
  if (after) query = query.where((eb) => eb(eb.refTuple("e.created_at", "e.id"), "<", eb.tuple(after.createdAt, after.id)));
  const rows = await query
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .limit(limit + 1)
    .execute();
  const kindOf = new Map(accounts.map((account) => [account.id, account.kind]));
  return rows.map((row) => ({
    ...row,
    account_kind: kindOf.get(row.account_id) as RepAccountKind,
    amount: Number(row.amount),
    balance_after: row.balance_after === null ? null : Number(row.balance_after),
  }));
}

export type LeaderboardPeriod = { quarter: string } | { month: string };

/** The top of a period's rollup by points: the (period, earned) index from its top end, or a region's or partner's rows sorted. */
export async function findLeaderboardRows(
  db: Kysely<Database>,
  period: LeaderboardPeriod,
  filters: { region?: string; partnerId?: string },
  limit: number,
) {
  // One table per period kind, same columns: the quarter's has a region index for regional boards.
  const table = "quarter" in period ? "ledger_rep_quarters" : "ledger_rep_months";
  const column = "quarter" in period ? "quarter" : "month";
  const value = "quarter" in period ? period.quarter : period.month;
  let query = db
    .selectFrom(table as "ledger_rep_quarters")
    .select(["user_id", "partner_id", "region", "earned"])
    .where(column as "quarter", "=", value)
    .where("earned", ">", 0);
  if (filters.region) query = query.where("region", "=", filters.region);
  if (filters.partnerId) query = query.where("partner_id", "=", filters.partnerId);
  const rows = await query.orderBy("earned", "desc").orderBy("user_id", "desc").limit(limit).execute();
  return rows.map((row) => ({ ...row, earned: Number(row.earned) }));
}

export async function findPartnerMonths(db: Kysely<Database>, fromMonth: string, toMonth: string, partnerIds: readonly string[] | undefined) {
  let query = db
    .selectFrom("ledger_partner_months")
    .select(["partner_id", "month", "earned", "redeemed", "expired"])
    .where("month", ">=", fromMonth)
    .where("month", "<=", toMonth);
  if (partnerIds) query = query.where("partner_id", "in", partnerIds);
  const rows = await query.orderBy("month").orderBy("partner_id").execute();
  return rows.map((row) => ({ ...row, earned: Number(row.earned), redeemed: Number(row.redeemed), expired: Number(row.expired) }));
}

/** Sum of the stored rep balances by kind: what the program owes. */
export async function sumRepBalances(db: Kysely<Database>): Promise<Record<RepAccountKind, number>> {
  const rows = await db
    .selectFrom("ledger_accounts")
    .select((eb) => ["kind", eb.fn.sum<number>("balance").as("total")])
    .where("kind", "in", repAccountKinds)
    .groupBy("kind")
    .execute();
  const totals: Record<RepAccountKind, number> = { rep_points: 0, rep_reserved: 0 };
  for (const row of rows) totals[row.kind as RepAccountKind] = Number(row.total ?? 0);
  return totals;
}
