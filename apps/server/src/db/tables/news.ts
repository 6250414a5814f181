import type {
  CommentStatus,
  CommentVisibility,
  DigestFrequency,
  DigestStatus,
  NewsCategory,
  NewsPostStatus,
  NotificationKind,
} from "@trellis/shared";
import type { Timestamp } from "./timestamp.js";

// The news feed's tables (migration 0007), digests (0008) and the notification centre (0009).

export interface NewsPostTable {
  id: string;
  title: string;
  body_markdown: string;
  category: NewsCategory;
  status: NewsPostStatus;
  /** 1: every partner (no tier/region/partner targets). */
  audience_all: number;
  /** "" for every partner role, else a comma list of partner roles. */
  roles: string;
  pinned: number;
  must_read: number;
  comments_enabled: number;
  /** Folded (lower case, no accents) title and body for search. */
  search_text: string;
  publish_at: Timestamp | null;
  expires_at: Timestamp | null;
  author_id: string | null;
  /** When the audience was notified of a must-read post; optional so rows written without it (bench data) insert as null. */
  must_read_notified_at?: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NewsPostAudienceTable {
  post_id: string;
  kind: "tier" | "region" | "partner" | "role";
  value: string;
}

export interface NewsPostKeyTable {
  key: string;
  post_id: string;
}

export interface NewsPostProductTable {
  post_id: string;
  product_id: string;
}

export interface NewsPostAssetTable {
  post_id: string;
  asset_id: string;
}

export interface NewsAttachmentTable {
  id: string;
  post_id: string;
  storage_key: string;
  file_name: string;
  content_type: string;
  size: number;
  created_by: string | null;
  created_at: Timestamp;
}

export interface NewsImageTable {
  id: string;
  storage_key: string;
  content_type: string;
  size: number;
  created_by: string | null;
  created_at: Timestamp;
}

export interface NewsReadTable {
  post_id: string;
  user_id: string;
  partner_id: string | null;
  read_at: Timestamp;
  acknowledged_at: Timestamp | null;
}

export interface NewsCommentTable {
  id: string;
  post_id: string;
  parent_id: string | null;
  author_id: string;
  partner_id: string | null;
  body: string;
  visibility: CommentVisibility;
  status: CommentStatus;
  moderated_by: string | null;
  moderation_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NewsPreferenceTable {
  user_id: string;
  digest_frequency: DigestFrequency;
  /** 0-23, local to time_zone. */
  digest_hour: number;
  /** ISO weekday 1 (Monday) - 7, for weekly digests. */
  digest_weekday: number;
  /** IANA zone, e.g. Europe/Berlin. */
  time_zone: string;
  last_digest_at: Timestamp | null;
  next_digest_at: Timestamp | null;
  claimed_until: Timestamp | null;
  claimed_by: string | null;
  updated_at: Timestamp;
}

export interface NewsDigestTable {
  id: string;
  user_id: string;
  due_at: Timestamp;
  period_start: Timestamp | null;
  period_end: Timestamp;
  /** JSON array of post ids, newest first. */
  post_ids: string;
  post_count: number;
  status: DigestStatus;
  attempts: number;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

export interface NewsFeedTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** An app path, e.g. /portal/support/<id>. */
  link: string;
  source_type: string | null;
  source_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  kind: NotificationKind;
  email: number;
  updated_at: Timestamp;
}
