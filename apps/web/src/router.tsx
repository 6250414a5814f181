import type { Permission } from "@trellis/shared";
import { type ComponentType, lazy, Suspense } from "react";
import { createBrowserRouter, Outlet } from "react-router";
import { HomeRedirect, PartnerOnly, PublicOnly, RequireAuth, RequirePermission, VendorOnly } from "./auth/guards";
import { RouteError } from "./components/RouteError";
import { PageSkeleton } from "./components/Skeletons";
import { AppLayout } from "./layout/AppLayout";
import { PublicLayout, WidePublicLayout } from "./layout/PublicLayout";

/** Every page is its own chunk, loaded on first visit. */
function lazyPage<M>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

function page(Component: ComponentType, permission?: Permission) {
  const element = (
    <Suspense fallback={<PageSkeleton />}>
      <Component />
    </Suspense>
  );
  return permission ? <RequirePermission permission={permission}>{element}</RequirePermission> : element;
}

const LoginPage = lazyPage(() => import("./features/auth/LoginPage"), "LoginPage");
const ForgotPasswordPage = lazyPage(() => import("./features/auth/ForgotPasswordPage"), "ForgotPasswordPage");
const ResetPasswordPage = lazyPage(() => import("./features/auth/ResetPasswordPage"), "ResetPasswordPage");
const InvitationPage = lazyPage(() => import("./features/auth/InvitationPage"), "InvitationPage");
const AccountPage = lazyPage(() => import("./features/auth/AccountPage"), "AccountPage");
const ApplyPage = lazyPage(() => import("./features/applications/ApplyPage"), "ApplyPage");
const ApplicationsPage = lazyPage(() => import("./features/applications/ApplicationsPage"), "ApplicationsPage");
const PartnersPage = lazyPage(() => import("./features/partners/PartnersPage"), "PartnersPage");
const PartnerPage = lazyPage(() => import("./features/partners/PartnerPage"), "PartnerPage");
const ProductsPage = lazyPage(() => import("./features/products/ProductsPage"), "ProductsPage");
const ProductFamiliesPage = lazyPage(() => import("./features/products/ProductFamiliesPage"), "ProductFamiliesPage");
const TiersPage = lazyPage(() => import("./features/tiers/TiersPage"), "TiersPage");
const SettingsPage = lazyPage(() => import("./features/settings/SettingsPage"), "SettingsPage");
const UsersPage = lazyPage(() => import("./features/users/UsersPage"), "UsersPage");
const ApiTokensPage = lazyPage(() => import("./features/api-tokens/ApiTokensPage"), "ApiTokensPage");
const AuditPage = lazyPage(() => import("./features/audit/AuditPage"), "AuditPage");
const OutboxPage = lazyPage(() => import("./features/outbox/OutboxPage"), "OutboxPage");
const OutboxMessagePage = lazyPage(() => import("./features/outbox/OutboxMessagePage"), "OutboxMessagePage");
const PortalHomePage = lazyPage(() => import("./features/portal/PortalHomePage"), "PortalHomePage");
const PortalOrganisationPage = lazyPage(() => import("./features/portal/PortalOrganisationPage"), "PortalOrganisationPage");
const PortalStaffPage = lazyPage(() => import("./features/portal/PortalStaffPage"), "PortalStaffPage");
const PortalProductsPage = lazyPage(() => import("./features/portal/PortalProductsPage"), "PortalProductsPage");
const PortalActivityPage = lazyPage(() => import("./features/portal/PortalActivityPage"), "PortalActivityPage");
const LibraryPage = lazyPage(() => import("./features/library/LibraryPage"), "LibraryPage");
const AssetNewPage = lazyPage(() => import("./features/library/AssetNewPage"), "AssetNewPage");
const AssetEditPage = lazyPage(() => import("./features/library/AssetEditPage"), "AssetEditPage");
const KitsPage = lazyPage(() => import("./features/library/KitsPage"), "KitsPage");
const KitEditPage = lazyPage(() => import("./features/library/KitEditPage"), "KitEditPage");
const LibraryAnalyticsPage = lazyPage(() => import("./features/library/LibraryAnalyticsPage"), "LibraryAnalyticsPage");
const PortalLibraryPage = lazyPage(() => import("./features/library/PortalLibraryPage"), "PortalLibraryPage");
const PortalAssetPage = lazyPage(() => import("./features/library/PortalAssetPage"), "PortalAssetPage");
const PortalKitsPage = lazyPage(() => import("./features/library/PortalKitsPage"), "PortalKitsPage");
const PortalKitPage = lazyPage(() => import("./features/library/PortalKitPage"), "PortalKitPage");
const TicketQueuePage = lazyPage(() => import("./features/support/TicketQueuePage"), "TicketQueuePage");
const AgentTicketPage = lazyPage(() => import("./features/support/AgentTicketPage"), "AgentTicketPage");
const PortalTicketsPage = lazyPage(() => import("./features/support/PortalTicketsPage"), "PortalTicketsPage");
const NewTicketPage = lazyPage(() => import("./features/support/NewTicketPage"), "NewTicketPage");
const PortalTicketPage = lazyPage(() => import("./features/support/PortalTicketPage"), "PortalTicketPage");
const SupportSettingsPage = lazyPage(() => import("./features/support/SupportSettingsPage"), "SupportSettingsPage");
const ConsumptionPage = lazyPage(() => import("./features/support/ConsumptionPage"), "ConsumptionPage");
const KnownProblemsPage = lazyPage(() => import("./features/support/KnownProblemsPage"), "KnownProblemsPage");
const KnownProblemPage = lazyPage(() => import("./features/support/KnownProblemPage"), "KnownProblemPage");
const HotspotsPage = lazyPage(() => import("./features/support/HotspotsPage"), "HotspotsPage");
const RmasPage = lazyPage(() => import("./features/support/RmasPage"), "RmasPage");
const KnowledgePage = lazyPage(() => import("./features/knowledge/KnowledgePage"), "KnowledgePage");
const ArticleNewPage = lazyPage(() => import("./features/knowledge/ArticleNewPage"), "ArticleNewPage");
const ArticleEditPage = lazyPage(() => import("./features/knowledge/ArticleEditPage"), "ArticleEditPage");
const PortalKnowledgePage = lazyPage(() => import("./features/knowledge/PortalKnowledgePage"), "PortalKnowledgePage");
const PortalArticlePage = lazyPage(() => import("./features/knowledge/PortalArticlePage"), "PortalArticlePage");
const PortalNewsPage = lazyPage(() => import("./features/news/PortalNewsPage"), "PortalNewsPage");
const PortalPostPage = lazyPage(() => import("./features/news/PortalPostPage"), "PortalPostPage");
const NewsPage = lazyPage(() => import("./features/news/NewsPage"), "NewsPage");
const PostNewPage = lazyPage(() => import("./features/news/PostNewPage"), "PostNewPage");
const PostEditPage = lazyPage(() => import("./features/news/PostEditPage"), "PostEditPage");
const PostAnalyticsPage = lazyPage(() => import("./features/news/PostAnalyticsPage"), "PostAnalyticsPage");
const DigestsPage = lazyPage(() => import("./features/news/DigestsPage"), "DigestsPage");
const ReadSharePage = lazyPage(() => import("./features/news/ReadSharePage"), "ReadSharePage");
const UnsubscribePage = lazyPage(() => import("./features/news/UnsubscribePage"), "UnsubscribePage");
const NotificationsPage = lazyPage(() => import("./features/notifications/NotificationsPage"), "NotificationsPage");
const NotificationSettingsPage = lazyPage(() => import("./features/notifications/NotificationSettingsPage"), "NotificationSettingsPage");
const PortalPointsPage = lazyPage(() => import("./features/incentives/PortalPointsPage"), "PortalPointsPage");
const ClaimSalePage = lazyPage(() => import("./features/incentives/ClaimSalePage"), "ClaimSalePage");
const PortalClaimsPage = lazyPage(() => import("./features/incentives/PortalClaimsPage"), "PortalClaimsPage");
const PortalClaimPage = lazyPage(() => import("./features/incentives/PortalClaimPage"), "PortalClaimPage");
const StatementPage = lazyPage(() => import("./features/incentives/StatementPage"), "StatementPage");
const PortalRewardsPage = lazyPage(() => import("./features/rewards/PortalRewardsPage"), "PortalRewardsPage");
const RedemptionsPage = lazyPage(() => import("./features/rewards/RedemptionsPage"), "RedemptionsPage");
const LeaderboardPage = lazyPage(() => import("./features/rewards/LeaderboardPage"), "LeaderboardPage");
const ReviewQueuePage = lazyPage(() => import("./features/incentives/ReviewQueuePage"), "ReviewQueuePage");
const VendorClaimPage = lazyPage(() => import("./features/incentives/VendorClaimPage"), "VendorClaimPage");
const RulesPage = lazyPage(() => import("./features/incentives/RulesPage"), "RulesPage");
const RuleNewPage = lazyPage(() => import("./features/incentives/RuleEditPage"), "RuleNewPage");
const RuleEditPage = lazyPage(() => import("./features/incentives/RuleEditPage"), "RuleEditPage");
const ProgramSettingsPage = lazyPage(() => import("./features/incentives/ProgramSettingsPage"), "ProgramSettingsPage");
const AdjustmentPage = lazyPage(() => import("./features/incentives/AdjustmentPage"), "AdjustmentPage");
const ProgramCostPage = lazyPage(() => import("./features/incentives/ProgramCostPage"), "ProgramCostPage");
const RewardsAdminPage = lazyPage(() => import("./features/rewards/RewardsAdminPage"), "RewardsAdminPage");
const RedemptionsQueuePage = lazyPage(() => import("./features/rewards/RedemptionsQueuePage"), "RedemptionsQueuePage");
const PortfolioPage = lazyPage(() => import("./features/relationships/PortfolioPage"), "PortfolioPage");
const CapacityPage = lazyPage(() => import("./features/relationships/CapacityPage"), "CapacityPage");
const RelationshipSettingsPage = lazyPage(() => import("./features/relationships/RelationshipSettingsPage"), "RelationshipSettingsPage");
const PartnerRelationshipPage = lazyPage(() => import("./features/relationships/partner/PartnerRelationshipPage"), "PartnerRelationshipPage");
const PortalBusinessPlanPage = lazyPage(() => import("./features/relationships/partner/PortalRelationshipPages"), "PortalBusinessPlanPage");
const PortalSellThroughPage = lazyPage(() => import("./features/relationships/partner/PortalRelationshipPages"), "PortalSellThroughPage");
const PortalScorecardPage = lazyPage(() => import("./features/relationships/partner/PortalRelationshipPages"), "PortalScorecardPage");
const NotFoundPage = lazyPage(() => import("./features/misc/NotFoundPage"), "NotFoundPage");

export const router = createBrowserRouter([
  {
    path: "/",
    element: <Outlet />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        element: <PublicLayout />,
        children: [
          { element: <PublicOnly />, children: [{ path: "login", element: page(LoginPage) }] },
          { path: "forgot-password", element: page(ForgotPasswordPage) },
          { path: "reset-password", element: page(ResetPasswordPage) },
          { path: "invitation", element: page(InvitationPage) },
          // The link in a digest mail: no sign-in, the token is the key.
          { path: "unsubscribe/:token", element: page(UnsubscribePage) },
        ],
      },
      { element: <WidePublicLayout />, children: [{ path: "apply", element: page(ApplyPage) }] },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { path: "account", element: page(AccountPage) },
              { path: "account/notifications", element: page(NotificationSettingsPage) },
              { path: "notifications", element: page(NotificationsPage) },
              {
                element: <VendorOnly />,
                children: [
                  { path: "partners", element: page(PartnersPage, "partners:read") },
                  { path: "partners/:id", element: page(PartnerPage, "partners:read") },
                  { path: "applications/:id?", element: page(ApplicationsPage, "applications:review") },
                  { path: "products", element: page(ProductsPage, "products:read") },
                  { path: "products/families", element: page(ProductFamiliesPage, "products:read") },
                  { path: "library", element: page(LibraryPage, "library:read") },
                  { path: "library/new", element: page(AssetNewPage, "library:write") },
                  { path: "library/assets/:id", element: page(AssetEditPage, "library:read") },
                  { path: "library/kits", element: page(KitsPage, "library:read") },
                  { path: "library/kits/new", element: page(KitEditPage, "library:write") },
                  { path: "library/kits/:id", element: page(KitEditPage, "library:read") },
                  { path: "library/analytics", element: page(LibraryAnalyticsPage, "library:analytics") },
                  { path: "support", element: page(TicketQueuePage, "support:read") },
                  { path: "support/tickets/:id", element: page(AgentTicketPage, "support:read") },
                  { path: "support/settings", element: page(SupportSettingsPage, "support:work") },
                  { path: "support/consumption", element: page(ConsumptionPage, "support:analytics") },
                  { path: "support/known-problems", element: page(KnownProblemsPage, "support:analytics") },
                  { path: "support/known-problems/:id", element: page(KnownProblemPage, "support:analytics") },
                  { path: "support/hotspots", element: page(HotspotsPage, "support:analytics") },
                  { path: "support/rmas", element: page(RmasPage, "support:read") },
                  { path: "support/knowledge", element: page(KnowledgePage, "knowledge:read") },
                  { path: "support/knowledge/new", element: page(ArticleNewPage, "knowledge:write") },
                  { path: "support/knowledge/:id", element: page(ArticleEditPage, "knowledge:read") },
                  { path: "news", element: page(NewsPage, "news:write") },
                  { path: "news/new", element: page(PostNewPage, "news:write") },
                  { path: "news/read-share", element: page(ReadSharePage, "news:analytics") },
                  { path: "news/digests", element: page(DigestsPage, "news:analytics") },
                  { path: "news/:id/edit", element: page(PostEditPage, "news:write") },
                  { path: "news/:id/analytics", element: page(PostAnalyticsPage, "news:analytics") },
                  { path: "incentives", element: page(ReviewQueuePage, "incentives:review") },
                  { path: "incentives/claims/:id", element: page(VendorClaimPage, "incentives:review") },
                  { path: "incentives/rules", element: page(RulesPage, "incentives:configure") },
                  { path: "incentives/rules/new", element: page(RuleNewPage, "incentives:configure") },
                  { path: "incentives/rules/:id", element: page(RuleEditPage, "incentives:configure") },
                  { path: "incentives/settings", element: page(ProgramSettingsPage, "incentives:configure") },
                  { path: "incentives/adjustments", element: page(AdjustmentPage, "incentives:adjust") },
                  { path: "incentives/cost", element: page(ProgramCostPage, "incentives:analytics") },
                  { path: "incentives/rewards", element: page(RewardsAdminPage, "rewards:manage") },
                  { path: "incentives/redemptions", element: page(RedemptionsQueuePage, "rewards:fulfil") },
                  { path: "incentives/leaderboard", element: page(LeaderboardPage, "incentives:read") },
                  { path: "relationships", element: page(PortfolioPage, "relationships:read") },
                  { path: "relationships/capacity", element: page(CapacityPage, "relationships:read") },
                  { path: "relationships/settings", element: page(RelationshipSettingsPage, "relationships:read") },
                  { path: "relationships/partners/:partnerId", element: page(PartnerRelationshipPage, "relationships:read") },
                  { path: "settings", element: page(SettingsPage, "settings:read") },
                  { path: "settings/tiers", element: page(TiersPage, "settings:read") },
                  { path: "admin/users", element: page(UsersPage, "vendor_users:manage") },
                  { path: "admin/api-tokens", element: page(ApiTokensPage, "api_tokens:manage") },
                  { path: "admin/audit", element: page(AuditPage, "audit:read") },
                  { path: "admin/outbox", element: page(OutboxPage, "outbox:read") },
                  { path: "admin/outbox/:id", element: page(OutboxMessagePage, "outbox:read") },
                ],
              },
              {
                element: <PartnerOnly />,
                children: [
                  { path: "portal", element: page(PortalHomePage) },
                  { path: "portal/organisation", element: page(PortalOrganisationPage, "partners:read") },
                  { path: "portal/staff", element: page(PortalStaffPage, "staff:read") },
                  { path: "portal/products", element: page(PortalProductsPage, "products:read") },
                  { path: "portal/library", element: page(PortalLibraryPage, "library:read") },
                  { path: "portal/library/kits", element: page(PortalKitsPage, "library:read") },
                  { path: "portal/library/kits/:id", element: page(PortalKitPage, "library:read") },
                  { path: "portal/library/:id", element: page(PortalAssetPage, "library:read") },
                  { path: "portal/support", element: page(PortalTicketsPage, "support:read") },
                  { path: "portal/support/new", element: page(NewTicketPage, "support:open") },
                  { path: "portal/support/rmas", element: page(RmasPage, "support:read") },
                  { path: "portal/support/:id", element: page(PortalTicketPage, "support:read") },
                  { path: "portal/knowledge", element: page(PortalKnowledgePage, "knowledge:read") },
                  { path: "portal/knowledge/:id", element: page(PortalArticlePage, "knowledge:read") },
                  { path: "portal/news", element: page(PortalNewsPage, "news:read") },
                  { path: "portal/news/:id", element: page(PortalPostPage, "news:read") },
                  { path: "portal/activity", element: page(PortalActivityPage, "audit:read") },
                  { path: "portal/points", element: page(PortalPointsPage, "incentives:read") },
                  { path: "portal/points/claim", element: page(ClaimSalePage, "incentives:claim") },
                  { path: "portal/points/claims", element: page(PortalClaimsPage, "incentives:claim") },
                  { path: "portal/points/claims/:id", element: page(PortalClaimPage, "incentives:claim") },
                  { path: "portal/points/statement", element: page(StatementPage, "incentives:claim") },
                  { path: "portal/points/leaderboard", element: page(LeaderboardPage, "incentives:read") },
                  { path: "portal/rewards", element: page(PortalRewardsPage, "incentives:read") },
                  { path: "portal/rewards/redemptions", element: page(RedemptionsPage, "incentives:claim") },
                  { path: "portal/business-plan", element: page(PortalBusinessPlanPage, "scorecards:read") },
                  { path: "portal/sell-through", element: page(PortalSellThroughPage, "sales:read") },
                  { path: "portal/scorecard", element: page(PortalScorecardPage, "scorecards:read") },
                ],
              },
              { path: "*", element: page(NotFoundPage) },
            ],
          },
        ],
      },
    ],
  },
]);
