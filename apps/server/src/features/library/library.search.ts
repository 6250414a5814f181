import { type Kysely, type RawBuilder, sql } from "kysely";
import { engineOf, foldSearchText, searchTokens } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";

/**
 * Full-text search over assets (ADR 0005). SQLite keeps a contentless FTS5 table keyed by
 * assets.search_key; PostgreSQL keeps tsvectors on assets with GIN indexes. Both index text
 * folded by the app (foldSearchText) and match every query word as a prefix, so the engines agree.
 *
 * Besides the words, each asset carries facet tokens (type, markets, products, tags, language,
 * status, audience, staleness). A filtered search asks the index for the words AND the facets, so
 * the engine narrows to the few matching assets before any asset row is read. The listing still
 * applies the full visibility rules in SQL on the rows it returns, so a facet that is a little
 * behind (a review-by date passing overnight) can only hide an asset, never show one.
 */
export interface SearchDocument {
  title: string;
  summary: string;
  tags: string;
  body: string;
}

/** What an asset is, for its facet tokens. */
export interface FacetSource {
  type: string;
  language: string;
  status: string;
  hasContent: boolean;
  stale: boolean;
  audience: string;
  markets: readonly string[];
  productIds: readonly string[];
  tags: readonly string[];
  audienceTargets: { tierIds: readonly string[]; regions: readonly string[]; partnerIds: readonly string[] };
}

/** Characters of PDF text indexed per asset: enough for a 100-page brochure, bounded for the index's size. */
export const maxIndexedBodyChars = 100_000;

/** One token of letters and digits, so every engine's tokenizer keeps it whole. */
function token(prefix: string, value: string): string {
  return `${prefix}${foldSearchText(value).replace(/[^\p{L}\p{N}]+/gu, "")}`;
}

export const facet = {
  type: (type: string) => token("type", type),
  market: (market: string) => token("market", market),
  product: (productId: string) => token("product", productId),
  tag: (tag: string) => token("tag", tag),
  language: (language: string) => token("lang", language),
  status: (status: string) => token("status", status),
  /** Published and with content: what partners may see. */
  live: "live",
  stale: "stalecompetitive",
  audienceAll: "audall",
  tier: (tierId: string) => token("audtier", tierId),
  region: (region: string) => token("audregion", region),
  partner: (partnerId: string) => token("audpartner", partnerId),
};

export function facetTokens(source: FacetSource): string[] {
  const tokens = [facet.type(source.type), facet.language(source.language), facet.status(source.status)];
  if (source.status === "published" && source.hasContent) tokens.push(facet.live);
  if (source.stale) tokens.push(facet.stale);
  if (source.audience === "all") tokens.push(facet.audienceAll);
  else {
    tokens.push(...source.audienceTargets.tierIds.map(facet.tier));
    tokens.push(...source.audienceTargets.regions.map(facet.region));
    tokens.push(...source.audienceTargets.partnerIds.map(facet.partner));
  }
  tokens.push(...source.markets.map(facet.market), ...source.productIds.map(facet.product), ...source.tags.map(facet.tag));
  // Sorted: the same asset always gets the same document, whatever order its links were read in.
  return [...new Set(tokens)].sort();
}

export interface FoldedDocument extends SearchDocument {
  facets: string;
}

export function foldDocument(document: SearchDocument, facets: readonly string[]): FoldedDocument {
  return {
    title: foldSearchText(document.title),
    summary: foldSearchText(document.summary),
    tags: foldSearchText(document.tags),
    body: foldSearchText(document.body.slice(0, maxIndexedBodyChars)),
    facets: facets.join(" "),
  };
}

/** PostgreSQL: the three vectors of one asset, as SQL over the folded document. */
export function postgresVectors(folded: FoldedDocument) {
  return {
    search: sql`setweight(to_tsvector('simple', ${folded.title}), 'A') ||
      setweight(to_tsvector('simple', ${folded.tags}), 'B') ||
      setweight(to_tsvector('simple', ${folded.summary}), 'B') ||
      setweight(to_tsvector('simple', ${folded.body}), 'D')`,
    rank: sql`setweight(to_tsvector('simple', ${folded.title}), 'A') ||
      setweight(to_tsvector('simple', ${folded.tags}), 'B') ||
      setweight(to_tsvector('simple', ${folded.summary}), 'B')`,
    facets: sql`to_tsvector('simple', ${folded.facets})`,
  };
}

/** SQLite: the asset's FTS rowid, given on first indexing (inside the writer's transaction). */
async function searchKeyOf(db: Kysely<Database>, assetId: string): Promise<number> {
  const row = await db.selectFrom("assets").select("search_key").where("id", "=", assetId).executeTakeFirstOrThrow();
  if (row.search_key !== null) return row.search_key;
  const next = await db
    .selectFrom("assets")
    .select((eb) => eb.fn.max("search_key").as("max"))
    .executeTakeFirstOrThrow();
  const key = Number(next.max ?? 0) + 1;
  await db.updateTable("assets").set({ search_key: key }).where("id", "=", assetId).execute();
  return key;
}

export async function writeSearchDocument(db: Kysely<Database>, assetId: string, document: SearchDocument, facets: readonly string[]): Promise<void> {
  const folded = foldDocument(document, facets);
  if (engineOf(db) === "sqlite") {
    const key = await searchKeyOf(db, assetId);
    await sql`delete from asset_search where rowid = ${key}`.execute(db);
    await sql`insert into asset_search (rowid, title, summary, tags, body, facets)
      values (${key}, ${folded.title}, ${folded.summary}, ${folded.tags}, ${folded.body}, ${folded.facets})`.execute(db);
    return;
  }
  const vectors = postgresVectors(folded);
  await sql`update assets set search_vector = ${vectors.search}, rank_vector = ${vectors.rank}, facet_vector = ${vectors.facets}
    where id = ${assetId}`.execute(db);
}

/** Facets a search must have (all of `all`, at least one of each group in `anyOf`) and must not have. */
export interface FacetFilter {
  all: string[];
  anyOf: string[][];
  none: string[];
  /** A type, market, product or tag filter: few assets pass it, so the facets should lead. */
  selective: boolean;
}

/** A matching asset: higher score is more relevant; tiebreak orders equal scores the same way in and out of the index. */
export interface SearchMatch {
  asset_id: string;
  score: number;
  tiebreak: string | number;
}

/**
 * The assets matching every word and the facet filter, with a relevance score, as a subquery the
 * listing joins. With `top`, only the best `top` by relevance (the listing's page when it sorts by
 * relevance), so the engine ranks inside the index. Null when the text has no words.
 */
export function searchMatches(db: Kysely<Database>, text: string, facets: FacetFilter, top?: number): RawBuilder<SearchMatch> | null {
  const words = searchTokens(text);
  if (words.length === 0) return null;
  const limit = top === undefined ? sql`` : sql` order by score desc, tiebreak desc limit ${top}`;
  if (engineOf(db) === "sqlite") {
    const wordQuery = `{title summary tags body} : (${words.map((word) => `"${word}"*`).join(" AND ")})`;
    const facetParts = [...facets.all, ...facets.anyOf.map((group) => `(${group.join(" OR ")})`)];
    let query = facetParts.length ? `${wordQuery} AND facets : (${facetParts.join(" AND ")})` : wordQuery;
    if (facets.none.length) query = `(${query}) NOT facets : (${facets.none.join(" OR ")})`;
    // bm25 is lower-is-better; columns: title, summary, tags, body, facets (not ranked).
    return sql<SearchMatch>`(select assets.id as asset_id, ranked.score as score, ranked.tiebreak as tiebreak
      from (select rowid as tiebreak, -bm25(asset_search, 10.0, 4.0, 5.0, 1.0, 0.0) as score from asset_search where asset_search match ${query}${limit}) as ranked
      inner join assets on assets.search_key = ranked.tiebreak)`;
  }
  const wordQuery = words.map((word) => `${word}:*`).join(" & ");
  const facetParts = [...facets.all, ...facets.anyOf.map((group) => `(${group.join(" | ")})`), ...facets.none.map((none) => `!${none}`)];
  const facetCondition = facetParts.length ? sql` and facet_vector @@ to_tsquery('simple', ${facetParts.join(" & ")})` : sql``;
  // With a selective filter the facet index finds a few hundred assets and their words are checked
  // row by row; a common word's prefix in the word index would cost more than that (thousands of
  // entries). coalesce() keeps the planner off the word index in that case.
  const wordVector = facets.selective && facetParts.length ? sql`coalesce(search_vector, ''::tsvector)` : sql`search_vector`;
  const tsquery = sql`to_tsquery('simple', ${wordQuery})`;
  if (top !== undefined && !facets.selective) {
    // A common word matches thousands of assets; ranking them all reads every match. The order is
    // "title, tags or summary matches by rank, then body-only matches newest first", so each part
    // can stop at the page: the ranked part through the small rank_vector's own index, the body
    // part walking ids downwards (or its index, when the word is rare; the planner knows which).
    return sql<SearchMatch>`(select asset_id, score, tiebreak from (
      (select id as asset_id, ts_rank(rank_vector, ${tsquery}) as score, id as tiebreak
        from assets where rank_vector @@ ${tsquery}${facetCondition} order by score desc, tiebreak desc limit ${top})
      union all
      (select id as asset_id, 0::real as score, id as tiebreak
        from assets where search_vector @@ ${tsquery} and not (rank_vector @@ ${tsquery})${facetCondition} order by id desc limit ${top})
    ) as matched order by score desc, tiebreak desc limit ${top})`;
  }
  // Rank on the small title/tags/summary vector: ranking on the body would read every match's text.
  return sql<SearchMatch>`(select id as asset_id, ts_rank(rank_vector, ${tsquery}) as score, id as tiebreak
    from assets where ${wordVector} @@ ${tsquery}${facetCondition}${limit})`;
}
