import type { CapacityModel } from "../../api/relationships-types";
import { formatHours, plural } from "./portfolio.format";

// The capacity model said in words: "Your team can support 8 partners well; you have 12."

type StatementInput = Pick<CapacityModel, "partnersSupportable" | "activePartners" | "overBy" | "hoursAvailable" | "hoursPerPartner">;

/** The capacity model in one sentence, then what it means for each partner; `after`: said of a what-if. */
export function capacityStatement(
  view: StatementInput,
  after = false,
): {
  headline: string;
  detail: string;
  tone: "over" | "at" | "under";
} {
  const { partnersSupportable: can, activePartners: have, overBy, hoursAvailable, hoursPerPartner } = view;
  const headline = `Your team can support ${plural(can, "partner")} well; you ${after ? "would have" : "have"} ${have}.`;
  const share = have > 0 ? hoursAvailable / have : hoursAvailable;
  if (overBy > 0) {
    return {
      headline,
      detail: `That is ${plural(overBy, "partner")} more than your hours cover: each partner gets about ${formatHours(share)} a month against the ${formatHours(hoursPerPartner)} a well-supported partner needs.`,
      tone: "over",
    };
  }
  if (overBy === 0) return { headline, detail: "Exactly at capacity: one more partner would thin the support every partner gets.", tone: "at" };
  return { headline, detail: `There is room for ${plural(-overBy, "more partner")} before support thins out.`, tone: "under" };
}
