import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, IncentiveSettingsTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { findIncentiveSettings, incentiveSettingsId, upsertIncentiveSettings } from "./incentive-settings.repository.js";
import type { IncentiveSettings, IncentiveSettingsInput } from "./ledger.schemas.js";

export type { IncentiveSettings } from "./ledger.schemas.js";

/** Until the vendor saves its own: a point is worth one minor unit, points expire after 24 months. */
const defaults: Omit<IncentiveSettingsTable, "updated_at"> = {
  id: incentiveSettingsId,
  value_minor_per_1000_points: 1000,
  currency: "EUR",
  expiry_months: 24,
  expiry_warning_days: 30,
  claim_window_days: 60,
  auto_approve_up_to_points: 0,
};

function toSettings(row: IncentiveSettingsTable): IncentiveSettings {
  return {
    valueMinorPer1000Points: row.value_minor_per_1000_points,
    currency: row.currency,
    expiryMonths: row.expiry_months,
    expiryWarningDays: row.expiry_warning_days,
    claimWindowDays: row.claim_window_days,
    autoApproveUpToPoints: row.auto_approve_up_to_points,
    updatedAt: row.updated_at,
  };
}

/** The program's settings; the defaults until the vendor saves its own. Pass a transaction to read inside it. */
export async function getIncentiveSettings(db: Kysely<Database>): Promise<IncentiveSettings> {
  const row = await findIncentiveSettings(db);
  return toSettings(row ?? { ...defaults, updated_at: "1970-01-01T00:00:00.000Z" });
}

/**
 * Money value of points in minor units, rounded half away from zero once, on the total (never per
 * movement, so a sum of values equals the value of the sum).
 */
export function pointsValueMinor(points: number, settings: Pick<IncentiveSettings, "valueMinorPer1000Points">): number {
  const exact = (points * settings.valueMinorPer1000Points) / 1000;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

export async function updateIncentiveSettings(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: IncentiveSettingsInput,
  requestId: string,
): Promise<IncentiveSettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getIncentiveSettings(trx);
    const after: IncentiveSettings = { ...before, ...input, updatedAt: nowIso() };
    await upsertIncentiveSettings(trx, {
      id: incentiveSettingsId,
      value_minor_per_1000_points: after.valueMinorPer1000Points,
      currency: after.currency,
      expiry_months: after.expiryMonths,
      expiry_warning_days: after.expiryWarningDays,
      claim_window_days: after.claimWindowDays,
      auto_approve_up_to_points: after.autoApproveUpToPoints,
      updated_at: after.updatedAt,
    });
    await recordAudit(
      trx,
      actor,
      { action: "incentive_settings.update", entityType: "incentive_settings", entityId: incentiveSettingsId, partnerId: null, before, after },
      requestId,
    );
    return after;
  });
}
