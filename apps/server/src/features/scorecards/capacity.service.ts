import type { Kysely } from "kysely";
import type { Database, PortfolioQuadrant } from "../../db/types.js";
import { badRequest } from "../../platform/http/problem.js";
import { capacityModel, whatIf } from "./capacity.js";
import { findPartnerDirectory, findScorecardRows } from "./figures.repository.js";
import type { CapacityInput, CapacityModel, WhatIfInput, WhatIfResult } from "./scorecard.types.js";
import { getRelationshipSettings } from "./settings.service.js";

/** Partners in a live relationship use the team's hours; prospects not yet. */
const activeStatuses = new Set(["active", "probation"]);

export interface CapacityPartnerView {
  partnerId: string;
  name: string;
  tierName: string | null;
  monthlyHours: number;
  healthScore: number | null;
  netContributionMinor: number;
  quadrant: PortfolioQuadrant;
}

export type CapacityView = CapacityModel & {
  supportHoursAvailable: number;
  channelManagerHoursAvailable: number;
  partners: CapacityPartnerView[];
};

interface CapacityBasis {
  input: CapacityInput;
  partners: CapacityPartnerView[];
}

/**
 * Monthly hours per partner = its support and channel-manager hours over the stored trailing twelve
 * months, divided by twelve: what it takes today, averaged over a year of seasons.
 */
async function capacityBasis(db: Kysely<Database>): Promise<CapacityBasis> {
  const [settings, directory, stored] = await Promise.all([getRelationshipSettings(db), findPartnerDirectory(db, null), findScorecardRows(db)]);
  const byPartner = new Map(stored.map((row) => [row.partner_id, row]));
  const partners: CapacityPartnerView[] = [];
  const inputPartners: CapacityInput["partners"] = [];
  for (const partner of directory) {
    if (partner.archived_at !== null || !activeStatuses.has(partner.status)) continue;
    const row = byPartner.get(partner.id);
    const hours = row ? Number(row.support_minutes) / 60 + Number(row.channel_manager_hours_hundredths) / 100 : 0;
    const monthlyHours = Math.round((hours / 12) * 100) / 100;
    const healthScore = row?.health_score ?? null;
    partners.push({
      partnerId: partner.id,
      name: partner.name,
      tierName: partner.tier_name,
      monthlyHours,
      healthScore,
      netContributionMinor: Number(row?.net_minor ?? 0),
      quadrant: row?.quadrant ?? "cut",
    });
    inputPartners.push({ partnerId: partner.id, monthlyHours, healthScore, active: true });
  }
  return {
    input: {
      supportHoursAvailable: settings.supportHoursAvailable,
      channelManagerHoursAvailable: settings.channelManagerHoursAvailable,
      hoursPerPartnerSet: settings.hoursPerPartner,
      partners: inputPartners,
    },
    partners,
  };
}

export async function capacity(db: Kysely<Database>): Promise<CapacityView> {
  const basis = await capacityBasis(db);
  return {
    ...capacityModel(basis.input),
    supportHoursAvailable: basis.input.supportHoursAvailable,
    channelManagerHoursAvailable: basis.input.channelManagerHoursAvailable,
    partners: basis.partners.sort((a, b) => b.monthlyHours - a.monthlyHours || a.name.localeCompare(b.name)),
  };
}

/** Cut some partners, add some, and see the freed hours, hours per partner and projected net contribution. */
export async function capacityWhatIf(db: Kysely<Database>, input: WhatIfInput): Promise<WhatIfResult> {
  const basis = await capacityBasis(db);
  const known = new Set(basis.partners.map((partner) => partner.partnerId));
  const unknown = input.cut.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw badRequest(
      "Only active partners can be cut in the what-if",
      unknown.slice(0, 10).map((id) => ({ path: "body.cut", message: `${id} is not an active partner` })),
    );
  }
  return whatIf(
    input,
    basis.input,
    basis.partners.map((partner) => ({ partnerId: partner.partnerId, netContributionMinor: partner.netContributionMinor })),
  );
}
