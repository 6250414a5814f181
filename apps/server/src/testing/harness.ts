import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Role } from "@trellis/shared";
import pg from "pg";
import { type BuiltApp, buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/database.js";
import type { Engine } from "../db/dialect.js";
import { nowIso } from "../db/dialect.js";
import { migrateToLatest } from "../db/migrate.js";
import { hashPassword } from "../platform/auth/secrets.js";
import { uuidv7 } from "../platform/ids.js";

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set, and required when CI=true. */
export const testEngines: Engine[] = (() => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === "true") throw new Error("CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI");
  return url ? ["sqlite", "postgres"] : ["sqlite"];
})();

export interface TestApp extends BuiltApp {
  engine: Engine;
  close: () => Promise<void>;
}

/** A fresh database per call: a temp SQLite file, or a new PostgreSQL database dropped on close. */
/** A fresh, empty database (PostgreSQL: a copy of `template` when given, for the bench's snapshots). */
export async function createTestDatabase(engine: Engine, template?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), "trellis-test-"));
  if (engine === "sqlite") {
    const handle = openDatabase({ databaseUrl: undefined, dataDir });
    return { handle, dataDir, databaseUrl: undefined, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `trellis_t_${uuidv7().replace(/-/g, "").slice(-16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ""}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), dataDir });
  return {
    handle,
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  await migrateToLatest(database.handle.db);
  const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "silent", PUBLIC_URL: "http://localhost:3000", ...env });
  const built = await buildApp(config, database.handle);
  await built.app.ready();
  return {
    ...built,
    engine,
    close: async () => {
      await built.app.close();
      await database.handle.close();
      await database.drop();
    },
  };
}

export const testPassword = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;

/** Inserts an active user straight into the database (argon2 once per process, for speed). */
export async function createUser(
  app: TestApp,
  input: { role: Role; partnerId?: string | null; email?: string; name?: string; status?: "active" | "invited" | "deactivated" },
): Promise<{ id: string; email: string; password: string }> {
  cachedHash ??= hashPassword(testPassword);
  const id = uuidv7();
  const email = input.email ?? `${input.role}-${id.slice(-12)}@example.test`;
  const now = nowIso();
  await app.ctx.db
    .insertInto("users")
    .values({
      id,
      email,
      name: input.name ?? `${input.role} ${id.slice(-4)}`,
      role: input.role,
      partner_id: input.partnerId ?? null,
      status: input.status ?? "active",
      password_hash: await cachedHash,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, email, password: testPassword };
}

/** Inserts a partner organisation straight into the database. */
export async function createPartner(
  app: TestApp,
  input: { name?: string; status?: "prospect" | "active" | "probation" | "terminated"; region?: string; tierId?: string | null } = {},
) {
  const id = uuidv7();
  const now = nowIso();
  const name = input.name ?? `Partner ${id.slice(-6)}`;
  await app.ctx.db
    .insertInto("partners")
    .values({
      id,
      name,
      legal_name: `${name} Ltd`,
      address_line1: "1 Main St",
      address_line2: "",
      city: "Springfield",
      postal_code: "12345",
      country: "US",
      region: input.region ?? "North America",
      territory: "",
      website: "https://example.test",
      phone: "",
      tier_id: input.tierId ?? null,
      status: input.status ?? "active",
      channel_manager_id: null,
      logo_key: null,
      logo_content_type: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, name };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function login(app: TestApp, email: string, password = testPassword): Promise<Session> {
  const response = await app.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login failed for ${email}: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === "trellis_session");
  if (!setCookie) throw new Error("no session cookie");
  const body = response.json() as { csrfToken: string };
  return { cookie: `trellis_session=${setCookie.value}`, csrfToken: body.csrfToken };
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** app.inject with the session's cookie and CSRF header. */
export function as(app: TestApp, session: Session) {
  const call = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.app.inject({
      method,
      url,
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, ...headers },
      ...(payload === undefined ? {} : typeof payload === "string" || Buffer.isBuffer(payload) ? { payload } : { payload: payload as object }),
    });
  return {
    get: (url: string) => call("GET", url),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) => call("POST", url, payload ?? {}, headers),
    put: (url: string, payload?: unknown, headers?: Record<string, string>) => call("PUT", url, payload ?? {}, headers),
    patch: (url: string, payload?: unknown) => call("PATCH", url, payload ?? {}),
    delete: (url: string) => call("DELETE", url),
  };
}

/** Signs in a new user of the role (and partner) and returns a client bound to the session. */
export async function signedIn(app: TestApp, role: Role, partnerId: string | null = null) {
  const user = await createUser(app, { role, partnerId });
  const session = await login(app, user.email);
  return { user, session, client: as(app, session) };
}

/** Mail sent after a reply (password resets) lands a moment later: wait for it. */
export async function waitForMail(app: TestApp, to: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await app.ctx.db.selectFrom("mail_messages").selectAll().where("to_address", "=", to).orderBy("id", "desc").executeTakeFirst();
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
