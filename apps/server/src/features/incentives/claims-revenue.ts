import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { findRevenueMonths } from "./claims.repository.js";

export interface PartnerClaimRevenue {
  partnerId: string;
  /** YYYY-MM of the sale (the invoice date). */
  month: string;
  currency: string;
  /** Sum of quantity x unit net amount over the partner's approved claims of that month, in minor units. */
  netAmountMinor: number;
  /** Approved claims with a line in this currency. */
  claims: number;
}

/**
 * Approved claims' net amounts per partner, month of sale and currency, for the partner scorecards.
 * Read from a rollup kept on approval and reversal (a reversed claim no longer counts), so it costs
 * one indexed range read however many claims there are. Months without approved claims are absent.
 */
export async function claimRevenueByPartner(
  db: Kysely<Database>,
  options: { fromMonth: string; toMonth: string; partnerIds?: readonly string[] },
): Promise<PartnerClaimRevenue[]> {
  const rows = await findRevenueMonths(db, options.fromMonth, options.toMonth, options.partnerIds);
  return rows
    .filter((row) => Number(row.claims) > 0 || Number(row.net_minor) !== 0)
    .map((row) => ({
      partnerId: row.partner_id,
      month: row.month,
      currency: row.currency,
      netAmountMinor: Number(row.net_minor),
      claims: Number(row.claims),
    }));
}
