import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { type AuthenticatedActor, actorLabel } from "../access/actor.js";
import { uuidv7 } from "../ids.js";

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  partnerId: string | null;
  before?: object | null;
  after?: object | null;
}

const secretFields = new Set(["password_hash", "token_hash", "csrf_token", "passwordHash", "tokenHash", "password", "token"]);

function redact(record: object | null | undefined): string | null {
  if (!record) return null;
  return JSON.stringify(record, (key, value) => (secretFields.has(key) ? "[redacted]" : value));
}

/** Append-only: call inside the transaction that makes the change, so both land or neither. */
export async function recordAudit(
  db: Kysely<Database>,
  actor: AuthenticatedActor | null,
  change: AuditChange,
  requestId: string | null = null,
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: uuidv7(),
      at: nowIso(),
      actor_user_id: actor?.kind === "user" ? actor.userId : null,
      actor_token_id: actor?.kind === "token" && actor.tokenId !== "system" ? actor.tokenId : null,
      actor_label: actor ? actorLabel(actor) : "public",
      action: change.action,
      entity_type: change.entityType,
      entity_id: change.entityId,
      partner_id: change.partnerId,
      before_json: redact(change.before),
      after_json: redact(change.after),
      request_id: requestId,
    })
    .execute();
}
