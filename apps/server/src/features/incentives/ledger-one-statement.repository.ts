import type { Kysely } from "kysely";
import { runPrepared } from "../../db/prepared.js";
import type { Database, LedgerTransactionTable } from "../../db/types.js";
import type { RepAccountKind } from "./ledger.repository.js";

// PostgreSQL's movement in one statement (ADR 0008 addendum "One statement per movement on
// PostgreSQL"). Only ledger.service.ts calls it, for movements that touch one rep account.

export interface OneRepMovement {
  userId: string;
  accountKind: RepAccountKind;
  /** Added to the account's balance; the statement writes nothing when that would go below zero. */
  amount: number;
  /** Added to the account's lifetime earned. */
  earned: number;
  /** The app's time now; the movement's time is this or, if the account moved since, 1 ms after that. */
  at: string;
  transaction: Omit<LedgerTransactionTable, "created_at">;
  /** In the posting's order: the rep's line has no account id (the statement finds it). */
  entries: { id: string; accountId: string | null; amount: number }[];
  /** Points added to the rep's month and quarter (0: no rep rollup). */
  repEarned: number;
  /** Added to the partner's month (undefined: no partner rollup). */
  partnerMonth?: { earned: number; redeemed: number; expired: number };
}

/**
 * Updates the rep account when its balance allows, and in the same statement writes the transaction,
 * its entries and the rollups from the updated row: one round trip, and the row is changed once
 * instead of locked by a SELECT FOR UPDATE and then updated. The UPDATE waits for a concurrent
 * writer of the row and re-checks `balance + amount >= 0` on the row it committed, so two movements
 * never spend the same points. The movement's time is the app's time, or 1 ms after the account's
 * previous movement when that is later (a writer that held the row first), so a rep's entries stay in
 * order and balance_after reads as a running balance. False when nothing was written (no such
 * account yet, or too few points): the caller then takes the general path, which opens accounts and
 * says why.
 */
export async function writeOneRepMovement(db: Kysely<Database>, movement: OneRepMovement): Promise<boolean> {
  const t = movement.transaction;
  const params: unknown[] = [
    movement.at,
    movement.amount,
    movement.earned,
    movement.userId,
    movement.accountKind,
    t.id,
    t.kind,
    t.source_type,
    t.source_id,
    t.memo,
    t.reason,
    t.created_by,
    t.approved_by,
    ...movement.entries.flatMap((entry) => [entry.id, entry.accountId, entry.amount]),
    ...(movement.repEarned !== 0 ? [movement.repEarned] : []),
    ...(movement.partnerMonth ? [movement.partnerMonth.earned, movement.partnerMonth.redeemed, movement.partnerMonth.expired] : []),
  ];
  const shape = `ledger.one-rep ${movement.entries.length} ${movement.repEarned !== 0} ${movement.partnerMonth !== undefined}`;
  const result = await runPrepared<{ written: number }>(
    db,
    shape,
    (next) => oneRepMovementText(next, movement.entries.length, movement.repEarned !== 0, movement.partnerMonth !== undefined),
    params,
  );
  return result.rows.length > 0;
}

function oneRepMovementText(next: () => string, entries: number, repRollups: boolean, partnerRollup: boolean): string {
  const [at, amount, earned, userId, kind] = [next(), next(), next(), next(), next()];
  const transaction = Array.from({ length: 8 }, () => `${next()}::text`);
  const values = Array.from({ length: entries }, () => `(${next()}::text, ${next()}::text, ${next()}::bigint)`).join(", ");
  const parts = [
    `a as (update ledger_accounts la
      set balance = la.balance + ${amount}::bigint, earned = la.earned + ${earned}::bigint,
        updated_at = greatest(${at}::timestamptz, la.updated_at + interval '1 millisecond')
      where la.user_id = ${userId} and la.kind = ${kind} and la.balance + ${amount}::bigint >= 0
      returning la.id, la.balance, la.partner_id, la.updated_at as at)`,
    `c as (select a.id, a.balance, a.partner_id, a.at, coalesce(p.region, '') as region,
        to_char(a.at at time zone 'UTC', 'YYYY-MM') as month, to_char(a.at at time zone 'UTC', 'YYYY-"Q"Q') as quarter
      from a left join partners p on p.id = a.partner_id)`,
    `t as (insert into ledger_transactions (id, kind, source_type, source_id, memo, reason, created_by, approved_by, created_at)
      select ${transaction.join(", ")}, c.at from c)`,
    `e as (insert into ledger_entries (id, transaction_id, account_id, amount, balance_after, created_at)
      select v.id, ${transaction[0]}, coalesce(v.account_id, c.id), v.amount, case when v.account_id is null then c.balance end, c.at
      from c cross join (values ${values}) as v (id, account_id, amount))`,
  ];
  if (repRollups) {
    const repEarned = next();
    for (const [table, period] of [
      ["ledger_rep_months", "month"],
      ["ledger_rep_quarters", "quarter"],
    ] as const) {
      parts.push(`${period} as (insert into ${table} (user_id, ${period}, partner_id, region, earned)
        select ${userId}, c.${period}, c.partner_id, c.region, ${repEarned}::bigint from c
        on conflict (user_id, ${period}) do update set earned = ${table}.earned + excluded.earned)`);
    }
  }
  if (partnerRollup) {
    const [pe, pr, px] = [next(), next(), next()];
    parts.push(`pm as (insert into ledger_partner_months (partner_id, month, earned, redeemed, expired)
      select c.partner_id, c.month, ${pe}::bigint, ${pr}::bigint, ${px}::bigint from c
      on conflict (month, partner_id) do update set earned = ledger_partner_months.earned + excluded.earned,
        redeemed = ledger_partner_months.redeemed + excluded.redeemed, expired = ledger_partner_months.expired + excluded.expired)`);
  }
  return `with ${parts.join(",\n")}\nselect 1 as written from c`;
}
