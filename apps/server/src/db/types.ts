import type {
  ApplicationStatus,
  ArticleStatus,
  AssetAudience,
  AssetFormat,
  AssetStatus,
  AssetType,
  AssetUsageKind,
  KnownProblemKind,
  KnownProblemStatus,
  PartnerStatus,
  ProductLifecycle,
  RmaStatus,
  Role,
  TicketCategory,
  TicketSeverity,
  TicketStatus,
  UserStatus,
} from "@trellis/shared";
import type { Generated } from "kysely";

/** Timestamps are ISO-8601 UTC strings on both engines (dialect.ts converts PostgreSQL's). */
type Timestamp = string;

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

export interface AssetTable {
  id: string;
  title: string;
  summary: string;
  type: AssetType;
  format: AssetFormat;
  language: string;
  owner_id: string | null;
  audience: AssetAudience;
  /** YYYY-MM-DD */
  review_by: string | null;
  status: AssetStatus;
  co_brandable: number;
  /** JSON of CobrandBox */
  cobrand_box: string | null;
  current_version: number;
  current_version_id: string | null;
  content_type: string | null;
  size: number | null;
  tags_text: string;
  /** SQLite only: the rowid of the asset in the FTS5 index. */
  search_key: number | null;
  use_count: number;
  last_used_at: Timestamp | null;
  published_at: Timestamp | null;
  content_updated_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssetVersionTable {
  id: string;
  asset_id: string;
  version: number;
  storage_key: string | null;
  /** The uploader's file name: shown, never used as a path. */
  file_name: string | null;
  content_type: string | null;
  size: number | null;
  body_markdown: string | null;
  extracted_text: string;
  page_count: number | null;
  note: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AssetProductTable {
  asset_id: string;
  product_id: string;
}

export interface AssetMarketTable {
  asset_id: string;
  market: string;
}

export interface AssetTagTable {
  asset_id: string;
  tag: string;
}

export interface AssetAudienceTable {
  asset_id: string;
  kind: "tier" | "region" | "partner";
  value: string;
}

export interface AssetOpenTable {
  asset_id: string;
  user_id: string;
  version: number;
  opened_at: Timestamp;
}

export interface AssetEventTable {
  id: string;
  asset_id: string;
  version: number;
  partner_id: string;
  user_id: string;
  kind: AssetUsageKind;
  occurred_at: Timestamp;
}

export interface CobrandCopyTable {
  version_id: string;
  partner_id: string;
  user_id: string;
  fingerprint: string;
  storage_key: string;
  size: number;
  created_at: Timestamp;
}

export interface KitTable {
  id: string;
  title: string;
  description: string;
  status: "draft" | "published";
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KitAssetTable {
  kit_id: string;
  asset_id: string;
  position: number;
}

export interface LibraryImageTable {
  storage_key: string;
  content_type: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

/** SQLite only: the contentless FTS5 index of assets, rowid = assets.search_key (PostgreSQL keeps tsvectors on assets). */
export interface AssetSearchTable {
  rowid: number;
  title: string;
  summary: string;
  tags: string;
  body: string;
  facets: string;
}

export interface SupportSettingsTable {
  id: string;
  cost_per_hour_minor: number;
  currency: string;
  capacity_hours_per_month: number;
  reopen_window_days: number;
  warn_before_minutes: number;
  team_lead_id: string | null;
  auto_assign: number;
  /** JSON BusinessCalendar: time zone, working periods per weekday, holidays. */
  calendar: string;
  updated_at: Timestamp;
}

export interface SlaPolicyTable {
  /** The tier's id, or '*' for the default policy. */
  tier_key: string;
  severity: TicketSeverity;
  first_response_minutes: number;
  resolution_minutes: number;
  updated_at: Timestamp;
}

export interface AgentCoverageTable {
  user_id: string;
  family_id: string;
  last_assigned_at: Timestamp | null;
}

export interface SupportCounterTable {
  name: string;
  value: number;
}

export interface KnownProblemTable {
  id: string;
  title: string;
  kind: KnownProblemKind;
  status: KnownProblemStatus;
  description: string;
  workaround: string;
  affected_versions: string;
  fix_version: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KnownProblemProductTable {
  known_problem_id: string;
  product_id: string;
}

export interface TicketTable {
  id: string;
  number: number;
  partner_id: string;
  requester_id: string;
  subject: string;
  description: string;
  category: TicketCategory;
  severity: TicketSeverity;
  status: TicketStatus;
  /** 1 until resolved or closed. */
  active: number;
  assignee_id: string | null;
  family_id: string | null;
  firmware_version: string;
  site_name: string;
  known_problem_id: string | null;
  merged_into_id: string | null;
  first_response_target: number | null;
  resolution_target: number | null;
  sla_elapsed_minutes: number;
  sla_running_since: Timestamp | null;
  first_response_at: Timestamp | null;
  first_response_due_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
  first_response_breached: number;
  resolution_breached: number;
  warned_at: Timestamp | null;
  /** The next SLA due time; far in the future while paused or without a policy. */
  queue_due_at: Timestamp;
  minutes_logged: number;
  reply_count: number;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  last_activity_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketProductTable {
  ticket_id: string;
  product_id: string;
  /** '' when no serial was given. */
  serial: string;
  /** A copy of tickets.active (1 until resolved or closed), for the queue's product filter. */
  active: Generated<number>;
}

export interface TicketReplyTable {
  id: string;
  ticket_id: string;
  partner_id: string;
  author_id: string;
  internal: number;
  body: string;
  minutes: number;
  created_at: Timestamp;
}

export interface SupportTimeMonthlyTable {
  partner_id: string;
  /** YYYY-MM (UTC). */
  month: string;
  minutes: number;
  tickets_opened: number;
}

/** Hot-spots rollup dimension: the report's three, and known problems keyed by product too. */
export type HotspotRollupDimension = "product" | "firmware" | "known_problem" | "product_known_problem";

/** Tickets and logged minutes per hot-spot key, partner and month the tickets were opened in (0005). */
export interface SupportHotspotTable {
  dimension: HotspotRollupDimension;
  /** product id; product id|firmware version; known problem id; product id|known problem id. */
  key: string;
  /** YYYY-MM (UTC) of the ticket's created_at. */
  month: string;
  partner_id: string;
  tickets: number;
  minutes: number;
}

/** support_hotspots summed over partners: ranks the keys and gives the monthly series. */
export interface SupportHotspotMonthTable {
  dimension: HotspotRollupDimension;
  key: string;
  month: string;
  tickets: number;
  minutes: number;
}

/** support_hotspots summed over all months: the bound a ranking starts from. */
export interface SupportHotspotKeyTable {
  dimension: HotspotRollupDimension;
  key: string;
  tickets: number;
  minutes: number;
}

/** Per key, partner and era of 48 months: bit (month index mod 48) set while the partner has tickets that month. */
export interface SupportHotspotPartnerTable {
  dimension: HotspotRollupDimension;
  key: string;
  partner_id: string;
  /** (year * 12 + month - 1) div 48. */
  era: number;
  months_mask: number;
}

export interface TicketAttachmentTable {
  id: string;
  ticket_id: string;
  reply_id: string | null;
  internal: number;
  storage_key: string;
  file_name: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface TicketEventTable {
  id: string;
  ticket_id: string;
  actor_id: string | null;
  kind: string;
  /** JSON. */
  detail: string;
  created_at: Timestamp;
}

export interface SavedViewTable {
  id: string;
  user_id: string;
  name: string;
  /** JSON: the queue's filters. */
  filters: string;
  created_at: Timestamp;
}

export interface RmaTable {
  id: string;
  number: number;
  partner_id: string;
  ticket_id: string;
  product_id: string;
  serial: string;
  reason: string;
  status: RmaStatus;
  replacement_serial: string | null;
  authorised_by: string;
  received_at: Timestamp | null;
  replaced_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Support knowledge base (features/knowledge). PostgreSQL also keeps a search_vector column, never selected. */
export interface KnowledgeArticleTable {
  id: string;
  title: string;
  summary: string;
  body_markdown: string;
  status: ArticleStatus;
  audience: AssetAudience;
  /** The support ticket the article was written from (no foreign key). */
  source_ticket_id: string | null;
  view_count: number;
  solved_count: number;
  not_solved_count: number;
  search_key: number | null;
  published_at: Timestamp | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KnowledgeArticleProductTable {
  article_id: string;
  product_id: string;
}

export interface KnowledgeArticleAudienceTable {
  article_id: string;
  kind: "tier" | "region" | "partner";
  value: string;
}

export interface KnowledgeArticleViewTable {
  article_id: string;
  user_id: string;
  /** UTC day, YYYY-MM-DD: a user's views count once per article per day. */
  day: string;
  partner_id: string;
  viewed_at: Timestamp;
}

export interface KnowledgeArticleVoteTable {
  article_id: string;
  user_id: string;
  partner_id: string;
  /** 1: "this solved it", 0: it did not. */
  solved: number;
  voted_at: Timestamp;
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
}
