import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import type { Engine } from "../apps/server/src/db/dialect.js";
import type { Database } from "../apps/server/src/db/types.js";
import { composeDueDigests, sendPendingDigests } from "../apps/server/src/features/news/digests.service.js";
import type { AppContext } from "../apps/server/src/platform/context.js";
import type { TestApp } from "../apps/server/src/testing/harness.js";
import { emit, emitLatency, measure, round } from "./measure.js";
import { type NewsData, type NewsScale, prepareDailyDigests } from "./news-data.js";

/** The targets: a user's feed page at p95, and a daily digest run for every partner user. */
const feedTargetMs = 15;
const digestTargetS = 60;

export interface NewsBench {
  app: TestApp;
  db: Kysely<Database>;
  engine: Engine;
  scale: NewsScale;
  data: NewsData;
  partners: { id: string; status: string }[];
  users: { id: string; email: string; partner_id: string | null; role: string }[];
  signIn: (email: string) => Promise<string>;
}

export async function benchNews(bench: NewsBench): Promise<void> {
  const { app, engine } = bench;
  // 40 partner users of active partners, spread over the tiers, regions and roles.
  const active = new Set(bench.partners.filter((partner) => partner.status === "active").map((partner) => partner.id));
  const viewers = bench.users
    .filter((user) => user.partner_id !== null && active.has(user.partner_id))
    .filter((_, i) => i % 97 === 0)
    .slice(0, 40);
  const cookies: string[] = [];
  for (const viewer of viewers) cookies.push(await bench.signIn(viewer.email));

  const feedCases: { bench: string; path: string }[] = [
    { bench: "news.feed", path: "/api/v1/news/feed?limit=20" },
    { bench: "news.feed_category", path: "/api/v1/news/feed?limit=20&category=products" },
    { bench: "news.feed_unread", path: "/api/v1/news/feed?limit=20&unread=true" },
    { bench: "news.feed_search", path: "/api/v1/news/feed?limit=20&q=camera" },
    { bench: "news.must_read", path: "/api/v1/news/must-read" },
  ];
  for (const c of feedCases) {
    const first = await app.app.inject({ method: "GET", url: c.path, headers: { cookie: cookies[0] ?? "" } });
    if (first.statusCode !== 200) throw new Error(`${c.bench}: ${first.statusCode} ${first.body.slice(0, 300)}`);
    if (c.bench === "news.feed" && (first.json() as { items: unknown[] }).items.length === 0) throw new Error("news.feed: the bench feed is empty");
    const timings = await measure(
      app,
      c.bench,
      cookies.map((cookie) => ({ url: c.path, cookie })),
    );
    const target = c.bench === "news.feed" ? { target_ms: feedTargetMs } : {};
    emitLatency(c.bench, engine, timings, { posts: bench.scale.posts, users: bench.users.length, ...target });
  }

  // A daily digest for every partner user: compose (audience, unread, store) then render each one
  // to HTML and text and hand it to a mailer that drops it, so SMTP transfer is excluded.
  const dueAt = new Date().toISOString();
  const users = await prepareDailyDigests(bench.db, bench.users, dueAt);
  const discard: AppContext = { ...app.ctx, mailer: { transport: "outbox", send: async () => "written" as const } };
  const memory: number[] = [];
  const rss: number[] = [];
  // Live heap after a full collection (npm run bench exposes gc): what a run keeps, not garbage in flight.
  const sample = () => {
    global.gc?.();
    memory.push(process.memoryUsage().heapUsed / 1024 ** 2);
    rss.push(process.memoryUsage().rss / 1024 ** 2);
  };
  sample();
  const started = performance.now();
  let composed = 0;
  for (;;) {
    const outcome = await composeDueDigests(discard, { now: new Date(Date.parse(dueAt) + 1_000), workerId: "bench" });
    sample();
    if (outcome.claimed === 0) break;
    composed += outcome.stored;
  }
  const composeMs = performance.now() - started;
  let sent = 0;
  let skipped = 0;
  for (;;) {
    const outcome = await sendPendingDigests(discard, { now: new Date(Date.parse(dueAt) + 2_000), workerId: "bench", limit: 500 });
    sample();
    if (outcome.attempted === 0) break;
    sent += outcome.sent;
    skipped += outcome.skipped;
  }
  const totalMs = performance.now() - started;
  const common = { db: engine, users, digests: composed, sent, skipped, posts: bench.scale.posts };
  emit({ bench: "news.digest_compose", metric: "ms", value: round(composeMs), unit: "ms", ...common });
  emit({ bench: "news.digest_run", metric: "ms", value: round(totalMs), unit: "ms", target_ms: digestTargetS * 1000, ...common });
  emit({
    bench: "news.digest_run",
    metric: "heap_growth_mb",
    value: round((memory.at(-1) ?? 0) - (memory[0] ?? 0)),
    unit: "MB",
    db: engine,
    heap_max_mb: round(Math.max(...memory)),
    heap_start_mb: round(memory[0] ?? 0),
    rss_growth_mb: round(Math.max(...rss) - (rss[0] ?? 0)),
    samples: memory.length,
  });
  if (composed === 0 || sent + skipped !== composed) throw new Error(`news.digest_run: composed ${composed}, sent ${sent}, skipped ${skipped}`);
}
