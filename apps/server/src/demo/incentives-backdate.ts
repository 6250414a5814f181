import type { Kysely } from "kysely";
import type { Database } from "../db/types.js";
import { earningKinds, monthOf, quarterOf } from "../features/incentives/ledger.service.js";

// The demo's history happened in the past, but the services stamp what they write with the time
// of the load. Each historical step runs through the services and then, in the same transaction,
// the movements it posted are moved to the step's date: their transaction and entry times, and the
// amounts they added to the period rollups (taken out of the load month, put into the step's).
// Steps are replayed oldest first, so every account's entries keep their order and running balances,
// and the ledger is consistent (verifyLedger clean) after every step.

interface RepEntry {
  transaction_id: string;
  amount: number;
  account_id: string;
  kind: string;
  user_id: string;
  partner_id: string;
  region: string;
}

async function shiftRepMonth(trx: Kysely<Database>, entry: RepEntry, from: string, to: string, earned: number): Promise<void> {
  await trx
    .updateTable("ledger_rep_months")
    .set((eb) => ({ earned: eb("earned", "-", earned) }))
    .where("user_id", "=", entry.user_id)
    .where("month", "=", from)
    .execute();
  await trx.deleteFrom("ledger_rep_months").where("user_id", "=", entry.user_id).where("month", "=", from).where("earned", "=", 0).execute();
  await trx
    .insertInto("ledger_rep_months")
    .values({ user_id: entry.user_id, month: to, partner_id: entry.partner_id, region: entry.region, earned })
    .onConflict((oc) =>
      oc.columns(["user_id", "month"]).doUpdateSet((eb) => ({ earned: eb("ledger_rep_months.earned", "+", eb.ref("excluded.earned")) })),
    )
    .execute();
}

async function shiftRepQuarter(trx: Kysely<Database>, entry: RepEntry, from: string, to: string, earned: number): Promise<void> {
  await trx
    .updateTable("ledger_rep_quarters")
    .set((eb) => ({ earned: eb("earned", "-", earned) }))
    .where("user_id", "=", entry.user_id)
    .where("quarter", "=", from)
    .execute();
  await trx.deleteFrom("ledger_rep_quarters").where("user_id", "=", entry.user_id).where("quarter", "=", from).where("earned", "=", 0).execute();
  await trx
    .insertInto("ledger_rep_quarters")
    .values({ user_id: entry.user_id, quarter: to, partner_id: entry.partner_id, region: entry.region, earned })
    .onConflict((oc) =>
      oc.columns(["user_id", "quarter"]).doUpdateSet((eb) => ({ earned: eb("ledger_rep_quarters.earned", "+", eb.ref("excluded.earned")) })),
    )
    .execute();
}

async function shiftPartnerMonth(
  trx: Kysely<Database>,
  partnerId: string,
  from: string,
  to: string,
  values: { earned: number; redeemed: number; expired: number },
): Promise<void> {
  await trx
    .updateTable("ledger_partner_months")
    .set((eb) => ({
      earned: eb("earned", "-", values.earned),
      redeemed: eb("redeemed", "-", values.redeemed),
      expired: eb("expired", "-", values.expired),
    }))
    .where("partner_id", "=", partnerId)
    .where("month", "=", from)
    .execute();
  await trx
    .deleteFrom("ledger_partner_months")
    .where("partner_id", "=", partnerId)
    .where("month", "=", from)
    .where("earned", "=", 0)
    .where("redeemed", "=", 0)
    .where("expired", "=", 0)
    .execute();
  await trx
    .insertInto("ledger_partner_months")
    .values({ partner_id: partnerId, month: to, ...values })
    .onConflict((oc) =>
      oc.columns(["month", "partner_id"]).doUpdateSet((eb) => ({
        earned: eb("ledger_partner_months.earned", "+", eb.ref("excluded.earned")),
        redeemed: eb("ledger_partner_months.redeemed", "+", eb.ref("excluded.redeemed")),
        expired: eb("ledger_partner_months.expired", "+", eb.ref("excluded.expired")),
      })),
    )
    .execute();
}

/**
 * Moves every ledger movement written at or after `since` (the load's start: all of them came from
 * the step just replayed) to `at`. Call inside the step's transaction, after the service call.
 */
export async function backdateMovements(trx: Kysely<Database>, since: string, at: string): Promise<number> {
  const moved = await trx.selectFrom("ledger_transactions").select(["id", "kind", "created_at"]).where("created_at", ">=", since).execute();
  if (moved.length === 0) return 0;
  const ids = moved.map((t) => t.id);
  const entries = await trx
    .selectFrom("ledger_entries as e")
    .innerJoin("ledger_accounts as a", "a.id", "e.account_id")
    .leftJoin("partners as p", "p.id", "a.partner_id")
    .select(["e.transaction_id", "e.amount", "a.id as account_id", "a.kind", "a.user_id", "a.partner_id", "p.region"])
    .where("e.transaction_id", "in", ids)
    .execute();
  const repEntries: RepEntry[] = entries.flatMap((e) =>
    e.user_id && e.partner_id ? [{ ...e, amount: Number(e.amount), user_id: e.user_id, partner_id: e.partner_id, region: e.region ?? "" }] : [],
  );
  const to = monthOf(at);
  for (const transaction of moved) {
    const from = monthOf(transaction.created_at);
    const mine = repEntries.filter((e) => e.transaction_id === transaction.id);
    const first = mine[0];
    if (from === to || !first) continue;
    const sum = (kind: string) => mine.filter((e) => e.kind === kind).reduce((total, e) => total + e.amount, 0);
    const kind = transaction.kind;
    const earned = earningKinds.has(kind) ? sum("rep_points") : 0;
    const redeemed = kind === "redemption_fulfilled" ? -sum("rep_reserved") : 0;
    const expired = kind === "expiry" ? -sum("rep_points") : 0;
    if (earned !== 0) {
      await shiftRepMonth(trx, first, from, to, earned);
      if (quarterOf(from) !== quarterOf(to)) await shiftRepQuarter(trx, first, quarterOf(from), quarterOf(to), earned);
    }
    if (earned !== 0 || redeemed !== 0 || expired !== 0) await shiftPartnerMonth(trx, first.partner_id, from, to, { earned, redeemed, expired });
  }
  await trx.updateTable("ledger_transactions").set({ created_at: at }).where("id", "in", ids).execute();
  await trx.updateTable("ledger_entries").set({ created_at: at }).where("transaction_id", "in", ids).execute();
  const accounts = [...new Set(repEntries.map((e) => e.account_id))];
  if (accounts.length > 0) await trx.updateTable("ledger_accounts").set({ updated_at: at }).where("id", "in", accounts).execute();
  return moved.length;
}
