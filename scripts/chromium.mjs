import { execFileSync } from "node:child_process";

/** The system Chromium (Debian's package): CHROMIUM_PATH, else `chromium` on PATH. No browser download. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined;
    } catch {
      // try the next name
    }
  }
  return undefined;
}
