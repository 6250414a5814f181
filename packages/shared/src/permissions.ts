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
  "news:read",
  "news:comment",
  "news:write",
  "news:moderate",
  "news:analytics",
  "incentives:read",
  "incentives:claim",
  "incentives:review",
  "incentives:configure",
  "incentives:adjust",
  "incentives:analytics",
  "rewards:manage",
  "rewards:fulfil",
  "sales:read",
  "sales:report",
  "relationships:read",
  "relationships:write",
  "relationships:costs",
  "relationships:configure",
  "scorecards:read",
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
  "news:read",
  "incentives:read",
];
// Partner staff see their own organisation's tickets and RMAs (never internal notes) and open tickets.
const partnerSupport: Permission[] = ["support:read", "support:open", "knowledge:read"];
// Partner staff read the news meant for them and ask questions under posts.
const partnerNews: Permission[] = ["news:read", "news:comment"];
// Sales reps and partner admins earn points; technicians see the program (catalog, leaderboard) but do not claim.
const partnerIncentives: Permission[] = ["incentives:read", "incentives:claim"];

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
    "news:write",
    "news:moderate",
    "news:analytics",
    "incentives:review",
    "incentives:configure",
    "incentives:analytics",
    "sales:read",
    "sales:report",
    "relationships:read",
    "relationships:write",
    "relationships:costs",
    "scorecards:read",
  ],
  support_agent: [...vendorReadAll, "support:work", "support:analytics", "knowledge:write"],
  marketing: [
    ...vendorReadAll,
    "products:write",
    "library:write",
    "library:analytics",
    "knowledge:write",
    "news:write",
    "news:moderate",
    "news:analytics",
  ],
  finance: [
    ...vendorReadAll,
    "support:analytics",
    "news:analytics",
    "incentives:review",
    "incentives:configure",
    "incentives:adjust",
    "incentives:analytics",
    "rewards:manage",
    "rewards:fulfil",
    "sales:read",
    "sales:report",
    "relationships:read",
    "relationships:costs",
    "relationships:configure",
    "scorecards:read",
  ],
  // A partner admin reports its sell-through, reads its joint business plan, and sees its own
  // scorecard when the vendor enables that (404 otherwise).
  partner_admin: [
    "partners:read",
    "staff:read",
    "staff:manage",
    "products:read",
    "audit:read",
    "library:read",
    ...partnerSupport,
    ...partnerNews,
    ...partnerIncentives,
    "sales:read",
    "sales:report",
    "scorecards:read",
  ],
  sales_rep: ["partners:read", "staff:read", "products:read", "library:read", ...partnerSupport, ...partnerNews, ...partnerIncentives],
  technician: ["partners:read", "staff:read", "products:read", "library:read", ...partnerSupport, ...partnerNews, "incentives:read"],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
