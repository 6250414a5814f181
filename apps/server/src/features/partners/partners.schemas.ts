import { partnerStatuses } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

export const partnerStatus = z.enum(partnerStatuses);

export const partner = z.object({
  id: z.string(),
  name: z.string(),
  legalName: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string(),
  city: z.string(),
  postalCode: z.string(),
  country: z.string().describe("ISO 3166-1 alpha-2"),
  region: z.string(),
  territory: z.string(),
  website: z.string(),
  phone: z.string(),
  tierId: z.string().nullable(),
  tierName: z.string().nullable(),
  status: partnerStatus,
  channelManagerId: z.string().nullable(),
  channelManagerName: z.string().nullable(),
  hasLogo: z.boolean(),
  staffCount: z.number().int().describe("Active and invited users of the partner"),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const text = (max: number) => z.string().trim().max(max);

/** Empty, or an http(s) URL. */
export const websiteField = z.union([z.literal(""), z.url({ protocol: /^https?$/, message: "must be an http(s) URL or empty" }).max(300)]);
export const countryField = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, { message: "must be a 2-letter country code" });

/** Every editable field, without defaults: the PATCH body is these, all optional. */
const fields = {
  name: text(200).min(1),
  legalName: text(200).min(1),
  addressLine1: text(200),
  addressLine2: text(200),
  city: text(120),
  postalCode: text(40),
  country: countryField,
  region: text(80).min(1),
  territory: text(120),
  website: websiteField,
  phone: text(40),
  tierId: z.string().min(1).max(64).nullable(),
  status: partnerStatus,
  channelManagerId: z.string().min(1).max(64).nullable(),
  overrideReason: z
    .string()
    .trim()
    .min(10, { message: "give a reason of at least 10 characters" })
    .max(1000)
    .describe("Vendor admin only: why the partner may exceed the supported capacity"),
};

export const partnerCreate = z
  .object({
    ...fields,
    addressLine1: fields.addressLine1.default(""),
    addressLine2: fields.addressLine2.default(""),
    city: fields.city.default(""),
    postalCode: fields.postalCode.default(""),
    territory: fields.territory.default(""),
    website: fields.website.default(""),
    phone: fields.phone.default(""),
    tierId: fields.tierId.optional(),
    status: fields.status.default("prospect"),
    channelManagerId: fields.channelManagerId.optional(),
    overrideReason: fields.overrideReason.optional(),
  })
  .strict();

export const partnerPatch = z.object(fields).partial().strict();

export const partnerSort = z.enum(["name", "-name", "createdAt", "-createdAt", "status", "-status", "region"]);

export const partnerFilters = {
  q: z.string().trim().max(200).optional().describe("Matches name, legal name, city or website"),
  tierId: z.string().max(64).optional(),
  status: partnerStatus.optional(),
  region: z.string().max(80).optional(),
  channelManagerId: z.string().max(64).optional(),
  includeArchived: z.enum(["true", "false"]).default("false"),
  sort: partnerSort.default("name"),
};

export const partnerListQuery = z.object({ ...partnerFilters, ...pageQuery });
export const partnerExportQuery = z.object(partnerFilters);
export const partnerPage = pageSchema(partner);

export const partnerSummary = z.object({
  supportedPartnerCapacity: z.number().int().nullable().describe("Null for partner-side users: the vendor's capacity is internal"),
  activePartners: z.number().int().describe("Active and probation, not archived: what counts against the capacity"),
  byStatus: z.object({
    prospect: z.number().int(),
    active: z.number().int(),
    probation: z.number().int(),
    terminated: z.number().int(),
  }),
});

export const importResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int().describe("Rows that matched a partner and changed nothing"),
});

export const activityQuery = z.object(pageQuery);

export type Partner = z.infer<typeof partner>;
export type PartnerCreateInput = z.infer<typeof partnerCreate>;
export type PartnerPatch = z.infer<typeof partnerPatch>;
export type PartnerSort = z.infer<typeof partnerSort>;
export type PartnerListQuery = z.infer<typeof partnerListQuery>;
export type PartnerExportQuery = z.infer<typeof partnerExportQuery>;
export type PartnerFilters = PartnerExportQuery;
export type PartnerSummary = z.infer<typeof partnerSummary>;
export type ActivityQuery = z.infer<typeof activityQuery>;
