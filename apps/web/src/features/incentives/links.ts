/** Addresses of the program's pages, shared by the pages that link to each other. */
export const portalClaimLink = (id: string) => `/portal/points/claims/${encodeURIComponent(id)}`;
export const vendorClaimLink = (id: string) => `/incentives/claims/${encodeURIComponent(id)}`;
export const vendorRuleLink = (id: string) => `/incentives/rules/${encodeURIComponent(id)}`;
