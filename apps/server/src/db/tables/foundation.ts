import type { ApplicationStatus, PartnerStatus, ProductLifecycle, Role, UserStatus } from "@trellis/shared";
import type { Generated } from "kysely";
import type { Timestamp } from "./timestamp.js";

// The foundation's tables (created by migration 0001): the vendor, tiers, partners, users and their
// sign-in, applications, products, the audit log, mail and jobs.

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
