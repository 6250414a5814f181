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

  it("reads TRUST_PROXY as a flag, a hop count or proxy addresses", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "10.0.0.0/8,127.0.0.1" }).trustProxy).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    expect(() => loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "everyone" })).toThrow(/TRUST_PROXY/);
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

  it("stores files on local disk unless STORAGE_DRIVER=s3", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).storage).toEqual({ driver: "local" });
    expect(loadConfig({ DATA_DIR: dataDir(), STORAGE_DRIVER: "local", S3_BUCKET: "ignored" }).storage).toEqual({ driver: "local" });
  });

  it("reads the S3 settings, with us-east-1 and path-style addressing by default", () => {
    const s3 = { DATA_DIR: dataDir(), STORAGE_DRIVER: "s3", S3_BUCKET: "trellis", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret" };
    expect(loadConfig(s3).storage).toEqual({
      driver: "s3",
      endpoint: undefined,
      region: "us-east-1",
      bucket: "trellis",
      accessKeyId: "key",
      secretAccessKey: "secret",
      forcePathStyle: true,
    });
    const custom = loadConfig({ ...s3, S3_ENDPOINT: "http://127.0.0.1:9000", S3_REGION: "eu-central-1", S3_FORCE_PATH_STYLE: "false" });
    expect(custom.storage).toMatchObject({ endpoint: "http://127.0.0.1:9000", region: "eu-central-1", forcePathStyle: false });
  });

  it("stops when the S3 settings are missing or malformed, naming the variable", () => {
    const s3 = { DATA_DIR: dataDir(), STORAGE_DRIVER: "s3", S3_BUCKET: "trellis", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret" };
    expect(() => loadConfig({ ...s3, S3_BUCKET: undefined })).toThrow(ConfigError);
    expect(() => loadConfig({ ...s3, S3_BUCKET: undefined })).toThrow(/S3_BUCKET: is required when STORAGE_DRIVER=s3/);
    expect(() => loadConfig({ ...s3, S3_ACCESS_KEY_ID: "" })).toThrow(/S3_ACCESS_KEY_ID/);
    expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY: undefined })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...s3, STORAGE_DRIVER: "gcs" })).toThrow(/STORAGE_DRIVER/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: "minio:9000" })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ ...s3, S3_FORCE_PATH_STYLE: "yes" })).toThrow(/S3_FORCE_PATH_STYLE/);
  });
});
