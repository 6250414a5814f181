import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { countSupportedPartners, findSettings, lockSettings, saveSettings } from "./settings.repository.js";
import type { UpdateVendorSettings, VendorSettings } from "./settings.schemas.js";

export async function getVendorSettings(db: Kysely<Database>): Promise<VendorSettings> {
  const [row, activePartners] = await Promise.all([findSettings(db), countSupportedPartners(db)]);
  return {
    vendorName: row.vendor_name,
    supportedPartnerCapacity: row.supported_partner_capacity,
    hideStaleCompetitive: row.hide_stale_competitive === 1,
    activePartners,
    updatedAt: row.updated_at,
  };
}

/**
 * Capacity check used when a partner becomes active: returns the figures so the caller can
 * refuse or record an override. Call inside the caller's transaction: on PostgreSQL it locks
 * the settings row, so two approvals cannot both take the last place.
 */
export async function capacityHeadroom(db: Kysely<Database>): Promise<{ capacity: number; active: number; full: boolean }> {
  await lockSettings(db);
  const settings = await getVendorSettings(db);
  return {
    capacity: settings.supportedPartnerCapacity,
    active: settings.activePartners,
    full: settings.activePartners >= settings.supportedPartnerCapacity,
  };
}

export async function updateVendorSettings(ctx: AppContext, actor: AuthenticatedActor, input: UpdateVendorSettings, requestId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findSettings(trx);
    const after = {
      vendor_name: input.vendorName ?? before.vendor_name,
      supported_partner_capacity: input.supportedPartnerCapacity ?? before.supported_partner_capacity,
      hide_stale_competitive: input.hideStaleCompetitive === undefined ? before.hide_stale_competitive : input.hideStaleCompetitive ? 1 : 0,
    };
    await saveSettings(trx, after);
    await recordAudit(
      trx,
      actor,
      {
        action: "settings.update",
        entityType: "vendor_settings",
        entityId: before.id,
        partnerId: null,
        before: {
          vendor_name: before.vendor_name,
          supported_partner_capacity: before.supported_partner_capacity,
          hide_stale_competitive: before.hide_stale_competitive,
        },
        after,
      },
      requestId,
    );
    return getVendorSettings(trx);
  });
}

/** For the sales library's every read: one row, without the partner count getVendorSettings adds. */
export async function hidesStaleCompetitive(db: Kysely<Database>): Promise<boolean> {
  return (await findSettings(db)).hide_stale_competitive === 1;
}
