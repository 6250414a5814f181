import { isPartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { forbidden, notFound } from "../../platform/http/problem.js";
import { findPartnerRow, tableRowOf, updatePartnerRow } from "./partners.repository.js";
import type { Partner } from "./partners.schemas.js";
import { archivedState, findVisible, getPartner } from "./partners.service.js";

// A partner's logo: changed by a vendor user who edits partners or by the partner's own admin,
// shown to whoever may see the partner, and stamped on co-branded copies (the sales library).

/**
 * A vendor user who may edit partners, or the partner's own admin, may change its logo.
 * Another partner's is 404; a visible partner without the right is 403. Call before receiving the file.
 */
export async function assertCanChangeLogo(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<void> {
  const row = await findVisible(db, actor, id);
  const allowed = isPartnerRole(actor.role) ? actor.role === "partner_admin" : can(actor, "partners:write");
  if (!allowed) throw forbidden("Only a vendor user who edits partners, or the partner's own admin, can change the logo");
  if (row.archived_at !== null) throw archivedState();
}

export async function savePartnerLogo(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  image: { key: string; contentType: string },
  requestId: string,
): Promise<Partner> {
  await ctx.db.transaction().execute(async (trx) => {
    await assertCanChangeLogo(trx, actor, id);
    const before = tableRowOf(await findVisible(trx, actor, id));
    const values = { logo_key: image.key, logo_content_type: image.contentType, updated_at: nowIso() };
    await updatePartnerRow(trx, id, values);
    await recordAudit(
      trx,
      actor,
      { action: "partner.logo", entityType: "partner", entityId: id, partnerId: id, before, after: { ...before, ...values } },
      requestId,
    );
  });
  return getPartner(ctx.db, actor, id);
}

export async function partnerLogo(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<{ key: string; contentType: string }> {
  const row = await findVisible(ctx.db, actor, id);
  if (!row.logo_key || !row.logo_content_type || !(await ctx.storage.exists(row.logo_key))) throw notFound("Logo");
  return { key: row.logo_key, contentType: row.logo_content_type };
}

/** For other features (the sales library): the partner's logo, when it has one stored. */
export async function partnerLogoIfAny(ctx: AppContext, id: string): Promise<{ key: string; contentType: string } | null> {
  const row = await findPartnerRow(ctx.db, null, id);
  if (!row?.logo_key || !row.logo_content_type || !(await ctx.storage.exists(row.logo_key))) return null;
  return { key: row.logo_key, contentType: row.logo_content_type };
}
