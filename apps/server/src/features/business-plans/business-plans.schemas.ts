import {
  businessPlanStatuses,
  type PlanItemKind,
  type PlanItemMeasure,
  planItemDefaultMeasures,
  planItemKindMeasures,
  planItemKinds,
  planItemKindsBySide,
  planItemMeasures,
  planItemMeasureUnits,
  planItemSides,
  planItemStatuses,
  planItemUnits,
} from "@trellis/shared";
import { z } from "zod";

const id = z.string().min(1).max(64);
const iso = z.string().describe("ISO-8601 UTC timestamp");
const date = z.iso.date({ message: "must be a date YYYY-MM-DD" });
const value = z.number().int().min(0).max(1_000_000_000_000_000);
const valueHelp = "money: minor units of the reporting currency; hours: hundredths of an hour (150 = 1.5 h); count: a number";

export const planParams = z.object({ partnerId: id });
export const planYearParams = planParams.extend({ year: z.coerce.number().int().min(2000).max(2100) });
export const planItemParams = planYearParams.extend({ itemId: id });

/** The measure an item gets: the one named, null for a hand-kept item, or the kind's usual one when omitted. */
export function effectiveMeasure(item: { kind: PlanItemKind; measure?: PlanItemMeasure | null }): PlanItemMeasure | null {
  return item.measure === undefined ? (planItemDefaultMeasures[item.kind] ?? null) : item.measure;
}

export const planItemInput = z
  .object({
    side: z.enum(planItemSides),
    kind: z.enum(planItemKinds).describe("Partner: targets and its commitments; vendor: its commitments; either: other"),
    title: z.string().trim().min(1).max(200),
    targetValue: value.min(1).describe(valueHelp),
    unit: z.enum(planItemUnits),
    measure: z
      .enum(planItemMeasures)
      .nullable()
      .optional()
      .describe("The figure that fills the actual from real data. Omitted: the kind's usual one, if any; null: kept by hand"),
    dueOn: date.describe("Within the plan's year"),
    note: z.string().max(2000).default(""),
  })
  .strict()
  .superRefine((item, issues) => {
    if (!planItemKindsBySide[item.side].includes(item.kind)) {
      issues.addIssue({
        code: "custom",
        path: ["kind"],
        message: `a ${item.side} item's kind is one of ${planItemKindsBySide[item.side].join(", ")}`,
      });
    }
    if (item.measure && !planItemKindMeasures[item.kind].includes(item.measure)) {
      const allowed = planItemKindMeasures[item.kind];
      issues.addIssue({
        code: "custom",
        path: ["measure"],
        message: allowed.length
          ? `a ${item.kind} item is measured by ${allowed.join(" or ")}, or null`
          : `a ${item.kind} item is kept by hand (null)`,
      });
    }
    const measure = effectiveMeasure(item);
    if (measure && planItemMeasureUnits[measure] !== item.unit) {
      const hint = item.measure === undefined ? ` (the ${item.kind} kind's usual measure; send measure: null to keep it by hand)` : "";
      issues.addIssue({ code: "custom", path: ["unit"], message: `${measure} is measured in ${planItemMeasureUnits[measure]}${hint}` });
    }
  });
export type PlanItemInput = z.infer<typeof planItemInput>;

export const planInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    notes: z.string().max(10_000).default(""),
    items: z.array(planItemInput).max(200).default([]),
  })
  .strict();
export type PlanInput = z.infer<typeof planInput>;

export const planPatch = z
  .object({
    status: z.enum(businessPlanStatuses).optional().describe("draft -> agreed -> closed; a closed plan's items cannot change"),
    notes: z.string().max(10_000).optional(),
  })
  .strict();
export type PlanPatch = z.infer<typeof planPatch>;

export const planItemPatch = z
  .object({
    status: z.enum(planItemStatuses).optional().describe("Only for an item whose actual is not measured from data"),
    actualValue: z
      .number()
      .int()
      .min(-1_000_000_000_000_000)
      .max(1_000_000_000_000_000)
      .nullable()
      .optional()
      .describe("Only for an item whose actual is not measured from data; null clears it"),
    note: z.string().max(2000).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    targetValue: value.min(1).optional(),
    dueOn: date.optional(),
  })
  .strict();
export type PlanItemPatch = z.infer<typeof planItemPatch>;

const fulfilment = z.object({
  items: z.number().int(),
  done: z.number().int(),
  doneShare: z.number().nullable().describe("Share of the side's items that are done, 0..1"),
  averageProgress: z.number().nullable().describe("Mean of min(actual / target, 1) over items that have an actual (not-measured ones are left out)"),
  measuredItems: z.number().int(),
  notMeasuredItems: z.number().int(),
});

export const planFulfilment = z.object({ vendor: fulfilment, partner: fulfilment });

export const planItem = z.object({
  id,
  side: z.enum(planItemSides),
  kind: z.enum(planItemKinds),
  title: z.string(),
  targetValue: z.number().int(),
  unit: z.enum(planItemUnits),
  measure: z.enum(planItemMeasures).nullable(),
  dueOn: z.string(),
  status: z.enum(planItemStatuses).describe("Measured items: from the data on every read; others: as entered"),
  actualValue: z.number().int().nullable().describe("null: nothing entered, or not measured (never shown as 0)"),
  measured: z.boolean().describe("The actual comes from real data"),
  source: z.enum(["measured", "manual", "not_measured"]),
  basis: z.string().describe("Where the actual comes from, in words"),
  progress: z.number().nullable().describe("0..1; null: not measured and nothing entered"),
  note: z.string(),
  updatedAt: iso,
});

export const plan = z.object({
  id,
  partnerId: id,
  year: z.number().int(),
  status: z.enum(businessPlanStatuses),
  notes: z.string(),
  currency: z.string().describe("Currency of the money items (the reporting currency)"),
  items: z.array(planItem),
  fulfilment: planFulfilment,
  createdAt: iso,
  updatedAt: iso,
});

export const planSummary = z.object({
  id,
  year: z.number().int(),
  status: z.enum(businessPlanStatuses),
  items: z.number().int(),
  updatedAt: iso,
});
export const planList = z.object({ items: z.array(planSummary) });

export type Plan = z.infer<typeof plan>;
export type PlanItem = z.infer<typeof planItem>;
export type PlanSummary = z.infer<typeof planSummary>;
