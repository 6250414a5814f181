import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";

// SQLite only: the connection settings durability and the ledger's write figures rest on (ADR 0008).
// A setting lost in a refactor would not fail any other test, only make commits unsafe or slow.
describe("the server's SQLite connection", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("commits durably through the WAL, checks foreign keys and keeps savepoint journals in memory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trellis-settings-"));
    dirs.push(dir);
    const handle = openDatabase({ databaseUrl: undefined, dataDir: dir });
    const read = async (name: string) => {
      const rows = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(handle.db);
      return rows.rows[0]?.[name];
    };
    try {
      expect(await read("journal_mode")).toBe("wal");
      // 2 = FULL: every commit fsyncs the WAL.
      expect(await read("synchronous")).toBe(2);
      expect(await read("foreign_keys")).toBe(1);
      // 2 = MEMORY: the sub-journal of each group-commit unit's savepoint is not a file.
      expect(await read("temp_store")).toBe(2);
      expect(await read("cache_size")).toBe(-65_536);
      expect(await read("wal_autocheckpoint")).toBe(16_000);
    } finally {
      await handle.close();
    }
  });
});
