import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "trellis-config-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("stops with a message naming the bad variable", () => {
    expect(() => loadConfig({ PORT: "eighty", DATA_DIR: dataDir() })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty", DATA_DIR: dataDir() })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x", DATA_DIR: dataDir() })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SMTP_URL: "http://mail", DATA_DIR: dataDir() })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ PUBLIC_URL: "not a url", DATA_DIR: dataDir() })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ SESSION_SECRET: "short", DATA_DIR: dataDir() })).toThrow(/SESSION_SECRET/);
  });

  it("generates a session secret on first run and keeps it", () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.sessionSecret).toHaveLength(64);
    expect(existsSync(join(dir, "session-secret"))).toBe(true);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(first.sessionSecret);
    expect(readFileSync(join(dir, "session-secret"), "utf8")).toBe(first.sessionSecret);
  });

  it("defaults to port 3000 and derives secure cookies from an https PUBLIC_URL", () => {
    const plain = loadConfig({ DATA_DIR: dataDir() });
    expect(plain.port).toBe(3000);
    expect(plain.publicUrl).toBe("http://localhost:3000");
    expect(plain.secureCookies).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), PUBLIC_URL: "https://prm.example.com/" }).secureCookies).toBe(true);
  });
});
