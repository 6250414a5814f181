import { type Kysely, type RawBuilder, sql } from "kysely";
import { engineOf, foldSearchText, searchTokens } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";

/**
 * Full-text search over assets. SQLite keeps an FTS5 table (asset_search); PostgreSQL a
 * weighted tsvector on assets with a GIN index. Both index text folded by the app
 * (foldSearchText), and both match every query word as a prefix, so the engines agree.
 * The engine-specific SQL is kept here rather than in db/dialect.ts because it names the
 * library's tables; see docs/adr/0005-library-search.md.
 */
export interface SearchDocument {
  title: string;
  summary: string;
  tags: string;
  body: string;
}

/** Characters of PDF text indexed per asset: enough for a 100-page brochure, bounded for the index's size. */
export const maxIndexedBodyChars = 100_000;

export async function writeSearchDocument(db: Kysely<Database>, assetId: string, document: SearchDocument): Promise<void> {
  const folded = {
    title: foldSearchText(document.title),
    summary: foldSearchText(document.summary),
    tags: foldSearchText(document.tags),
    body: foldSearchText(document.body.slice(0, maxIndexedBodyChars)),
  };
  if (engineOf(db) === "sqlite") {
    await db.deleteFrom("asset_search").where("asset_id", "=", assetId).execute();
    await db
      .insertInto("asset_search")
      .values({ asset_id: assetId, ...folded })
      .execute();
    return;
  }
  await sql`update assets set search_vector =
      setweight(to_tsvector('simple', ${folded.title}), 'A') ||
      setweight(to_tsvector('simple', ${folded.tags}), 'B') ||
      setweight(to_tsvector('simple', ${folded.summary}), 'B') ||
      setweight(to_tsvector('simple', ${folded.body}), 'D')
    where id = ${assetId}`.execute(db);
}

/**
 * The assets matching every word of the query, with a relevance score (higher is better), as
 * a subquery of (asset_id, score) that the listing joins; null when the query has no words.
 */
export function searchMatches(db: Kysely<Database>, text: string): RawBuilder<{ asset_id: string; score: number }> | null {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return null;
  if (engineOf(db) === "sqlite") {
    const query = tokens.map((token) => `"${token}"*`).join(" ");
    // bm25 is lower-is-better; columns: asset_id (unindexed), title, summary, tags, body.
    return sql<{
      asset_id: string;
      score: number;
    }>`(select asset_id, -bm25(asset_search, 0.0, 10.0, 4.0, 5.0, 1.0) as score from asset_search where asset_search match ${query})`;
  }
  const query = tokens.map((token) => `${token}:*`).join(" & ");
  return sql<{
    asset_id: string;
    score: number;
  }>`(select id as asset_id, ts_rank(search_vector, to_tsquery('simple', ${query})) as score from assets where search_vector @@ to_tsquery('simple', ${query}))`;
}
