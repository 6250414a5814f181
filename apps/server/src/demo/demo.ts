import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { startServer } from "../main.js";
import { loadDemoIncentives } from "./incentives.js";
import { loadDemoLibrary } from "./library.js";
import { demoLogins, loadDemoData } from "./load-demo.js";
import { loadDemoNews } from "./news.js";
import { demoPassword } from "./people.js";
import { loadDemoRelationships } from "./relationships.js";
import { loadDemoSupport } from "./support.js";

/** `npm run demo`: migrate, load the demo data once, serve, and say how to sign in. */
async function runDemo() {
  const config = loadConfig();
  const database = openDatabase(config);
  await migrateToLatest(database.db);
  const { loaded } = await loadDemoData(database.db);
  // The sales library needs file storage and the library's services: an app context, not only the db.
  const built = await buildApp(config, database);
  await loadDemoLibrary(built.ctx);
  await loadDemoSupport(built.ctx);
  await loadDemoNews(built.ctx);
  await loadDemoIncentives(built.ctx);
  // Last: it measures what the desk, the feed and the program above recorded.
  await loadDemoRelationships(built.ctx);
  await built.app.close();
  await database.close();
  const server = await startServer();
  const lines = [
    "",
    `Trellis is running at ${config.publicUrl}  (${server.ctx.engine}; ${loaded ? "demo data loaded" : "demo data was already there"})`,
    `Every demo login uses the password: ${demoPassword}`,
    ...demoLogins().map((l) => `  ${l.role.padEnd(48)} ${l.email}`),
    `API docs: ${config.publicUrl}/api/docs   Public application form: ${config.publicUrl}/apply`,
    "",
  ];
  console.log(lines.join("\n"));
}

runDemo().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
