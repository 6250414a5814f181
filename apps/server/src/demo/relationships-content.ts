import type { RelationshipSettingsInput } from "../features/scorecards/settings.schemas.js";

// What each demo reseller sells and costs to serve, chosen so the portfolio tells the thesis in
// numbers (docs/relationships.md): a few strong partners that earn their keep; Harbor City
// Systems, the second-biggest seller, whose support (the desk's heaviest consumer, see
// support-content.ts), channel-manager time, field engineering and co-marketing cost more than its
// margin; Andes Vigilancia, small and efficient (high-margin software, hardly any help needed);
// Vistula Monitoring, all but dormant (one sell-through report, a trickle of small claims, one
// reversed for fraud); and a team whose hours support about eight
// partners well against ten in a live relationship. Amounts are whole euros (the reporting
// currency is the support desk's); the loader turns them into minor units.

export type FamilyName = "IP cameras" | "Network video recorders" | "Video management software" | "Access control" | "Accessories";

/** The vendor's gross margin per product family, in basis points: software earns most, accessories least. */
export const demoFamilyMargins: Record<FamilyName, number> = {
  "IP cameras": 3400,
  "Network video recorders": 2800,
  "Video management software": 7200,
  "Access control": 4200,
  Accessories: 2200,
};

/**
 * The relationship settings: the team plans 160 hours a month of partner support (the agents log
 * about 110 on tickets; the rest of their 480 goes to RMAs, the knowledge base and product
 * escalations) and 80 hours of its two channel managers, and holds that a partner needs 30 hours a
 * month (about 20 of support, 10 of a channel manager) to be well supported: 240 / 30 = 8 partners.
 */
export const demoRelationshipSettings: RelationshipSettingsInput = {
  currency: "EUR",
  defaultMarginBps: 3000,
  channelManagerCostPerHourMinor: 9000,
  healthThreshold: 40,
  netWindowMonths: 3,
  targetReturnPercent: 300,
  supportHoursAvailable: 160,
  channelManagerHoursAvailable: 80,
  hoursPerPartner: 30,
  partnerScorecardsVisible: false,
};

export interface SalesProfile {
  /** Typical monthly sell-through now, in euros, before season and noise. */
  monthly: number;
  /** Revenue now against a year ago (1.35 = +35 % a year); the curve is smooth in between. */
  yearlyGrowth: number;
  /** Share of revenue per family. */
  mix: Partial<Record<FamilyName, number>>;
  /** Chance in a month of a returned unit (a negative line). */
  returnChance: number;
  /** How each month's report reaches the vendor: the partner's system posts it, or someone uploads a CSV. */
  source: "api" | "csv";
  /** Months (counted back from the load month) with no sales: the partner stopped selling. */
  stoppedMonthsAgo?: number;
  /** Exact sales instead of the curve: months ago -> euros (negative: a return). */
  fixed?: Record<number, number>;
}

export interface CostProfile {
  /** Channel-manager hours a month, by months ago (a function, so a relationship can change over time). */
  channelManagerHours: (monthsAgo: number) => number;
  /** Marketing funds (MDF / co-marketing) paid: months ago -> [euros, purpose]. */
  marketing: Record<number, [number, string]>;
  /** Other costs: months ago -> [euros, label, purpose]. */
  other?: Record<number, [number, string, string]>;
  /** Training delivered: months ago -> [euros, instructor hours, purpose]. */
  training?: Record<number, [number, number, string]>;
}

export interface RelationshipProfile {
  sales: SalesProfile;
  costs: CostProfile;
}

const quarterly = (amount: number, purpose: string, quarters: number[]): Record<number, [number, string]> =>
  Object.fromEntries(quarters.map((monthsAgo) => [monthsAgo, [amount, purpose]]));

/** Field engineering on Harbor's custom integrations grew with its transit and port projects. */
const harborField: Record<number, [number, string, string]> = Object.fromEntries(
  [8, 7, 6, 5, 4, 3, 2, 1, 0].map((monthsAgo) => [
    monthsAgo,
    [
      3000 + (8 - monthsAgo) * 500,
      "Field engineering",
      "On-site integration engineer: VMS SDK scripts and third-party access panels at Harbor's transit and port sites",
    ],
  ]),
);

export const demoRelationshipProfiles: Record<string, RelationshipProfile> = {
  "Northgate Security Integrators": {
    sales: {
      monthly: 46_000,
      yearlyGrowth: 1.12,
      mix: { "IP cameras": 0.4, "Network video recorders": 0.2, "Video management software": 0.2, "Access control": 0.1, Accessories: 0.1 },
      returnChance: 0.15,
      source: "api",
    },
    costs: {
      channelManagerHours: () => 14,
      marketing: quarterly(6000, "Co-marketing: Chicago healthcare and logistics campaign", [1, 4, 7, 10, 13, 16, 19, 22]),
      training: {
        9: [1800, 12, "Instructor-led VMS Enterprise course for four technicians"],
        3: [1500, 10, "LPR analytics workshop for the sales and install teams"],
      },
    },
  },
  "Rheinwacht Sicherheitstechnik": {
    sales: {
      monthly: 24_000,
      yearlyGrowth: 1.06,
      mix: { "IP cameras": 0.45, "Network video recorders": 0.25, "Video management software": 0.15, "Access control": 0.1, Accessories: 0.05 },
      returnChance: 0.1,
      source: "api",
    },
    costs: {
      channelManagerHours: () => 7,
      marketing: quarterly(2500, "Co-marketing: Security Essen trade fair and logistics mailing", [2, 5, 8, 11, 14, 17, 20, 23]),
    },
  },
  "Harbor City Systems": {
    sales: {
      monthly: 33_000,
      yearlyGrowth: 1.35,
      mix: { "IP cameras": 0.5, "Network video recorders": 0.3, "Video management software": 0.05, Accessories: 0.15 },
      returnChance: 0.7,
      source: "csv",
    },
    costs: {
      // Twelve hours a month until its integration projects took off; then the channel manager lived there.
      channelManagerHours: (monthsAgo) => (monthsAgo >= 10 ? 12 : monthsAgo >= 6 ? 22 : 30),
      marketing: {
        ...quarterly(2000, "Co-marketing: Seattle security expo stand", [13, 16, 19]),
        9: [6000, "Co-marketing: bid support for the Port of Tacoma tender"],
        6: [7500, "Co-marketing: Emerald Transit pilot, demo hardware and launch event"],
        4: [5000, "Co-marketing: Puget Sound University campus campaign"],
        2: [6500, "Co-marketing: Port of Tacoma Gate 5 phase two bid"],
        1: [4000, "Co-marketing: transit customer reference video"],
      },
      other: harborField,
    },
  },
  "Vigil Sécurité": {
    sales: {
      monthly: 17_000,
      yearlyGrowth: 1.1,
      mix: { "IP cameras": 0.4, "Network video recorders": 0.2, "Video management software": 0.15, "Access control": 0.15, Accessories: 0.1 },
      returnChance: 0.1,
      source: "csv",
    },
    costs: {
      channelManagerHours: () => 6,
      marketing: quarterly(1500, "Co-marketing: Lyon education sector mailing", [2, 5, 8, 11, 14, 17]),
    },
  },
  "Maple Leaf Surveillance": {
    sales: {
      monthly: 10_000,
      yearlyGrowth: 1.15,
      mix: { "IP cameras": 0.45, "Network video recorders": 0.25, "Video management software": 0.1, "Access control": 0.05, Accessories: 0.15 },
      returnChance: 0.08,
      source: "csv",
    },
    costs: { channelManagerHours: () => 4, marketing: quarterly(1000, "Co-marketing: condominium security webinar", [3, 7, 11]) },
  },
  "Nordic Eye Installations": {
    sales: {
      monthly: 5_000,
      yearlyGrowth: 0.85,
      mix: { "IP cameras": 0.5, "Network video recorders": 0.3, Accessories: 0.2 },
      returnChance: 0.1,
      source: "csv",
    },
    costs: {
      channelManagerHours: (monthsAgo) => (monthsAgo <= 5 ? 6 : 4),
      marketing: { 9: [1500, "Co-marketing: Gothenburg port security seminar"] },
    },
  },
  "Andes Vigilancia": {
    sales: {
      monthly: 9_000,
      yearlyGrowth: 1,
      mix: { "Video management software": 0.45, "IP cameras": 0.35, "Access control": 0.15, Accessories: 0.05 },
      returnChance: 0.03,
      source: "csv",
    },
    costs: { channelManagerHours: () => 2, marketing: {} },
  },
  "Gulf Shield Technologies": {
    sales: {
      monthly: 17_000,
      yearlyGrowth: 1,
      mix: { "IP cameras": 0.45, "Network video recorders": 0.25, "Video management software": 0.1, "Access control": 0.1, Accessories: 0.1 },
      returnChance: 0.1,
      source: "csv",
    },
    costs: {
      // Onboarding takes a channel manager's time; it settles after the first half year.
      channelManagerHours: (monthsAgo) => (monthsAgo >= 5 ? 14 : 8),
      marketing: { 7: [5000, "Launch campaign: Dubai Intersec stand share"], 2: [3000, "Co-marketing: Dubai Hills healthcare reference"] },
      training: { 7: [2200, 14, "Onboarding: installer certification bootcamp for Gulf Shield's technicians"] },
    },
  },
  "Southern Cross Security": {
    sales: {
      monthly: 6_000,
      yearlyGrowth: 1,
      mix: { "IP cameras": 0.5, "Network video recorders": 0.2, Accessories: 0.3 },
      returnChance: 0.05,
      source: "csv",
    },
    costs: { channelManagerHours: () => 6, marketing: { 3: [1000, "Launch mailing to Melbourne installers"] } },
  },
  "Lagos Secure Networks": {
    sales: {
      monthly: 0,
      yearlyGrowth: 1,
      mix: { "IP cameras": 0.6, "Network video recorders": 0.4 },
      returnChance: 0,
      source: "csv",
      fixed: { 1: 3900 },
    },
    costs: { channelManagerHours: () => 5, marketing: {} },
  },
  "Vistula Monitoring": {
    sales: {
      monthly: 0,
      yearlyGrowth: 1,
      mix: { "IP cameras": 0.7, "Network video recorders": 0.3 },
      returnChance: 0,
      source: "csv",
      // Its first order is the only report it ever sent; since then the vendor knows its sales only from a trickle of small claims.
      fixed: { 12: 5400 },
    },
    costs: {
      // Onboarding, then little; then the fraud investigation and probation calls of the last months.
      channelManagerHours: (monthsAgo) => (monthsAgo >= 10 ? 3 : monthsAgo >= 4 ? 1.5 : 5),
      marketing: { 11: [800, "Launch mailing to Kraków installers"] },
      other: { 3: [1200, "Claim audit", "Serial-number audit with the distributor after the reversed claim"] },
    },
  },
  "Sunbelt Camera Pros": {
    sales: {
      monthly: 3_500,
      yearlyGrowth: 0.7,
      mix: { "IP cameras": 0.6, "Network video recorders": 0.3, Accessories: 0.1 },
      returnChance: 0.1,
      source: "csv",
      stoppedMonthsAgo: 13,
    },
    costs: { channelManagerHours: (monthsAgo) => (monthsAgo >= 13 ? 3 : 0), marketing: {} },
  },
};

export const bigReseller = "Harbor City Systems";
export const efficientReseller = "Andes Vigilancia";
export const dormantReseller = "Vistula Monitoring";
