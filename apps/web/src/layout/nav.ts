import { isPartnerRole, type Permission, type Role, roleHas } from "@trellis/shared";

export interface NavItem {
  label: string;
  to: string;
  permission?: Permission;
  /** Shown under a small heading in the navbar. */
  section?: string;
}

const vendorNav: NavItem[] = [
  { label: "Partners", to: "/partners", permission: "partners:read" },
  { label: "Relationships", to: "/relationships", permission: "relationships:read" },
  { label: "Applications", to: "/applications", permission: "applications:review" },
  { label: "Products", to: "/products", permission: "products:read" },
  { label: "Product families", to: "/products/families", permission: "products:read" },
  { label: "Sales tools", to: "/library", permission: "library:read" },
  { label: "Sales kits", to: "/library/kits", permission: "library:read" },
  { label: "Sales tools usage", to: "/library/analytics", permission: "library:analytics" },
  { label: "Support queue", to: "/support", permission: "support:read" },
  { label: "Knowledge base", to: "/support/knowledge", permission: "knowledge:read" },
  { label: "Known problems", to: "/support/known-problems", permission: "support:analytics" },
  { label: "RMAs", to: "/support/rmas", permission: "support:read" },
  { label: "Support consumption", to: "/support/consumption", permission: "support:analytics" },
  { label: "Support hot-spots", to: "/support/hotspots", permission: "support:analytics" },
  { label: "News", to: "/news", permission: "news:write" },
  { label: "News read share", to: "/news/read-share", permission: "news:analytics" },
  { label: "Claims review", to: "/incentives", permission: "incentives:review", section: "Incentives" },
  { label: "Rules", to: "/incentives/rules", permission: "incentives:configure", section: "Incentives" },
  { label: "Rewards catalog", to: "/incentives/rewards", permission: "rewards:manage", section: "Incentives" },
  { label: "Redemptions", to: "/incentives/redemptions", permission: "rewards:fulfil", section: "Incentives" },
  { label: "Adjust points", to: "/incentives/adjustments", permission: "incentives:adjust", section: "Incentives" },
  { label: "Program cost", to: "/incentives/cost", permission: "incentives:analytics", section: "Incentives" },
  { label: "Leaderboard", to: "/incentives/leaderboard", permission: "incentives:read", section: "Incentives" },
  { label: "Tiers", to: "/settings/tiers", permission: "settings:read", section: "Programme" },
  { label: "Settings", to: "/settings", permission: "settings:read", section: "Programme" },
  { label: "Support desk", to: "/support/settings", permission: "support:work", section: "Programme" },
  { label: "Incentive program", to: "/incentives/settings", permission: "incentives:configure", section: "Programme" },
  { label: "Relationship settings", to: "/relationships/settings", permission: "relationships:configure", section: "Programme" },
  { label: "Users", to: "/admin/users", permission: "vendor_users:manage", section: "Administration" },
  { label: "API tokens", to: "/admin/api-tokens", permission: "api_tokens:manage", section: "Administration" },
  { label: "Audit log", to: "/admin/audit", permission: "audit:read", section: "Administration" },
  { label: "Outbox", to: "/admin/outbox", permission: "outbox:read", section: "Administration" },
];

const partnerNav: NavItem[] = [
  { label: "Home", to: "/portal" },
  { label: "News", to: "/portal/news", permission: "news:read" },
  { label: "My organisation", to: "/portal/organisation", permission: "partners:read" },
  { label: "Staff", to: "/portal/staff", permission: "staff:read" },
  { label: "Products", to: "/portal/products", permission: "products:read" },
  { label: "Sales tools", to: "/portal/library", permission: "library:read" },
  { label: "Sales kits", to: "/portal/library/kits", permission: "library:read" },
  { label: "Support", to: "/portal/support", permission: "support:read" },
  { label: "Returns (RMAs)", to: "/portal/support/rmas", permission: "support:read" },
  { label: "Knowledge base", to: "/portal/knowledge", permission: "knowledge:read" },
  { label: "Activity", to: "/portal/activity", permission: "audit:read" },
  { label: "Business plan", to: "/portal/business-plan", permission: "scorecards:read" },
  { label: "Sell-through", to: "/portal/sell-through", permission: "sales:read" },
  { label: "My points", to: "/portal/points", permission: "incentives:read", section: "Points" },
  { label: "Claim a sale", to: "/portal/points/claim", permission: "incentives:claim", section: "Points" },
  { label: "Claims", to: "/portal/points/claims", permission: "incentives:claim", section: "Points" },
  { label: "Statement", to: "/portal/points/statement", permission: "incentives:claim", section: "Points" },
  { label: "Rewards", to: "/portal/rewards", permission: "incentives:read", section: "Points" },
  { label: "Redemptions", to: "/portal/rewards/redemptions", permission: "incentives:claim", section: "Points" },
  { label: "Leaderboard", to: "/portal/points/leaderboard", permission: "incentives:read", section: "Points" },
];

const youItems: NavItem[] = [
  { label: "Notifications", to: "/notifications", section: "You" },
  { label: "Notification settings", to: "/account/notifications", section: "You" },
  { label: "Account", to: "/account", section: "You" },
];

export function navFor(role: Role): NavItem[] {
  const items = isPartnerRole(role) ? partnerNav : vendorNav;
  return [...items.filter((item) => !item.permission || roleHas(role, item.permission)), ...youItems];
}

/** The item whose path is the longest prefix of the current path. */
export function activeItem(items: NavItem[], pathname: string): NavItem | undefined {
  return items.filter((item) => pathname === item.to || pathname.startsWith(`${item.to}/`)).sort((a, b) => b.to.length - a.to.length)[0];
}
