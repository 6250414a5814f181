import type { ArticleStatus, AssetAudience } from "@trellis/shared";
import type { AudienceTargets } from "./library-types";

/* Support knowledge base: hand-written to match apps/server/src/features/knowledge/knowledge.schemas.ts. */

export type ArticleSort = "relevance" | "newest" | "most_viewed" | "most_solved";

export interface ArticleCounts {
  /** Partner users' views, each user counted once per article per UTC day. */
  viewCount: number;
  /** Partner users who said the article solved their problem. */
  solvedCount: number;
  notSolvedCount: number;
}

export interface ArticleSummary extends ArticleCounts {
  id: string;
  title: string;
  summary: string;
  status: ArticleStatus;
  audience: AssetAudience;
  productIds: string[];
  /** Vendor users only; null for partners. */
  sourceTicketId: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleDetail extends ArticleSummary {
  bodyMarkdown: string;
  /** The markdown rendered by the server with raw HTML escaped. */
  bodyHtml: string;
  products: { id: string; sku: string; name: string }[];
  /** Vendor users: the chosen tiers, regions or partners; empty for partners. */
  audienceTargets: AudienceTargets;
  /** The caller's answer to "Did this solve it?"; null: not answered. */
  myVote: boolean | null;
  createdByName: string | null;
  updatedByName: string | null;
}

export interface ArticleInput {
  title: string;
  summary: string;
  bodyMarkdown: string;
  status: ArticleStatus;
  productIds: string[];
  audience: AssetAudience;
  audienceTargets: AudienceTargets;
  sourceTicketId?: string | null;
}

export type ArticlePatch = Partial<Omit<ArticleInput, "sourceTicketId">>;

export interface ArticleFeedback extends ArticleCounts {
  myVote: boolean | null;
}

export interface ArticleSuggestion {
  id: string;
  title: string;
  summary: string;
  /** A short passage of the body around the first matching word. */
  snippet: string;
  solvedCount: number;
}
