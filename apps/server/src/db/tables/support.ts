import type { KnownProblemKind, KnownProblemStatus, RmaStatus, TicketCategory, TicketSeverity, TicketStatus } from "@trellis/shared";
import type { Generated } from "kysely";
import type { Timestamp } from "./timestamp.js";

// The support desk's tables (migrations 0003, 0005, 0006).

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
