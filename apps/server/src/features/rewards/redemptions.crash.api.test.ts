import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import { openDatabase } from "../../db/database.js";
import { migrateToLatest } from "../../db/migrate.js";
import { createPartner, createTestDatabase, createUser, login, type Session, type TestApp, testEngines } from "../../testing/harness.js";
import { grantPoints } from "../../testing/rewards.js";
import { type ServerProcess, startServerProcess } from "../../testing/server-process.js";
import { repBalance, verifyLedger } from "../incentives/ledger.service.js";

// A server process killed with SIGKILL in the middle of a burst of redemptions restarts with the
// ledger balanced and every redemption it acknowledged (201) present; a client that never heard
// back retries with the same Idempotency-Key and gets exactly one redemption.

const repCount = 4;
const startPoints = 100_000;
const unitCost = 7;
const startStock = 50_000;
const ackedBeforeKill = 80;
const senders = 24;

describe.each(testEngines)("redemptions across a crash on %s", (engine) => {
  const servers: ServerProcess[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    await Promise.all(servers.map((server) => server.exited));
    await cleanup?.();
  });

  it("restarts after SIGKILL mid-burst with the ledger balanced and every acknowledged redemption present", { timeout: 180_000 }, async () => {
    const database = await createTestDatabase(engine);
    await migrateToLatest(database.handle.db);
    cleanup = database.drop;
    // Seed through an app on the same data folder: the session secret file it creates there is the
    // one the server processes read, so the sessions made here work against them.
    const env = { ...process.env, DATABASE_URL: database.databaseUrl, DATA_DIR: database.dataDir, LOG_LEVEL: "info", HOST: "127.0.0.1", PORT: "0" };
    const config = loadConfig({ ...env, LOG_LEVEL: "silent" });
    const seeded = await buildApp(config, database.handle);
    const seedApp: TestApp = { ...seeded, engine, close: async () => {} };
    const partner = await createPartner(seedApp, { name: "Crash Test Reseller" });
    const finance = await login(seedApp, (await createUser(seedApp, { role: "finance" })).email);
    const reps: { id: string; session: Session }[] = [];
    for (let n = 0; n < repCount; n++) {
      const user = await createUser(seedApp, { role: "sales_rep", partnerId: partner.id });
      await grantPoints(database.handle.db, user.id, startPoints);
      reps.push({ id: user.id, session: await login(seedApp, user.email) });
    }
    const item = await seeded.app.inject({
      method: "POST",
      url: "/api/v1/rewards/catalog",
      headers: { cookie: finance.cookie, "x-csrf-token": finance.csrfToken },
      payload: { kind: "gift_card", name: "Fuel card", pointCost: unitCost, stock: startStock },
    });
    expect(item.statusCode, item.body).toBe(201);
    const rewardId = item.json().id as string;
    await seeded.app.close();
    await database.handle.close();

    const redeem = (url: string, rep: { session: Session }, idempotencyKey: string) =>
      fetch(`${url}/api/v1/rewards/redemptions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: rep.session.cookie,
          "x-csrf-token": rep.session.csrfToken,
          "idempotency-key": idempotencyKey,
        },
        body: JSON.stringify({ rewardId, quantity: 1 }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { id: string } }));

    const first = await startServerProcess(env);
    servers.push(first);
    const acked = new Map<string, { repIndex: number; id: string }>();
    const unanswered: { key: string; repIndex: number }[] = [];
    let killed = false;
    const sender = async (index: number) => {
      for (let n = 0; !killed; n++) {
        const repIndex = (index + n) % repCount;
        const idempotencyKey = `crash-${index}-${n}-${randomUUID()}`;
        try {
          const response = await redeem(first.url, reps[repIndex] as (typeof reps)[number], idempotencyKey);
          if (response.status !== 201) throw new Error(`unexpected ${response.status}: ${JSON.stringify(response.body)}`);
          acked.set(idempotencyKey, { repIndex, id: response.body.id });
          if (acked.size >= ackedBeforeKill && !killed) {
            killed = true;
            first.child.kill("SIGKILL");
          }
        } catch (error) {
          if (!killed) throw error;
          // In flight when the process died: the client never heard back.
          unanswered.push({ key: idempotencyKey, repIndex });
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: senders }, (_, index) => sender(index)));
    expect((await first.exited).signal).toBe("SIGKILL");
    expect(acked.size).toBeGreaterThanOrEqual(ackedBeforeKill);

    const reopened = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    cleanup = async () => {
      await reopened.close();
      await database.drop();
    };
    const db = reopened.db;
    const second = await startServerProcess(env);
    servers.push(second);

    const afterCrash = await verifyLedger(db);
    expect(afterCrash, JSON.stringify(afterCrash)).toMatchObject({ ok: true });
    const stored = await db.selectFrom("reward_redemptions").select(["id", "user_id", "points", "status", "reserve_transaction_id"]).execute();
    const storedIds = new Set(stored.map((row) => row.id));
    const missing = [...acked.values()].filter((ack) => !storedIds.has(ack.id));
    expect(missing).toEqual([]);
    const reserveTransactions = await db.selectFrom("ledger_transactions").select("source_id").where("kind", "=", "redemption_requested").execute();
    expect(new Set(reserveTransactions.map((row) => row.source_id))).toEqual(storedIds);

    // The clients that never heard back retry with the same key: one redemption each, no more.
    for (const lost of unanswered) {
      const retry = await redeem(second.url, reps[lost.repIndex] as (typeof reps)[number], lost.key);
      expect(retry.status).toBe(201);
    }
    // And a retry of an acknowledged one replays it.
    const [someKey, someAck] = [...acked.entries()][0] as [string, { repIndex: number; id: string }];
    expect((await redeem(second.url, reps[someAck.repIndex] as (typeof reps)[number], someKey)).body.id).toBe(someAck.id);

    const final = await db.selectFrom("reward_redemptions").select(["user_id", "points"]).execute();
    expect(final.length).toBeGreaterThanOrEqual(acked.size);
    expect(final.length).toBeLessThanOrEqual(acked.size + unanswered.length);
    for (const rep of reps) {
      const reserved = final.filter((row) => row.user_id === rep.id).reduce((sum, row) => sum + Number(row.points), 0);
      expect(await repBalance(db, rep.id)).toMatchObject({ available: startPoints - reserved, reserved });
    }
    const stock = await db.selectFrom("rewards").select("stock").where("id", "=", rewardId).executeTakeFirstOrThrow();
    expect(Number(stock.stock)).toBe(startStock - final.length);
    const check = await verifyLedger(db);
    expect(check, JSON.stringify(check)).toMatchObject({ ok: true });

    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
