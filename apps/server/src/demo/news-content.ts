import type { NewsCategory, PartnerRole } from "@trellis/shared";
import type { Region } from "./library-demo-types.js";

/** One demo news post; days: how long ago it was published (negative: scheduled ahead). */
export interface DemoPost {
  title: string;
  category: NewsCategory;
  days: number;
  body: string;
  audience?: { tiers?: string[]; regions?: Region[]; partners?: string[]; roles?: PartnerRole[] };
  pinned?: boolean;
  mustRead?: boolean;
  expiresInDays?: number;
  /** Demo partners whose staff asked a question, and the vendor's answer (public unless private). */
  question?: { partner: string; text: string; answer: string; private?: boolean };
}

export const demoPosts: DemoPost[] = [
  {
    title: "Firmware 5.2 for the Vantage NVR line: security fix, install within 30 days",
    category: "support_notices",
    days: 2,
    mustRead: true,
    pinned: true,
    body: [
      "Firmware **5.2.1** closes a flaw in the web interface of every Vantage NVR (VN-8, VN-16, VN-32).",
      "",
      "What to do:",
      "1. Download 5.2.1 from the sales library (Firmware > Vantage).",
      "2. Update every recorder you installed or maintain within 30 days.",
      "3. Tell your end customers the update is free and takes about 10 minutes per recorder.",
      "",
      "Open a P2 ticket if an update fails; mention the recorder's serial number.",
    ].join("\n"),
  },
  {
    title: "Gold and Platinum: double points on Aurora 4K domes until the end of the quarter",
    category: "promotions",
    days: 5,
    audience: { tiers: ["Platinum", "Gold"] },
    body: "Every Aurora 4K dome you sell and claim before the end of the quarter earns double points. Claims need one serial number per camera and the invoice.",
    question: {
      partner: "Harbor City Systems",
      text: "Does the promotion also count for domes sold in a project with a special price?",
      answer: "Yes: project-priced domes count as long as the claim has the invoice and serials.",
    },
  },
  {
    title: "Retail loss prevention: the market keeps growing, and here is the kit to sell it",
    category: "target_markets",
    days: 9,
    body: "Retail chains are replacing analogue cameras with people counting and loss-prevention analytics. The new retail kit in the library has a case study, a talk track and a competitive sheet.",
  },
  {
    title: "Certified Installer course: new dates in Chicago, Cologne and Singapore",
    category: "training",
    days: 12,
    body: "Two-day hands-on course for technicians. Seats are free for Platinum and Gold partners, and half price for Silver. Certified technicians get priority on P1 tickets.",
    audience: { roles: ["technician", "partner_admin"] },
  },
  {
    title: "Lumeris opens a warehouse in Rotterdam: next-day delivery in Western Europe",
    category: "company",
    days: 16,
    audience: { regions: ["Western Europe", "Northern Europe"] },
    body: "Orders placed before 3 pm CET now ship the same day from Rotterdam. Stock levels per SKU are on the product pages.",
    question: {
      partner: "Rheinwacht Sicherheitstechnik",
      text: "Can we pick up orders at the warehouse?",
      answer: "Yes, with a day's notice to your channel manager. We will send you the address privately.",
      private: true,
    },
  },
  {
    title: "Installed base: 1,200 analogue sites reach end of support next year",
    category: "installed_base",
    days: 21,
    body: "Your customers with the old H-series analogue recorders lose support next December. The migration offer in the library gives them 20% off a Vantage NVR with trade-in.",
  },
  {
    title: "New product: Sentinel thermal bullet camera for perimeter protection",
    category: "products",
    days: 27,
    body: "The Sentinel TB-640 detects people at 300 m in complete darkness. Spec sheet, data sheet and a demo video are in the library; demo units can be borrowed for two weeks.",
  },
  {
    title: "Support desk hours over the holidays",
    category: "support_notices",
    days: 35,
    expiresInDays: 60,
    body: "P1 tickets are answered around the clock as always. P2-P4 tickets opened between 24 December and 1 January are answered from 2 January.",
  },
  {
    title: "North America partner summit: registration is open",
    category: "company",
    days: 44,
    audience: { regions: ["North America"] },
    body: "Two days in Austin: product road map, hands-on labs and the partner awards. Two seats per partner are free.",
  },
  {
    title: "Price list update for EMEA from the first of next month",
    category: "products",
    days: 58,
    audience: { regions: ["Western Europe", "Northern Europe", "Eastern Europe", "Middle East", "Africa"] },
    body: "Euro list prices of the Aurora line go down by 4%; accessories go up by 2%. The new list is in the library.",
  },
  {
    title: "Case study: a hospital group moves 400 cameras to Vantage",
    category: "installed_base",
    days: 75,
    body: "Northgate Security Integrators replaced four recording systems with one. The case study and the customer's video testimonial are in the library.",
  },
  {
    title: "Platinum partners: quarterly business reviews start next month",
    category: "company",
    days: -3,
    audience: { tiers: ["Platinum"] },
    body: "Your channel manager will book a review with you: last quarter's figures, the joint plan and what you need from us.",
  },
];
