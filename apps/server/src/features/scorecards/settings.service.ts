import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, RelationshipSettingsTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { getSupportSettings } from "../support/support-settings.service.js";
import type { HealthWeights, ScorecardSettings } from "./scorecard.types.js";
import { findRelationshipSettings, relationshipSettingsId, upsertRelationshipSettings } from "./settings.repository.js";
import type { RelationshipSettings, RelationshipSettingsInput } from "./settings.schemas.js";

export type { RelationshipSettings } from "./settings.schemas.js";

/** Return on resources weighs most: it is the thesis (docs/relationships.md, "Health"). */
export const defaultHealthWeights: HealthWeights = {
  return_on_resources: 40,
  growth: 20,
  engagement: 20,
  certification: 10,
  support_within_allowance: 10,
};

function toSettings(row: RelationshipSettingsTable): RelationshipSettings {
  const stored = JSON.parse(row.health_weights) as Partial<HealthWeights>;
  return {
    currency: row.currency,
    defaultMarginBps: row.default_margin_bps,
    channelManagerCostPerHourMinor: row.channel_manager_cost_per_hour_minor,
    healthWeights: { ...defaultHealthWeights, ...stored },
    healthThreshold: row.health_threshold,
    netWindowMonths: row.net_window_months,
    targetReturnPercent: row.target_return_percent,
    supportHoursAvailable: row.support_hours_available,
    channelManagerHoursAvailable: row.channel_manager_hours_available,
    hoursPerPartner: row.hours_per_partner_hundredths === null ? null : row.hours_per_partner_hundredths / 100,
    partnerScorecardsVisible: row.partner_scorecards_visible === 1,
    updatedAt: row.updated_at,
  };
}

/**
 * The defaults until the vendor saves its own: the support desk's currency, a 30 % margin for
 * revenue known only from claims, 90.00 an hour of a channel manager, a two-person support team
 * and one channel manager, and the hours a partner needs measured from the best partners.
 */
async function defaults(db: Kysely<Database>): Promise<RelationshipSettingsTable> {
  const support = await getSupportSettings(db);
  return {
    id: relationshipSettingsId,
    currency: support.currency,
    default_margin_bps: 3000,
    channel_manager_cost_per_hour_minor: 9000,
    health_weights: JSON.stringify(defaultHealthWeights),
    health_threshold: 40,
    net_window_months: 3,
    target_return_percent: 300,
    support_hours_available: 240,
    channel_manager_hours_available: 120,
    hours_per_partner_hundredths: null,
    partner_scorecards_visible: 0,
    updated_by: null,
    updated_at: "1970-01-01T00:00:00.000Z",
  };
}

/** The relationship settings; the defaults until the vendor saves its own. Pass a transaction to read inside it. */
export async function getRelationshipSettings(db: Kysely<Database>): Promise<RelationshipSettings> {
  const row = await findRelationshipSettings(db);
  return toSettings(row ?? (await defaults(db)));
}

export function scorecardSettingsOf(settings: RelationshipSettings): ScorecardSettings {
  return {
    currency: settings.currency,
    healthWeights: settings.healthWeights,
    healthThreshold: settings.healthThreshold,
    targetReturnPercent: settings.targetReturnPercent,
  };
}

export async function updateRelationshipSettings(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: RelationshipSettingsInput,
  requestId: string,
): Promise<RelationshipSettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getRelationshipSettings(trx);
    const after: RelationshipSettings = { ...before, ...input, updatedAt: nowIso() };
    await upsertRelationshipSettings(trx, {
      id: relationshipSettingsId,
      currency: after.currency,
      default_margin_bps: after.defaultMarginBps,
      channel_manager_cost_per_hour_minor: after.channelManagerCostPerHourMinor,
      health_weights: JSON.stringify(after.healthWeights),
      health_threshold: after.healthThreshold,
      net_window_months: after.netWindowMonths,
      target_return_percent: after.targetReturnPercent,
      support_hours_available: after.supportHoursAvailable,
      channel_manager_hours_available: after.channelManagerHoursAvailable,
      hours_per_partner_hundredths: after.hoursPerPartner === null ? null : Math.round(after.hoursPerPartner * 100),
      partner_scorecards_visible: after.partnerScorecardsVisible ? 1 : 0,
      updated_by: actor.kind === "user" ? actor.userId : null,
      updated_at: after.updatedAt,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: "relationship_settings.update",
        entityType: "relationship_settings",
        entityId: relationshipSettingsId,
        partnerId: null,
        before,
        after,
      },
      requestId,
    );
    return after;
  });
}
