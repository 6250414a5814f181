import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { extractPdfText } from "../features/library/pdf.js";
import { makeSamplePdf } from "../features/library/sample-pdf.js";
import type { as } from "./harness.js";
import { type MultipartFile, multipartBody } from "./multipart.js";

/** Helpers shared by the sales-library api tests: assets made and published through the HTTP API. */
export type Client = ReturnType<typeof as>;
export type Reply = Awaited<ReturnType<Client["get"]>>;

export interface AssetDetailJson {
  id: string;
  title: string;
  status: string;
  type: string;
  currentVersion: number;
  contentType: string | null;
  size: number | null;
  useCount: number;
  needsReview: boolean;
  hiddenFromPartners: boolean;
  updatedSinceOpened: boolean;
  openedVersion: number | null;
  coBrandable: boolean;
  productIds: string[];
  tags: string[];
  markets: string[];
  bodyMarkdown: string | null;
  bodyHtml: string | null;
  versions: { version: number; fileName: string | null; note: string; contentType: string | null }[];
  [key: string]: unknown;
}

/** A real 1x1 PNG. */
export const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** An MP4 as far as any sniffer can tell: an `ftyp isom` box, then zeros up to `size` bytes. */
export function fakeMp4(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex").copy(bytes);
  return bytes;
}

export async function samplePdf(title: string, lines: string[] = [], pages = Math.max(1, lines.length)): Promise<Buffer> {
  return Buffer.from(await makeSamplePdf({ title, pages, lines }));
}

/** The text inside a PDF, as the library's search indexer reads it. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "trellis-lib-test-"));
  try {
    const path = join(dir, "file.pdf");
    await writeFile(path, bytes);
    return (await extractPdfText(path)).text;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function uploadFile(client: Client, assetId: string, file: MultipartFile, note?: string): Promise<Reply> {
  const { body, headers } = multipartBody(note === undefined ? {} : { note }, file);
  return client.post(`/api/v1/library/assets/${assetId}/file`, body, headers);
}

export async function createAsset(client: Client, input: Record<string, unknown>): Promise<AssetDetailJson> {
  const created = await client.post("/api/v1/library/assets", { format: "file", type: "brochure", ...input });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

export async function publish(client: Client, assetId: string): Promise<AssetDetailJson> {
  const published = await client.patch(`/api/v1/library/assets/${assetId}`, { status: "published" });
  expect(published.statusCode, published.body).toBe(200);
  return published.json();
}

/** A published file asset; its file is a sample PDF named after the title unless one is given. */
export async function publishedFileAsset(
  client: Client,
  input: Record<string, unknown> & { title: string },
  file?: MultipartFile,
): Promise<AssetDetailJson> {
  const asset = await createAsset(client, input);
  const uploaded = await uploadFile(
    client,
    asset.id,
    file ?? { bytes: await samplePdf(input.title), fileName: "upload.pdf", contentType: "application/pdf" },
  );
  expect(uploaded.statusCode, uploaded.body).toBe(200);
  return publish(client, asset.id);
}

export async function publishedPageAsset(
  client: Client,
  input: Record<string, unknown> & { title: string },
  bodyMarkdown: string,
): Promise<AssetDetailJson> {
  const asset = await createAsset(client, { type: "sales_script", ...input, format: "page", bodyMarkdown });
  return publish(client, asset.id);
}

/** The ids of one page of the listing for this query string (no leading `?`). */
export async function listedIds(client: Client, query = ""): Promise<string[]> {
  const listed = await client.get(`/api/v1/library/assets?limit=100${query ? `&${query}` : ""}`);
  expect(listed.statusCode, listed.body).toBe(200);
  return (listed.json() as { items: { id: string }[] }).items.map((item) => item.id);
}

export const pdfFile = (bytes: Buffer, fileName = "file.pdf"): MultipartFile => ({ bytes, fileName, contentType: "application/pdf" });
