import { expect } from "vitest";
import type { as } from "./harness.js";

/** Helpers shared by the knowledge-base api tests: articles made through the HTTP API. */
type Client = ReturnType<typeof as>;

export interface ArticleJson {
  id: string;
  title: string;
  summary: string;
  status: string;
  productIds: string[];
  sourceTicketId: string | null;
  viewCount: number;
  solvedCount: number;
  notSolvedCount: number;
  bodyMarkdown: string;
  bodyHtml: string;
  products: { id: string; sku: string; name: string }[];
  audienceTargets: { tierIds: string[]; regions: string[]; partnerIds: string[] };
  myVote: boolean | null;
  [key: string]: unknown;
}

/** A published article for every partner unless the input says otherwise. */
export async function createArticle(client: Client, input: Record<string, unknown> & { title: string }): Promise<ArticleJson> {
  const created = await client.post("/api/v1/knowledge/articles", { bodyMarkdown: `About ${input.title}.`, status: "published", ...input });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

/** The ids of one page of the listing for this query string (no leading `?`). */
export async function listedArticleIds(client: Client, query = ""): Promise<string[]> {
  const listed = await client.get(`/api/v1/knowledge/articles?limit=100${query ? `&${query}` : ""}`);
  expect(listed.statusCode, listed.body).toBe(200);
  return (listed.json() as { items: { id: string }[] }).items.map((item) => item.id);
}

export async function suggestedIds(client: Client, q: string, productIds: string[] = []): Promise<string[]> {
  const products = productIds.length ? `&productIds=${productIds.join(",")}` : "";
  const suggested = await client.get(`/api/v1/knowledge/suggest?q=${encodeURIComponent(q)}${products}`);
  expect(suggested.statusCode, suggested.body).toBe(200);
  return (suggested.json() as { items: { id: string }[] }).items.map((item) => item.id);
}

/** A product in a new family, through the catalogue API. */
export async function createProduct(admin: Client, sku: string): Promise<string> {
  const family = await admin.post("/api/v1/product-families", { name: `Family ${sku}` });
  expect(family.statusCode, family.body).toBe(201);
  const product = await admin.post("/api/v1/products", {
    sku,
    name: `Product ${sku}`,
    familyId: family.json().id,
    listPrice: { amountMinor: 1000, currency: "USD" },
    serialPattern: "[A-Z0-9-]+",
  });
  expect(product.statusCode, product.body).toBe(201);
  return product.json().id;
}
