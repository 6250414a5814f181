import type { businessPlanStatuses, PlanItemKind, PlanItemMeasure, planItemSides, planItemStatuses, planItemUnits } from "@trellis/shared";

// Joint business plans as the API answers (apps/server/src/features/business-plans/*.schemas.ts).
export type BusinessPlanStatus = (typeof businessPlanStatuses)[number];
export type PlanItemSide = (typeof planItemSides)[number];
export type PlanItemStatus = (typeof planItemStatuses)[number];
export type PlanItemUnit = (typeof planItemUnits)[number];

export interface PlanFulfilment {
  items: number;
  done: number;
  doneShare: number | null;
  averageProgress: number | null;
  measuredItems: number;
  notMeasuredItems: number;
}

export interface PlanItem {
  id: string;
  side: PlanItemSide;
  kind: PlanItemKind;
  title: string;
  /** money: minor units; hours: hundredths of an hour; count: a number. */
  targetValue: number;
  unit: PlanItemUnit;
  measure: PlanItemMeasure | null;
  dueOn: string;
  status: PlanItemStatus;
  /** null: nothing entered, or not measured (never shown as 0). */
  actualValue: number | null;
  measured: boolean;
  source: "measured" | "manual" | "not_measured";
  basis: string;
  /** 0..1; null: not measured and nothing entered. */
  progress: number | null;
  note: string;
  updatedAt: string;
}

export interface BusinessPlan {
  id: string;
  partnerId: string;
  year: number;
  status: BusinessPlanStatus;
  notes: string;
  currency: string;
  items: PlanItem[];
  fulfilment: { vendor: PlanFulfilment; partner: PlanFulfilment };
  createdAt: string;
  updatedAt: string;
}

export interface BusinessPlanSummary {
  id: string;
  year: number;
  status: BusinessPlanStatus;
  items: number;
  updatedAt: string;
}

export interface PlanItemInput {
  side: PlanItemSide;
  kind: PlanItemKind;
  title: string;
  targetValue: number;
  unit: PlanItemUnit;
  /** Omitted: the kind's usual measure; null: kept by hand. */
  measure?: PlanItemMeasure | null;
  dueOn: string;
  note?: string;
}

export interface PlanInput {
  year: number;
  notes?: string;
  items?: PlanItemInput[];
}

export interface PlanPatch {
  status?: BusinessPlanStatus;
  notes?: string;
}

export interface PlanItemPatch {
  status?: PlanItemStatus;
  actualValue?: number | null;
  note?: string;
  title?: string;
  targetValue?: number;
  dueOn?: string;
}
