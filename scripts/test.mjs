#!/usr/bin/env node
// The README's test command: lint, typecheck, every Vitest tier, then the browser tests.
// With CI=true a missing PostgreSQL (TEST_DATABASE_URL) or Chromium is a failure, never a skip.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { findChromium } from "./chromium.mjs";

const ci = process.env.CI === "true";

class StepFailed extends Error {}
const onFailure = (error) => {
  if (!(error instanceof StepFailed)) console.error(error);
  process.exit(process.exitCode || 1);
};
process.on("uncaughtException", onFailure);
process.on("unhandledRejection", onFailure);

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal})`);
    process.exitCode = result.status ?? 1;
    throw new StepFailed(label);
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
run("build the web app", "npm", ["run", "build"]);
run("end-to-end tests on SQLite", "npx", ["playwright", "test", "-c", "e2e/playwright.config.ts"]);

if (process.env.TEST_DATABASE_URL) {
  // The same browser tests against PostgreSQL, on a database made for this run.
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = `trellis_e2e_${Date.now().toString(36)}`;
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  process.env.E2E_DATABASE_URL = url.toString();
  try {
    run("end-to-end tests on PostgreSQL", "npx", ["playwright", "test", "-c", "e2e/playwright.config.ts"]);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
