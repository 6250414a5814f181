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
