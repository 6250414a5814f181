import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../db/database.js";
import { nowIso } from "../../db/dialect.js";
import { migrateToLatest } from "../../db/migrate.js";
import { createTestDatabase, testEngines } from "../../testing/harness.js";
import type { AuthenticatedActor } from "../access/actor.js";
import { registerErrorHandling } from "./error-handler.js";
import { canonicalJson, idempotencyActorKey, requestHash, withIdempotency } from "./idempotency.js";
import { businessRule } from "./problem.js";

describe("idempotency hashing", () => {
  it("hashes the same request the same however its keys are ordered, and any change differently", () => {
    expect(canonicalJson({ b: [2, { y: 1, x: null }], a: "1", skipped: undefined })).toBe('{"a":"1","b":[2,{"x":null,"y":1}]}');
    const hash = requestHash("post", "/api/v1/x", { a: 1, b: 2 });
    expect(requestHash("POST", "/api/v1/x", { b: 2, a: 1 })).toBe(hash);
    expect(requestHash("POST", "/api/v1/x", { a: 1, b: 3 })).not.toBe(hash);
    expect(requestHash("POST", "/api/v1/y", { a: 1, b: 2 })).not.toBe(hash);
    expect(requestHash("PUT", "/api/v1/x", { a: 1, b: 2 })).not.toBe(hash);
    expect(requestHash("POST", "/api/v1/x?dry=1", { a: 1, b: 2 })).not.toBe(hash);
  });

  it("keys users and tokens apart", () => {
    const user: AuthenticatedActor = {
      kind: "user",
      userId: "u1",
      role: "finance",
      partnerId: null,
      name: "F",
      email: "f@x.test",
      sessionId: "s",
      csrfToken: "c",
    };
    expect(idempotencyActorKey(user)).toBe("user:u1");
    expect(idempotencyActorKey({ kind: "token", tokenId: "u1", role: "finance", partnerId: null, name: "t" })).toBe("token:u1");
  });
});

/**
 * withIdempotency on a bare Fastify app over a real database: the movement is an audit row, so
 * "exactly once" is a row count. The actor comes from a header to test per-actor keys.
 */
describe.each(testEngines)("withIdempotency on %s", (engine) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  const app = Fastify().withTypeProvider<ZodTypeProvider>();

  beforeAll(async () => {
    const database = await createTestDatabase(engine);
    handle = database.handle;
    drop = database.drop;
    await migrateToLatest(handle.db);
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app);
    app.post(
      "/move",
      { schema: { body: z.object({ label: z.string(), fail: z.enum(["no", "business", "crash"]).default("no") }) } },
      async (request, reply) => {
        const actor: AuthenticatedActor = {
          kind: "token",
          tokenId: String(request.headers["x-actor"] ?? "a"),
          role: "finance",
          partnerId: null,
          name: "t",
        };
        const response = await withIdempotency(handle.db, request, reply, actor, async (trx) => {
          await trx
            .insertInto("audit_log")
            .values({
              id: `${request.id}-${Math.random()}`,
              at: nowIso(),
              actor_user_id: null,
              actor_token_id: null,
              actor_label: "test",
              action: "test.move",
              entity_type: "test",
              entity_id: request.body.label,
              partner_id: null,
              before_json: null,
              after_json: null,
              request_id: null,
            })
            .execute();
          if (request.body.fail === "business") throw businessRule("not today", "insufficient_points");
          if (request.body.fail === "crash") throw new Error("boom");
          const moved = await trx.selectFrom("audit_log").select("id").where("action", "=", "test.move").execute();
          return { status: 201, body: { label: request.body.label, moved: moved.length } };
        });
        return reply.status(response.status).send(response.body);
      },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
    await drop();
  });

  const move = (body: object, key?: string, actor = "a") =>
    app.inject({
      method: "POST",
      url: "/move",
      payload: body,
      headers: { "x-actor": actor, ...(key === undefined ? {} : { "idempotency-key": key }) },
    });
  const moves = async (label: string) =>
    (await handle.db.selectFrom("audit_log").select("id").where("action", "=", "test.move").where("entity_id", "=", label).execute()).length;

  it("requires a key, naming the header", async () => {
    for (const key of [undefined, "", "   ", "x".repeat(201), "héllo"]) {
      const response = await move({ label: "nokey" }, key);
      expect(response.statusCode, String(key)).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().fields).toEqual([{ path: "headers.idempotency-key", message: expect.any(String) }]);
    }
    expect((await move({ label: "nokey" })).json().code).toBe("idempotency_key_required");
    expect(await moves("nokey")).toBe(0);
  });

  it("runs once and replays the first answer to a retry, with the replay marked", async () => {
    const first = await move({ label: "once" }, "k-once");
    expect(first.statusCode).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const replay = await move({ label: "once" }, "k-once");
    expect(replay.statusCode).toBe(201);
    expect(replay.body).toBe(first.body);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(await moves("once")).toBe(1);
    const stored = await handle.db.selectFrom("idempotency_keys").selectAll().where("key", "=", "k-once").executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ actor_key: "token:a", response_status: 201, response_body: first.body });
  });

  it("refuses the same key with a different body (422) and keeps keys per actor", async () => {
    await move({ label: "reuse" }, "k-reuse");
    const other = await move({ label: "reuse-2" }, "k-reuse");
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: "idempotency_key_reused" });
    expect(await moves("reuse-2")).toBe(0);
    const otherActor = await move({ label: "reuse-2" }, "k-reuse", "b");
    expect(otherActor.statusCode).toBe(201);
    expect(await moves("reuse-2")).toBe(1);
  });

  it("stores nothing when the movement fails: a business error or a crash rolls back the key too", async () => {
    const refused = await move({ label: "fails", fail: "business" }, "k-fail");
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("insufficient_points");
    const crashed = await move({ label: "fails", fail: "crash" }, "k-fail");
    expect(crashed.statusCode).toBe(500);
    expect(await moves("fails")).toBe(0);
    expect(await handle.db.selectFrom("idempotency_keys").select("key").where("key", "=", "k-fail").execute()).toEqual([]);
    // The key is still free: the corrected request runs.
    const fixed = await move({ label: "fails" }, "k-fail");
    expect(fixed.statusCode).toBe(201);
    expect(await moves("fails")).toBe(1);
  });

  it("lets concurrent copies of one request move once; each gets the first answer", async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => move({ label: "race" }, "k-race")));
    expect(responses.map((response) => response.statusCode)).toEqual(Array(12).fill(201));
    expect(new Set(responses.map((response) => response.body)).size).toBe(1);
    expect(responses.filter((response) => response.headers["idempotent-replayed"] === "true")).toHaveLength(11);
    expect(await moves("race")).toBe(1);
  });
});
