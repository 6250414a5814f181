import { isPartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { toCsv } from "../../platform/http/csv.js";
import type { Page } from "../../platform/http/pagination.js";
import { badRequest, notFound } from "../../platform/http/problem.js";
import { userNamesByIds } from "../users/users.service.js";
import type { StatementLine } from "./ledger.schemas.js";
import { type RepBalance, repBalance, repStatement } from "./ledger.service.js";

// A rep's balance and statement as the API serves them. Scope: a rep sees its own; a partner admin
// its team's; vendor users anyone's. Someone out of reach is 404, never 403.

/** The rep whose figures the actor asks for; the actor itself when no userId is given. */
export async function reachableRep(db: Kysely<Database>, actor: AuthenticatedActor, userId: string | undefined): Promise<string> {
  if (!userId || (actor.kind === "user" && userId === actor.userId)) {
    if (actor.kind !== "user") throw badRequest("userId is required with an API token", [{ path: "querystring.userId", message: "is required" }]);
    return actor.userId;
  }
  if (isPartnerRole(actor.role) && actor.role !== "partner_admin") throw notFound("User");
  const user = (await userNamesByIds(db, [userId])).get(userId);
  if (!user) throw notFound("User");
  if (isPartnerRole(actor.role) && (actor.partnerId === null || user.partnerId !== actor.partnerId)) throw notFound("User");
  return userId;
}

export async function balanceFor(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  userId: string | undefined,
): Promise<RepBalance & { userId: string }> {
  const rep = await reachableRep(db, actor, userId);
  return { userId: rep, ...(await repBalance(db, rep)) };
}

export async function statementFor(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  query: { userId?: string; cursor?: string; limit: number },
): Promise<Page<StatementLine>> {
  const rep = await reachableRep(db, actor, query.userId);
  return repStatement(db, rep, { cursor: query.cursor, limit: query.limit });
}

const csvColumns = ["at", "account", "points", "balance_after", "kind", "source_type", "source_id", "memo", "reason", "transaction_id"] as const;
/** A statement holds a rep's whole history; past this the export stops (the API pages on). */
const csvMaxLines = 100_000;

/** The whole statement, newest first, as CSV (the PDF statement is the rewards part's). */
export async function statementCsv(db: Kysely<Database>, actor: AuthenticatedActor, userId: string | undefined): Promise<string> {
  const rep = await reachableRep(db, actor, userId);
  const rows: Record<string, string | number | null>[] = [];
  let cursor: string | undefined;
  do {
    const page = await repStatement(db, rep, { cursor, limit: 1000 });
    for (const line of page.items) {
      rows.push({
        at: line.at,
        account: line.account,
        points: line.points,
        balance_after: line.balanceAfter,
        kind: line.kind,
        source_type: line.sourceType,
        source_id: line.sourceId,
        memo: line.memo,
        reason: line.reason,
        transaction_id: line.transactionId,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < csvMaxLines);
  return toCsv(csvColumns, rows);
}
