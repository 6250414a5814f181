import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const mainScript = fileURLToPath(new URL("../main.ts", import.meta.url));

/** A real server process (main.ts under tsx), for tests that kill it with SIGKILL and restart it. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it logged so far. */
  output: () => string;
}

/** Starts the server with the given environment and resolves once it listens (PORT=0: any free port). */
export function startServerProcess(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", mainScript], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.slice(-4000)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!found?.[1]) return;
      clearTimeout(timer);
      // Keep draining the pipes so a busy log never blocks the server.
      child.stdout?.off("data", onData);
      child.stdout?.on("data", () => {});
      resolve({ child, url: found[1], exited, output: () => output });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output.slice(-4000)}`));
    });
  });
}
