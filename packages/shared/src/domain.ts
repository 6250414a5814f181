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
