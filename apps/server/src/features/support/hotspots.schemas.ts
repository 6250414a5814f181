import { z } from "zod";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM");

export const hotspotDimensions = ["product", "firmware", "known_problem"] as const;
export type HotspotDimension = (typeof hotspotDimensions)[number];

export const maxHotspotMonths = 36;

export const hotspotQuery = z
  .object({
    from: month.optional().describe("First month (UTC), inclusive; default: 11 months before `to`"),
    to: month.optional().describe("Last month (UTC), inclusive; default: this month"),
    dimension: z
      .enum(hotspotDimensions)
      .default("product")
      .describe("product; firmware: product + firmware version ('' shown as unknown); known_problem: tickets linked to one"),
    productId: z.string().min(1).max(64).optional().describe("Only tickets that name this product"),
  })
  .strict();

const point = z.object({ month: z.string(), tickets: z.number().int(), hours: z.number() });

export const hotspot = z.object({
  key: z.string().describe("Stable id of the row: the product id, 'productId|firmware', or the known problem id"),
  label: z.string().describe("Product name, 'product firmware', or known problem title"),
  productId: z.string().nullable(),
  firmwareVersion: z.string().nullable().describe("Firmware dimension only; '' when the ticket gave none"),
  knownProblemId: z.string().nullable(),
  tickets: z.number().int().describe("Tickets created in the range; a ticket naming several products counts for each"),
  hours: z.number().describe("Hours logged on those tickets (2 decimals)"),
  partners: z.number().int().describe("Distinct partners affected"),
  series: z.array(point).describe("One entry per month of the range, oldest first, zeros included"),
});

export const hotspotReport = z.object({
  from: month,
  to: month,
  dimension: z.enum(hotspotDimensions),
  months: z.array(z.string()),
  items: z.array(hotspot).describe("The top 20 by tickets, then hours"),
});

export type HotspotQuery = z.infer<typeof hotspotQuery>;
export type Hotspot = z.infer<typeof hotspot>;
export type HotspotReport = z.infer<typeof hotspotReport>;
