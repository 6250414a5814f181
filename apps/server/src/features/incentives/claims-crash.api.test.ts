import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import { openDatabase } from "../../db/database.js";
import { migrateToLatest } from "../../db/migrate.js";
import { uuidv7 } from "../../platform/ids.js";
import { createTestDatabase, login, type Session, type TestApp, testEngines } from "../../testing/harness.js";
import { type ServerProcess, startServerProcess } from "../../testing/server-process.js";
import { claimBody, claimWorld, daysAgo, freshSerials, insertRule, setAutoApproveUpTo } from "./claims-fixtures.js";
import { repBalance, verifyLedger } from "./ledger.service.js";

// A server process killed with SIGKILL in the middle of a bulk claim import (and a stream of single
// claims) restarts on the same data with the ledger balanced, every acknowledged claim present and
// paid, and the import either wholly there or wholly absent; retries with the same keys then
// replay or complete exactly once.

const importInvoices = 1000;
const senders = 6;
const ackedBeforeImport = 20;
const killAfterImportMs = 700;

describe.each(testEngines)("claims across a crash on %s", (engine) => {
  const servers: ServerProcess[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    await Promise.all(servers.map((server) => server.exited));
    await cleanup?.();
  });

  it("restarts after SIGKILL mid-import with the ledger balanced and every acknowledged claim present", { timeout: 300_000 }, async () => {
    const database = await createTestDatabase(engine);
    await migrateToLatest(database.handle.db);
    cleanup = database.drop;
    // Seeded through an app on the same data folder, so the session secret it writes there is the servers'.
    const env = { ...process.env, DATABASE_URL: database.databaseUrl, DATA_DIR: database.dataDir, LOG_LEVEL: "info", HOST: "127.0.0.1", PORT: "0" };
    const seeded = await buildApp(loadConfig({ ...env, LOG_LEVEL: "silent" }), database.handle);
    const seedApp: TestApp = { ...seeded, engine, close: async () => {} };
    const w = await claimWorld(seedApp);
    await insertRule(seedApp, { kind: "per_unit", points: 50, family_id: w.nvrFamily, name: "NVR base" });
    await setAutoApproveUpTo(seedApp, 1000);
    const reps: { id: string; session: Session }[] = [];
    for (const rep of [w.repA, w.repA2, w.repB]) reps.push({ id: rep.id, session: await login(seedApp, rep.email) });
    const admin = await login(seedApp, w.adminA.email);
    const sku = (await database.handle.db.selectFrom("products").select("sku").where("id", "=", w.nvr).executeTakeFirstOrThrow()).sku;
    await seeded.app.close();
    await database.handle.close();

    const rows = ["rep_email,invoice_number,invoice_date,end_customer,sku,serial"];
    for (let i = 0; i < importInvoices; i++) {
      for (const serial of freshSerials("NVR", 3))
        rows.push(`${i % 2 ? w.repA.email : w.repA2.email},BULK-${i},${daysAgo(2)},Customer ${i},${sku},${serial}`);
    }
    const importCsv = rows.join("\n");
    const importKey = `import-${uuidv7()}`;
    const sendImport = (url: string) =>
      fetch(`${url}/api/v1/incentives/claims/import`, {
        method: "POST",
        headers: { "content-type": "text/csv", cookie: admin.cookie, "x-csrf-token": admin.csrfToken, "idempotency-key": importKey },
        body: importCsv,
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { claims: { id: string }[] } }));
    const sendClaim = (url: string, repIndex: number, key: string, body: object) => {
      const rep = reps[repIndex] as (typeof reps)[number];
      return fetch(`${url}/api/v1/incentives/claims`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: rep.session.cookie, "x-csrf-token": rep.session.csrfToken, "idempotency-key": key },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { id: string; points: number } }));
    };

    const first = await startServerProcess(env);
    servers.push(first);
    const acked = new Map<string, { repIndex: number; id: string; body: object }>();
    const unanswered: { key: string; repIndex: number; body: object }[] = [];
    let killed = false;
    let importAnswered = false;
    let importStarted: Promise<unknown> | undefined;
    const sender = async (index: number) => {
      for (let n = 0; !killed; n++) {
        const repIndex = (index + n) % reps.length;
        const key = `claim-${index}-${n}-${uuidv7()}`;
        const body = claimBody(w.nvr, freshSerials("NVR", 1 + (n % 3)));
        try {
          const response = await sendClaim(first.url, repIndex, key, body);
          if (response.status !== 201) throw new Error(`unexpected ${response.status}: ${JSON.stringify(response.body)}`);
          acked.set(key, { repIndex, id: response.body.id, body });
        } catch (error) {
          if (!killed) throw error;
          unanswered.push({ key, repIndex, body });
          return;
        }
        if (acked.size >= ackedBeforeImport && !importStarted) {
          importStarted = sendImport(first.url).then(
            () => {
              importAnswered = true;
            },
            () => undefined,
          );
          setTimeout(() => {
            killed = true;
            first.child.kill("SIGKILL");
          }, killAfterImportMs);
        }
      }
    };
    await Promise.all(Array.from({ length: senders }, (_, index) => sender(index)));
    await importStarted;
    expect((await first.exited).signal).toBe("SIGKILL");
    // The kill landed while the import was running: it never answered.
    expect(importAnswered).toBe(false);
    expect(acked.size).toBeGreaterThanOrEqual(ackedBeforeImport);

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
    const stored = await db.selectFrom("incentive_claims").select(["id", "status", "import_id"]).execute();
    const approvedIds = new Set(stored.filter((c) => c.status === "approved").map((c) => c.id));
    expect([...acked.values()].filter((ack) => !approvedIds.has(ack.id))).toEqual([]);
    expect(stored.filter((c) => c.import_id !== null)).toEqual([]);
    const paid = await db.selectFrom("ledger_transactions").select("source_id").where("kind", "=", "claim_approved").execute();
    expect(new Set(paid.map((p) => p.source_id))).toEqual(approvedIds);

    // Retries with the same keys: acknowledged claims replay, lost ones are filed once, the import completes.
    for (const [key, ack] of [...acked.entries()].slice(0, 5)) {
      expect((await sendClaim(second.url, ack.repIndex, key, ack.body)).body.id).toBe(ack.id);
    }
    for (const lost of unanswered) expect((await sendClaim(second.url, lost.repIndex, lost.key, lost.body)).status).toBe(201);
    const imported = await sendImport(second.url);
    expect(imported.status).toBe(201);
    expect(imported.body.claims).toHaveLength(importInvoices);

    const final = await db.selectFrom("incentive_claims").select(["user_id", "points", "status"]).execute();
    expect(final.length).toBe(acked.size + unanswered.length + importInvoices);
    expect(final.every((c) => c.status === "approved")).toBe(true);
    for (const rep of reps) {
      const earned = final.filter((c) => c.user_id === rep.id).reduce((sum, c) => sum + Number(c.points), 0);
      expect((await repBalance(db, rep.id)).available).toBe(earned);
    }
    const check = await verifyLedger(db);
    expect(check, JSON.stringify(check)).toMatchObject({ ok: true });

    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
