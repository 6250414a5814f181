import type {
  ApiTokenTable,
  ApplicationTable,
  AuditLogTable,
  InvitationTable,
  JobRunTable,
  LoginThrottleTable,
  MailMessageTable,
  PartnerTable,
  PasswordResetTable,
  ProductFamilyTable,
  ProductTable,
  SessionTable,
  TierTable,
  UserTable,
  VendorSettingsTable,
} from "./tables/foundation.js";
import type {
  IncentiveClaimLineTable,
  IncentiveClaimRevenueMonthTable,
  IncentiveClaimScoreLineTable,
  IncentiveClaimSerialTable,
  IncentiveClaimTable,
  IncentiveLaunchGrantTable,
  IncentivePointsOwedTable,
  IncentiveRuleVersionTable,
} from "./tables/incentives-claims.js";
import type {
  IdempotencyKeyTable,
  IncentiveSettingsTable,
  LedgerAccountTable,
  LedgerEntryTable,
  LedgerPartnerMonthTable,
  LedgerRepMonthTable,
  LedgerRepQuarterTable,
  LedgerTransactionTable,
} from "./tables/incentives-ledger.js";
import type {
  KnowledgeArticleAudienceTable,
  KnowledgeArticleProductTable,
  KnowledgeArticleTable,
  KnowledgeArticleViewTable,
  KnowledgeArticleVoteTable,
} from "./tables/knowledge.js";
import type {
  AssetAudienceTable,
  AssetEventTable,
  AssetMarketTable,
  AssetOpenTable,
  AssetProductTable,
  AssetSearchTable,
  AssetTable,
  AssetTagTable,
  AssetVersionTable,
  CobrandCopyTable,
  KitAssetTable,
  KitTable,
  LibraryImageTable,
} from "./tables/library.js";
import type {
  NewsAttachmentTable,
  NewsCommentTable,
  NewsDigestTable,
  NewsFeedTokenTable,
  NewsImageTable,
  NewsPostAssetTable,
  NewsPostAudienceTable,
  NewsPostKeyTable,
  NewsPostProductTable,
  NewsPostTable,
  NewsPreferenceTable,
  NewsReadTable,
  NotificationPreferenceTable,
  NotificationTable,
} from "./tables/news.js";
import type {
  BusinessPlanItemTable,
  BusinessPlanTable,
  PartnerCostLineTable,
  PartnerCostMonthTable,
  PartnerMonthFiguresTable,
  PartnerScorecardTable,
  PortfolioMediansTable,
  ProductFamilyMarginTable,
  RelationshipActionTable,
  RelationshipDecisionTable,
  RelationshipFlagTable,
  RelationshipReviewTable,
  RelationshipSettingsTable,
  RelationshipTimelineTable,
  ScorecardBaseTable,
  SellThroughBatchTable,
  SellThroughLineTable,
  SellThroughMonthTable,
} from "./tables/relationships.js";
import type {
  RewardEligibilityTable,
  RewardExpiryWarningTable,
  RewardPreferenceTable,
  RewardRedemptionTable,
  RewardTable,
} from "./tables/rewards.js";
import type {
  AgentCoverageTable,
  KnownProblemProductTable,
  KnownProblemTable,
  RmaTable,
  SavedViewTable,
  SlaPolicyTable,
  SupportCounterTable,
  SupportHotspotKeyTable,
  SupportHotspotMonthTable,
  SupportHotspotPartnerTable,
  SupportHotspotTable,
  SupportSettingsTable,
  SupportTimeMonthlyTable,
  TicketAttachmentTable,
  TicketEventTable,
  TicketProductTable,
  TicketReplyTable,
  TicketTable,
} from "./tables/support.js";
import type { Timestamp } from "./tables/timestamp.js";

export type * from "./tables/foundation.js";
export type * from "./tables/incentives-claims.js";
export type * from "./tables/incentives-ledger.js";
export type * from "./tables/knowledge.js";
export type * from "./tables/library.js";
export type * from "./tables/news.js";
export type * from "./tables/relationships.js";
export type * from "./tables/rewards.js";
export type * from "./tables/support.js";
export type { Timestamp };

export interface Database {
  vendor_settings: VendorSettingsTable;
  tiers: TierTable;
  partners: PartnerTable;
  users: UserTable;
  invitations: InvitationTable;
  password_resets: PasswordResetTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  applications: ApplicationTable;
  product_families: ProductFamilyTable;
  products: ProductTable;
  audit_log: AuditLogTable;
  mail_messages: MailMessageTable;
  job_runs: JobRunTable;
  assets: AssetTable;
  asset_versions: AssetVersionTable;
  asset_products: AssetProductTable;
  asset_markets: AssetMarketTable;
  asset_tags: AssetTagTable;
  asset_audience: AssetAudienceTable;
  asset_opens: AssetOpenTable;
  asset_events: AssetEventTable;
  cobrand_copies: CobrandCopyTable;
  kits: KitTable;
  kit_assets: KitAssetTable;
  library_images: LibraryImageTable;
  asset_search: AssetSearchTable;
  support_settings: SupportSettingsTable;
  sla_policies: SlaPolicyTable;
  agent_coverage: AgentCoverageTable;
  support_counters: SupportCounterTable;
  known_problems: KnownProblemTable;
  known_problem_products: KnownProblemProductTable;
  tickets: TicketTable;
  ticket_products: TicketProductTable;
  ticket_replies: TicketReplyTable;
  support_time_monthly: SupportTimeMonthlyTable;
  support_hotspots: SupportHotspotTable;
  support_hotspot_months: SupportHotspotMonthTable;
  support_hotspot_keys: SupportHotspotKeyTable;
  support_hotspot_partners: SupportHotspotPartnerTable;
  ticket_attachments: TicketAttachmentTable;
  ticket_events: TicketEventTable;
  saved_views: SavedViewTable;
  rmas: RmaTable;
  knowledge_articles: KnowledgeArticleTable;
  knowledge_article_products: KnowledgeArticleProductTable;
  knowledge_article_audience: KnowledgeArticleAudienceTable;
  knowledge_article_views: KnowledgeArticleViewTable;
  knowledge_article_votes: KnowledgeArticleVoteTable;
  news_posts: NewsPostTable;
  news_post_audience: NewsPostAudienceTable;
  news_post_keys: NewsPostKeyTable;
  news_post_products: NewsPostProductTable;
  news_post_assets: NewsPostAssetTable;
  news_attachments: NewsAttachmentTable;
  news_images: NewsImageTable;
  news_reads: NewsReadTable;
  news_comments: NewsCommentTable;
  news_preferences: NewsPreferenceTable;
  news_digests: NewsDigestTable;
  news_feed_tokens: NewsFeedTokenTable;
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  ledger_accounts: LedgerAccountTable;
  ledger_transactions: LedgerTransactionTable;
  ledger_entries: LedgerEntryTable;
  ledger_rep_months: LedgerRepMonthTable;
  ledger_rep_quarters: LedgerRepQuarterTable;
  ledger_partner_months: LedgerPartnerMonthTable;
  incentive_settings: IncentiveSettingsTable;
  idempotency_keys: IdempotencyKeyTable;
  incentive_rule_versions: IncentiveRuleVersionTable;
  incentive_claims: IncentiveClaimTable;
  incentive_claim_lines: IncentiveClaimLineTable;
  incentive_claim_serials: IncentiveClaimSerialTable;
  incentive_claim_score_lines: IncentiveClaimScoreLineTable;
  incentive_launch_grants: IncentiveLaunchGrantTable;
  incentive_points_owed: IncentivePointsOwedTable;
  incentive_claim_revenue_months: IncentiveClaimRevenueMonthTable;
  rewards: RewardTable;
  reward_eligibility: RewardEligibilityTable;
  reward_redemptions: RewardRedemptionTable;
  product_family_margins: ProductFamilyMarginTable;
  sell_through_batches: SellThroughBatchTable;
  sell_through_lines: SellThroughLineTable;
  sell_through_months: SellThroughMonthTable;
  partner_cost_lines: PartnerCostLineTable;
  partner_cost_months: PartnerCostMonthTable;
  relationship_settings: RelationshipSettingsTable;
  partner_month_figures: PartnerMonthFiguresTable;
  partner_scorecards: PartnerScorecardTable;
  portfolio_medians: PortfolioMediansTable;
  scorecard_bases: ScorecardBaseTable;
  relationship_flags: RelationshipFlagTable;
  relationship_decisions: RelationshipDecisionTable;
  relationship_actions: RelationshipActionTable;
  relationship_reviews: RelationshipReviewTable;
  relationship_timeline: RelationshipTimelineTable;
  business_plans: BusinessPlanTable;
  business_plan_items: BusinessPlanItemTable;
  reward_preferences: RewardPreferenceTable;
  reward_expiry_warnings: RewardExpiryWarningTable;
}
