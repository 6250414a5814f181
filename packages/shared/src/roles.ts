export const vendorRoles = ["vendor_admin", "channel_manager", "support_agent", "marketing", "finance"] as const;
export const partnerRoles = ["partner_admin", "sales_rep", "technician"] as const;
export const roles = [...vendorRoles, ...partnerRoles] as const;

export type VendorRole = (typeof vendorRoles)[number];
export type PartnerRole = (typeof partnerRoles)[number];
export type Role = (typeof roles)[number];

export function isPartnerRole(role: Role): role is PartnerRole {
  return (partnerRoles as readonly string[]).includes(role);
}

export function isVendorRole(role: Role): role is VendorRole {
  return (vendorRoles as readonly string[]).includes(role);
}

export const roleLabels: Record<Role, string> = {
  vendor_admin: "Vendor admin",
  channel_manager: "Channel manager",
  support_agent: "Support agent",
  marketing: "Marketing",
  finance: "Finance",
  partner_admin: "Partner admin",
  sales_rep: "Sales rep",
  technician: "Technician",
};
