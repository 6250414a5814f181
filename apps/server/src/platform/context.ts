import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { Engine } from "../db/dialect.js";
import type { Mailer } from "./mail/mailer.js";
import type { FileStorage } from "./storage/storage.js";

/** What every service function receives first: explicit, no container. */
export interface AppContext {
  db: Db;
  engine: Engine;
  config: Config;
  mailer: Mailer;
  storage: FileStorage;
  log: Logger;
}
