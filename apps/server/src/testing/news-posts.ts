import { expect } from "vitest";
import { nowIso } from "../db/dialect.js";
import { postInput } from "../features/news/news.schemas.js";
import { createPost } from "../features/news/news.service.js";
import { uuidv7 } from "../platform/ids.js";
import type { as, TestApp } from "./harness.js";

/** Helpers shared by the news api tests: posts written and read through the HTTP API. */
export type Client = ReturnType<typeof as>;

export interface FeedPostJson {
  id: string;
  title: string;
  excerpt: string;
  category: string;
  publishAt: string | null;
  pinned: boolean;
  mustRead: boolean;
  read: boolean;
  acknowledged: boolean;
  commentCount: number;
  attachmentCount: number;
}

export interface PostDetailJson extends FeedPostJson {
  bodyHtml: string;
  bodyMarkdown: string | null;
  audience: { tierIds: string[]; regions: string[]; partnerIds: string[]; roles: string[] };
  products: { id: string; sku: string; name: string }[];
  assets: { id: string; title: string }[];
  attachments: { id: string; fileName: string; contentType: string; size: number; url: string }[];
  expiresAt: string | null;
  status: string;
  state: string;
  author: { id: string; name: string } | null;
  readAt: string | null;
  acknowledgedAt: string | null;
  canComment: boolean;
  commentsEnabled: boolean;
}

export interface FeedPageJson {
  items: FeedPostJson[];
  nextCursor: string | null;
  unreadCount: number;
}

export interface PostFields {
  title?: string;
  bodyMarkdown?: string;
  category?: string;
  audience?: { tierIds?: string[]; regions?: string[]; partnerIds?: string[]; roles?: string[] };
  publishAt?: string | null;
  expiresAt?: string | null;
  pinned?: boolean;
  mustRead?: boolean;
  commentsEnabled?: boolean;
  productIds?: string[];
  assetIds?: string[];
  status?: "draft" | "published";
}

let counter = 0;

/** Writes a post (published to every partner unless told otherwise) and returns its detail. */
export async function writePost(client: Client, fields: PostFields = {}): Promise<PostDetailJson> {
  counter += 1;
  const response = await client.post("/api/v1/news/posts", {
    title: `Post ${counter}`,
    bodyMarkdown: `Body of post ${counter}.`,
    category: "company",
    status: "published",
    ...fields,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as PostDetailJson;
}

export async function feedOf(client: Client, query = ""): Promise<FeedPageJson> {
  const response = await client.get(`/api/v1/news/feed${query ? `?${query}` : ""}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as FeedPageJson;
}

/** Every page of the feed, following nextCursor. */
export async function wholeFeed(client: Client, query = "", limit = 20): Promise<FeedPostJson[]> {
  const items: FeedPostJson[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const params = new URLSearchParams(query);
    params.set("limit", String(limit));
    if (cursor) params.set("cursor", cursor);
    const page = await feedOf(client, params.toString());
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export async function createTier(app: TestApp, name: string, rank = 1): Promise<string> {
  const id = uuidv7();
  const now = nowIso();
  await app.ctx.db.insertInto("tiers").values({ id, name, rank, description: "", created_at: now, updated_at: now }).execute();
  return id;
}

export const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** A published post written through the service as the given vendor user (no session needed). */
export async function createNewsPostFixture(app: TestApp, authorId: string, fields: PostFields = {}): Promise<PostDetailJson> {
  const input = postInput.parse({ title: "Fixture post", category: "company", status: "published", ...fields });
  const actor = {
    kind: "user",
    userId: authorId,
    role: "marketing",
    partnerId: null,
    name: "Fixture author",
    email: "",
    sessionId: "",
    csrfToken: "",
  } as const;
  return createPost(app.ctx, actor, input, "fixture");
}
