import type { ArticleStatus, AssetAudience } from "@trellis/shared";
import type { Timestamp } from "./timestamp.js";

// The knowledge base's tables (migration 0004).

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
