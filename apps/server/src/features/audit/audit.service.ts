import { type AuthenticatedActor, partnerScope } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { findAuditRows } from "./audit.repository.js";
import type { AuditEntry, AuditQuery } from "./audit.schemas.js";

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/** The vendor's internal reasoning (capacity overrides) stays with the vendor. */
const vendorOnlyFields = new Set(["overrideReason", "override_reason"]);
const parseFor =
  (partnerSide: boolean) =>
  (json: string | null): unknown =>
    json === null ? null : partnerSide ? JSON.parse(json, (key, value) => (vendorOnlyFields.has(key) ? undefined : value)) : parse(json);

/** Vendor admins see everything; a partner admin only its own organisation's entries. */
export async function listAuditEntries(ctx: AppContext, actor: AuthenticatedActor, filters: AuditQuery): Promise<Page<AuditEntry>> {
  const afterId = decodeCursor(filters.cursor, 1)?.[0];
  const rows = await findAuditRows(ctx.db, filters, partnerScope(actor), typeof afterId === "string" ? afterId : undefined);
  const page = toPage(rows, filters.limit, (r) => [r.id]);
  const read = parseFor(partnerScope(actor) !== null);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id,
      at: r.at,
      actorLabel: r.actor_label,
      actorUserId: r.actor_user_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      partnerId: r.partner_id,
      before: read(r.before_json),
      after: read(r.after_json),
      requestId: r.request_id,
    })),
  };
}
