import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Checkpoints a SQLite database's WAL from a worker thread (ADR 0008, "Checkpoints").
 * better-sqlite3 is synchronous: a checkpoint run by the server's own connection copies the WAL's
 * pages into the database file and fsyncs it on the event loop, stalling every request meanwhile.
 * Here a second connection in a worker copies them with PASSIVE checkpoints every `everyMs`, on the
 * other core, while the server's connection goes on reading and committing (WAL allows one
 * checkpointer beside the writer). The server's own autocheckpoint stays as a safety net, set high.
 * Durability does not change: every commit still fsyncs the WAL before it returns.
 */
export interface Checkpointer {
  /** Stops the worker and closes its connection (before the server's connection closes). */
  stop: () => Promise<void>;
}

// Plain CommonJS, evaluated in the worker: no TypeScript loader is needed there (tsx, Vitest).
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    // The file went away (a test's data directory removed) or is not a WAL database: stop quietly.
    clearInterval(timer);
    parentPort.postMessage({ stopped: String(error && error.message) });
  }
}, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");

export function startCheckpointer(file: string, options: { everyMs?: number } = {}): Checkpointer {
  const worker = new Worker(workerSource, { eval: true, workerData: { driver: driverPath, file, everyMs: options.everyMs ?? 100 } });
  // Never keeps the process alive on its own; an error in it must not take the server down.
  worker.unref();
  worker.on("error", (error) => process.emitWarning(`SQLite checkpointer stopped: ${error.message}`));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    stop: async () => {
      // Held from here on, so the process waits for the worker to close its connection.
      worker.ref();
      worker.postMessage("stop");
      // A worker busy in a long checkpoint finishes it first; one that hangs is ended.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), 5_000);
      });
      if ((await Promise.race([exited, timeout])) === "late") await worker.terminate();
      clearTimeout(timer);
    },
  };
}
