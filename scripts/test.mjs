#!/usr/bin/env node
// The README's test command: lint, typecheck, every Vitest tier, then the browser tests.
// With CI=true a missing PostgreSQL (TEST_DATABASE_URL) or Chromium is a failure, never a skip.
import { spawnSync } from "node:child_process";
import { findChromium } from "./chromium.mjs";

const ci = process.env.CI === "true";

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

if (!process.env.TEST_DATABASE_URL) {
  if (ci) {
    console.error("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tier cannot be skipped in CI.");
    process.exit(1);
  }
  console.warn("TEST_DATABASE_URL is not set: database tests run on SQLite only.");
}

run("lint", "npx", ["biome", "check", "."]);
run("typecheck", "npm", ["run", "typecheck"]);
run("unit, db and api tests", "npx", ["vitest", "run"]);

const chromium = findChromium();
if (!chromium) {
  if (ci) {
    console.error("CI=true but no Chromium was found on PATH (install Debian's chromium package): end-to-end tests cannot be skipped in CI.");
    process.exit(1);
  }
  console.warn("No Chromium on PATH: end-to-end tests skipped (they run in CI).");
  process.exit(0);
}
run("end-to-end tests", "npm", ["run", "test:e2e"]);
