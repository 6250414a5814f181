export const partnerStatuses = ["prospect", "active", "probation", "terminated"] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];

export const userStatuses = ["invited", "active", "deactivated"] as const;
export type UserStatus = (typeof userStatuses)[number];

export const applicationStatuses = ["pending", "approved", "declined"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const productLifecycles = ["active", "end_of_sale", "end_of_life"] as const;
export type ProductLifecycle = (typeof productLifecycles)[number];

export const regions = [
  "North America",
  "Latin America",
  "Western Europe",
  "Northern Europe",
  "Eastern Europe",
  "Middle East",
  "Africa",
  "Asia Pacific",
] as const;

/** What a sales-library asset is, in the words marketing and partner reps use. */
export const assetTypes = [
  "competitive_data_sheet",
  "sales_script",
  "selling_video",
  "testimonial",
  "brochure",
  "spec_sheet",
  "case_study",
  "installation_reference",
  "presentation",
  "price_list",
] as const;
export type AssetType = (typeof assetTypes)[number];

export const assetTypeLabels: Record<AssetType, string> = {
  competitive_data_sheet: "Competitive data sheet",
  sales_script: "Sales script",
  selling_video: "Selling video",
  testimonial: "Testimonial",
  brochure: "Brochure",
  spec_sheet: "Specification sheet",
  case_study: "Case study",
  installation_reference: "Installation reference",
  presentation: "Presentation",
  price_list: "Price list",
};

/** A file (PDF, image, video, office document) or a rich-text page written in markdown. */
export const assetFormats = ["file", "page"] as const;
export type AssetFormat = (typeof assetFormats)[number];

export const assetStatuses = ["draft", "published", "archived"] as const;
export type AssetStatus = (typeof assetStatuses)[number];

/** Who among the partners sees an asset (vendor users see every asset). */
export const assetAudiences = ["all", "tiers", "regions", "partners"] as const;
export type AssetAudience = (typeof assetAudiences)[number];

/** Target markets of a video-surveillance maker; assets and filters use this list. */
export const markets = [
  "retail",
  "education",
  "city_surveillance",
  "healthcare",
  "transportation",
  "banking",
  "industrial",
  "logistics",
  "hospitality",
  "government",
  "critical_infrastructure",
  "residential",
] as const;
export type Market = (typeof markets)[number];

export const marketLabels: Record<Market, string> = {
  retail: "Retail",
  education: "Education",
  city_surveillance: "City surveillance",
  healthcare: "Healthcare",
  transportation: "Transportation",
  banking: "Banking and finance",
  industrial: "Industrial",
  logistics: "Logistics and warehousing",
  hospitality: "Hospitality",
  government: "Government",
  critical_infrastructure: "Critical infrastructure",
  residential: "Residential",
};

export const assetUsageKinds = ["view", "download", "cobrand_download"] as const;
export type AssetUsageKind = (typeof assetUsageKinds)[number];

export const ticketCategories = [
  "pre_sales_design",
  "installation",
  "configuration",
  "integration",
  "suspected_defect",
  "licensing",
  "rma_request",
] as const;
export type TicketCategory = (typeof ticketCategories)[number];

export const ticketCategoryLabels: Record<TicketCategory, string> = {
  pre_sales_design: "Pre-sales design",
  installation: "Installation",
  configuration: "Configuration",
  integration: "Integration",
  suspected_defect: "Suspected defect",
  licensing: "Licensing",
  rma_request: "RMA request",
};

export const ticketSeverities = ["P1", "P2", "P3", "P4"] as const;
export type TicketSeverity = (typeof ticketSeverities)[number];

/** Shown beside the choice, so partners pick the same severity the vendor would. */
export const ticketSeverityMeanings: Record<TicketSeverity, string> = {
  P1: "Critical: a live system is down or recording is lost at a site, with no workaround",
  P2: "Major: a core function is impaired at a live site; a workaround is painful or partial",
  P3: "Minor: a problem with a reasonable workaround, or an installation in progress is held up",
  P4: "Question: how-to, design advice, documentation or a feature request",
};

export const ticketStatuses = ["new", "open", "waiting_on_partner", "waiting_on_engineering", "resolved", "closed"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketStatusLabels: Record<TicketStatus, string> = {
  new: "New",
  open: "Open",
  waiting_on_partner: "Waiting on partner",
  waiting_on_engineering: "Waiting on engineering",
  resolved: "Resolved",
  closed: "Closed",
};

/** Where a ticket's SLA clock stands; `paused` while waiting on the partner, `met` once resolved in time. */
export const slaStates = ["on_track", "at_risk", "breached", "paused", "met"] as const;
export type SlaState = (typeof slaStates)[number];

export const knownProblemKinds = ["defect", "limitation"] as const;
export type KnownProblemKind = (typeof knownProblemKinds)[number];

export const knownProblemStatuses = ["investigating", "workaround", "fixed", "wont_fix"] as const;
export type KnownProblemStatus = (typeof knownProblemStatuses)[number];

export const rmaStatuses = ["authorised", "received", "replaced", "closed", "cancelled"] as const;
export type RmaStatus = (typeof rmaStatuses)[number];

export const articleStatuses = ["draft", "published", "archived"] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

export const newsCategories = ["company", "products", "target_markets", "installed_base", "promotions", "training", "support_notices"] as const;
export type NewsCategory = (typeof newsCategories)[number];

export const newsCategoryLabels: Record<NewsCategory, string> = {
  company: "Company",
  products: "Products",
  target_markets: "Target markets",
  installed_base: "Installed base",
  promotions: "Promotions",
  training: "Training",
  support_notices: "Support notices",
};

export const newsPostStatuses = ["draft", "published", "archived"] as const;
export type NewsPostStatus = (typeof newsPostStatuses)[number];

/** audience: everyone the post targets; partner: the asker's organisation and the vendor only. */
export const commentVisibilities = ["audience", "partner"] as const;
export type CommentVisibility = (typeof commentVisibilities)[number];

export const commentStatuses = ["visible", "hidden"] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const digestFrequencies = ["immediate", "daily", "weekly", "off"] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];

/** pending: composed, waiting to be mailed; sending: leased to a sender; failed: retries exhausted; skipped: nothing left to send. */
export const digestStatuses = ["pending", "sending", "sent", "failed", "skipped"] as const;
export type DigestStatus = (typeof digestStatuses)[number];

/** Events the notification centre carries; each user chooses which also email them. */
export const notificationKinds = [
  "ticket_new_p1",
  "ticket_assigned",
  "ticket_reply",
  "ticket_status",
  "ticket_sla",
  "asset_published",
  "application_submitted",
  "news_must_read",
  "news_answer",
  "points_expiring",
  "partner_flagged",
  "partner_review_due",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationKindLabels: Record<NotificationKind, string> = {
  ticket_new_p1: "A new P1 ticket",
  ticket_assigned: "A ticket assigned to me",
  ticket_reply: "A reply on a ticket",
  ticket_status: "A ticket's status changes",
  ticket_sla: "An SLA warning or breach",
  asset_published: "New sales tools",
  application_submitted: "A partner application to review",
  news_must_read: "A must-read news post",
  news_answer: "An answer to my question",
  points_expiring: "My points are about to expire",
  partner_flagged: "One of my partners is flagged",
  partner_review_due: "A partner review comes due",
};

/** What the rewards catalog offers, in the words the program uses. */
export const rewardKinds = ["gift_card", "tools_equipment", "branded_gear", "training_voucher", "event_ticket"] as const;
export type RewardKind = (typeof rewardKinds)[number];

export const rewardKindLabels: Record<RewardKind, string> = {
  gift_card: "Gift card",
  tools_equipment: "Tools and test equipment",
  branded_gear: "Branded gear",
  training_voucher: "Training voucher",
  event_ticket: "Event ticket",
};

/** requested -> approved -> fulfilled; cancelled before fulfilment (the points and stock return). */
export const redemptionStatuses = ["requested", "approved", "fulfilled", "cancelled"] as const;
export type RedemptionStatus = (typeof redemptionStatuses)[number];

/** How a fulfilled redemption reached the rep: shipped (tracking number), delivered by hand, or a voucher code sent. */
export const redemptionFulfilments = ["shipped", "delivered", "code_sent"] as const;
export type RedemptionFulfilment = (typeof redemptionFulfilments)[number];

/** Joint business plan (docs/business-plans.md): one per partner and year, draft -> agreed -> closed. */
export const businessPlanStatuses = ["draft", "agreed", "closed"] as const;
export const planItemSides = ["vendor", "partner"] as const;
export const planItemStatuses = ["planned", "in_progress", "done", "missed"] as const;
/** money: minor units of the reporting currency; hours: hundredths of an hour (150 = 1.5 h); count: a number. */
export const planItemUnits = ["money", "count", "hours"] as const;
export const planItemKinds = [
  "revenue",
  "margin",
  "certified_staff",
  "opportunities",
  "training_sessions",
  "marketing_funds",
  "sales_support_hours",
  "support_allowance",
  "staff_to_train",
  "promotions",
  "demo_equipment",
  "events",
  "other",
] as const;
export type PlanItemKind = (typeof planItemKinds)[number];
/** Targets are the partner's side (it sells, certifies staff, finds opportunities); the vendor commits resources. */
export const planItemKindsBySide: Record<(typeof planItemSides)[number], readonly PlanItemKind[]> = {
  vendor: ["training_sessions", "marketing_funds", "sales_support_hours", "support_allowance", "other"],
  partner: ["revenue", "margin", "certified_staff", "opportunities", "staff_to_train", "promotions", "demo_equipment", "events", "other"],
};
export const planItemKindLabels: Record<PlanItemKind, string> = {
  revenue: "Revenue target",
  margin: "Margin target",
  certified_staff: "Certified staff",
  opportunities: "Opportunities",
  training_sessions: "Training sessions",
  marketing_funds: "Marketing funds",
  sales_support_hours: "Sales-support hours",
  support_allowance: "Support allowance",
  staff_to_train: "Staff to train",
  promotions: "Promotions to run",
  demo_equipment: "Demo equipment",
  events: "Events",
  other: "Other",
};
/** Figures that fill an item's actual from real data; certified staff and opportunities wait for training and leads. */
export const planItemMeasures = [
  "revenue",
  "margin",
  "marketing_funds",
  "channel_manager_hours",
  "support_hours",
  "certified_staff",
  "opportunities",
] as const;
export type PlanItemMeasure = (typeof planItemMeasures)[number];
export const planItemMeasureUnits: Record<PlanItemMeasure, (typeof planItemUnits)[number]> = {
  revenue: "money",
  margin: "money",
  marketing_funds: "money",
  channel_manager_hours: "hours",
  support_hours: "hours",
  certified_staff: "count",
  opportunities: "count",
};
/** The measures an item of a kind may take ("other": any). */
export const planItemKindMeasures: Record<PlanItemKind, readonly PlanItemMeasure[]> = {
  revenue: ["revenue"],
  margin: ["margin"],
  certified_staff: ["certified_staff"],
  opportunities: ["opportunities"],
  training_sessions: [],
  marketing_funds: ["marketing_funds"],
  sales_support_hours: ["channel_manager_hours"],
  support_allowance: ["support_hours"],
  staff_to_train: ["certified_staff"],
  promotions: [],
  demo_equipment: [],
  events: [],
  other: planItemMeasures,
};
/** The measure an item gets when the request names none (send `measure: null` for a hand-kept item). Reaching
 * the target means "done" for these; not for a support allowance (using all of it is not a fulfilled promise). */
export const planItemDefaultMeasures: Partial<Record<PlanItemKind, PlanItemMeasure>> = {
  revenue: "revenue",
  margin: "margin",
  certified_staff: "certified_staff",
  opportunities: "opportunities",
  marketing_funds: "marketing_funds",
  sales_support_hours: "channel_manager_hours",
};
