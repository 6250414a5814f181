import { type Role, roles, vendorRoles } from "@trellis/shared";

/**
 * Every registered route x every role x own/other partner. A route without an expectation
 * here fails the test: add one when you add a route. "allow" lists the roles the policy lets
 * through; partner roles reach only their own partner, and another partner's id answers 404.
 */
export type Allow = "public" | "signed-in" | readonly Role[];
export interface Expectation {
  allow: Allow;
  /** The URL names a partner: partner roles get 404 for another partner's. */
  partnerScoped?: boolean;
  /** The :id names a partner-owned record of this kind: partner roles reach their own, another partner's answers 404. */
  owned?: OwnedKind;
  /** A valid body for the call on another partner's record, so its 404 is not hidden behind the 400 of an empty body. */
  otherBody?: object;
}
export type OwnedKind = "rma" | "ticket" | "newsPost" | "claim";

const V = vendorRoles;
const everyone = roles;
const admin = ["vendor_admin"] as const;
const partnerManagers = ["vendor_admin", "channel_manager"] as const;
const staffManagers = ["vendor_admin", "channel_manager", "partner_admin"] as const;
const catalogEditors = ["vendor_admin", "marketing"] as const;
const libraryWriters = ["vendor_admin", "marketing"] as const;
const libraryAnalysts = ["vendor_admin", "channel_manager", "marketing"] as const;
const supportAnalysts = ["vendor_admin", "channel_manager", "support_agent", "finance"] as const;
const supportWorkers = ["vendor_admin", "support_agent"] as const;
const knowledgeWriters = ["vendor_admin", "support_agent", "marketing"] as const;
// vendor_admin holds every permission; the service still refuses a ticket from vendor users (403, tickets.api.test.ts).
const ticketOpeners = ["vendor_admin", "partner_admin", "sales_rep", "technician"] as const;
const rewardsFinance = ["vendor_admin", "finance"] as const;
const incentiveReviewers = ["vendor_admin", "channel_manager", "finance"] as const;
const incentiveAnalysts = ["vendor_admin", "channel_manager", "finance"] as const;
const claimViewers = [...incentiveReviewers, "partner_admin", "sales_rep"] as const;
const newsEditors = ["vendor_admin", "channel_manager", "marketing"] as const;
const newsAnalysts = ["vendor_admin", "channel_manager", "marketing", "finance"] as const;
// Partner staff ask questions (news:comment), vendor moderators answer (news:moderate); support agents and finance do neither.
const newsCommenters = ["vendor_admin", "channel_manager", "marketing", "partner_admin", "sales_rep", "technician"] as const;
// A joint business plan: vendor readers of scorecards, and the partner admin for its own partner.
const planReaders = ["vendor_admin", "channel_manager", "finance", "partner_admin"] as const;
// Sell-through: vendor sales roles for any partner, a partner admin for its own (sales:read, sales:report).
const salesReporters = ["vendor_admin", "channel_manager", "finance", "partner_admin"] as const;

export const expectations: Record<string, Expectation> = {
  "GET /api/openapi.json": { allow: "public" },
  "GET /api/health": { allow: "public" },
  "POST /api/v1/auth/login": { allow: "public" },
  "GET /api/v1/auth/me": { allow: "public" },
  "POST /api/v1/auth/logout": { allow: "signed-in" },
  "POST /api/v1/auth/logout-all": { allow: "signed-in" },
  "GET /api/v1/auth/sessions": { allow: "signed-in" },
  "DELETE /api/v1/auth/sessions/:id": { allow: "signed-in" },
  "POST /api/v1/auth/password-reset/request": { allow: "public" },
  "POST /api/v1/auth/password-reset/confirm": { allow: "public" },
  "GET /api/v1/audit": { allow: ["vendor_admin", "partner_admin"] },
  "GET /api/v1/api-tokens": { allow: admin },
  "POST /api/v1/api-tokens": { allow: admin },
  "DELETE /api/v1/api-tokens/:id": { allow: admin },
  "GET /api/v1/admin/outbox": { allow: admin },
  "GET /api/v1/admin/outbox/:id": { allow: admin },
  "GET /api/v1/settings": { allow: V },
  "PATCH /api/v1/settings": { allow: admin },
  "GET /api/v1/tiers": { allow: everyone },
  "POST /api/v1/tiers": { allow: admin },
  "PATCH /api/v1/tiers/:id": { allow: admin },
  "DELETE /api/v1/tiers/:id": { allow: admin },
  "GET /api/v1/partners": { allow: everyone },
  "GET /api/v1/partners/summary": { allow: everyone },
  "GET /api/v1/partners/export.csv": { allow: everyone },
  "POST /api/v1/partners/import": { allow: partnerManagers },
  "POST /api/v1/partners": { allow: partnerManagers },
  "GET /api/v1/partners/:id": { allow: everyone, partnerScoped: true },
  "PATCH /api/v1/partners/:id": { allow: partnerManagers, partnerScoped: true },
  "DELETE /api/v1/partners/:id": { allow: partnerManagers, partnerScoped: true },
  "POST /api/v1/partners/:id/restore": { allow: partnerManagers, partnerScoped: true },
  "PUT /api/v1/partners/:id/logo": { allow: staffManagers, partnerScoped: true },
  "GET /api/v1/partners/:id/logo": { allow: everyone, partnerScoped: true },
  "GET /api/v1/partners/:id/activity": { allow: [...V, "partner_admin"], partnerScoped: true },
  "GET /api/v1/product-families": { allow: everyone },
  "POST /api/v1/product-families": { allow: catalogEditors },
  "PATCH /api/v1/product-families/:id": { allow: catalogEditors },
  "DELETE /api/v1/product-families/:id": { allow: catalogEditors },
  "GET /api/v1/products": { allow: everyone },
  "GET /api/v1/products/export.csv": { allow: everyone },
  "POST /api/v1/products/import": { allow: catalogEditors },
  "GET /api/v1/products/:id": { allow: everyone },
  "POST /api/v1/products": { allow: catalogEditors },
  "PATCH /api/v1/products/:id": { allow: catalogEditors },
  "PUT /api/v1/products/:id/image": { allow: catalogEditors },
  "GET /api/v1/products/:id/image": { allow: everyone },
  "GET /api/v1/users": { allow: admin },
  "GET /api/v1/users/:id": { allow: admin },
  "POST /api/v1/users": { allow: admin },
  "PATCH /api/v1/users/:id": { allow: admin },
  "POST /api/v1/users/:id/deactivate": { allow: admin },
  "POST /api/v1/users/:id/reactivate": { allow: admin },
  "POST /api/v1/users/:id/resend-invitation": { allow: admin },
  "GET /api/v1/invitations/:token": { allow: "public" },
  "POST /api/v1/invitations/accept": { allow: "public" },
  "GET /api/v1/partners/:partnerId/staff": { allow: everyone, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/staff": { allow: staffManagers, partnerScoped: true },
  "PATCH /api/v1/partners/:partnerId/staff/:userId": { allow: staffManagers, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/staff/:userId/deactivate": { allow: staffManagers, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/staff/:userId/reactivate": { allow: staffManagers, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/staff/:userId/resend-invitation": { allow: staffManagers, partnerScoped: true },
  "POST /api/v1/applications": { allow: "public" },
  "GET /api/v1/applications": { allow: partnerManagers },
  "GET /api/v1/applications/:id": { allow: partnerManagers },
  "POST /api/v1/applications/:id/approve": { allow: partnerManagers },
  "POST /api/v1/applications/:id/decline": { allow: partnerManagers },
  "GET /api/v1/library/assets": { allow: everyone },
  "POST /api/v1/library/assets": { allow: libraryWriters },
  "GET /api/v1/library/assets/:id": { allow: everyone },
  "PATCH /api/v1/library/assets/:id": { allow: libraryWriters },
  "POST /api/v1/library/assets/:id/file": { allow: libraryWriters },
  "POST /api/v1/library/assets/:id/page": { allow: libraryWriters },
  "POST /api/v1/library/assets/:id/opened": { allow: everyone },
  "GET /api/v1/library/assets/:id/content": { allow: everyone },
  "GET /api/v1/library/assets/:id/cobranded": { allow: everyone },
  "GET /api/v1/library/assets/:id/usage": { allow: libraryAnalysts },
  "POST /api/v1/library/images": { allow: libraryWriters },
  "GET /api/v1/library/images/:key": { allow: everyone },
  "GET /api/v1/library/kits": { allow: everyone },
  "POST /api/v1/library/kits": { allow: libraryWriters },
  "GET /api/v1/library/kits/:id": { allow: everyone },
  "PATCH /api/v1/library/kits/:id": { allow: libraryWriters },
  "DELETE /api/v1/library/kits/:id": { allow: libraryWriters },
  "GET /api/v1/library/kits/:id/download": { allow: everyone },
  "GET /api/v1/library/analytics/overview": { allow: libraryAnalysts },
  "GET /api/v1/library/analytics/assets": { allow: libraryAnalysts },
  "GET /api/v1/library/analytics/partners": { allow: libraryAnalysts },
  "GET /api/v1/library/analytics/partners/:partnerId/reps": { allow: libraryAnalysts, partnerScoped: true },
  "GET /api/v1/library/analytics/unused": { allow: libraryAnalysts },
  "GET /api/v1/library/analytics/engagement": { allow: libraryAnalysts },
  "GET /api/v1/support/known-problems": { allow: supportAnalysts },
  "POST /api/v1/support/known-problems": { allow: supportWorkers },
  "GET /api/v1/support/known-problems/:id": { allow: supportAnalysts },
  "PATCH /api/v1/support/known-problems/:id": { allow: supportWorkers },
  "POST /api/v1/support/tickets/:id/rmas": { allow: supportWorkers },
  "GET /api/v1/support/rmas": { allow: everyone },
  "GET /api/v1/support/rmas/:id": { allow: everyone, owned: "rma" },
  "PATCH /api/v1/support/rmas/:id": { allow: supportWorkers, owned: "rma" },
  "GET /api/v1/support/hotspots": { allow: supportAnalysts },
  "GET /api/v1/support/tickets": { allow: everyone },
  "POST /api/v1/support/tickets": { allow: ticketOpeners },
  "GET /api/v1/support/tickets/:id": { allow: everyone, owned: "ticket" },
  "PATCH /api/v1/support/tickets/:id": { allow: supportWorkers, owned: "ticket" },
  "POST /api/v1/support/tickets/:id/status": { allow: everyone, owned: "ticket", otherBody: { status: "resolved" } },
  "POST /api/v1/support/tickets/:id/replies": { allow: everyone, owned: "ticket", otherBody: { body: "Matrix reply" } },
  "POST /api/v1/support/tickets/:id/merge": { allow: supportWorkers, owned: "ticket" },
  "POST /api/v1/support/tickets/:id/attachments": { allow: everyone, owned: "ticket" },
  "GET /api/v1/support/tickets/:id/attachments/:attachmentId": { allow: everyone, owned: "ticket" },
  "POST /api/v1/support/tickets/:id/article": { allow: supportWorkers, owned: "ticket" },
  "GET /api/v1/support/views": { allow: supportWorkers },
  "POST /api/v1/support/views": { allow: supportWorkers },
  "DELETE /api/v1/support/views/:id": { allow: supportWorkers },
  "GET /api/v1/support/settings": { allow: supportWorkers },
  "PUT /api/v1/support/settings": { allow: admin },
  "GET /api/v1/support/sla-policies": { allow: everyone },
  "PUT /api/v1/support/sla-policies": { allow: admin },
  "GET /api/v1/support/allowances": { allow: supportWorkers },
  "PUT /api/v1/support/allowances": { allow: admin },
  "GET /api/v1/support/agents": { allow: supportWorkers },
  "PUT /api/v1/support/agents/:userId/coverage": { allow: admin },
  "GET /api/v1/support/consumption": { allow: supportAnalysts },
  "GET /api/v1/knowledge/articles": { allow: everyone },
  "POST /api/v1/knowledge/articles": { allow: knowledgeWriters },
  "GET /api/v1/knowledge/suggest": { allow: everyone },
  "POST /api/v1/knowledge/preview": { allow: knowledgeWriters },
  "GET /api/v1/knowledge/articles/:id": { allow: everyone },
  "PATCH /api/v1/knowledge/articles/:id": { allow: knowledgeWriters },
  "POST /api/v1/knowledge/articles/:id/feedback": { allow: everyone },
  // A news post meant only for one partner: the other partner's staff get 404 for it and everything under it.
  "GET /api/v1/news/feed": { allow: everyone },
  "GET /api/v1/news/must-read": { allow: everyone },
  "GET /api/v1/news/posts": { allow: newsEditors },
  "POST /api/v1/news/posts": { allow: newsEditors },
  "POST /api/v1/news/preview": { allow: newsEditors },
  "GET /api/v1/news/posts/:id": { allow: everyone, owned: "newsPost" },
  "PATCH /api/v1/news/posts/:id": { allow: newsEditors },
  "POST /api/v1/news/posts/:id/read": { allow: everyone, owned: "newsPost" },
  "POST /api/v1/news/posts/:id/acknowledge": { allow: everyone, owned: "newsPost" },
  "POST /api/v1/news/posts/:id/attachments": { allow: newsEditors },
  "GET /api/v1/news/posts/:id/attachments/:attachmentId": { allow: everyone, owned: "newsPost" },
  "DELETE /api/v1/news/posts/:id/attachments/:attachmentId": { allow: newsEditors },
  "POST /api/v1/news/images": { allow: newsEditors },
  "GET /api/v1/news/images/:id": { allow: everyone },
  "GET /api/v1/news/posts/:id/comments": { allow: everyone, owned: "newsPost" },
  "POST /api/v1/news/posts/:id/comments": { allow: newsCommenters, owned: "newsPost", otherBody: { body: "Matrix question" } },
  "POST /api/v1/news/comments/:id/hide": { allow: newsEditors },
  "POST /api/v1/news/comments/:id/unhide": { allow: newsEditors },
  "GET /api/v1/news/posts/:id/analytics": { allow: newsAnalysts },
  "GET /api/v1/news/read-share": { allow: newsAnalysts },
  // Digests and the Atom feed: each user's own preferences and feed URL (vendor staff get 422 for digest preferences);
  // the secret-URL routes are public and answer 404 for an unknown token.
  "GET /api/v1/news/preferences": { allow: everyone },
  "PUT /api/v1/news/preferences": { allow: everyone },
  "GET /api/v1/news/feed-token": { allow: everyone },
  "POST /api/v1/news/feed-token": { allow: everyone },
  "DELETE /api/v1/news/feed-token": { allow: everyone },
  "GET /api/v1/news/atom/:token": { allow: "public" },
  "GET /api/v1/news/unsubscribe/:token": { allow: "public" },
  "POST /api/v1/news/unsubscribe/:token": { allow: "public" },
  "GET /api/v1/news/digests": { allow: newsAnalysts },
  "POST /api/v1/news/digests/run-now": { allow: admin },
  // Every signed-in user has its own notification centre; another user's notification is 404 (notifications.api.test.ts).
  "GET /api/v1/notifications": { allow: "signed-in" },
  "GET /api/v1/notifications/unread-count": { allow: "signed-in" },
  "POST /api/v1/notifications/read-all": { allow: "signed-in" },
  "POST /api/v1/notifications/:id/read": { allow: "signed-in" },
  "GET /api/v1/notifications/preferences": { allow: "signed-in" },
  "PUT /api/v1/notifications/preferences": { allow: "signed-in" },
  // The points ledger: everyone reads the program and a balance/statement (own; partner admin its team's; vendor anyone's,
  // scoped by ?userId=, ledger.api.test.ts); settings by incentives:configure, adjustments by incentives:adjust.
  "GET /api/v1/incentives/settings": { allow: everyone },
  "PUT /api/v1/incentives/settings": { allow: ["vendor_admin", "channel_manager", "finance"] },
  "POST /api/v1/incentives/adjustments": { allow: ["vendor_admin", "finance"] },
  "GET /api/v1/incentives/balance": { allow: everyone },
  "GET /api/v1/incentives/statement": { allow: everyone },
  "GET /api/v1/incentives/statement.csv": { allow: everyone },
  "GET /api/v1/incentives/cost": { allow: incentiveAnalysts },
  // Rules: everyone reads those that can earn them points; incentives:configure edits. Claims: reps and partner admins
  // file (vendor admins pass the policy, then get 403: claims.api.test.ts); reps see their own, partner admins their
  // team's, reviewers all, anyone else 403; approve/reject/reverse by incentives:review; another partner's claim is 404.
  "GET /api/v1/incentives/rules": { allow: everyone },
  "POST /api/v1/incentives/rules": { allow: incentiveReviewers },
  "GET /api/v1/incentives/rules/:id": { allow: everyone },
  "PATCH /api/v1/incentives/rules/:id": { allow: incentiveReviewers },
  "POST /api/v1/incentives/claims": { allow: ["vendor_admin", "partner_admin", "sales_rep"] },
  "POST /api/v1/incentives/claims/import": { allow: ["vendor_admin", "partner_admin", "sales_rep"] },
  "GET /api/v1/incentives/claims": { allow: claimViewers },
  "GET /api/v1/incentives/claims/:id": { allow: claimViewers, owned: "claim" },
  "POST /api/v1/incentives/claims/:id/invoice": { allow: ["partner_admin", "sales_rep"], owned: "claim" },
  "GET /api/v1/incentives/claims/:id/invoice": { allow: claimViewers, owned: "claim" },
  "POST /api/v1/incentives/claims/:id/approve": { allow: incentiveReviewers, owned: "claim" },
  "POST /api/v1/incentives/claims/:id/reject": { allow: incentiveReviewers, owned: "claim" },
  "POST /api/v1/incentives/claims/:id/reverse": { allow: incentiveReviewers, owned: "claim" },
  // Rewards: everyone browses the catalog and leaderboards (partners only what they are eligible for); rewards:manage and
  // rewards:fulfil (vendor admin, finance) edit the catalog and work redemptions. Redeeming needs incentives:claim (vendor
  // admins pass the policy, then get 403: they hold no points). Redemptions: finance every one, a partner admin its team's,
  // a rep its own, other vendor roles 403; another partner's is 404 (redemptions.api.test.ts).
  "GET /api/v1/rewards/catalog": { allow: everyone },
  "POST /api/v1/rewards/catalog": { allow: rewardsFinance },
  "GET /api/v1/rewards/catalog/:id": { allow: everyone },
  "PATCH /api/v1/rewards/catalog/:id": { allow: rewardsFinance },
  "PUT /api/v1/rewards/catalog/:id/image": { allow: rewardsFinance },
  "GET /api/v1/rewards/catalog/:id/image": { allow: everyone },
  "POST /api/v1/rewards/redemptions": { allow: ["vendor_admin", "partner_admin", "sales_rep"] },
  "GET /api/v1/rewards/redemptions": { allow: [...rewardsFinance, "partner_admin", "sales_rep", "technician"] },
  "GET /api/v1/rewards/redemptions/:id": { allow: [...rewardsFinance, "partner_admin", "sales_rep", "technician"] },
  "POST /api/v1/rewards/redemptions/:id/approve": { allow: rewardsFinance },
  "POST /api/v1/rewards/redemptions/:id/fulfil": { allow: rewardsFinance },
  "POST /api/v1/rewards/redemptions/:id/cancel": { allow: [...rewardsFinance, "partner_admin", "sales_rep"] },
  "GET /api/v1/rewards/leaderboard": { allow: everyone },
  "GET /api/v1/rewards/me/leaderboard": { allow: everyone },
  "PUT /api/v1/rewards/me/leaderboard": { allow: everyone },
  "GET /api/v1/rewards/statement.pdf": { allow: everyone },
  "GET /api/v1/rewards/liability": { allow: ["vendor_admin", "channel_manager", "finance"] },
  // Sell-through (docs/sell-through.md): sales:report / sales:read for vendor sales roles on any partner, a partner admin its
  // own only (another partner's id is 404); family margins: relationships:read reads, relationships:configure sets.
  "GET /api/v1/relationships/margins": { allow: ["vendor_admin", "channel_manager", "finance"] },
  "PUT /api/v1/relationships/margins": { allow: ["vendor_admin", "finance"] },
  "POST /api/v1/partners/:partnerId/sell-through/import": { allow: salesReporters, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/sell-through": { allow: salesReporters, partnerScoped: true },
  "GET /api/v1/partners/:partnerId/sell-through": { allow: salesReporters, partnerScoped: true },
  "GET /api/v1/partners/:partnerId/sell-through.csv": { allow: salesReporters, partnerScoped: true },
  // Joint business plans: scorecards:read reads (a partner admin its own plan, always), relationships:write writes.
  "GET /api/v1/partners/:partnerId/business-plans": { allow: planReaders, partnerScoped: true },
  "GET /api/v1/partners/:partnerId/business-plans/:year": { allow: planReaders, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/business-plans": { allow: partnerManagers, partnerScoped: true },
  "PATCH /api/v1/partners/:partnerId/business-plans/:year": { allow: partnerManagers, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/business-plans/:year/items": { allow: partnerManagers, partnerScoped: true },
  "PATCH /api/v1/partners/:partnerId/business-plans/:year/items/:itemId": { allow: partnerManagers, partnerScoped: true },
  // Cost lines (relationships:read, relationships:costs): the vendor's own figures, vendor roles only.
  "GET /api/v1/partners/:partnerId/cost-lines": { allow: ["vendor_admin", "channel_manager", "finance"], partnerScoped: true },
  "POST /api/v1/partners/:partnerId/cost-lines": { allow: ["vendor_admin", "channel_manager", "finance"], partnerScoped: true },
  "POST /api/v1/partners/:partnerId/cost-lines/:id/void": { allow: ["vendor_admin", "channel_manager", "finance"], partnerScoped: true },
  "POST /api/v1/relationships/cost-lines/import": { allow: ["vendor_admin", "channel_manager", "finance"] },
  "GET /api/v1/relationships/cost-lines.csv": { allow: ["vendor_admin", "channel_manager", "finance"] },
  // Fix / watch / cut decisions, the relationship timeline, offboarding (docs/relationship-decisions.md): relationships:read
  // reads, relationships:write decides; vendor roles only (partner roles 403, another partner's id 404).
  "GET /api/v1/partners/:partnerId/decisions": { allow: ["vendor_admin", "channel_manager", "finance"], partnerScoped: true },
  "POST /api/v1/partners/:partnerId/decisions": { allow: partnerManagers, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/decisions/:id/actions": { allow: partnerManagers, partnerScoped: true },
  "PATCH /api/v1/partners/:partnerId/decisions/:id/actions/:actionId": { allow: partnerManagers, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/decisions/:id/reviews": { allow: partnerManagers, partnerScoped: true },
  "POST /api/v1/partners/:partnerId/decisions/:id/close": { allow: partnerManagers, partnerScoped: true },
  "GET /api/v1/partners/:partnerId/timeline": { allow: ["vendor_admin", "channel_manager", "finance"], partnerScoped: true },
  "GET /api/v1/partners/:partnerId/offboarding": { allow: ["vendor_admin", "channel_manager", "finance"], partnerScoped: true },
  "GET /api/v1/relationships/reviews-due": { allow: ["vendor_admin", "channel_manager", "finance"] },
  // Scorecard exports: the portfolio is relationships:read; a card's CSV and review PDF are scorecards:read (a partner
  // admin its own only, and only while partner_scorecards_visible is on: the matrix turns it on).
  "GET /api/v1/relationships/portfolio.csv": { allow: ["vendor_admin", "channel_manager", "finance"] },
  "GET /api/v1/partners/:partnerId/scorecard.csv": { allow: planReaders, partnerScoped: true },
  "GET /api/v1/partners/:partnerId/review.pdf": { allow: planReaders, partnerScoped: true },
  // Scorecards, portfolio, capacity, flags (docs/relationships.md): relationships:read reads, relationships:configure sets
  // and runs the evaluation, relationships:write refreshes; the card itself is scorecards:read like its exports.
  "GET /api/v1/relationships/settings": { allow: ["vendor_admin", "channel_manager", "finance"] },
  "PUT /api/v1/relationships/settings": { allow: ["vendor_admin", "finance"] },
  "GET /api/v1/relationships/portfolio": { allow: ["vendor_admin", "channel_manager", "finance"] },
  "GET /api/v1/partners/:partnerId/scorecard": { allow: planReaders, partnerScoped: true },
  "GET /api/v1/relationships/capacity": { allow: ["vendor_admin", "channel_manager", "finance"] },
  "POST /api/v1/relationships/what-if": { allow: ["vendor_admin", "channel_manager", "finance"] },
  "GET /api/v1/relationships/flags": { allow: ["vendor_admin", "channel_manager", "finance"] },
  "POST /api/v1/relationships/refresh": { allow: partnerManagers },
  "POST /api/v1/relationships/evaluate": { allow: ["vendor_admin", "finance"] },
};

/** Routes that exist only in some set-ups: the built web app and the docs UI's static files. */
const optionalPublic = (url: string) =>
  url === "/*" || url === "/assets/*" || url === "/favicon.svg" || url === "/api/docs" || url.startsWith("/api/docs/");

export function expectationFor(method: string, url: string): Expectation | undefined {
  return expectations[`${method} ${url}`] ?? (optionalPublic(url) ? { allow: "public" } : undefined);
}

export function allows(allow: Allow, role: Role | "anonymous"): boolean {
  if (allow === "public") return true;
  if (role === "anonymous") return false;
  if (allow === "signed-in") return true;
  return allow.includes(role);
}
