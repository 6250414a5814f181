import type { RewardKind } from "@trellis/shared";

// The demo incentive program's content: settings, rules, the rewards catalog, how much each reseller
// sells, who its customers are, and the stories told on top of the random history (a rejected claim
// now and then, one fraud reversal, redemptions in every state). incentives.ts loads it.

/** 1 point = 1 euro cent (the vendor reports in euros); points last 24 months; sales are claimed within 60 days; small claims pay at once. */
export const demoIncentiveSettings = {
  valueMinorPer1000Points: 1000,
  currency: "EUR",
  expiryMonths: 24,
  expiryWarningDays: 30,
  claimWindowDays: 60,
  autoApproveUpToPoints: 500,
};

/** Inclusive sale dates of a promotion, from the load date. */
export interface PromotionDates {
  startsOn: string;
  endsOn: string;
  /** When the vendor put the rule in (it reaches sales from then on). */
  announcedOn: string;
  /** The promotion's name when it depends on the date. */
  name?: string;
}

export interface DemoRule {
  key: string;
  name: string;
  kind: "per_unit" | "per_revenue" | "multiplier" | "launch_bonus";
  family?: string;
  sku?: string;
  points: number;
  revenueStep?: { amountMinor: number; currency: string };
  multiplierPercent?: number;
  monthlyCapPoints?: number;
  /** Promotions only; base rules are open-ended. */
  dates?: (now: Date) => PromotionDates;
  /** A base rule that was changed during the year: these points until `monthsAgo` months back. */
  earlier?: { points: number; monthsAgo: number };
}

const ymd = (date: Date) => date.toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** The load date's calendar quarter: its first and last day. */
export function calendarQuarter(now: Date): { first: Date; last: Date; label: string } {
  const q = Math.floor(now.getUTCMonth() / 3);
  return {
    first: utc(now.getUTCFullYear(), q * 3, 1),
    last: utc(now.getUTCFullYear(), q * 3 + 3, 0),
    label: `Q${q + 1} ${now.getUTCFullYear()}`,
  };
}

/** The newest camera: launched 75 days before the load date, its bonus open for half a year. */
export const launchedSku = "LC-TH-384";
export const launchDaysAgo = 75;

export const demoRules: DemoRule[] = [
  { key: "cam", name: "IP cameras: points per camera", kind: "per_unit", family: "IP cameras", points: 250, earlier: { points: 200, monthsAgo: 5 } },
  { key: "cam-8mp", name: "4K dome D2 8 MP", kind: "per_unit", sku: "LC-D2-8MP", points: 500 },
  { key: "cam-lpr", name: "LPR bullet B3 8 MP", kind: "per_unit", sku: "LC-B3-8MP", points: 800 },
  { key: "cam-fish", name: "Fisheye 12 MP", kind: "per_unit", sku: "LC-F1-12MP", points: 700 },
  { key: "ptz-2", name: "PTZ 2 MP 32x", kind: "per_unit", sku: "LC-P5-2MP", points: 1500 },
  { key: "ptz-4", name: "PTZ 4 MP 45x", kind: "per_unit", sku: "LC-P5-4MP", points: 2000 },
  { key: "thermal", name: "Thermal bullet 384×288", kind: "per_unit", sku: "LC-TH-384", points: 3000 },
  { key: "nvr", name: "Recorders: points per NVR", kind: "per_unit", family: "Network video recorders", points: 1000 },
  { key: "nvr-32", name: "NVR 32 channel", kind: "per_unit", sku: "NV-32-8T", points: 2000 },
  { key: "nvr-64", name: "NVR 64 channel rack", kind: "per_unit", sku: "NV-64R-16T", points: 4000 },
  { key: "nvr-128", name: "Enterprise recorder 128 channel", kind: "per_unit", sku: "NV-128R-E", points: 8000 },
  {
    key: "vms-usd",
    name: "VMS licences: 2 points per US dollar",
    kind: "per_revenue",
    family: "Video management software",
    points: 2,
    revenueStep: { amountMinor: 100, currency: "USD" },
  },
  {
    key: "vms-eur",
    name: "VMS licences: 2 points per euro",
    kind: "per_revenue",
    family: "Video management software",
    points: 2,
    revenueStep: { amountMinor: 100, currency: "EUR" },
  },
  { key: "access", name: "Access control: points per reader", kind: "per_unit", family: "Access control", points: 400 },
  { key: "ac-2", name: "Two-door controller", kind: "per_unit", sku: "AC-C2-DOOR", points: 800 },
  { key: "ac-8", name: "Eight-door controller", kind: "per_unit", sku: "AC-C8-DOOR", points: 2000 },
  // A 0-point product rule takes the card packs out of the family rule: consumables earn nothing.
  { key: "ac-cards", name: "Card packs earn no points", kind: "per_unit", sku: "AC-CRD-100", points: 0 },
  {
    key: "acc",
    name: "Accessories: points per item, up to 2,000 a month",
    kind: "per_unit",
    family: "Accessories",
    points: 100,
    monthlyCapPoints: 2000,
  },
  {
    key: "promo-nvr",
    name: "Double points on NV series recorders",
    kind: "multiplier",
    family: "Network video recorders",
    points: 0,
    multiplierPercent: 200,
    dates: (now) => {
      const quarter = calendarQuarter(now);
      return {
        startsOn: ymd(quarter.first),
        endsOn: ymd(quarter.last),
        announcedOn: ymd(plusDays(quarter.first, -7)),
        name: `Double points on NV series recorders, ${quarter.label}`,
      };
    },
  },
  {
    key: "launch-thermal",
    name: "Launch bonus: the first thermal bullet sold",
    kind: "launch_bonus",
    sku: launchedSku,
    points: 10_000,
    dates: (now) => {
      const launch = plusDays(now, -launchDaysAgo);
      return { startsOn: ymd(launch), endsOn: ymd(plusDays(launch, 180)), announcedOn: ymd(plusDays(launch, -3)) };
    },
  },
  {
    key: "promo-access",
    name: "Spring access-control push: 1.5x points",
    kind: "multiplier",
    family: "Access control",
    points: 0,
    multiplierPercent: 150,
    dates: (now) => {
      const first = utc(now.getUTCFullYear(), now.getUTCMonth() - 8, 1);
      const last = utc(now.getUTCFullYear(), now.getUTCMonth() - 6, 0);
      return { startsOn: ymd(first), endsOn: ymd(last), announcedOn: ymd(plusDays(first, -5)) };
    },
  },
];

export interface DemoReward {
  key: string;
  kind: RewardKind;
  name: string;
  description: string;
  pointCost: number;
  stock: number | null;
  tiers?: string[];
  regions?: string[];
}

export const demoRewards: DemoReward[] = [
  {
    key: "gift-25",
    kind: "gift_card",
    name: "Prepaid Visa card, $25",
    description: "A digital prepaid card, sent by email.",
    pointCost: 2_500,
    stock: null,
  },
  {
    key: "gift-100",
    kind: "gift_card",
    name: "Prepaid Visa card, $100",
    description: "A digital prepaid card, sent by email.",
    pointCost: 10_000,
    stock: null,
  },
  {
    key: "travel-250",
    kind: "gift_card",
    name: "Travel voucher, $250",
    description: "Flights, hotels and rail with our travel partner; valid 12 months.",
    pointCost: 25_000,
    stock: null,
  },
  {
    key: "cable-tester",
    kind: "tools_equipment",
    name: "Network cable and PoE tester",
    description: "Wiremap, length, PoE class and load test, link speed. Limited: three units this year.",
    pointCost: 38_000,
    stock: 3,
  },
  {
    key: "camera-tester",
    kind: "tools_equipment",
    name: "IP camera installation tester, 7-inch",
    description: "Sees ONVIF and RTSP streams on the ladder, powers the camera over PoE, measures the cable.",
    pointCost: 30_000,
    stock: 5,
  },
  {
    key: "drill",
    kind: "tools_equipment",
    name: "Cordless drill/driver kit, 18 V",
    description: "Two batteries, charger, case and a masonry bit set for mounting brackets.",
    pointCost: 18_000,
    stock: null,
  },
  {
    key: "jacket",
    kind: "branded_gear",
    name: "Lumeris softshell jacket",
    description: "Water-resistant, with the Lumeris logo; state your size in the address note.",
    pointCost: 6_000,
    stock: null,
  },
  {
    key: "backpack",
    kind: "branded_gear",
    name: "Lumeris installer backpack",
    description: "Padded laptop sleeve and a tool compartment.",
    pointCost: 4_500,
    stock: null,
  },
  {
    key: "polo",
    kind: "branded_gear",
    name: "Lumeris polo shirt and cap",
    description: "For trade shows and site visits.",
    pointCost: 2_000,
    stock: null,
  },
  {
    key: "course-installer",
    kind: "training_voucher",
    name: "Certified Installer course voucher",
    description: "Two days of hands-on training and the LCI exam, at any Lumeris training centre.",
    pointCost: 15_000,
    stock: null,
  },
  {
    key: "course-vms",
    kind: "training_voucher",
    name: "VMS Enterprise administrator course voucher",
    description: "Three-day course: failover, federation, video walls; includes the exam.",
    pointCost: 25_000,
    stock: null,
  },
  {
    key: "summit",
    kind: "event_ticket",
    name: "Lumeris Partner Summit pass",
    description: "Two days in Lisbon with the product teams, the roadmap and the partner awards; hotel included.",
    pointCost: 40_000,
    stock: 8,
    tiers: ["Platinum", "Gold"],
  },
  {
    key: "intersec",
    kind: "event_ticket",
    name: "Intersec Dubai exhibition pass",
    description: "Three-day pass and a seat at the Lumeris partner dinner.",
    pointCost: 8_000,
    stock: 20,
    regions: ["Middle East"],
  },
];

/** How much each reseller sells: claims a year (while a partner) and what it sells most. */
export const demoSellers: Record<string, { claimsPerYear: number; prefix: string; focus?: string }> = {
  "Northgate Security Integrators": { claimsPerYear: 74, prefix: "NGS", focus: "Network video recorders" },
  "Rheinwacht Sicherheitstechnik": { claimsPerYear: 58, prefix: "RW", focus: "IP cameras" },
  "Harbor City Systems": { claimsPerYear: 34, prefix: "HCS", focus: "Access control" },
  "Vigil Sécurité": { claimsPerYear: 26, prefix: "VS" },
  "Gulf Shield Technologies": { claimsPerYear: 24, prefix: "GST", focus: "IP cameras" },
  "Maple Leaf Surveillance": { claimsPerYear: 16, prefix: "MLS" },
  "Andes Vigilancia": { claimsPerYear: 12, prefix: "AV" },
  "Southern Cross Security": { claimsPerYear: 12, prefix: "SCS" },
  "Vistula Monitoring": { claimsPerYear: 6, prefix: "VM" },
  "Nordic Eye Installations": { claimsPerYear: 4, prefix: "NEI" },
};

/** The partners whose reps also file one small claim on the load day (so the quarter's board is never empty). */
export const busyToday = ["Northgate Security Integrators", "Rheinwacht Sicherheitstechnik", "Harbor City Systems"];

/** Who the resellers sell to, by the partner's country. */
export const endCustomers: Record<string, string[]> = {
  US: [
    "Lakeshore Medical Center",
    "Midwest Freight Terminals",
    "Riverside Unified School District",
    "Cedar Point Apartments",
    "Great Lakes Credit Union",
    "Pinecrest Mall",
    "Harbor View Hotel",
    "Summit Logistics Park",
    "Northside Parking Authority",
    "Evergreen Community College",
    "Puget Sound Marine Terminal",
  ],
  CA: ["Lakeside Distribution Centre", "Queen Street Lofts", "Humber Valley Arena", "Don Mills Medical Clinic"],
  DE: [
    "Stadtwerke Rheinaue",
    "Klinikum Bonn-Süd",
    "Logistikzentrum Eifeltor",
    "Rheinpark Einkaufszentrum",
    "Autohaus Severin",
    "Brauerei Domblick",
    "Gesamtschule Porz",
  ],
  FR: ["Hôtel Bellecour", "Groupe Scolaire Saint-Exupéry", "Entrepôts Rhône-Alpes", "Parking Part-Dieu", "Clinique du Parc", "Mairie de Vénissieux"],
  SE: ["Hamnterminal Väst", "Lindholmen Science Park", "Kungsbacka Vårdcentral"],
  PL: ["Galeria Podgórze", "Kraków Logistics Hub", "Szpital Miejski Nowa Huta", "Osiedle Zielone Wzgórze"],
  CL: ["Centro Logístico Pudahuel", "Universidad del Pacífico Sur", "Minera Altiplano", "Clínica Providencia"],
  AE: ["Jebel Ali Cold Storage", "Marina Pearl Residences", "Al Noor Tower", "Dubai South Warehousing", "Creekside Hospital"],
  AU: ["Docklands Business Park", "Yarra Valley Winery", "St Kilda Aquatic Centre", "Port Melbourne Depot"],
};

/** Reasons for the claims the review turned down. */
export const rejectionReasons = [
  "The invoice is to another reseller (a stock transfer), not to an end customer: only sales to end customers earn points.",
  "Two of the serial numbers are on units we shipped to a different partner; please check the labels and file again.",
  "The invoice date on the attached invoice is three months earlier than the date claimed, outside the claim window.",
  "This is the same sale as an invoice claimed earlier under another number; the earlier claim was paid.",
  "The end customer is your own office (demo stock), which the program does not reward.",
  "The invoice lists 2 units but the claim has 6 serial numbers; please refile with the units actually sold.",
];

/** The claim that was paid, then found to be fraudulent and reversed. */
export const fraudStory = {
  partner: "Vistula Monitoring",
  repEmail: "ola.kowalska@vistula.example",
  endCustomer: "Hotel Wawel Residence",
  sku: "LC-P5-4MP",
  units: 12,
  saleDaysAgo: 150,
  reversedDaysAgo: 96,
  reason:
    "Fraud: the hotel confirmed it never bought these cameras, and the serial numbers belong to units shipped through a distributor to another " +
    "reseller. The points are taken back; the partner's principal was informed and the partner put on probation.",
};

export type RedemptionEnd = "requested" | "approved" | "cancelled" | "shipped" | "delivered" | "code_sent";

export interface DemoRedemption {
  repEmail: string;
  reward: string;
  daysAgo: number;
  end: RedemptionEnd;
  cancelReason?: string;
}

export const demoRedemptions: DemoRedemption[] = [
  { repEmail: "daniel.cho@northgate.example", reward: "gift-25", daysAgo: 300, end: "code_sent" },
  { repEmail: "lea.fischer@rheinwacht.example", reward: "jacket", daysAgo: 280, end: "delivered" },
  { repEmail: "priya.raman@northgate.example", reward: "course-installer", daysAgo: 250, end: "code_sent" },
  { repEmail: "mia.tanaka@harborcity.example", reward: "gift-100", daysAgo: 220, end: "code_sent" },
  { repEmail: "hugo.bernard@vigil-securite.example", reward: "backpack", daysAgo: 180, end: "delivered" },
  { repEmail: "felix.braun@rheinwacht.example", reward: "drill", daysAgo: 150, end: "delivered" },
  { repEmail: "daniel.cho@northgate.example", reward: "summit", daysAgo: 130, end: "code_sent" },
  { repEmail: "priya.raman@northgate.example", reward: "cable-tester", daysAgo: 120, end: "delivered" },
  { repEmail: "grace.whitfield@northgate.example", reward: "jacket", daysAgo: 118, end: "delivered" },
  { repEmail: "layla.nasser@gulfshield.example", reward: "intersec", daysAgo: 110, end: "code_sent" },
  { repEmail: "ethan.roy@mapleleafsurv.example", reward: "polo", daysAgo: 95, end: "delivered" },
  { repEmail: "lea.fischer@rheinwacht.example", reward: "summit", daysAgo: 80, end: "code_sent" },
  { repEmail: "lea.fischer@rheinwacht.example", reward: "cable-tester", daysAgo: 40, end: "delivered" },
  { repEmail: "jonas.weber@rheinwacht.example", reward: "backpack", daysAgo: 38, end: "delivered" },
  { repEmail: "mateo.silva@andesvigilancia.example", reward: "gift-25", daysAgo: 45, end: "code_sent" },
  { repEmail: "priya.raman@northgate.example", reward: "travel-250", daysAgo: 35, end: "code_sent" },
  { repEmail: "owen.harper@harborcity.example", reward: "course-vms", daysAgo: 25, end: "code_sent" },
  {
    repEmail: "camille.laurent@vigil-securite.example",
    reward: "jacket",
    daysAgo: 20,
    end: "cancelled",
    cancelReason: "The jacket in the size asked for is sold out until spring; the points are back, please choose again.",
  },
  { repEmail: "daniel.cho@northgate.example", reward: "camera-tester", daysAgo: 14, end: "shipped" },
  { repEmail: "ruby.nguyen@southerncross.example", reward: "polo", daysAgo: 12, end: "shipped" },
  { repEmail: "lea.fischer@rheinwacht.example", reward: "drill", daysAgo: 8, end: "approved" },
  { repEmail: "mia.tanaka@harborcity.example", reward: "summit", daysAgo: 6, end: "approved" },
  { repEmail: "priya.raman@northgate.example", reward: "backpack", daysAgo: 3, end: "requested" },
  { repEmail: "layla.nasser@gulfshield.example", reward: "course-installer", daysAgo: 2, end: "requested" },
  { repEmail: "daniel.cho@northgate.example", reward: "gift-100", daysAgo: 1, end: "requested" },
];

/** A rep who asked not to be named on the leaderboard. */
export const optedOutEmail = "felix.braun@rheinwacht.example";
