import type { AssetAudience, AssetFormat, AssetStatus, AssetType, Market } from "@trellis/shared";

/* Sales tools library: hand-written to match apps/server/src/features/library/library.schemas.ts. */

export type CobrandPage = "first" | "last" | "all";

/** Where the partner's logo and contact block go: fractions of the page, origin top-left. */
export interface CobrandBox {
  page: CobrandPage;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AudienceTargets {
  tierIds: string[];
  regions: string[];
  partnerIds: string[];
}

export interface AssetSummary {
  id: string;
  title: string;
  summary: string;
  type: AssetType;
  format: AssetFormat;
  language: string;
  status: AssetStatus;
  markets: string[];
  tags: string[];
  productIds: string[];
  contentType: string | null;
  size: number | null;
  currentVersion: number;
  coBrandable: boolean;
  reviewBy: string | null;
  /** The review-by date has passed. */
  needsReview: boolean;
  useCount: number;
  publishedAt: string | null;
  contentUpdatedAt: string | null;
  updatedAt: string;
  /** A newer version came out since this user last opened the asset. */
  updatedSinceOpened: boolean;
  /** null: this user never opened the asset. */
  openedVersion: number | null;
}

export interface AssetVersion {
  id: string;
  version: number;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  pageCount: number | null;
  note: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface AssetDetail extends AssetSummary {
  ownerId: string | null;
  ownerName: string | null;
  audience: AssetAudience;
  audienceTargets: AudienceTargets;
  cobrandBox: CobrandBox | null;
  products: { id: string; sku: string; name: string }[];
  bodyMarkdown: string | null;
  /** Page assets: markdown rendered by the server, with raw HTML escaped. */
  bodyHtml: string | null;
  /** Vendor users: every version, newest first; partners: the current one. */
  versions: AssetVersion[];
  hiddenFromPartners: boolean;
}

export interface AssetInput {
  title: string;
  summary: string;
  type: AssetType;
  format: AssetFormat;
  language: string;
  productIds: string[];
  markets: Market[];
  tags: string[];
  ownerId?: string | null;
  audience: AssetAudience;
  audienceTargets: AudienceTargets;
  reviewBy: string | null;
  coBrandable: boolean;
  cobrandBox: CobrandBox | null;
  bodyMarkdown?: string;
}

export type AssetPatch = Partial<Omit<AssetInput, "format" | "bodyMarkdown"> & { status: AssetStatus }>;

export type KitStatus = "draft" | "published";

export interface Kit {
  id: string;
  title: string;
  description: string;
  status: KitStatus;
  /** In kit order; partners see only the assets meant for them. */
  assets: AssetSummary[];
  createdAt: string;
  updatedAt: string;
}

export interface KitInput {
  title: string;
  description: string;
  assetIds: string[];
  status: KitStatus;
}

export interface UsageCounts {
  views: number;
  downloads: number;
  cobrandDownloads: number;
}

export interface UsageSeries {
  from: string;
  to: string;
  totals: UsageCounts;
  days: (UsageCounts & { day: string })[];
}

export interface AssetUsageRow extends UsageCounts {
  assetId: string;
  title: string;
  type: AssetType;
}

export interface PartnerUsageRow extends UsageCounts {
  partnerId: string;
  partnerName: string;
  /** Distinct users of this partner who used the library in the period. */
  activeReps: number;
}

export interface RepUsageRow extends UsageCounts {
  userId: string;
  name: string;
  email: string;
  role: string;
  lastUsedAt: string;
}

export interface UnusedAsset {
  assetId: string;
  title: string;
  type: AssetType;
  publishedAt: string | null;
  lastUsedAt: string | null;
}

export interface EngagementRow {
  partnerId: string;
  partnerName: string;
  month: string;
  usersTotal: number;
  usersUsingLibrary: number;
  /** usersUsingLibrary / usersTotal; 0 when the partner has no active users. */
  share: number;
}

export interface LibraryImage {
  key: string;
  url: string;
  contentType: string;
}
