import { type Kysely, sql } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
// The points ledger (docs/incentives.md, ADR 0008): accounts, transactions, entries, the rollups
// kept inside every posting, the program settings and the idempotency keys of requests that move points.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(engineOf(db));

  // Rep accounts (rep_points, rep_reserved) keep their balance on write; the CHECK is the last line
  // of defence behind postLedgerTransaction's own test. Program accounts (funding, redeemed, expired,
  // adjustments) would be one hot row every posting updates, so their balance stays 0 and is summed
  // from the entries. Written as "kind not in (...) or balance >= 0": the same text holds on both engines.
  await db.schema
    .createTable("ledger_accounts")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("partner_id", "text", (c) => c.references("partners.id"))
    .addColumn("balance", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("earned", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addCheckConstraint("ledger_accounts_rep_balance_check", sql`kind not in ('rep_points', 'rep_reserved') or balance >= 0`)
    .addCheckConstraint("ledger_accounts_rep_owner_check", sql`kind not in ('rep_points', 'rep_reserved') or user_id is not null`)
    .execute();
  // One account of each kind per rep (program accounts have no user and fixed ids).
  await db.schema.createIndex("ledger_accounts_user_kind_uq").on("ledger_accounts").columns(["user_id", "kind"]).unique().execute();
  const at = new Date().toISOString();
  for (const kind of ["funding", "redeemed", "expired", "adjustments"]) {
    await sql`insert into ledger_accounts (id, kind, user_id, partner_id, balance, earned, updated_at)
      values (${`program:${kind}`}, ${kind}, null, null, 0, 0, ${at})`.execute(db);
  }

  await db.schema
    .createTable("ledger_transactions")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("memo", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reason", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("approved_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  // The movements of one claim or redemption (reversals look their original up by source).
  await db.schema.createIndex("ledger_transactions_source_idx").on("ledger_transactions").columns(["source_type", "source_id"]).execute();

  // balance_after: the rep account's balance after the entry, so a statement shows a running
  // balance without summing history; null on program accounts.
  await db.schema
    .createTable("ledger_entries")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("transaction_id", "text", (c) => c.notNull().references("ledger_transactions.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("ledger_accounts.id"))
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("balance_after", "bigint")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addCheckConstraint("ledger_entries_amount_check", sql`amount <> 0`)
    .execute();
  // A rep's statement, newest first (keyset on created_at, id); a program account's history.
  await db.schema.createIndex("ledger_entries_account_idx").on("ledger_entries").columns(["account_id", "created_at", "id"]).execute();
  await db.schema.createIndex("ledger_entries_transaction_idx").on("ledger_entries").columns(["transaction_id"]).execute();

  // Rollups kept inside postLedgerTransaction. region: the partner's region at the row's first movement.
  await db.schema
    .createTable("ledger_rep_months")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("earned", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ledger_rep_months_pk", ["user_id", "month"])
    .execute();
  // Monthly leaderboards: every rep by points (one index range from its top end); one partner's reps
  // (a handful of rows, sorted). Only the rank index holds `earned`: every posting changes it, and each
  // index that holds it is one more page to write per movement.
  await db.schema.createIndex("ledger_rep_months_rank_idx").on("ledger_rep_months").columns(["month", "earned", "user_id"]).execute();
  await db.schema.createIndex("ledger_rep_months_partner_idx").on("ledger_rep_months").columns(["partner_id", "month"]).execute();

  await db.schema
    .createTable("ledger_rep_quarters")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("quarter", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("earned", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ledger_rep_quarters_pk", ["user_id", "quarter"])
    .execute();
  // Quarterly top 100: overall from the rank index's top end; per region or partner from their rows
  // (sorted), as above. region: the partner's region at the rep's first movement of the quarter.
  await db.schema.createIndex("ledger_rep_quarters_rank_idx").on("ledger_rep_quarters").columns(["quarter", "earned", "user_id"]).execute();
  await db.schema.createIndex("ledger_rep_quarters_region_idx").on("ledger_rep_quarters").columns(["quarter", "region"]).execute();
  await db.schema.createIndex("ledger_rep_quarters_partner_idx").on("ledger_rep_quarters").columns(["partner_id", "quarter"]).execute();

  // Per partner per month, for incentiveCostByPartner (the scorecards) and the liability trend.
  await db.schema
    .createTable("ledger_partner_months")
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("earned", "bigint", (c) => c.notNull())
    .addColumn("redeemed", "bigint", (c) => c.notNull())
    .addColumn("expired", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ledger_partner_months_pk", ["month", "partner_id"])
    .execute();

  await db.schema
    .createTable("incentive_settings")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("value_minor_per_1000_points", "integer", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("expiry_months", "integer", (c) => c.notNull())
    .addColumn("expiry_warning_days", "integer", (c) => c.notNull())
    .addColumn("claim_window_days", "integer", (c) => c.notNull())
    .addColumn("auto_approve_up_to_points", "integer", (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  // The first response of every request that moved points, per actor and key.
  await db.schema
    .createTable("idempotency_keys")
    .addColumn("actor_key", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("response_status", "integer", (c) => c.notNull())
    .addColumn("response_body", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["actor_key", "key"])
    .execute();
  await db.schema.createIndex("idempotency_keys_created_idx").on("idempotency_keys").columns(["created_at"]).execute();
}
