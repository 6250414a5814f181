import { assetAudiences, assetFormats, assetStatuses, assetTypes, assetUsageKinds, markets, regions } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

const id = z.string().min(1).max(64);
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD");
const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, "may contain letters, digits, spaces, '.', '_' and '-'");

export const cobrandBox = z
  .object({
    page: z.enum(["first", "last", "all"]),
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    width: z.number().min(0.05).max(1),
    height: z.number().min(0.05).max(1),
  })
  .strict()
  .refine((box) => box.x + box.width <= 1.0001 && box.y + box.height <= 1.0001, "the box must lie inside the page")
  .describe("Where the partner's logo and contact block go: fractions of the page, origin top-left");

export const audienceTargets = z
  .object({
    tierIds: z.array(id).max(50).default([]),
    regions: z.array(z.enum(regions)).max(20).default([]),
    partnerIds: z.array(id).max(500).default([]),
  })
  .strict();

const assetFields = {
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(2000),
  type: z.enum(assetTypes),
  language: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, "must be a language code such as en or pt-BR")
    .describe("BCP 47 language code"),
  productIds: z.array(id).max(100),
  markets: z.array(z.enum(markets)).max(markets.length),
  tags: z.array(tag).max(30),
  ownerId: id.nullable().describe("The marketing owner who keeps the asset current; defaults to the creator"),
  audience: z.enum(assetAudiences),
  audienceTargets,
  reviewBy: dateOnly.nullable().describe("After this date the asset needs review; stale competitive data sheets can be hidden"),
  coBrandable: z.boolean().describe("PDF assets only: partners download a copy stamped with their logo and contact block"),
  cobrandBox: cobrandBox.nullable(),
};

export const assetInput = z
  .object({
    ...assetFields,
    summary: assetFields.summary.default(""),
    format: z.enum(assetFormats),
    language: assetFields.language.default("en"),
    productIds: assetFields.productIds.default([]),
    markets: assetFields.markets.default([]),
    tags: assetFields.tags.default([]),
    ownerId: assetFields.ownerId.optional(),
    audience: assetFields.audience.default("all"),
    audienceTargets: audienceTargets.default({ tierIds: [], regions: [], partnerIds: [] }),
    reviewBy: assetFields.reviewBy.default(null),
    coBrandable: assetFields.coBrandable.default(false),
    cobrandBox: assetFields.cobrandBox.default(null),
    bodyMarkdown: z.string().max(200_000).optional().describe("Page assets: the first version's markdown"),
  })
  .strict();

export const assetPatch = z
  .object({ ...assetFields, status: z.enum(assetStatuses) })
  .partial()
  .strict();

export const pageVersionInput = z.object({ bodyMarkdown: z.string().min(1).max(200_000), note: z.string().max(500).default("") }).strict();

export const assetVersion = z.object({
  id: z.string(),
  version: z.number().int(),
  fileName: z.string().nullable(),
  contentType: z.string().nullable(),
  size: z.number().int().nullable(),
  pageCount: z.number().int().nullable(),
  note: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

export const assetSummary = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  type: z.enum(assetTypes),
  format: z.enum(assetFormats),
  language: z.string(),
  status: z.enum(assetStatuses),
  markets: z.array(z.string()),
  tags: z.array(z.string()),
  productIds: z.array(z.string()),
  contentType: z.string().nullable(),
  size: z.number().int().nullable(),
  currentVersion: z.number().int(),
  coBrandable: z.boolean(),
  reviewBy: z.string().nullable(),
  needsReview: z.boolean().describe("The review-by date has passed"),
  useCount: z.number().int(),
  publishedAt: z.string().nullable(),
  contentUpdatedAt: z.string().nullable(),
  updatedAt: z.string(),
  updatedSinceOpened: z.boolean().describe("A newer version came out since this user last opened the asset"),
  openedVersion: z.number().int().nullable(),
});

export const assetDetail = assetSummary.extend({
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  audience: z.enum(assetAudiences),
  audienceTargets: z.object({ tierIds: z.array(z.string()), regions: z.array(z.string()), partnerIds: z.array(z.string()) }),
  cobrandBox: cobrandBox.nullable(),
  products: z.array(z.object({ id: z.string(), sku: z.string(), name: z.string() })),
  bodyMarkdown: z.string().nullable(),
  bodyHtml: z.string().nullable().describe("Page assets: the markdown rendered safely (no raw HTML)"),
  versions: z.array(assetVersion).describe("Vendor users: every version, newest first; partners: the current one"),
  hiddenFromPartners: z.boolean().describe("Stale competitive data sheet hidden from partners by the vendor's setting"),
});

export const assetSorts = ["relevance", "newest", "most_used", "title"] as const;
export type AssetSort = (typeof assetSorts)[number];

export const assetQuery = z.object({
  ...pageQuery,
  limit: z.coerce.number().int().min(1).max(100).default(24),
  q: z.string().trim().max(200).optional().describe("Words in the title, summary, tags or the text inside PDFs (prefix match)"),
  type: z.enum(assetTypes).optional(),
  productId: id.optional(),
  market: z.enum(markets).optional(),
  tag: tag.optional(),
  language: z.string().max(10).optional(),
  status: z.enum(assetStatuses).optional().describe("Vendor users only; partners see published assets"),
  needsReview: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true"))
    .describe("Vendor users: assets past their review-by date"),
  sort: z.enum(assetSorts).optional().describe("Default: relevance when q is given, else newest"),
});
export const assetPage = pageSchema(assetSummary);

export const contentQuery = z.object({
  download: z
    .enum(["1", "0", "true", "false"])
    .optional()
    .transform((value) => value === "1" || value === "true"),
  version: z.coerce.number().int().min(1).optional().describe("Vendor users only: an earlier version"),
});

export const kitInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).default(""),
    assetIds: z.array(id).max(200).default([]),
    status: z.enum(["draft", "published"]).default("draft"),
  })
  .strict();
export const kitPatch = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000),
    assetIds: z.array(id).max(200),
    status: z.enum(["draft", "published"]),
  })
  .partial()
  .strict();
export const kit = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(["draft", "published"]),
  assets: z.array(assetSummary).describe("In kit order; partners see only the assets meant for them"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const kitList = z.object({ items: z.array(kit) });

export const usageQuery = z.object({
  from: dateOnly.optional().describe("Default: 89 days before `to`"),
  to: dateOnly.optional().describe("Default: today (UTC)"),
});
const usageCounts = { views: z.number().int(), downloads: z.number().int(), cobrandDownloads: z.number().int() };
export const usageSeries = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object(usageCounts),
  days: z.array(z.object({ day: z.string(), ...usageCounts })),
});
export const assetUsageRow = z.object({ assetId: z.string(), title: z.string(), type: z.enum(assetTypes), ...usageCounts });
export const partnerUsageRow = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  ...usageCounts,
  activeReps: z.number().int().describe("Distinct users of this partner who used the library in the period"),
});
export const repUsageRow = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  ...usageCounts,
  lastUsedAt: z.string(),
});
export const unusedAsset = z.object({
  assetId: z.string(),
  title: z.string(),
  type: z.enum(assetTypes),
  publishedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const engagementRow = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  month: z.string(),
  usersTotal: z.number().int().describe("Active partner users"),
  usersUsingLibrary: z.number().int().describe("Of them, users who viewed or downloaded an asset this month"),
  share: z.number().describe("usersUsingLibrary / usersTotal, 0 when the partner has no active users"),
});
export const engagementQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, "must be a month as YYYY-MM")
    .optional(),
});

export const libraryImage = z.object({ key: z.string(), url: z.string(), contentType: z.string() });

export const usageKinds = assetUsageKinds;

export type AssetInput = z.infer<typeof assetInput>;
export type AssetPatch = z.infer<typeof assetPatch>;
export type AssetSummary = z.infer<typeof assetSummary>;
export type AssetDetail = z.infer<typeof assetDetail>;
export type AssetVersion = z.infer<typeof assetVersion>;
export type AssetQuery = z.infer<typeof assetQuery>;
export type CobrandBoxInput = z.infer<typeof cobrandBox>;
export type KitInput = z.infer<typeof kitInput>;
export type KitPatch = z.infer<typeof kitPatch>;
export type Kit = z.infer<typeof kit>;
export type UsageSeries = z.infer<typeof usageSeries>;
export type AssetUsageRow = z.infer<typeof assetUsageRow>;
export type PartnerUsageRow = z.infer<typeof partnerUsageRow>;
export type RepUsageRow = z.infer<typeof repUsageRow>;
export type UnusedAsset = z.infer<typeof unusedAsset>;
export type EngagementRow = z.infer<typeof engagementRow>;
