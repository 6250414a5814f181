import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openDatabase } from "../db/database.js";
import { createTestApp, createUser, type TestApp, testEngines, testPassword } from "../testing/harness.js";
import { MissingPolicyError, registerAccessControl } from "./access/access.plugin.js";
import { maskTokens } from "./auth/mask.js";
import type { TypedApp } from "./http/typed-app.js";

describe("a route without a policy", () => {
  it("stops the server from starting", async () => {
    const database = openDatabase({ databaseUrl: "sqlite::memory:", dataDir: "/tmp" });
    const app = Fastify() as unknown as TypedApp;
    registerAccessControl(app, { db: database.db, lifetimes: { idleMinutes: 1, absoluteMinutes: 1 }, registry: [] });
    expect(() => app.get("/api/v1/forgotten", { schema: { response: { 200: z.object({}) } } }, async () => ({}))).toThrow(MissingPolicyError);
    await database.close();
  });
});

describe.each(testEngines)("platform on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => app.close());

  it("answers health with the engine and version", async () => {
    const response = await app.app.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", db: engine, version: expect.any(String) });
    expect(response.headers["x-request-id"]).toBeTruthy();
  });

  it("publishes OpenAPI 3.1 with both security schemes on every protected operation", async () => {
    const doc = (await app.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["session", "bearer"]);
    const protectedRoute = doc.paths["/api/v1/settings"].get;
    expect(protectedRoute.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(doc.paths["/api/v1/auth/login"].post.security).toBeUndefined();
    const docsPage = await app.app.inject({ method: "GET", url: "/api/docs/" });
    expect(docsPage.statusCode).toBe(200);
  });

  it("answers unknown API paths and unauthenticated calls with problem+json", async () => {
    const missing = await app.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    const anonymous = await app.app.inject({ method: "GET", url: "/api/v1/settings" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe("unauthenticated");
    expect(anonymous.body).not.toMatch(/at .*\.ts/);
  });

  it("refuses cross-site unsafe requests", async () => {
    const response = await app.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "sec-fetch-site": "cross-site" },
      payload: { email: "a@b.co", password: "x" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("csrf_failed");
  });
});

describe("public forms", () => {
  it("are rate-limited per address with a problem+json 429", async () => {
    const app = await createTestApp("sqlite");
    try {
      let last = 0;
      for (let i = 0; i < 21; i++) {
        last = (await app.app.inject({ method: "POST", url: "/api/v1/auth/password-reset/request", payload: { email: `nobody${i}@example.test` } }))
          .statusCode;
      }
      expect(last).toBe(429);
      const limited = await app.app.inject({ method: "POST", url: "/api/v1/auth/password-reset/request", payload: { email: "x@example.test" } });
      expect(limited.headers["content-type"]).toContain("application/problem+json");
      expect(limited.json().code).toBe("rate_limited");
    } finally {
      await app.close();
    }
  });

  it("never log invitation or reset tokens", () => {
    expect(maskTokens("/api/v1/invitations/abc123?x=1")).toBe("/api/v1/invitations/[token]?x=1");
    expect(maskTokens("/reset-password?token=secret&next=/")).toBe("/reset-password?token=[token]&next=/");
    expect(maskTokens("<https://x.test/api/v1/news/unsubscribe/u1.sig>")).toBe("<https://x.test/api/v1/news/unsubscribe/[token]>");
    expect(maskTokens('href="https://x.test/unsubscribe/u1.sig"')).toBe('href="https://x.test/unsubscribe/[token]"');
    expect(maskTokens("GET /api/v1/news/atom/abcdef")).toBe("GET /api/v1/news/atom/[token]");
  });
});

describe("behind a reverse proxy", () => {
  async function lockOutOneAddress(app: TestApp, forwardedFor: string) {
    for (let i = 0; i < 31; i++) {
      await app.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "x-forwarded-for": forwardedFor },
        payload: { email: `guess${i}@example.test`, password: "wrong password" },
      });
    }
  }

  it("throttles by the client address that TRUST_PROXY lets it read, not the proxy's", async () => {
    const app = await createTestApp("sqlite", { TRUST_PROXY: "1" });
    try {
      const user = await createUser(app, { role: "finance" });
      await lockOutOneAddress(app, "203.0.113.9");
      const blocked = await app.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "x-forwarded-for": "203.0.113.9" },
        payload: { email: user.email, password: testPassword },
      });
      expect(blocked.statusCode).toBe(429);
      const other = await app.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "x-forwarded-for": "198.51.100.7" },
        payload: { email: user.email, password: testPassword },
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("ignores X-Forwarded-For unless told to trust the proxy", async () => {
    const app = await createTestApp("sqlite");
    try {
      const user = await createUser(app, { role: "finance" });
      await lockOutOneAddress(app, "203.0.113.9");
      const spoofed = await app.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "x-forwarded-for": "198.51.100.7" },
        payload: { email: user.email, password: testPassword },
      });
      expect(spoofed.statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});
