import { performance } from "node:perf_hooks";
import type { Engine } from "../apps/server/src/db/dialect.js";
import type { TestApp } from "../apps/server/src/testing/harness.js";

/** Timed requests per latency figure (after 20 warm-up ones). */
export const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
/** Every figure of the run, written to bench/results/latest.json at the end. */
export const results: object[] = [];

export function emit(figure: object) {
  results.push(figure);
  console.log(JSON.stringify(figure));
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Times `count` requests (after 20 warm-up ones), cycling through the given ones; sorted ms.
 * With a budget, stops once it is spent and every request has been timed at least once (n tells).
 */
export async function measure(
  app: TestApp,
  bench: string,
  requests: { url: string; cookie: string }[],
  budgetMs = Number.POSITIVE_INFINITY,
  count = iterations,
): Promise<number[]> {
  const timings: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count + 20; i++) {
    if (timings.length >= Math.min(requests.length, count) && performance.now() - started > budgetMs) break;
    const request = requests[i % requests.length] as { url: string; cookie: string };
    const t0 = performance.now();
    const response = await app.app.inject({ method: "GET", url: request.url, headers: { cookie: request.cookie } });
    const elapsed = performance.now() - t0;
    if (response.statusCode !== 200) throw new Error(`${bench}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    if (i >= 20) timings.push(elapsed);
  }
  return timings.sort((a, b) => a - b);
}

export function emitLatency(bench: string, engine: Engine, timings: number[], extra: object = {}) {
  for (const [metric, p] of [
    ["p95_ms", 95],
    ["p99_ms", 99],
  ] as const) {
    emit({ bench, metric, value: round(percentile(timings, p)), unit: "ms", db: engine, n: timings.length, ...extra });
  }
}
