import type { PartnerRole } from "@trellis/shared";
import { isPartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, IncentiveClaimScoreLineTable } from "../../db/types.js";
import { uuidv7 } from "../../platform/ids.js";
import { findEarnedByRule, findLaunchGrants, findUserForClaim, insertLaunchGrant } from "./claims.repository.js";
import { insertRepAccounts, lockRepAccounts } from "./ledger.repository.js";
import { ruleVersionsForSaleDate } from "./rules.service.js";
import { type ClaimToScore, type Score, type ScoreLine, scoreClaim } from "./scoring.js";

// Scoring a stored or about-to-be-stored claim inside the caller's transaction: the rep's context,
// what it earned this month per rule, launch bonuses already paid, then scoring.ts.

export interface RepForClaim {
  id: string;
  partnerId: string;
  role: PartnerRole;
  tierId: string | null;
  region: string;
}

export async function repForClaim(db: Kysely<Database>, userId: string): Promise<RepForClaim | undefined> {
  const row = await findUserForClaim(db, userId);
  if (!row?.partner_id || !isPartnerRole(row.role)) return undefined;
  return { id: row.id, partnerId: row.partner_id, role: row.role, tierId: row.tier_id, region: row.region };
}

/**
 * Takes the rep's points account lock before anything is counted (opening the account first if it
 * is new), so two claims of one rep cannot both fit under a monthly cap or both read one balance on
 * PostgreSQL; on SQLite BEGIN IMMEDIATE already serialises them. Returns the available balance.
 */
export async function lockRep(trx: Kysely<Database>, rep: Pick<RepForClaim, "id" | "partnerId">): Promise<number> {
  let rows = await lockRepAccounts(trx, [rep.id], ["rep_points"]);
  if (rows.length === 0) {
    await insertRepAccounts(trx, [
      { id: uuidv7(), kind: "rep_points", user_id: rep.id, partner_id: rep.partnerId, balance: 0, earned: 0, updated_at: nowIso() },
    ]);
    rows = await lockRepAccounts(trx, [rep.id], ["rep_points"]);
  }
  return rows[0]?.balance ?? 0;
}

export type ScoredLines = ClaimToScore["lines"];

/** What scoring needs besides the claim; the month's earnings and the paid bonuses only when a rule in force uses them. */
async function scoringInputs(trx: Kysely<Database>, rep: RepForClaim, saleDate: string, lines: ScoredLines) {
  const versions = await ruleVersionsForSaleDate(trx, saleDate);
  const capped = versions.filter((v) => v.monthlyCapPoints !== null).map((v) => v.ruleId);
  const earnedThisMonth = capped.length > 0 ? await findEarnedByRule(trx, rep.id, saleDate.slice(0, 7), capped) : new Map<string, number>();
  const launchBonusesPaid = versions.some((v) => v.kind === "launch_bonus")
    ? await findLaunchGrants(trx, [...new Set(lines.map((l) => l.productId))])
    : new Set<string>();
  return { versions, earnedThisMonth, launchBonusesPaid };
}

/** The score as it stands now (caps count approved claims only); no launch bonus is reserved. */
export async function currentScore(trx: Kysely<Database>, rep: RepForClaim, saleDate: string, lines: ScoredLines): Promise<Score> {
  const { versions, earnedThisMonth, launchBonusesPaid } = await scoringInputs(trx, rep, saleDate, lines);
  return scoreClaim(versions, { saleDate, tierId: rep.tierId, region: rep.region, role: rep.role, lines }, { earnedThisMonth, launchBonusesPaid });
}

/**
 * The final score at approval: takes each launch bonus the score pays (insert-or-nothing on the
 * grants' key, which a concurrent approval on PostgreSQL waits on), and scores again without the
 * ones another claim got first.
 */
export async function finalScore(
  trx: Kysely<Database>,
  rep: RepForClaim,
  claimId: string,
  saleDate: string,
  lines: ScoredLines,
  provisional?: Score,
): Promise<Score> {
  // Scored moments ago under the same lock (an auto-approval): only launch bonuses can still change.
  if (provisional && provisional.launchBonuses.length === 0) return provisional;
  const { versions, earnedThisMonth, launchBonusesPaid: paid } = await scoringInputs(trx, rep, saleDate, lines);
  const claim = { saleDate, tierId: rep.tierId, region: rep.region, role: rep.role, lines };
  const held = new Set<string>();
  for (;;) {
    const score = scoreClaim(versions, claim, { earnedThisMonth, launchBonusesPaid: paid });
    let lost = false;
    for (const bonus of score.launchBonuses) {
      const key = `${bonus.ruleId}|${bonus.productId}`;
      if (held.has(key)) continue;
      if (await insertLaunchGrant(trx, { rule_id: bonus.ruleId, product_id: bonus.productId, claim_id: claimId, created_at: nowIso() })) {
        held.add(key);
        continue;
      }
      paid.add(key);
      lost = true;
    }
    // Bonuses this claim holds stay out of `paid`, so scoring again keeps them.
    if (!lost) return score;
  }
}

export function scoreRows(claimId: string, lines: ScoreLine[]): IncentiveClaimScoreLineTable[] {
  return lines.map((line, seq) => ({
    claim_id: claimId,
    seq,
    rule_id: line.ruleId,
    version: line.version,
    rule_name: line.ruleName,
    product_id: line.productId,
    units: line.units,
    points: line.points,
    why: line.why,
  }));
}
