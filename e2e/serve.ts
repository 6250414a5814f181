import { rmSync } from "node:fs";
import { loadConfig } from "../apps/server/src/config.js";
import { openDatabase } from "../apps/server/src/db/database.js";
import { migrateToLatest } from "../apps/server/src/db/migrate.js";
import { loadDemoData } from "../apps/server/src/demo/load-demo.js";
import { startServer } from "../apps/server/src/main.js";

// The e2e server: a fresh data folder (and a fresh PostgreSQL database when E2E_DATABASE_URL
// is set), the demo data set, the built web app, on the port Playwright gave.
const dataDir = process.env.DATA_DIR ?? "./.tmp/e2e-data";
rmSync(dataDir, { recursive: true, force: true });
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn" };
const config = loadConfig(env);
const database = openDatabase(config);
await migrateToLatest(database.db);
await loadDemoData(database.db);
await database.close();
await startServer(env);
console.log(`e2e server ready on ${config.publicUrl}`);
