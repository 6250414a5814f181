import type { AssetType, Market, regions } from "@trellis/shared";

export type Region = (typeof regions)[number];

/** What the demo library holds: assets about the demo catalog (catalog.ts), in the words marketing writes. */
export type DemoAssetContent = { kind: "pdf"; pages: number; lines: string[] } | { kind: "video"; file: string } | { kind: "page"; markdown: string };

export interface DemoAsset {
  /** A handle for kits, versions and usage below; never shown. */
  key: string;
  title: string;
  summary: string;
  type: AssetType;
  skus: string[];
  markets: Market[];
  tags: string[];
  /** Tier names, regions or partner names; absent: every partner. */
  audience?: { tiers?: string[]; regions?: Region[]; partners?: string[] };
  /** Review-by date relative to today; negative is already past. */
  reviewInDays?: number;
  cobrand?: boolean;
  publishedDaysAgo: number;
  content: DemoAssetContent;
  /** A second version, published this many days ago (reps who opened the first see "Updated"). */
  update?: { daysAgo: number; note: string; content: DemoAssetContent };
  /** How often partners reach for it, relative to the others. */
  popularity: number;
  /** No partner has used it for at least this many days (the "unused" report). */
  quietForDays?: number;
}

export const pdf = (pages: number, ...lines: string[]): DemoAssetContent => ({ kind: "pdf", pages, lines });
export const page = (markdown: string): DemoAssetContent => ({ kind: "page", markdown: markdown.trim() });

export const emea: Region[] = ["Western Europe", "Northern Europe", "Eastern Europe", "Middle East", "Africa"];
