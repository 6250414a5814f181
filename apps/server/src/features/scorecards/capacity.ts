/**
 * The capacity model and the what-if (docs/relationships.md): how many partners the vendor's hours support well.
 *
 * Rules
 * - Hours are kept to the hundredth (and reported so); counts of partners are whole.
 * - Hours available = support hours + channel-manager hours available a month.
 * - Hours a partner needs: the vendor's set value, or "measured": the median monthly hours of the best quarter of the
 *   active partners by health score (ceil(n / 4) of the n active partners with a score, so at least one; ties broken
 *   by partner id), or of all active partners when none has a score; 0 when there is no active partner.
 * - Partners supportable = floor(available / hours per partner). When a partner needs 0 hours the hours do not limit
 *   the roster: partners supportable = the active partners (over by 0).
 * - Over by = active partners - partners supportable (positive: over capacity).
 * - What-if: cutting frees the cut active partners' monthly hours (an id that is unknown or not active changes nothing);
 *   each added partner brings its monthly hours and net contribution. Partners after = active - cut + added; hours per
 *   partner after = hours available / partners after (0 when none remains). Net contribution before = the sum over the
 *   active partners (a partner missing from `nets` counts 0); after = before - the cut partners' + the added ones'.
 *   capacityAfter is the capacity model over the remaining and added partners (an added partner has no health score,
 *   so it joins the measured best quarter only when no partner has one).
 */
import { addWhole, median, toHundredths } from "./ratios.js";
import type { CapacityInput, CapacityModel, WhatIfInput, WhatIfResult } from "./scorecard.types.js";

type CapacityPartner = CapacityInput["partners"][number];

function hoursOf(hundredths: number): number {
  return hundredths / 100;
}

function sumHundredths(partners: readonly { monthlyHours: number }[]): number {
  return partners.reduce((total, p) => total + toHundredths(p.monthlyHours), 0);
}

/** The measured hours a partner needs, in hundredths. */
function measuredHundredths(active: readonly CapacityPartner[]): number {
  const scored = active
    .filter((p): p is CapacityPartner & { healthScore: number } => p.healthScore !== null)
    .sort((a, b) => b.healthScore - a.healthScore || (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0));
  const pool = scored.length > 0 ? scored.slice(0, Math.ceil(scored.length / 4)) : active;
  return Math.round(median(pool.map((p) => toHundredths(p.monthlyHours))));
}

export function capacityModel(input: CapacityInput): CapacityModel {
  const available = toHundredths(input.supportHoursAvailable) + toHundredths(input.channelManagerHoursAvailable);
  const active = input.partners.filter((p) => p.active);
  const perPartner = input.hoursPerPartnerSet === null ? measuredHundredths(active) : toHundredths(input.hoursPerPartnerSet);
  // Both are whole hundredths, so the quotient is exact enough for floor (no 0.3 / 0.1 = 2.999...).
  const partnersSupportable = perPartner === 0 ? active.length : Math.floor(available / perPartner);
  return {
    hoursAvailable: hoursOf(available),
    hoursPerPartner: hoursOf(perPartner),
    hoursPerPartnerSource: input.hoursPerPartnerSet === null ? "measured" : "set",
    partnersSupportable,
    activePartners: active.length,
    hoursUsed: hoursOf(sumHundredths(active)),
    overBy: active.length - partnersSupportable,
  };
}

export function whatIf(
  input: WhatIfInput,
  capacity: CapacityInput,
  nets: readonly { partnerId: string; netContributionMinor: number }[],
): WhatIfResult {
  const netOf = new Map(nets.map((n) => [n.partnerId, n.netContributionMinor]));
  const cutIds = new Set(input.cut);
  const active = capacity.partners.filter((p) => p.active);
  const cut = active.filter((p) => cutIds.has(p.partnerId));
  const kept = capacity.partners.filter((p) => !cutIds.has(p.partnerId));
  const sumNets = (ids: readonly string[]) => ids.reduce((total, id) => addWhole(total, netOf.get(id) ?? 0, `net of ${id}`), 0);
  const before = sumNets(active.map((p) => p.partnerId));
  const cutNets = sumNets(cut.map((p) => p.partnerId));
  const addedNets = input.add.reduce((total, a) => addWhole(total, a.netContributionMinor, `net of ${a.label}`), 0);
  const added: CapacityPartner[] = input.add.map((a, i) => ({
    partnerId: `added:${i + 1}`,
    monthlyHours: a.monthlyHours,
    healthScore: null,
    active: true,
  }));
  const capacityAfter = capacityModel({ ...capacity, partners: [...kept, ...added] });
  const partnersAfter = active.length - cut.length + added.length;
  return {
    freedHoursPerMonth: hoursOf(sumHundredths(cut)),
    addedHoursPerMonth: hoursOf(sumHundredths(added)),
    partnersAfter,
    hoursPerPartnerAfter: partnersAfter === 0 ? 0 : Math.round(toHundredths(capacityAfter.hoursAvailable) / partnersAfter) / 100,
    netContributionBeforeMinor: before,
    netContributionAfterMinor: before - cutNets + addedNets,
    capacityAfter,
  };
}
