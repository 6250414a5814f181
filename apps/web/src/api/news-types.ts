import type { CommentStatus, CommentVisibility, DigestFrequency, DigestStatus, NewsCategory, NewsPostStatus, PartnerRole } from "@trellis/shared";

/* Channel news: hand-written to match apps/server/src/features/news/*.schemas.ts (docs/news.md). */

/** Where a post stands for its readers: a published post with a future publish time is scheduled. */
export type PostState = "draft" | "scheduled" | "published" | "expired" | "archived";

export interface PostAudience {
  tierIds: string[];
  regions: string[];
  partnerIds: string[];
  roles: PartnerRole[];
}

/** One post in a reader's feed. */
export interface FeedPost {
  id: string;
  title: string;
  excerpt: string;
  category: NewsCategory;
  publishAt: string | null;
  pinned: boolean;
  mustRead: boolean;
  read: boolean;
  acknowledged: boolean;
  commentCount: number;
  attachmentCount: number;
}

export interface FeedPage {
  items: FeedPost[];
  nextCursor: string | null;
  unreadCount: number;
}

export interface NewsAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  /** The download address, under /api/v1. */
  url: string;
  createdAt: string;
}

export interface PostDetail extends FeedPost {
  bodyHtml: string;
  /** Editors only; null for readers. */
  bodyMarkdown: string | null;
  audience: PostAudience;
  products: { id: string; name: string; sku: string }[];
  assets: { id: string; title: string }[];
  attachments: NewsAttachment[];
  expiresAt: string | null;
  status: NewsPostStatus;
  state: PostState;
  author: { id: string; name: string } | null;
  readAt: string | null;
  acknowledgedAt: string | null;
  canComment: boolean;
  commentsEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PostInput {
  title: string;
  bodyMarkdown: string;
  category: NewsCategory;
  audience: PostAudience;
  /** null: now, when published. */
  publishAt: string | null;
  expiresAt: string | null;
  pinned: boolean;
  mustRead: boolean;
  commentsEnabled: boolean;
  productIds: string[];
  assetIds: string[];
  status: "draft" | "published";
}

export type PostPatch = Partial<Omit<PostInput, "status">> & { status?: NewsPostStatus };

/** A row of the editors' list, with how far the post reached. */
export interface EditorPost {
  id: string;
  title: string;
  category: NewsCategory;
  status: NewsPostStatus;
  state: PostState;
  publishAt: string | null;
  expiresAt: string | null;
  pinned: boolean;
  mustRead: boolean;
  /** Partner users in the audience now. */
  reach: number;
  reads: number;
  acknowledgements: number;
  commentCount: number;
  author: { id: string; name: string } | null;
  updatedAt: string;
}

export interface NewsComment {
  id: string;
  postId: string;
  parentId: string | null;
  author: { id: string; name: string; side: "vendor" | "partner" };
  partnerName: string | null;
  body: string;
  visibility: CommentVisibility;
  status: CommentStatus;
  /** Moderators only. */
  moderationReason: string | null;
  createdAt: string;
}

export interface CommentInput {
  body: string;
  visibility?: CommentVisibility;
  parentId?: string;
}

export interface PartnerReach {
  partnerId: string;
  partnerName: string;
  reach: number;
  reads: number;
  acknowledgements: number;
}

export interface PostAnalytics {
  postId: string;
  reach: number;
  reads: number;
  acknowledgements: number;
  /** 0..1 */
  readRate: number;
  acknowledgementRate: number | null;
  partners: PartnerReach[];
}

export interface ReadShareRow {
  partnerId: string;
  partnerName: string;
  activeUsers: number;
  readers: number;
  /** 0..1 of active users who read at least one post in the month. */
  share: number;
}

export interface ReadShare {
  month: string;
  partners: ReadShareRow[];
}

export interface NewsPreferences {
  digestFrequency: DigestFrequency;
  digestHour: number;
  /** ISO weekday, 1 Monday .. 7 Sunday. */
  digestWeekday: number;
  timeZone: string;
  nextDigestAt: string | null;
}

export type NewsPreferencesInput = Omit<NewsPreferences, "nextDigestAt">;

export interface FeedTokenState {
  active: boolean;
  prefix: string | null;
  createdAt: string | null;
}

export interface UnsubscribeInfo {
  email: string;
  digestFrequency: DigestFrequency;
}

export interface NewsImage {
  id: string;
  url: string;
}

/** One digest mail, for the vendor's view of sends and failures. */
export interface DigestListItem {
  id: string;
  userId: string;
  userName: string;
  email: string;
  partnerId: string | null;
  partnerName: string | null;
  dueAt: string;
  postCount: number;
  status: DigestStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** What one run of the digest job did. */
export interface DigestRun {
  preferencesCreated: number;
  batches: number;
  claimed: number;
  /** Digests composed and stored to be sent. */
  stored: number;
  empty: number;
  lost: number;
  attempted: number;
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  recovered: number;
}
