import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { openDatabase } from "../../db/database.js";
import { migrateToLatest } from "../../db/migrate.js";
import { createTestDatabase, testEngines } from "../../testing/harness.js";
import type { AppContext } from "../context.js";
import { createLocalStorage } from "../storage/storage.js";
import { authCleanupJob } from "./jobs.js";
import { type JobDefinition, runOnce, slotOf } from "./runner.js";

describe.each(testEngines)("job runner on %s", (engine) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const contexts: AppContext[] = [];
  const extraHandles: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await migrateToLatest(database.handle.db);
    const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "silent" });
    // Three "app processes": on PostgreSQL each has its own connection pool.
    for (let i = 0; i < 3; i++) {
      const handle =
        i === 0 || engine === "sqlite" ? database.handle : openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
      if (handle !== database.handle) extraHandles.push(handle);
      contexts.push({
        db: handle.db,
        engine,
        config,
        log: pino({ level: "silent" }),
        storage: createLocalStorage(database.dataDir),
        mailer: { transport: "outbox", send: async () => "written" as const },
      });
    }
  });
  afterAll(async () => {
    for (const handle of extraHandles) await handle.close();
    await database.handle.close();
    await database.drop();
  });

  it("runs each scheduled slot exactly once across several processes", async () => {
    let runs = 0;
    const job: JobDefinition = {
      name: "test.count",
      schedule: "* * * * *",
      run: async () => {
        runs += 1;
      },
    };
    const slot = slotOf(new Date("2026-11-29T10:00:42Z"));
    expect(slot).toBe("2026-11-29T10:00:00.000Z");
    const outcomes = await Promise.all(contexts.flatMap((ctx) => [runOnce(ctx, job, slot), runOnce(ctx, job, slot)]));
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o === "ran")).toHaveLength(1);
    expect(await runOnce(contexts[0] as AppContext, job, slotOf(new Date("2026-11-29T10:01:05Z")))).toBe("ran");
    expect(runs).toBe(2);
  });

  it("records a failed run with its error", async () => {
    const job: JobDefinition = {
      name: "test.fail",
      schedule: "* * * * *",
      run: async () => {
        throw new Error("disk full");
      },
    };
    expect(await runOnce(contexts[0] as AppContext, job, "2026-11-29T11:00:00.000Z")).toBe("failed");
    const row = await database.handle.db.selectFrom("job_runs").selectAll().where("job_name", "=", "test.fail").executeTakeFirstOrThrow();
    expect(row.error).toContain("disk full");
    expect(row.finished_at).not.toBeNull();
  });

  it("cleans up throttle windows older than a day", async () => {
    const db = database.handle.db;
    await db
      .insertInto("login_throttle")
      .values({ key: "account:old@example.test", failures: 3, window_started_at: "2020-01-01T00:00:00.000Z", blocked_until: null })
      .execute();
    await db
      .insertInto("login_throttle")
      .values({ key: "account:new@example.test", failures: 1, window_started_at: new Date().toISOString(), blocked_until: null })
      .execute();
    await authCleanupJob.run(contexts[0] as AppContext);
    const keys = (await db.selectFrom("login_throttle").select("key").execute()).map((r) => r.key);
    expect(keys).toEqual(["account:new@example.test"]);
  });
});
