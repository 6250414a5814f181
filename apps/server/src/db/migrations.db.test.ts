import { describe, expect, it } from "vitest";
import { createTestDatabase, testEngines } from "../testing/harness.js";
import { migrateToLatest } from "./migrate.js";

async function schemaOf(engine: (typeof testEngines)[number]) {
  const database = await createTestDatabase(engine);
  try {
    await migrateToLatest(database.handle.db);
    // Running again is a no-op, as at every start-up.
    await migrateToLatest(database.handle.db);
    const tables = await database.handle.db.introspection.getTables();
    return Object.fromEntries(
      tables
        .filter((t) => !t.name.startsWith("kysely_"))
        .map((t) => [t.name, t.columns.map((c) => `${c.name}${c.isNullable ? "?" : ""}`).sort()])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  } finally {
    await database.handle.close();
    await database.drop();
  }
}

describe("migrations", () => {
  it.each(testEngines)("run up on %s and create the foundation tables", async (engine) => {
    const schema = await schemaOf(engine);
    expect(Object.keys(schema)).toEqual(expect.arrayContaining(["partners", "users", "sessions", "products", "audit_log", "applications"]));
  });

  it("give SQLite and PostgreSQL the same tables, columns and nullability", async () => {
    if (testEngines.length < 2) {
      // Without PostgreSQL there is nothing to compare; CI=true makes the harness refuse this case.
      expect(testEngines).toEqual(["sqlite"]);
      return;
    }
    const [sqlite, postgres] = await Promise.all([schemaOf("sqlite"), schemaOf("postgres")]);
    // The library's and knowledge base's full-text indexes are engine-specific by design (ADR 0005):
    // FTS5 tables on SQLite, tsvector columns on PostgreSQL. Everything else must match.
    const ftsTables = ["asset_search", "knowledge_search"];
    const sqliteWithoutSearch = Object.fromEntries(Object.entries(sqlite).filter(([table]) => !ftsTables.some((fts) => table.startsWith(fts))));
    const vectors = ["search_vector?", "rank_vector?", "facet_vector?"];
    const postgresWithoutSearch = {
      ...postgres,
      assets: postgres.assets?.filter((column: string) => !vectors.includes(column)),
      knowledge_articles: postgres.knowledge_articles?.filter((column: string) => !vectors.includes(column)),
    };
    expect(Object.keys(sqlite).filter((table) => table.startsWith("asset_search"))).toContain("asset_search");
    expect(postgres.assets).toContain("search_vector?");
    expect(postgres.knowledge_articles).toContain("search_vector?");
    expect(postgresWithoutSearch).toEqual(sqliteWithoutSearch);
  });
});
