import { type Kysely, type RawBuilder, sql } from "kysely";
import { engineOf } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { type ProgramAccountKind, programAccountId } from "./ledger.repository.js";
import { earningKinds } from "./ledger-kinds.js";

// verifyLedger: recomputes everything the ledger stores from its entries and reports every
// difference. A full scan: for tests, operations and after a restore, never on a request path.

export interface LedgerCheck {
  /** Nothing below found. */
  ok: boolean;
  transactions: number;
  entries: number;
  /** Transactions whose entries do not sum to zero, or that have fewer than two. */
  unbalancedTransactions: string[];
  /** Rep accounts whose stored balance or lifetime earned differs from their entries, or that are below zero. */
  accountMismatches: { accountId: string; stored: number; computed: number; what: "balance" | "earned" | "negative" }[];
  /** Entries whose balance_after is not the running sum of their account's entries. */
  runningBalanceMismatches: string[];
  /** Rollup rows that differ from a recomputation (up to 100), as "table key: stored vs computed". */
  rollupMismatches: string[];
  /** The program accounts' balances, summed from their entries. */
  programBalances: Record<ProgramAccountKind, number>;
}

const earning = sql.raw([...earningKinds].map((kind) => `'${kind}'`).join(", "));
const limit = 100;

function periodsOf(db: Kysely<Database>): { month: RawBuilder<string>; quarter: RawBuilder<string> } {
  if (engineOf(db) === "postgres") {
    return {
      month: sql<string>`to_char(e.created_at at time zone 'UTC', 'YYYY-MM')`,
      quarter: sql<string>`to_char(e.created_at at time zone 'UTC', 'YYYY-"Q"Q')`,
    };
  }
  return {
    month: sql<string>`substr(e.created_at, 1, 7)`,
    quarter: sql<string>`substr(e.created_at, 1, 4) || '-Q' || ((cast(substr(e.created_at, 6, 2) as integer) + 2) / 3)`,
  };
}

/** Rows of `recomputed` and `stored` (same key columns, one value) that differ; a missing row counts as 0. */
async function differences(db: Kysely<Database>, name: string, keys: string[], value: string, recomputed: RawBuilder<unknown>, stored: string) {
  const on = sql.raw(keys.map((key) => `s.${key} = r.${key}`).join(" and "));
  const cols = sql.raw(keys.map((key) => `r.${key}`).join(", "));
  const storedCols = sql.raw(keys.map((key) => `s.${key}`).join(", "));
  const v = sql.raw(value);
  const rows = await sql<Record<string, string | number | null>>`
    with r as (${recomputed})
    select ${cols}, r.${v} as computed, s.${v} as stored from r left join ${sql.table(stored)} s on ${on}
      where coalesce(s.${v}, 0) <> r.${v}
    union all
    select ${storedCols}, null as computed, s.${v} as stored from ${sql.table(stored)} s
      where s.${v} <> 0 and not exists (select 1 from r where ${on})
    limit ${limit}`.execute(db);
  return rows.rows.map((row) => `${name} ${keys.map((key) => row[key]).join("/")}: stored ${row.stored ?? 0} vs computed ${row.computed ?? 0}`);
}

async function rollupMismatches(db: Kysely<Database>): Promise<string[]> {
  const { month, quarter } = periodsOf(db);
  const earnedBy = (period: RawBuilder<string>, name: string) => sql`
    select a.user_id, ${period} as ${sql.raw(name)}, sum(e.amount) as earned
    from ledger_entries e
      join ledger_accounts a on a.id = e.account_id
      join ledger_transactions t on t.id = e.transaction_id
    where a.kind = 'rep_points' and t.kind in (${earning})
    group by a.user_id, ${period}`;
  const partnerMonths = (column: "earned" | "redeemed" | "expired") => {
    const measure = {
      earned: sql`case when a.kind = 'rep_points' and t.kind in (${earning}) then e.amount else 0 end`,
      redeemed: sql`case when a.kind = 'rep_reserved' and t.kind = 'redemption_fulfilled' then -e.amount else 0 end`,
      expired: sql`case when a.kind = 'rep_points' and t.kind = 'expiry' then -e.amount else 0 end`,
    }[column];
    return sql`
      select a.partner_id, ${month} as month, sum(${measure}) as ${sql.raw(column)}
      from ledger_entries e
        join ledger_accounts a on a.id = e.account_id
        join ledger_transactions t on t.id = e.transaction_id
      where a.kind in ('rep_points', 'rep_reserved')
      group by a.partner_id, ${month}`;
  };
  const found = [
    ...(await differences(db, "ledger_rep_months", ["user_id", "month"], "earned", earnedBy(month, "month"), "ledger_rep_months")),
    ...(await differences(db, "ledger_rep_quarters", ["user_id", "quarter"], "earned", earnedBy(quarter, "quarter"), "ledger_rep_quarters")),
  ];
  for (const column of ["earned", "redeemed", "expired"] as const) {
    found.push(
      ...(await differences(db, `ledger_partner_months.${column}`, ["partner_id", "month"], column, partnerMonths(column), "ledger_partner_months")),
    );
  }
  return found.slice(0, limit);
}

/** Every transaction balanced, stored balances and rollups equal to ones recomputed from the entries. */
export async function verifyLedger(db: Kysely<Database>): Promise<LedgerCheck> {
  const counts = await sql<{ transactions: number; entries: number }>`
    select (select count(*) from ledger_transactions) as transactions, (select count(*) from ledger_entries) as entries`.execute(db);
  const unbalanced = await sql<{ id: string }>`
    select t.id from ledger_transactions t left join ledger_entries e on e.transaction_id = t.id
    group by t.id having count(e.id) < 2 or coalesce(sum(e.amount), 0) <> 0
    limit ${limit}`.execute(db);
  const accounts = await sql<{ id: string; kind: string; balance: number; earned: number; computed: number; computed_earned: number }>`
    select a.id, a.kind, a.balance, a.earned,
      coalesce(sum(e.amount), 0) as computed,
      coalesce(sum(case when t.kind in (${earning}) then e.amount else 0 end), 0) as computed_earned
    from ledger_accounts a
      left join ledger_entries e on e.account_id = a.id
      left join ledger_transactions t on t.id = e.transaction_id
    group by a.id, a.kind, a.balance, a.earned`.execute(db);
  const running = await sql<{ id: string }>`
    select id from (
      select e.id, e.balance_after, sum(e.amount) over (partition by e.account_id order by e.created_at, e.id) as running
      from ledger_entries e
    ) x where balance_after is not null and balance_after <> running
    limit ${limit}`.execute(db);

  const programBalances: Record<ProgramAccountKind, number> = { funding: 0, redeemed: 0, expired: 0, adjustments: 0 };
  const accountMismatches: LedgerCheck["accountMismatches"] = [];
  for (const row of accounts.rows) {
    const stored = Number(row.balance);
    const computed = Number(row.computed);
    const program = (Object.keys(programBalances) as ProgramAccountKind[]).find((kind) => programAccountId(kind) === row.id);
    if (program) {
      programBalances[program] = computed;
      continue;
    }
    if (stored !== computed) accountMismatches.push({ accountId: row.id, stored, computed, what: "balance" });
    if (stored < 0) accountMismatches.push({ accountId: row.id, stored, computed, what: "negative" });
    const earned = row.kind === "rep_points" ? Number(row.computed_earned) : 0;
    if (Number(row.earned) !== earned) accountMismatches.push({ accountId: row.id, stored: Number(row.earned), computed: earned, what: "earned" });
  }
  const rollups = await rollupMismatches(db);
  const unbalancedTransactions = unbalanced.rows.map((row) => row.id);
  const runningBalanceMismatches = running.rows.map((row) => row.id);
  return {
    ok: unbalancedTransactions.length === 0 && accountMismatches.length === 0 && runningBalanceMismatches.length === 0 && rollups.length === 0,
    transactions: Number(counts.rows[0]?.transactions ?? 0),
    entries: Number(counts.rows[0]?.entries ?? 0),
    unbalancedTransactions,
    accountMismatches,
    runningBalanceMismatches,
    rollupMismatches: rollups,
    programBalances,
  };
}
