import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testEngines } from "../testing/harness.js";
import { bulkUpsert } from "./bulk-upsert.js";
import { migrateToLatest } from "./migrate.js";
import type { Database, ScorecardBaseTable } from "./types.js";

const spec = {
  table: "scorecard_bases" as const,
  columns: { partner_id: "text", end_month: "text", sums: "text", computed_at: "timestamptz" } as const,
  key: ["partner_id"] as const,
  update: ["sums", "computed_at"] as const,
};

describe.each(testEngines)("bulk upsert on %s", (engine) => {
  let db: Kysely<Database>;
  let done: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase(engine);
    db = database.handle.db;
    await migrateToLatest(db);
    done = async () => {
      await database.handle.close();
      await database.drop();
    };
  });
  afterAll(async () => done());

  const rowsIn = () => db.selectFrom("scorecard_bases").selectAll().orderBy("partner_id").execute();

  it("inserts new rows and updates only the named columns of existing ones, text sent as it is", async () => {
    const awkward = 'a,"b"{c}\\ d\'e NULL ü';
    const rows: ScorecardBaseTable[] = Array.from({ length: 901 }, (_, i) => ({
      partner_id: `p${String(i).padStart(4, "0")}`,
      end_month: "2026-11",
      sums: i === 0 ? awkward : `{"n":${i}}`,
      computed_at: "2026-11-30T08:00:00.000Z",
    }));
    await bulkUpsert(db, spec, rows);
    const first = await rowsIn();
    expect(first).toHaveLength(901);
    expect(first[0]?.sums).toBe(awkward);
    expect(first[900]).toMatchObject({ partner_id: "p0900", sums: '{"n":900}', end_month: "2026-11" });

    await bulkUpsert(db, spec, [
      { partner_id: "p0001", end_month: "2027-01", sums: "changed", computed_at: "2026-11-30T09:00:00.000Z" },
      { partner_id: "new", end_month: "2027-01", sums: "new", computed_at: "2026-11-30T09:00:00.000Z" },
    ]);
    const second = await rowsIn();
    expect(second).toHaveLength(902);
    // end_month is not among the updated columns: the existing row keeps its own.
    expect(second.find((row) => row.partner_id === "p0001")).toMatchObject({ end_month: "2026-11", sums: "changed" });
    expect(String(second.find((row) => row.partner_id === "p0001")?.computed_at)).toContain("2026-11-30T09:00:00");
    expect(second.find((row) => row.partner_id === "new")).toMatchObject({ end_month: "2027-01", sums: "new" });
  });

  it("does nothing for no rows", async () => {
    const before = (await rowsIn()).length;
    await bulkUpsert(db, spec, []);
    expect(await rowsIn()).toHaveLength(before);
  });
});
