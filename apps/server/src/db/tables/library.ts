import type { AssetAudience, AssetFormat, AssetStatus, AssetType, AssetUsageKind } from "@trellis/shared";
import type { Timestamp } from "./timestamp.js";

// The sales library's tables (migration 0002).

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
