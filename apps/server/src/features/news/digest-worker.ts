import pino from "pino";
import { loadConfig } from "../../config.js";
import { openDatabase } from "../../db/database.js";
import type { AppContext } from "../../platform/context.js";
import { createMailer } from "../../platform/mail/mailer.js";
import { createLocalStorage } from "../../platform/storage/storage.js";
import { composeDueDigests } from "./digest-compose.js";
import { sendPendingDigests } from "./digest-send.js";

/**
 * A digest worker as its own process, for the exactly-once test (digest-exactly-once.db.test.ts):
 * `node --import tsx digest-worker.ts` with DATABASE_URL, DATA_DIR, SESSION_SECRET and WORKER_ID.
 * It composes and sends in small batches with short leases until nothing is due or pending,
 * printing one JSON line per round, so the test can kill it at any point of a run.
 */
const env = process.env;
const workerId = env.WORKER_ID ?? `worker-${process.pid}`;
const config = loadConfig({
  DATABASE_URL: env.DATABASE_URL,
  DATA_DIR: env.DATA_DIR,
  SESSION_SECRET: env.SESSION_SECRET,
  PUBLIC_URL: "http://localhost:3000",
  LOG_LEVEL: "silent",
});
const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const log = pino({ level: "silent" });
const ctx: AppContext = {
  db: handle.db,
  engine: handle.engine,
  config,
  log,
  storage: createLocalStorage(config.dataDir),
  mailer: createMailer({ db: handle.db, smtpUrl: undefined, dataDir: config.dataDir, log }),
};

async function remaining(now: string): Promise<number> {
  const due = await ctx.db
    .selectFrom("news_preferences")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("next_digest_at", "<=", now)
    .executeTakeFirstOrThrow();
  const open = await ctx.db
    .selectFrom("news_digests")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "in", ["pending", "sending"])
    .executeTakeFirstOrThrow();
  return Number(due.n) + Number(open.n);
}

for (;;) {
  const now = new Date().toISOString();
  const composed = await composeDueDigests(ctx, { now, workerId, batchSize: 100, leaseMs: 3_000 });
  const sent = await sendPendingDigests(ctx, { now, workerId, batchSize: 10, limit: 50, leaseMs: 8_000 });
  process.stdout.write(`${JSON.stringify({ workerId, composed, sent })}\n`);
  const worked = composed.claimed + sent.sent + sent.recovered + sent.retrying + sent.failed + sent.skipped;
  if (worked > 0) continue;
  if ((await remaining(now)) === 0) break;
  // Another worker holds a lease (or died holding one): wait for it to run out.
  await new Promise((resolve) => setTimeout(resolve, 200));
}
await handle.close();
