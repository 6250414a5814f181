import { knownProblemKinds, knownProblemStatuses, ticketStatuses } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

const id = z.string().min(1).max(64);
const iso = z.string().describe("ISO-8601 UTC timestamp");

const fields = {
  title: z.string().trim().min(3).max(200),
  kind: z.enum(knownProblemKinds).describe("A defect to be fixed, or a limitation of the product as designed"),
  status: z.enum(knownProblemStatuses),
  description: z.string().max(50_000).describe("Markdown"),
  workaround: z.string().max(50_000).describe("Markdown; shown to partners on the tickets linked to the problem"),
  affectedVersions: z.string().trim().max(500).describe("Free text, e.g. 'firmware 2.1.0 to 2.3.4'"),
  fixVersion: z.string().trim().min(1).max(80).nullable().describe("The version that fixes it; null while none does"),
  productIds: z.array(id).max(100).describe("The products the problem affects; replaces the whole set on PATCH"),
};

export const knownProblemInput = z
  .object({
    ...fields,
    status: fields.status.default("investigating"),
    description: fields.description.default(""),
    workaround: fields.workaround.default(""),
    affectedVersions: fields.affectedVersions.default(""),
    fixVersion: fields.fixVersion.default(null),
    productIds: fields.productIds.default([]),
  })
  .strict();

// No defaults: a field left out of a PATCH keeps its value.
export const knownProblemPatch = z.object(fields).partial().strict();

export const knownProblemQuery = z
  .object({
    q: z.string().trim().max(200).optional().describe("Case-insensitive text in the title, description, workaround or affected versions"),
    productId: id.optional(),
    status: z.enum(knownProblemStatuses).optional(),
    ...pageQuery,
  })
  .strict();

const productRef = z.object({ id, sku: z.string(), name: z.string() });

export const knownProblemSummary = z.object({
  id,
  title: z.string(),
  kind: z.enum(knownProblemKinds),
  status: z.enum(knownProblemStatuses),
  affectedVersions: z.string(),
  fixVersion: z.string().nullable(),
  products: z.array(productRef),
  ticketCount: z.number().int().describe("Tickets linked to the problem"),
  partnersAffected: z.number().int().describe("Distinct partners with a linked ticket"),
  createdAt: iso,
  updatedAt: iso,
});
export const knownProblemPage = pageSchema(knownProblemSummary);

export const linkedTicket = z.object({
  id,
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(ticketStatuses),
  partner: z.object({ id, name: z.string() }),
  createdAt: iso,
});

export const knownProblemDetail = knownProblemSummary.extend({
  description: z.string(),
  descriptionHtml: z.string().describe("The markdown rendered safely (raw HTML escaped)"),
  workaround: z.string(),
  workaroundHtml: z.string(),
  createdBy: z.object({ id, name: z.string() }).nullable(),
  tickets: z.array(linkedTicket).describe("The newest linked tickets, at most 200 (ticketCount has the total)"),
});

export type KnownProblemInput = z.infer<typeof knownProblemInput>;
export type KnownProblemPatch = z.infer<typeof knownProblemPatch>;
export type KnownProblemQuery = z.infer<typeof knownProblemQuery>;
export type KnownProblemSummary = z.infer<typeof knownProblemSummary>;
export type KnownProblemDetail = z.infer<typeof knownProblemDetail>;
export type LinkedTicket = z.infer<typeof linkedTicket>;
