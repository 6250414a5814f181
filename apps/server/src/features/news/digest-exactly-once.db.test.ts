import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate.js";
import type { Database } from "../../db/types.js";
import { uuidv7 } from "../../platform/ids.js";
import { createTestDatabase, testEngines } from "../../testing/harness.js";
import { addMinutes, insertPost } from "./digest-fixtures.js";

/**
 * Several app processes on PostgreSQL, one killed mid-run: every due user still gets exactly one
 * digest and exactly one mail. PostgreSQL only by nature (SQLite is one process's file here); the
 * harness makes CI fail, not skip, when TEST_DATABASE_URL is missing.
 */
const workerScript = fileURLToPath(new URL("./digest-worker.ts", import.meta.url));
const userCount = 3_000;
const usersPerPartner = 100;

interface Worker {
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

describe.skipIf(!testEngines.includes("postgres"))("digests exactly once across processes on postgres", () => {
  const workers: Worker[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
    await drop?.();
  });

  it("sends each due user one digest and one mail while a worker is killed composing and another sending", async () => {
    const database = await createTestDatabase("postgres");
    drop = async () => {
      await database.handle.close();
      await database.drop();
    };
    const db = database.handle.db;
    await migrateToLatest(db);
    const start = new Date().toISOString();
    const userIds = await seed(db, start);
    const secret = randomBytes(32).toString("hex");

    const spawnWorker = (name: string): Worker => {
      const child = spawn(process.execPath, ["--import", "tsx", workerScript], {
        env: { ...process.env, DATABASE_URL: database.databaseUrl, DATA_DIR: database.dataDir, SESSION_SECRET: secret, WORKER_ID: name },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("exit", (code, signal) => resolve({ code, signal })),
      );
      const worker = { name, child, exited, stderr: () => stderr };
      workers.push(worker);
      return worker;
    };
    const count = async (query: () => Promise<{ n: number | string }>) => Number((await query()).n);
    const digests = () =>
      count(() =>
        db
          .selectFrom("news_digests")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow(),
      );
    const mails = () =>
      count(() =>
        db
          .selectFrom("mail_messages")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("status", "=", "written")
          .executeTakeFirstOrThrow(),
      );
    const waitFor = async (what: string, test: () => Promise<boolean>, timeoutMs = 90_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await test())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${workers.map((w) => `${w.name}: ${w.stderr()}`).join("\n")}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    const a = spawnWorker("a");
    const b = spawnWorker("b");
    // Kill A while the users are being composed, and C (a restarted process) while mail goes out.
    await waitFor("a third of the digests", async () => (await digests()) >= userCount / 3);
    a.child.kill("SIGKILL");
    const composedAtKill = await digests();
    const c = spawnWorker("c");
    await waitFor("half of the mail", async () => (await mails()) >= userCount / 2);
    c.child.kill("SIGKILL");
    const mailedAtKill = await mails();
    // Both kills landed mid-run: work was left for the others to take over.
    expect(composedAtKill).toBeLessThan(userCount);
    expect(mailedAtKill).toBeLessThan(userCount);
    const bExit = await Promise.race([b.exited, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 120_000))]);
    expect(bExit, b.stderr()).toEqual({ code: 0, signal: null });
    // Both were killed mid-run, not after finishing.
    expect((await a.exited).signal).toBe("SIGKILL");
    expect((await c.exited).signal).toBe("SIGKILL");

    const perUser = await db
      .selectFrom("news_digests")
      .select(["user_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["user_id", "status"])
      .execute();
    expect(perUser).toHaveLength(userCount);
    expect(perUser.every((row) => Number(row.n) === 1 && row.status === "sent")).toBe(true);
    expect(new Set(perUser.map((row) => row.user_id))).toEqual(new Set(userIds));

    const mailRows = await db
      .selectFrom("mail_messages")
      .innerJoin("users", "users.email", "mail_messages.to_address")
      .innerJoin("news_digests", "news_digests.user_id", "users.id")
      .select(["users.id as user_id", "mail_messages.message_id", "news_digests.id as digest_id"])
      .where("mail_messages.status", "=", "written")
      .execute();
    expect(mailRows).toHaveLength(userCount);
    expect(new Set(mailRows.map((row) => row.user_id)).size).toBe(userCount);
    expect(mailRows.every((row) => row.message_id === `<${row.digest_id}.digest@localhost>`)).toBe(true);

    const schedules = await db.selectFrom("news_preferences").select(["next_digest_at", "claimed_by"]).execute();
    expect(schedules.every((row) => row.claimed_by === null && (row.next_digest_at as string) > start)).toBe(true);
  }, 240_000);
});

/** Partners of 100 sales reps each, all on a daily digest due a minute ago, with news none of them has read. */
async function seed(db: import("kysely").Kysely<Database>, start: string): Promise<string[]> {
  const userIds: string[] = [];
  for (let p = 0; p < userCount / usersPerPartner; p++) {
    const partnerId = uuidv7();
    await db
      .insertInto("partners")
      .values({
        id: partnerId,
        name: `Reseller ${p}`,
        legal_name: `Reseller ${p} Ltd`,
        address_line1: "1 Main St",
        address_line2: "",
        city: "Springfield",
        postal_code: "12345",
        country: "US",
        region: "North America",
        territory: "",
        website: "https://example.test",
        phone: "",
        tier_id: null,
        status: "active",
        channel_manager_id: null,
        logo_key: null,
        logo_content_type: null,
        archived_at: null,
        created_at: start,
        updated_at: start,
      })
      .execute();
    const users = Array.from({ length: usersPerPartner }, (_, u) => ({
      id: uuidv7(),
      email: `rep${u}@reseller${p}.test`,
      name: `Rep ${u} of ${p}`,
      role: "sales_rep" as const,
      partner_id: partnerId,
      status: "active" as const,
      password_hash: null,
      last_login_at: null,
      created_at: start,
      updated_at: start,
    }));
    await db.insertInto("users").values(users).execute();
    await db
      .insertInto("news_preferences")
      .values(
        users.map((user) => ({
          user_id: user.id,
          digest_frequency: "daily" as const,
          digest_hour: 8,
          digest_weekday: 1,
          time_zone: "UTC",
          last_digest_at: addMinutes(start, -24 * 60),
          next_digest_at: addMinutes(start, -1),
          claimed_until: null,
          claimed_by: null,
          updated_at: start,
        })),
      )
      .execute();
    userIds.push(...users.map((user) => user.id));
  }
  for (const title of ["Price list for the autumn", "New NVR firmware", "Partner summit"]) {
    await insertPost(db, { title, publishAt: addMinutes(start, -60) });
  }
  return userIds;
}
