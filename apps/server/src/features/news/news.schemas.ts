import { commentStatuses, commentVisibilities, newsCategories, newsPostStatuses, partnerRoles, regions } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

const id = z.string().min(1).max(64);

// Normalised to the stored form (milliseconds, Z), so text comparison on SQLite is exact.
const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());

/** Where a post stands for its readers: a published post with a future publish time is scheduled. */
export const postStates = ["draft", "scheduled", "published", "expired", "archived"] as const;
export type PostState = (typeof postStates)[number];

export const audienceInput = z
  .object({
    tierIds: z.array(id).max(50).default([]),
    regions: z.array(z.enum(regions)).max(20).default([]),
    partnerIds: z.array(id).max(500).default([]),
    roles: z.array(z.enum(partnerRoles)).max(partnerRoles.length).default([]).describe("Partner roles; none: every partner role"),
  })
  .strict()
  .describe("Within a dimension the choices are alternatives, across dimensions they narrow; named partners are always included");

const postFields = {
  title: z.string().trim().min(1).max(200),
  bodyMarkdown: z.string().max(100_000).describe("Markdown; raw HTML is shown as text; images only from /api/v1/news/images or the library"),
  category: z.enum(newsCategories),
  audience: audienceInput,
  publishAt: timestamp.nullable().describe("null: now, when published; a future time schedules the post"),
  expiresAt: timestamp.nullable().describe("After this the post leaves partners' feeds"),
  pinned: z.boolean(),
  mustRead: z.boolean().describe("Partners acknowledge it with one click; listed by GET /news/must-read until then"),
  commentsEnabled: z.boolean(),
  productIds: z.array(id).max(50),
  assetIds: z.array(id).max(50),
};

export const postInput = z
  .object({
    ...postFields,
    bodyMarkdown: postFields.bodyMarkdown.default(""),
    audience: audienceInput.default({ tierIds: [], regions: [], partnerIds: [], roles: [] }),
    publishAt: postFields.publishAt.default(null),
    expiresAt: postFields.expiresAt.default(null),
    pinned: postFields.pinned.default(false),
    mustRead: postFields.mustRead.default(false),
    commentsEnabled: postFields.commentsEnabled.default(true),
    productIds: postFields.productIds.default([]),
    assetIds: postFields.assetIds.default([]),
    status: z.enum(["draft", "published"]).default("draft"),
  })
  .strict();

export const postPatch = z
  .object({ ...postFields, status: z.enum(newsPostStatuses).describe("archived: off every feed, kept for the record") })
  .partial()
  .strict();

const person = z.object({ id: z.string(), name: z.string() });

export const attachment = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
  createdAt: z.string(),
});

export const feedPost = z.object({
  id: z.string(),
  title: z.string(),
  excerpt: z.string(),
  category: z.enum(newsCategories),
  publishAt: z.string().nullable(),
  pinned: z.boolean(),
  mustRead: z.boolean(),
  read: z.boolean().describe("The caller opened it (partner users; vendor users' opens are not recorded)"),
  acknowledged: z.boolean().describe("The caller acknowledged it (must-read posts)"),
  commentCount: z.number().int().describe("Comments the caller may see"),
  attachmentCount: z.number().int(),
});

export const feedPage = pageSchema(feedPost).extend({
  unreadCount: z.number().int().describe("Unread posts in the caller's feed published in the last 90 days (filters ignored); 0 for vendor users"),
});

export const feedQuery = z.object({
  ...pageQuery,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  category: z.enum(newsCategories).optional(),
  q: z.string().trim().max(200).optional().describe("Words in the title or body, case- and accent-insensitive"),
  unread: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true")
    .describe("true: only posts the caller has not opened"),
});

export const postDetail = feedPost.extend({
  bodyHtml: z.string().describe("The markdown rendered safely (raw HTML escaped)"),
  bodyMarkdown: z.string().nullable().describe("Editors only; null for readers"),
  audience: z.object({ tierIds: z.array(z.string()), regions: z.array(z.string()), partnerIds: z.array(z.string()), roles: z.array(z.string()) }),
  products: z.array(z.object({ id: z.string(), sku: z.string(), name: z.string() })),
  assets: z.array(z.object({ id: z.string(), title: z.string() })),
  attachments: z.array(attachment),
  expiresAt: z.string().nullable(),
  status: z.enum(newsPostStatuses),
  state: z.enum(postStates),
  author: person.nullable(),
  readAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  canComment: z.boolean().describe("The caller may add a comment now"),
  commentsEnabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const editorPost = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(newsCategories),
  status: z.enum(newsPostStatuses),
  state: z.enum(postStates),
  publishAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  pinned: z.boolean(),
  mustRead: z.boolean(),
  reach: z.number().int().describe("Active partner users in the audience now"),
  reads: z.number().int().describe("Partner users who opened it"),
  acknowledgements: z.number().int().describe("Partner users who acknowledged it (must-read posts)"),
  commentCount: z.number().int(),
  author: person.nullable(),
  updatedAt: z.string(),
});

export const editorQuery = z.object({
  ...pageQuery,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(postStates).optional().describe("Default: everything but archived"),
  category: z.enum(newsCategories).optional(),
  q: z.string().trim().max(200).optional(),
});

export const readReceipt = z.object({
  readAt: z.string().nullable().describe("The first open; null for vendor users, whose opens are not recorded"),
});
export const acknowledgement = z.object({ readAt: z.string(), acknowledgedAt: z.string() });

export const commentInput = z
  .object({
    body: z.string().trim().min(1).max(5_000),
    visibility: z
      .enum(commentVisibilities)
      .optional()
      .describe("audience: everyone the post reaches; partner: the asker's organisation and the vendor. Default: the thread's, else audience"),
    parentId: id.optional().describe("The question this answers or follows up"),
  })
  .strict();

export const moderationInput = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const comment = z.object({
  id: z.string(),
  postId: z.string(),
  parentId: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string(), side: z.enum(["vendor", "partner"]) }),
  partnerName: z.string().nullable().describe("The organisation whose thread this is; null for vendor-started threads"),
  body: z.string(),
  visibility: z.enum(commentVisibilities),
  status: z.enum(commentStatuses),
  moderationReason: z.string().nullable().describe("Moderators only"),
  createdAt: z.string(),
});

export const partnerReach = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  reach: z.number().int(),
  reads: z.number().int(),
  acknowledgements: z.number().int(),
});

export const postAnalytics = z.object({
  postId: z.string(),
  reach: z.number().int().describe("Active partner users in the audience now"),
  reads: z.number().int().describe("Of them, users who opened the post"),
  acknowledgements: z.number().int().describe("Of them, users who acknowledged it"),
  readRate: z.number().describe("reads / reach; 0 without reach"),
  acknowledgementRate: z.number().nullable().describe("acknowledgements / reach; null unless must-read"),
  partners: z.array(partnerReach).describe("Per partner in the audience, lowest read rate first"),
});

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM");

export const readShareQuery = z.object({ month: month.optional().describe("Default: this month (UTC)") });

export const readShareRow = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  activeUsers: z.number().int(),
  readers: z.number().int().describe("Active users who opened at least one post in the month"),
  share: z.number().describe("readers / activeUsers"),
});

export const readShare = z.object({ month: z.string(), partners: z.array(readShareRow) });

export const newsImage = z.object({ id: z.string(), url: z.string() });

export type PostInput = z.infer<typeof postInput>;
export type PostPatch = z.infer<typeof postPatch>;
export type AudienceInput = z.infer<typeof audienceInput>;
export type FeedPost = z.infer<typeof feedPost>;
export type FeedPage = z.infer<typeof feedPage>;
export type FeedQuery = z.infer<typeof feedQuery>;
export type PostDetail = z.infer<typeof postDetail>;
export type EditorPost = z.infer<typeof editorPost>;
export type EditorQuery = z.infer<typeof editorQuery>;
export type CommentInput = z.infer<typeof commentInput>;
export type Comment = z.infer<typeof comment>;
export type Attachment = z.infer<typeof attachment>;
export type PostAnalytics = z.infer<typeof postAnalytics>;
export type ReadShare = z.infer<typeof readShare>;
