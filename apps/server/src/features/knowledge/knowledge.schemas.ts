import { articleStatuses, assetAudiences } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";
import { audienceTargets } from "../library/library.schemas.js";

const id = z.string().min(1).max(64);

/** Audience targets as the sales library takes them: tiers, regions or named partners. */
export { audienceTargets };

const articleFields = {
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(1000).describe("One or two sentences shown in search results and ticket suggestions"),
  bodyMarkdown: z.string().max(100_000).describe("The article in markdown; raw HTML is shown as text"),
  status: z.enum(articleStatuses),
  productIds: z.array(id).max(50),
  audience: z.enum(assetAudiences).describe("Which partners see the article once published; vendor users see every article"),
  audienceTargets,
};

export const articleInput = z
  .object({
    ...articleFields,
    summary: articleFields.summary.default(""),
    bodyMarkdown: articleFields.bodyMarkdown.default(""),
    status: articleFields.status.default("draft"),
    productIds: articleFields.productIds.default([]),
    audience: articleFields.audience.default("all"),
    audienceTargets: audienceTargets.default({ tierIds: [], regions: [], partnerIds: [] }),
    sourceTicketId: id.nullable().default(null).describe("The support ticket the article was written from"),
  })
  .strict();

export const articlePatch = z.object(articleFields).partial().strict();

export const articlePreviewInput = z.object({ bodyMarkdown: articleFields.bodyMarkdown }).strict();
export const articlePreview = z.object({ bodyHtml: z.string() });

export const feedbackInput = z.object({ solved: z.boolean().describe("true: the article solved the problem; false: it did not") }).strict();

const counts = {
  viewCount: z.number().int().describe("Partner users' views, each user counted once per article per UTC day"),
  solvedCount: z.number().int().describe("Partner users who said the article solved their problem"),
  notSolvedCount: z.number().int().describe("Partner users who said it did not"),
};

export const articleFeedback = z.object({
  ...counts,
  myVote: z.boolean().nullable().describe("The caller's answer to 'Did this solve it?'; null: not answered"),
});

export const articleSummary = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(articleStatuses),
  audience: z.enum(assetAudiences),
  productIds: z.array(z.string()),
  sourceTicketId: z.string().nullable().describe("Vendor users only; null for partners"),
  ...counts,
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const articleDetail = articleSummary.extend({
  bodyMarkdown: z.string(),
  bodyHtml: z.string().describe("The markdown rendered safely (raw HTML escaped)"),
  products: z.array(z.object({ id: z.string(), sku: z.string(), name: z.string() })),
  audienceTargets: z.object({ tierIds: z.array(z.string()), regions: z.array(z.string()), partnerIds: z.array(z.string()) }),
  myVote: z.boolean().nullable(),
  createdByName: z.string().nullable(),
  updatedByName: z.string().nullable(),
});

export const articleSorts = ["relevance", "newest", "most_viewed", "most_solved"] as const;
export type ArticleSort = (typeof articleSorts)[number];

export const articleQuery = z.object({
  ...pageQuery,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().max(200).optional().describe("Words in the title, summary or body; every word must match (prefix match)"),
  productId: id.optional(),
  status: z.enum(articleStatuses).optional().describe("Vendor users only (default: drafts and published); partners see published articles"),
  sourceTicketId: id.optional().describe("Vendor users only: articles written from this ticket"),
  sort: z.enum(articleSorts).optional().describe("Default: relevance when q is given, else newest (last updated first)"),
});
export const articlePage = pageSchema(articleSummary);

const idList = z
  .union([z.string().max(2000), z.array(z.string().max(64)).max(20)])
  .optional()
  .transform((value) =>
    (Array.isArray(value) ? value : (value ?? "").split(","))
      .map((item) => item.trim())
      .filter(Boolean)
      .slice(0, 20),
  );

export const suggestQuery = z.object({
  q: z
    .string()
    .max(4000)
    .default("")
    .describe("What the partner has typed so far (subject and description); under 2 characters gives no suggestions"),
  productIds: idList.describe("The ticket's products, comma-separated or repeated: their articles rank first among equal matches"),
  limit: z.coerce.number().int().min(1).max(5).default(5),
});

export const articleSuggestion = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  snippet: z.string().describe("A short passage of the body around the first matching word"),
  solvedCount: z.number().int(),
});
export const suggestionList = z.object({ items: z.array(articleSuggestion) });

export type ArticleInput = z.infer<typeof articleInput>;
export type ArticleCreateFields = z.input<typeof articleInput>;
export type ArticlePatch = z.infer<typeof articlePatch>;
export type ArticleSummary = z.infer<typeof articleSummary>;
export type ArticleDetail = z.infer<typeof articleDetail>;
export type ArticleQuery = z.infer<typeof articleQuery>;
export type ArticleFeedback = z.infer<typeof articleFeedback>;
export type ArticleSuggestion = z.infer<typeof articleSuggestion>;
