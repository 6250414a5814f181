import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { openDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { featureJobs } from "./features/index.js";
import { scheduledJobs } from "./platform/jobs/jobs.js";
import { startJobRunner } from "./platform/jobs/runner.js";

export async function startServer(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const database = openDatabase(config);
  await migrateToLatest(database.db);
  const { app, ctx } = await buildApp(config, database);
  await app.listen({ port: config.port, host: config.host });
  const jobs = startJobRunner(ctx, [...scheduledJobs, ...featureJobs]);
  const close = async () => {
    jobs.stop();
    await app.close();
    await database.close();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
  return { app, ctx, config, close };
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  startServer().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });
}
