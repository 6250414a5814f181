import { assetTypes, markets, regions } from "@trellis/shared";
import { type Kysely, sql } from "kysely";
import { engineOf } from "../apps/server/src/db/dialect.js";
import type { AssetTable, AssetVersionTable, Database } from "../apps/server/src/db/types.js";
import { pageText } from "../apps/server/src/features/library/library.markdown.js";
import { type FoldedDocument, facetTokens, foldDocument, type SearchDocument } from "../apps/server/src/features/library/library.search.js";
import { isStaleCompetitive, reindexAsset, todayUtc } from "../apps/server/src/features/library/library.service.js";
import { uuidv7 } from "../apps/server/src/platform/ids.js";
import { benchTags, functionWordCount, vocabulary } from "./library-words.js";

/** The sales library at bench scale, written straight to the tables in batched transactions. */
export interface LibraryScale {
  assets: number;
}

export const fullLibraryScale: LibraryScale = { assets: 50_000 };

export interface LibraryRefs {
  partners: { id: string; tier_id: string | null; region: string }[];
  tierIds: string[];
  productIds: string[];
  ownerId: string;
  /** The user whose "opened" marks are written (the partner rep the bench signs in as). */
  repId: string;
}

// mulberry32: the same seed always gives the same library.
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Word index by Zipf weight (1/rank), in O(1): a table of 2^20 slots filled in proportion to the weights. */
function zipfTable(size: number): Uint16Array {
  const weights = Array.from({ length: size }, (_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const table = new Uint16Array(1 << 20);
  let slot = 0;
  let cumulative = 0;
  for (let rank = 0; rank < size; rank++) {
    cumulative += weights[rank] ?? 0;
    const end = Math.round((cumulative / total) * table.length);
    table.fill(rank, slot, end);
    slot = end;
  }
  return table;
}

const zipf = zipfTable(vocabulary.length);

export class TextMaker {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = seeded(seed);
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }
  word(skipFunctionWords = false): string {
    for (;;) {
      const rank = zipf[Math.floor(this.random() * zipf.length)] ?? 0;
      if (!skipFunctionWords || rank >= functionWordCount) return vocabulary[rank] ?? "camera";
    }
  }
  words(count: number, skipFunctionWords = false): string[] {
    return Array.from({ length: count }, () => this.word(skipFunctionWords));
  }
  sentence(min: number, max: number): string {
    const text = this.words(min + Math.floor(this.random() * (max - min + 1))).join(" ");
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }
  /** About `count` words in sentences of 8 to 16 words. */
  prose(count: number): string {
    const sentences: string[] = [];
    let written = 0;
    while (written < count) {
      const sentence = this.sentence(8, 16);
      written += sentence.split(" ").length;
      sentences.push(sentence);
    }
    return sentences.join(" ");
  }
  title(): string {
    const text = this.words(4 + Math.floor(this.random() * 5), true).join(" ");
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  }
}

/** Vocabulary ranks queries draw from: common enough to match thousands of assets, rare enough to mean something. */
export const midFrequencyWords = vocabulary.slice(120, 420);

type AudienceRow = { asset_id: string; kind: "tier" | "region" | "partner"; value: string };

interface Batch {
  assets: AssetTable[];
  versions: AssetVersionTable[];
  markets: { asset_id: string; market: string }[];
  tags: { asset_id: string; tag: string }[];
  products: { asset_id: string; product_id: string }[];
  audience: AudienceRow[];
  opens: { asset_id: string; user_id: string; version: number; opened_at: string }[];
  documents: (SearchDocument & { assetId: string; facets: string[] })[];
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

function makeBatch(text: TextMaker, refs: LibraryRefs, count: number): Batch {
  const batch: Batch = { assets: [], versions: [], markets: [], tags: [], products: [], audience: [], opens: [], documents: [] };
  for (let i = 0; i < count; i++) {
    const id = uuidv7();
    const type = text.pick(assetTypes);
    // Sales scripts and case studies are pages written in the app; the rest are files (mostly PDFs).
    const format = type === "sales_script" || type === "case_study" ? "page" : "file";
    const roll = text.random();
    const status = roll < 0.92 ? "published" : roll < 0.97 ? "draft" : "archived";
    const audienceRoll = text.random();
    const audience = audienceRoll < 0.8 ? "all" : audienceRoll < 0.88 ? "tiers" : audienceRoll < 0.95 ? "regions" : "partners";
    const created = daysAgo(text.random() * 1_000);
    const updated = daysAgo(text.random() * 400);
    const title = text.title();
    const summary = text.prose(30);
    const body = text.prose(300);
    const tagList = [...new Set(Array.from({ length: 1 + Math.floor(text.random() * 4) }, () => text.pick(benchTags)))];
    const versions = text.random() < 0.1 ? 2 : 1;
    let currentVersionId = "";
    for (let version = 1; version <= versions; version++) {
      const versionId = uuidv7();
      const isCurrent = version === versions;
      if (isCurrent) currentVersionId = versionId;
      const markdown = format === "page" ? `# ${title}\n\n${body}\n` : null;
      batch.versions.push({
        id: versionId,
        asset_id: id,
        version,
        storage_key: format === "file" ? id.replace(/-/g, "").padEnd(64, "0") : null,
        file_name: format === "file" ? "brochure.pdf" : null,
        content_type: format === "file" ? "application/pdf" : "text/markdown",
        size: body.length * 4,
        body_markdown: markdown,
        extracted_text: format === "file" && isCurrent ? body : "",
        page_count: format === "file" ? 2 + Math.floor(text.random() * 10) : null,
        note: "",
        created_by: refs.ownerId,
        created_at: isCurrent ? updated : created,
      });
      if (isCurrent) {
        // The index holds what reindexAsset would put there: the page's text, or the PDF's.
        batch.documents.push({
          assetId: id,
          title,
          summary,
          tags: tagList.join(" "),
          body: markdown !== null ? pageText(markdown) : body,
          facets: [],
        });
      }
    }
    batch.assets.push({
      id,
      title,
      summary,
      type,
      format,
      language: text.random() < 0.85 ? "en" : text.pick(["de", "fr", "es", "pt-BR"]),
      owner_id: refs.ownerId,
      audience,
      review_by: type === "competitive_data_sheet" ? daysAgo(-365 + text.random() * 500).slice(0, 10) : null,
      status,
      co_brandable: format === "file" && text.random() < 0.2 ? 1 : 0,
      cobrand_box: null,
      current_version: versions,
      current_version_id: currentVersionId,
      content_type: format === "file" ? "application/pdf" : "text/markdown",
      size: body.length * 4,
      tags_text: tagList.join(" "),
      search_key: null,
      use_count: Math.floor(1 / (text.random() + 0.01)),
      last_used_at: daysAgo(text.random() * 200),
      published_at: status === "draft" ? null : created,
      content_updated_at: updated,
      created_by: refs.ownerId,
      created_at: created,
      updated_at: updated,
    });
    for (const market of new Set(Array.from({ length: 1 + Math.floor(text.random() * 3) }, () => text.pick(markets))))
      batch.markets.push({ asset_id: id, market });
    for (const tag of tagList) batch.tags.push({ asset_id: id, tag });
    for (const productId of new Set(Array.from({ length: Math.floor(text.random() * 4) }, () => text.pick(refs.productIds))))
      batch.products.push({ asset_id: id, product_id: productId });
    if (audience === "tiers")
      for (const tierId of new Set([text.pick(refs.tierIds), text.pick(refs.tierIds)]))
        batch.audience.push({ asset_id: id, kind: "tier", value: tierId });
    if (audience === "regions")
      for (const region of new Set([text.pick(regions), text.pick(regions)])) batch.audience.push({ asset_id: id, kind: "region", value: region });
    if (audience === "partners")
      for (const partner of new Set(Array.from({ length: 1 + Math.floor(text.random() * 5) }, () => text.pick(refs.partners))))
        batch.audience.push({ asset_id: id, kind: "partner", value: partner.id });
    if (text.random() < 0.01) batch.opens.push({ asset_id: id, user_id: refs.repId, version: 1, opened_at: updated });
    // The facets reindexAsset would give this asset, from the links just made.
    const asset = batch.assets[batch.assets.length - 1] as AssetTable;
    const document = batch.documents[batch.documents.length - 1];
    const mine = <T extends { asset_id: string }>(rows: T[]) => rows.filter((row) => row.asset_id === id);
    const audienceRows = mine(batch.audience);
    if (document)
      document.facets = facetTokens({
        type: asset.type,
        language: asset.language,
        status: asset.status,
        hasContent: asset.current_version > 0,
        stale: isStaleCompetitive(asset, todayUtc()),
        audience: asset.audience,
        markets: mine(batch.markets).map((row) => row.market),
        productIds: mine(batch.products).map((row) => row.product_id),
        tags: mine(batch.tags).map((row) => row.tag),
        audienceTargets: {
          tierIds: audienceRows.filter((row) => row.kind === "tier").map((row) => row.value),
          regions: audienceRows.filter((row) => row.kind === "region").map((row) => row.value),
          partnerIds: audienceRows.filter((row) => row.kind === "partner").map((row) => row.value),
        },
      });
  }
  return batch;
}

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** The index rows, batched, with what writeSearchDocument stores (the product's folding and facets, the same tsvector expressions). */
async function writeSearchDocuments(db: Kysely<Database>, documents: Batch["documents"], searchKeys: Map<string, number>): Promise<void> {
  const folded: (FoldedDocument & { assetId: string })[] = documents.map((document) => ({
    assetId: document.assetId,
    ...foldDocument(document, document.facets),
  }));
  if (engineOf(db) === "sqlite") {
    await insertChunks(folded, 500, (chunk) => {
      const values = sql.join(
        chunk.map((row) => sql`(${searchKeys.get(row.assetId)}, ${row.title}, ${row.summary}, ${row.tags}, ${row.body}, ${row.facets})`),
      );
      return sql`insert into asset_search (rowid, title, summary, tags, body, facets) values ${values}`.execute(db);
    });
    return;
  }
  await insertChunks(folded, 500, (chunk) => {
    const values = sql.join(chunk.map((row) => sql`(${row.assetId}, ${row.title}, ${row.tags}, ${row.summary}, ${row.body}, ${row.facets})`));
    return sql`update assets set
        search_vector = setweight(to_tsvector('simple', v.title), 'A') ||
          setweight(to_tsvector('simple', v.tags), 'B') ||
          setweight(to_tsvector('simple', v.summary), 'B') ||
          setweight(to_tsvector('simple', v.body), 'D'),
        rank_vector = setweight(to_tsvector('simple', v.title), 'A') ||
          setweight(to_tsvector('simple', v.tags), 'B') ||
          setweight(to_tsvector('simple', v.summary), 'B'),
        facet_vector = to_tsvector('simple', v.facets)
      from (values ${values}) as v(id, title, tags, summary, body, facets)
      where assets.id = v.id`.execute(db);
  });
}

/** Writes the library in transactions of 1,000 assets; returns the rows written. */
export async function generateLibrary(db: Kysely<Database>, scale: LibraryScale, refs: LibraryRefs): Promise<number> {
  const text = new TextMaker(20260301);
  const sqlite = engineOf(db) === "sqlite";
  let nextSearchKey = 1;
  let rows = 0;
  for (let done = 0; done < scale.assets; done += 1_000) {
    const batch = makeBatch(text, refs, Math.min(1_000, scale.assets - done));
    const searchKeys = new Map<string, number>();
    for (const asset of batch.assets) {
      asset.search_key = sqlite ? nextSearchKey++ : null;
      if (asset.search_key !== null) searchKeys.set(asset.id, asset.search_key);
    }
    await db.transaction().execute(async (trx) => {
      await insertChunks(batch.assets, 500, (chunk) => trx.insertInto("assets").values(chunk).execute());
      await insertChunks(batch.versions, 500, (chunk) => trx.insertInto("asset_versions").values(chunk).execute());
      await insertChunks(batch.markets, 1_000, (chunk) => trx.insertInto("asset_markets").values(chunk).execute());
      await insertChunks(batch.tags, 1_000, (chunk) => trx.insertInto("asset_tags").values(chunk).execute());
      await insertChunks(batch.products, 1_000, (chunk) => trx.insertInto("asset_products").values(chunk).execute());
      await insertChunks(batch.audience, 1_000, (chunk) => trx.insertInto("asset_audience").values(chunk).execute());
      await insertChunks(batch.opens, 1_000, (chunk) => trx.insertInto("asset_opens").values(chunk).execute());
      await writeSearchDocuments(trx, batch.documents, searchKeys);
    });
    rows +=
      batch.assets.length +
      batch.versions.length +
      batch.markets.length +
      batch.tags.length +
      batch.products.length +
      batch.audience.length +
      batch.opens.length +
      batch.documents.length;
  }
  return rows;
}

/** The index content of one asset, as the engine stores it (the FTS5 table is contentless: its terms, from fts5vocab). */
async function indexedContent(db: Kysely<Database>, assetId: string): Promise<string> {
  if (engineOf(db) === "sqlite") {
    const { search_key } = await db.selectFrom("assets").select("search_key").where("id", "=", assetId).executeTakeFirstOrThrow();
    await sql`create virtual table if not exists temp.asset_search_terms using fts5vocab(main, asset_search, instance)`.execute(db);
    const terms = await sql<{
      term: string;
      col: string;
      offset: number;
    }>`select term, col, offset from temp.asset_search_terms where doc = ${search_key} order by col, offset, term`.execute(db);
    return JSON.stringify(terms.rows);
  }
  const result = await sql<{
    v: string;
  }>`select search_vector::text || '|' || rank_vector::text || '|' || facet_vector::text as v from assets where id = ${assetId}`.execute(db);
  return result.rows[0]?.v ?? "";
}

/**
 * Proof that the batched index writer stores what the product does: reindex one page asset and
 * one file asset through the product's reindexAsset and compare. Throws when they differ.
 */
export async function checkSearchIndexMatchesProduct(db: Kysely<Database>): Promise<void> {
  for (const format of ["page", "file"] as const) {
    const asset = await db.selectFrom("assets").select("id").where("format", "=", format).orderBy("id").executeTakeFirstOrThrow();
    const before = await indexedContent(db, asset.id);
    if (before === "[]" || before === "") throw new Error(`bench search index is empty for ${format} asset ${asset.id}`);
    await db.transaction().execute((trx) => reindexAsset(trx, asset.id));
    const after = await indexedContent(db, asset.id);
    if (before !== after) throw new Error(`bench search index differs from the product's reindexAsset for ${format} asset ${asset.id}`);
  }
}
