import { type Kysely, sql } from "kysely";
import { engineOf } from "../../db/dialect.js";
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

export type RepAccountRow = Pick<LedgerAccountTable, "id" | "kind" | "user_id" | "partner_id" | "balance" | "earned"> & {
  /** The rep's partner's region now (read-only join), for the leaderboard rollups. */
  region: string;
};

/**
 * The rep accounts of these users and kinds, ordered by id, with their partner's region; the accounts
 * (not the partner) locked FOR UPDATE on PostgreSQL, in that order. One round trip per movement.
 */
export async function lockRepAccounts(db: Kysely<Database>, userIds: readonly string[], kinds: readonly RepAccountKind[]): Promise<RepAccountRow[]> {
  const lock = engineOf(db) === "postgres" ? sql` for update of a` : sql``;
  const rows = await sql<Omit<RepAccountRow, "region"> & { region: string | null }>`
    select a.id, a.kind, a.user_id, a.partner_id, a.balance, a.earned, p.region
    from ledger_accounts a left join partners p on p.id = a.partner_id
    where a.user_id in (${sql.join(userIds)}) and a.kind in (${sql.join(kinds)})
    order by a.id${lock}`.execute(db);
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
 * so a movement costs two round trips (lock, write) instead of eight; the entries' foreign key to the
 * new transaction is checked at the end of that statement.
 */
export async function writeMovement(db: Kysely<Database>, rows: MovementRows): Promise<void> {
  const at = rows.transaction.created_at;
  if (engineOf(db) === "postgres") {
    await sql`${sql.join(postgresMovementParts(rows, at), sql`, `)} select 1`.execute(db);
    return;
  }
  // Plain SQL texts: every movement runs these, and the query builder's cost per statement adds up.
  const t = rows.transaction;
  await sql`insert into ledger_transactions (id, kind, source_type, source_id, memo, reason, created_by, approved_by, created_at)
    values (${t.id}, ${t.kind}, ${t.source_type}, ${t.source_id}, ${t.memo}, ${t.reason}, ${t.created_by}, ${t.approved_by}, ${t.created_at})`.execute(
    db,
  );
  await sql`insert into ledger_entries (id, transaction_id, account_id, amount, balance_after, created_at) values ${sql.join(
    rows.entries.map((e) => sql`(${e.id}, ${e.transaction_id}, ${e.account_id}, ${e.amount}, ${e.balance_after}, ${e.created_at})`),
  )}`.execute(db);
  for (const account of rows.accounts) {
    await sql`update ledger_accounts set balance = ${account.balance}, earned = ${account.earned}, updated_at = ${at} where id = ${account.id}`.execute(
      db,
    );
  }
  if (rows.repMonth) await upsertAdding(db, "ledger_rep_months", ["user_id", "month"], rows.repMonth, ["earned"]);
  if (rows.repQuarter) await upsertAdding(db, "ledger_rep_quarters", ["user_id", "quarter"], rows.repQuarter, ["earned"]);
  if (rows.partnerMonth)
    await upsertAdding(db, "ledger_partner_months", ["month", "partner_id"], rows.partnerMonth, ["earned", "redeemed", "expired"]);
}

/** INSERT ... ON CONFLICT DO UPDATE adding `sums` to the stored row (the other columns keep their first values). */
function upsertSql(table: string, keys: string[], row: object, sums: string[]) {
  const columns = Object.keys(row);
  const values = Object.values(row) as unknown[];
  const set = sums.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", ");
  return sql`insert into ${sql.table(table)} (${sql.raw(columns.join(", "))}) values (${sql.join(values)})
    on conflict (${sql.raw(keys.join(", "))}) do update set ${sql.raw(set)}`;
}

async function upsertAdding(db: Kysely<Database>, table: string, keys: string[], row: object, sums: string[]): Promise<void> {
  await upsertSql(table, keys, row, sums).execute(db);
}

function postgresMovementParts(rows: MovementRows, at: string) {
  const t = rows.transaction;
  const parts = [
    sql`with t as (insert into ledger_transactions (id, kind, source_type, source_id, memo, reason, created_by, approved_by, created_at)
      values (${t.id}, ${t.kind}, ${t.source_type}, ${t.source_id}, ${t.memo}, ${t.reason}, ${t.created_by}, ${t.approved_by}, ${t.created_at}))`,
    sql`e as (insert into ledger_entries (id, transaction_id, account_id, amount, balance_after, created_at) values ${sql.join(
      rows.entries.map((e) => sql`(${e.id}, ${e.transaction_id}, ${e.account_id}, ${e.amount}, ${e.balance_after}, ${e.created_at})`),
    )})`,
  ];
  if (rows.accounts.length > 0) {
    parts.push(sql`a as (update ledger_accounts set balance = v.balance, earned = v.earned, updated_at = ${at}::timestamptz
      from (values ${sql.join(rows.accounts.map((a) => sql`(${a.id}::text, ${a.balance}::bigint, ${a.earned}::bigint)`))}) as v (id, balance, earned)
      where ledger_accounts.id = v.id)`);
  }
  if (rows.repMonth) parts.push(sql`rm as (${upsertSql("ledger_rep_months", ["user_id", "month"], rows.repMonth, ["earned"])})`);
  if (rows.repQuarter) {
    parts.push(sql`rq as (${upsertSql("ledger_rep_quarters", ["user_id", "quarter"], rows.repQuarter, ["earned"])})`);
  }
  if (rows.partnerMonth) {
    parts.push(sql`pm as (${upsertSql("ledger_partner_months", ["month", "partner_id"], rows.partnerMonth, ["earned", "redeemed", "expired"])})`);
  }
  return parts;
}

export async function findRepAccounts(db: Kysely<Database>, userId: string) {
  const rows = await db.selectFrom("ledger_accounts").select(["kind", "balance", "earned"]).where("user_id", "=", userId).execute();
  return rows.map((row) => ({ kind: row.kind, balance: Number(row.balance), earned: Number(row.earned) }));
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
