import { type Kysely, type RawBuilder, sql } from "kysely";
import { engineOf, foldSearchText, searchTokens } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { pageText } from "../library/library.markdown.js";

/**
 * Full-text search over knowledge articles, the library's way (ADR 0005): SQLite keeps a contentless
 * FTS5 table keyed by knowledge_articles.search_key; PostgreSQL a weighted tsvector with a GIN index.
 * Both index text folded by the app and match each query word as a prefix. A few thousand articles
 * need no facet tokens: the index finds the words, SQL applies status, audience and filters.
 */

/** Characters of body indexed per article: long enough for any article, bounded for the index's size. */
const maxIndexedBodyChars = 100_000;

/**
 * Words that say nothing about a problem. Only suggestions drop them: a ticket's description is
 * prose, and "the" would otherwise match every article.
 */
const stopWords = new Set(
  (
    "a an and are as at be been but by can cannot could did do does doesn don for from had has have he her his how i if in into is it its " +
    "just me my no not of on or our out she so some than that the their them then there these they this to too up us was we were what " +
    "when where which while who why will with won would you your after again all also any because before being both each few get gets " +
    "got here more most much need needs only other over same should still such try tried very want wants work works working"
  ).split(" "),
);

/**
 * A crude English stem, only for suggestions: a ticket says "cameras keep rebooting", the article
 * "camera reboots". Terms are matched as prefixes, so cutting a suffix can only widen the match.
 */
function stem(word: string): string {
  if (word.length >= 6 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length >= 5 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length >= 4 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** The words of a ticket being typed that are worth matching: 2+ characters, no stop words, stemmed, at most 12. */
export function suggestionTerms(text: string): string[] {
  const words = searchTokens(text, 200)
    .filter((word) => word.length >= 2 && !stopWords.has(word))
    .map(stem);
  return [...new Set(words)].slice(0, 12);
}

export interface ArticleSearchText {
  title: string;
  summary: string;
  bodyMarkdown: string;
}

/** SQLite: the article's FTS rowid, given on first indexing (inside the writer's transaction). */
async function searchKeyOf(db: Kysely<Database>, articleId: string): Promise<number> {
  const row = await db.selectFrom("knowledge_articles").select("search_key").where("id", "=", articleId).executeTakeFirstOrThrow();
  if (row.search_key !== null) return row.search_key;
  const next = await db
    .selectFrom("knowledge_articles")
    .select((eb) => eb.fn.max("search_key").as("max"))
    .executeTakeFirstOrThrow();
  const key = Number(next.max ?? 0) + 1;
  await db.updateTable("knowledge_articles").set({ search_key: key }).where("id", "=", articleId).execute();
  return key;
}

/** Rewrites the article's search document; call inside the transaction that changes its text. */
export async function writeArticleSearch(db: Kysely<Database>, articleId: string, text: ArticleSearchText): Promise<void> {
  const title = foldSearchText(text.title);
  const summary = foldSearchText(text.summary);
  const body = foldSearchText(pageText(text.bodyMarkdown).slice(0, maxIndexedBodyChars));
  if (engineOf(db) === "sqlite") {
    const key = await searchKeyOf(db, articleId);
    await sql`delete from knowledge_search where rowid = ${key}`.execute(db);
    await sql`insert into knowledge_search (rowid, title, summary, body) values (${key}, ${title}, ${summary}, ${body})`.execute(db);
    return;
  }
  await sql`update knowledge_articles set search_vector =
      setweight(to_tsvector('simple', ${title}), 'A') ||
      setweight(to_tsvector('simple', ${summary}), 'B') ||
      setweight(to_tsvector('simple', ${body}), 'D')
    where id = ${articleId}`.execute(db);
}

export interface ArticleMatch {
  article_id: string;
  score: number;
}

/**
 * The articles matching the words, with a relevance score (higher is better), as a subquery to join.
 * `all`: every word must match (the search box); `any`: one is enough and more matches rank higher
 * (suggestions from a ticket's prose). Null when there are no words.
 */
export function articleMatches(db: Kysely<Database>, words: readonly string[], mode: "all" | "any"): RawBuilder<ArticleMatch> | null {
  if (words.length === 0) return null;
  if (engineOf(db) === "sqlite") {
    const query = words.map((word) => `"${word}"*`).join(mode === "all" ? " AND " : " OR ");
    // bm25 is lower-is-better; column weights: title 10, summary 4, body 1.
    return sql<ArticleMatch>`(select knowledge_articles.id as article_id, ranked.score as score
      from (select rowid as key, -bm25(knowledge_search, 10.0, 4.0, 1.0) as score from knowledge_search where knowledge_search match ${query}) as ranked
      inner join knowledge_articles on knowledge_articles.search_key = ranked.key)`;
  }
  const tsquery = sql`to_tsquery('simple', ${words.map((word) => `${word}:*`).join(mode === "all" ? " & " : " | ")})`;
  return sql<ArticleMatch>`(select id as article_id, ts_rank(search_vector, ${tsquery}) as score
    from knowledge_articles where search_vector @@ ${tsquery})`;
}

/** The search box's words (every one must match, as a prefix). */
export function queryWords(text: string): string[] {
  return searchTokens(text);
}

/**
 * A passage of the body around the first word that starts with one of the terms, for a suggestion:
 * the reader sees why the article came up. Compares folded words, so "Ärzte" is found for "arzte".
 */
export function snippetOf(bodyMarkdown: string, terms: readonly string[], maxChars = 180): string {
  const text = pageText(bodyMarkdown).replace(/\s+/g, " ").trim();
  if (text.length <= maxChars) return text;
  let start = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = foldSearchText(match[0]);
    if (terms.some((term) => word.startsWith(term))) {
      start = Math.max(0, (match.index ?? 0) - 40);
      break;
    }
  }
  // Start and end on word boundaries, and say when the passage is cut.
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}
