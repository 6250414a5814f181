import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { AuditQuery } from "./audit.schemas.js";

/** `partnerScope` non-null confines the query to one partner's entries. Newest first. */
export function findAuditRows(db: Kysely<Database>, filters: AuditQuery, partnerScope: string | null, afterId: string | undefined) {
  let query = db.selectFrom("audit_log").selectAll();
  if (partnerScope !== null) query = query.where("partner_id", "=", partnerScope);
  if (filters.partnerId) query = query.where("partner_id", "=", filters.partnerId);
  if (filters.entityType) query = query.where("entity_type", "=", filters.entityType);
  if (filters.entityId) query = query.where("entity_id", "=", filters.entityId);
  if (filters.actorUserId) query = query.where("actor_user_id", "=", filters.actorUserId);
  if (filters.action?.endsWith(".")) query = query.where("action", ">=", filters.action).where("action", "<", `${filters.action}\uffff`);
  else if (filters.action) query = query.where("action", "=", filters.action);
  if (filters.from) query = query.where("at", ">=", filters.from);
  if (filters.to) query = query.where("at", "<", filters.to);
  if (afterId) query = query.where("id", "<", afterId);
  return query
    .orderBy("id", "desc")
    .limit(filters.limit + 1)
    .execute();
}
