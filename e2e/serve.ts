import { rmSync } from "node:fs";
import { buildApp } from "../apps/server/src/app.js";
import { loadConfig } from "../apps/server/src/config.js";
import { openDatabase } from "../apps/server/src/db/database.js";
import { migrateToLatest } from "../apps/server/src/db/migrate.js";
import { loadDemoData } from "../apps/server/src/demo/load-demo.js";
import { loadDemoRelationships } from "../apps/server/src/demo/relationships.js";
import { loadDemoSupport } from "../apps/server/src/demo/support.js";
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
// The support desk's year and the partner relationships, for the relationships spec: the big
// reseller flagged (its support time is the desk's), its fix decision left for the spec to record.
const built = await buildApp(config, database);
await loadDemoSupport(built.ctx);
await loadDemoRelationships(built.ctx, { fixPlan: false });
await built.app.close();
await database.close();
await startServer(env);
console.log(`e2e server ready on ${config.publicUrl}`);
