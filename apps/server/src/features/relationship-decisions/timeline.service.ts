import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { findPartnerForSystem } from "../partners/partners.service.js";
import { userNamesByIds } from "../users/users.service.js";
import { findTimelinePage, insertTimelineRow } from "./decisions.repository.js";
import type { TimelineEvent } from "./decisions.schemas.js";

/**
 * What happened in a partner relationship, newest first on the partner's timeline. Flags come
 * from the scorecards evaluation; the rest from decisions, their actions, reviews and the
 * offboarding of a cut partner.
 */
export type TimelineEventKind =
  | "flag_raised"
  | "flag_cleared"
  | "decision_opened"
  | "decision_closed"
  | "action_added"
  | "action_updated"
  | "review_recorded"
  | "offboarding_reduced"
  | "offboarding_removed";

export interface TimelineEventInput {
  partnerId: string;
  kind: TimelineEventKind;
  title: string;
  detail?: string;
  /** The user who did it; null for the system (jobs, the daily evaluation). */
  actorId: string | null;
  decisionId?: string | null;
  flagId?: string | null;
  /** When it happened; now unless given (demo data backdates its history). */
  at?: string;
}

/**
 * Appends one event to the partner's timeline. Call inside the transaction that makes the
 * change (with its audit entry), so the timeline never shows what did not happen. Exported for
 * the scorecards evaluation, which puts its flags on the timeline.
 */
export async function recordTimelineEvent(trx: Kysely<Database>, event: TimelineEventInput): Promise<string> {
  const id = uuidv7();
  await insertTimelineRow(trx, {
    id,
    partner_id: event.partnerId,
    at: event.at ?? nowIso(),
    kind: event.kind,
    title: event.title,
    detail: event.detail ?? "",
    actor_id: event.actorId,
    decision_id: event.decisionId ?? null,
    flag_id: event.flagId ?? null,
  });
  return id;
}

/** One page of the partner's timeline, newest first (404 when the partner does not exist). */
export async function partnerTimeline(
  db: Kysely<Database>,
  partnerId: string,
  query: { cursor?: string; limit: number },
): Promise<Page<TimelineEvent>> {
  const cursor = decodeCursor(query.cursor, 2);
  if (cursor && (typeof cursor[0] !== "string" || typeof cursor[1] !== "string")) {
    throw badRequest("cursor is not valid", [{ path: "querystring.cursor", message: "not a cursor this list issued" }]);
  }
  if (!(await findPartnerForSystem(db, partnerId))) throw notFound("Partner");
  const before = cursor ? { at: String(cursor[0]), id: String(cursor[1]) } : undefined;
  const rows = await findTimelinePage(db, partnerId, query.limit, before);
  const page = toPage(rows, query.limit, (row) => [row.at, row.id]);
  const names = await userNamesByIds(
    db,
    page.items.flatMap((row) => (row.actor_id ? [row.actor_id] : [])),
  );
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((row) => ({
      id: row.id,
      at: row.at,
      kind: row.kind,
      title: row.title,
      detail: row.detail,
      actorId: row.actor_id,
      actorName: row.actor_id ? (names.get(row.actor_id)?.name ?? null) : null,
      decisionId: row.decision_id,
      flagId: row.flag_id,
    })),
  };
}
