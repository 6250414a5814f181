import type { Role } from "./roles.js";

/**
 * Every permission a route can require. Partner roles that hold a permission hold it only
 * for their own organisation: repositories add that scope from the actor.
 */
export const permissions = [
  "partners:read",
  "partners:write",
  "partners:import",
  "tiers:write",
  "settings:read",
  "settings:write",
  "applications:review",
  "vendor_users:manage",
  "staff:read",
  "staff:manage",
  "products:read",
  "products:write",
  "audit:read",
  "outbox:read",
  "api_tokens:manage",
  "library:read",
  "library:write",
  "library:analytics",
  "support:read",
  "support:open",
  "support:work",
  "support:configure",
  "support:analytics",
  "knowledge:read",
  "knowledge:write",
] as const;

export type Permission = (typeof permissions)[number];

const vendorReadAll: Permission[] = [
  "partners:read",
  "staff:read",
  "products:read",
  "settings:read",
  "library:read",
  "support:read",
  "knowledge:read",
];
// Partner staff see their own organisation's tickets and RMAs (never internal notes) and open tickets.
const partnerSupport: Permission[] = ["support:read", "support:open", "knowledge:read"];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  vendor_admin: [...permissions],
  channel_manager: [
    ...vendorReadAll,
    "partners:write",
    "partners:import",
    "applications:review",
    "staff:manage",
    "library:analytics",
    "support:analytics",
  ],
  support_agent: [...vendorReadAll, "support:work", "support:analytics", "knowledge:write"],
  marketing: [...vendorReadAll, "products:write", "library:write", "library:analytics", "knowledge:write"],
  finance: [...vendorReadAll, "support:analytics"],
  partner_admin: ["partners:read", "staff:read", "staff:manage", "products:read", "audit:read", "library:read", ...partnerSupport],
  sales_rep: ["partners:read", "staff:read", "products:read", "library:read", ...partnerSupport],
  technician: ["partners:read", "staff:read", "products:read", "library:read", ...partnerSupport],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
