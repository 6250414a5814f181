import type { AuthenticatedActor } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import type { StatementLine } from "../incentives/ledger.schemas.js";
import { type LedgerTransactionKind, repBalance, repStatement } from "../incentives/ledger.service.js";
import { reachableRep } from "../incentives/statements.service.js";
import { partnerNamesByIds } from "../partners/partners.service.js";
import { userNamesByIds } from "../users/users.service.js";
import { renderStatementPdf, type StatementMovement } from "./statement-pdf.js";

/** A PDF holds at most this many movements (the newest); the CSV statement has the rest. */
export const statementPdfMaxMovements = 5_000;
const pageSize = 1_000;

const kindLabels: Record<LedgerTransactionKind, string> = {
  claim_approved: "Claim approved",
  claim_reversed: "Claim reversed",
  redemption_requested: "Redeemed, points reserved",
  redemption_cancelled: "Redemption cancelled, points returned",
  redemption_fulfilled: "Redemption fulfilled",
  expiry: "Points expired",
  adjustment: "Adjustment",
};

/**
 * The statement's lines (one per account entry, newest first) as movements (one per ledger
 * transaction, oldest first) with both running balances. Each line carries its account's balance
 * after it; the other account's balance carries over from the movement before.
 */
export function toMovements(linesNewestFirst: readonly StatementLine[]): StatementMovement[] {
  const oldestFirst = [...linesNewestFirst].reverse();
  const opening = (account: StatementLine["account"]) => {
    const first = oldestFirst.find((line) => line.account === account);
    return first ? first.balanceAfter - first.points : 0;
  };
  let available = opening("available");
  let reserved = opening("reserved");
  const movements: StatementMovement[] = [];
  let current: { id: string; movement: StatementMovement } | undefined;
  for (const line of oldestFirst) {
    if (current?.id !== line.transactionId) {
      const details = [line.memo, line.reason].filter((text): text is string => Boolean(text)).join(": ");
      current = {
        id: line.transactionId,
        movement: {
          at: line.at,
          description: details ? `${kindLabels[line.kind]} - ${details}` : kindLabels[line.kind],
          availableChange: 0,
          reservedChange: 0,
          availableAfter: available,
          reservedAfter: reserved,
        },
      };
      movements.push(current.movement);
    }
    if (line.account === "available") {
      current.movement.availableChange += line.points;
      available = line.balanceAfter;
      current.movement.availableAfter = available;
    } else {
      current.movement.reservedChange += line.points;
      reserved = line.balanceAfter;
      current.movement.reservedAfter = reserved;
    }
  }
  return movements;
}

/** The rep's statement as PDF; whose: the same rule as the JSON and CSV statements (own, team, anyone). */
export async function statementPdf(
  ctx: AppContext,
  actor: AuthenticatedActor,
  userId: string | undefined,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const rep = await reachableRep(ctx.db, actor, userId);
  const lines: StatementLine[] = [];
  let cursor: string | undefined;
  let more = false;
  do {
    const page = await repStatement(ctx.db, rep, { cursor, limit: pageSize });
    lines.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    more = cursor !== undefined;
  } while (more && lines.length < statementPdfMaxMovements * 2);
  // Cut at a transaction boundary, so a movement is never shown half.
  let movements = toMovements(lines);
  if (more) movements = movements.slice(1);
  const truncated = more || movements.length > statementPdfMaxMovements;
  movements = movements.slice(-statementPdfMaxMovements);
  const [balance, users] = await Promise.all([repBalance(ctx.db, rep), userNamesByIds(ctx.db, [rep])]);
  const user = users.get(rep);
  const partnerName = user?.partnerId ? ((await partnerNamesByIds(ctx.db, [user.partnerId])).get(user.partnerId) ?? "") : "";
  const bytes = await renderStatementPdf({
    repName: user?.name ?? "Rep",
    partnerName,
    generatedAt: new Date().toISOString(),
    available: balance.available,
    reserved: balance.reserved,
    lifetimeEarned: balance.lifetimeEarned,
    movements,
    truncated,
  });
  return { bytes, fileName: `points-statement-${new Date().toISOString().slice(0, 10)}.pdf` };
}
