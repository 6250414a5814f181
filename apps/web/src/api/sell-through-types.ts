import type { ImportRowError } from "./relationships-types";

// Sell-through (apps/server/src/features/sell-through/sell-through.schemas.ts).
export interface SellThroughLine {
  id: string;
  batchId: string;
  date: string;
  productId: string;
  sku: string;
  productName: string;
  familyId: string;
  familyName: string;
  /** Negative for a return. */
  quantity: number;
  netAmount: { amountMinor: number; currency: string };
  serials: string[];
  endCustomer: string;
  source: "csv" | "api";
  createdAt: string;
}

export interface SellThroughMonthSummary {
  month: string;
  revenueMinor: number;
  units: number;
  lines: number;
}

/** A sell-through import's preview or apply (and an API post's answer). */
export interface SellThroughRecordResult {
  mode: "preview" | "apply";
  /** null on a preview. */
  batchId: string | null;
  currency: string;
  rows: number;
  lines: number;
  errors: ImportRowError[];
  months: SellThroughMonthSummary[];
}
