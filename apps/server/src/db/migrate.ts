import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./database.js";
import * as m0001 from "./migrations/0001_foundation.js";
import * as m0002 from "./migrations/0002_library.js";
import * as m0003 from "./migrations/0003_support.js";
import * as m0004 from "./migrations/0004_knowledge.js";
import * as m0005 from "./migrations/0005_support_hotspots.js";
import * as m0006 from "./migrations/0006_ticket_products_active.js";
import * as m0007 from "./migrations/0007_news.js";
import * as m0008 from "./migrations/0008_news_digests.js";
import * as m0009 from "./migrations/0009_notifications.js";
import * as m0010 from "./migrations/0010_incentive_ledger.js";
import * as m0011 from "./migrations/0011_incentive_claims.js";
import * as m0012 from "./migrations/0012_rewards.js";
import * as m0013 from "./migrations/0013_relationships.js";
import * as m0014 from "./migrations/0014_scorecard_rollups.js";

/** Listed statically so the bundle-free tsx runtime and tests find the same set. */
const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_library": m0002,
  "0003_support": m0003,
  "0004_knowledge": m0004,
  "0005_support_hotspots": m0005,
  "0006_ticket_products_active": m0006,
  "0007_news": m0007,
  "0008_news_digests": m0008,
  "0009_notifications": m0009,
  "0010_incentive_ledger": m0010,
  "0011_incentive_claims": m0011,
  "0012_rewards": m0012,
  "0013_relationships": m0013,
  "0014_scorecard_rollups": m0014,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
