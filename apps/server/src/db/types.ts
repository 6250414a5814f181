import type { ApplicationStatus, PartnerStatus, ProductLifecycle, Role, UserStatus } from "@trellis/shared";
import type { Generated } from "kysely";
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

export type * from "./tables/incentives-claims.js";
export type * from "./tables/incentives-ledger.js";
export type * from "./tables/knowledge.js";
export type * from "./tables/library.js";
export type * from "./tables/news.js";
export type * from "./tables/relationships.js";
export type * from "./tables/rewards.js";
export type * from "./tables/support.js";
export type { Timestamp };

export interface VendorSettingsTable {
  id: string;
  vendor_name: string;
  supported_partner_capacity: number;
  /** 1: competitive data sheets past their review-by date are hidden from partners. */
  hide_stale_competitive: Generated<number>;
  updated_at: Timestamp;
}

export interface TierTable {
  id: string;
  name: string;
  rank: number;
  description: string;
  /** Monthly support allowance in hours; null: none set. */
  support_allowance_hours?: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartnerTable {
  id: string;
  name: string;
  legal_name: string;
  address_line1: string;
  address_line2: string;
  city: string;
  postal_code: string;
  country: string;
  region: string;
  territory: string;
  website: string;
  phone: string;
  tier_id: string | null;
  status: PartnerStatus;
  channel_manager_id: string | null;
  logo_key: string | null;
  logo_content_type: string | null;
  archived_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  partner_id: string | null;
  status: UserStatus;
  password_hash: string | null;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InvitationTable {
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PasswordResetTable {
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  user_agent: string;
  ip: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  role: Role;
  token_hash: string;
  token_prefix: string;
  created_by: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  blocked_until: Timestamp | null;
}

export interface ApplicationTable {
  id: string;
  company_name: string;
  legal_name: string;
  website: string;
  country: string;
  region: string;
  city: string;
  principal_name: string;
  principal_email: string;
  principal_phone: string;
  contacts: string;
  regions: string;
  sells: string;
  installs: string;
  expected_annual_volume_minor: number;
  currency: string;
  message: string;
  status: ApplicationStatus;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  override_reason: string | null;
  partner_id: string | null;
  created_at: Timestamp;
}

export interface ProductFamilyTable {
  id: string;
  name: string;
  description: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductTable {
  id: string;
  sku: string;
  name: string;
  family_id: string;
  description: string;
  list_price_minor: number;
  currency: string;
  lifecycle: ProductLifecycle;
  serial_pattern: string;
  image_key: string | null;
  image_content_type: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  partner_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface MailMessageTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  transport: "smtp" | "outbox";
  status: "sent" | "written" | "failed";
  error: string | null;
  file_name: string | null;
  /** The Message-ID it was sent with, when the sender chose one (news digests: the digest's id). */
  message_id: string | null;
  created_at: Timestamp;
}

export interface JobRunTable {
  job_name: string;
  slot: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  error: string | null;
  id: Generated<number>;
}

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
