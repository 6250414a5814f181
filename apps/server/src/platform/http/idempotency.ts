import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import { pointsWriter } from "../../db/group-commit.js";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../access/actor.js";
import { ProblemError } from "./problem.js";

// Every request that moves points takes an Idempotency-Key (DESIGN.md, docs/incentives.md). The key
// row is written first, in the same transaction as the movement, and holds the response: a retry
// gets the first answer, and two copies of one request can never both move points.

export const idempotencyKeyHeader = "idempotency-key";
/** Visible ASCII, like the header drafts suggest for UUIDs and client-made keys. */
const keyPattern = /^[\x21-\x7e]{1,200}$/;

export interface IdempotentResponse<T> {
  status: number;
  body: T;
}

/** Whose key it is: a key is unique per signed-in user or API token, never across them. */
export function idempotencyActorKey(actor: AuthenticatedActor): string {
  return actor.kind === "user" ? `user:${actor.userId}` : `token:${actor.tokenId}`;
}

/** JSON with object keys sorted at every level, so the same body hashes the same however it was written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** sha256 of the method, the URL as sent (path and query) and the canonical body. */
export function requestHash(method: string, url: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method.toUpperCase()}\n${url}\n${canonicalJson(body)}`)
    .digest("hex");
}

function keyOf(request: FastifyRequest): string {
  const raw = request.headers[idempotencyKeyHeader];
  const key = Array.isArray(raw) ? raw[0] : raw;
  const field = { path: `headers.${idempotencyKeyHeader}`, message: "send a unique key per intended movement, e.g. a UUID" };
  if (key === undefined || key.trim() === "") {
    throw new ProblemError(400, "idempotency_key_required", "Idempotency-Key required", "This request moves points: send an Idempotency-Key header", {
      fields: [field],
    });
  }
  if (!keyPattern.test(key)) {
    throw new ProblemError(400, "validation_failed", "Invalid request", "Idempotency-Key must be 1-200 visible ASCII characters", {
      fields: [{ path: field.path, message: "must be 1-200 visible ASCII characters" }],
    });
  }
  return key;
}

/**
 * Runs `run` exactly once per (actor, Idempotency-Key), in ONE transaction with the key row:
 * 1. inserts the key row (ON CONFLICT DO NOTHING). On PostgreSQL a concurrent copy of the request
 *    blocks on the unique index here until the first commits (then it finds the row) or rolls back
 *    (then it inserts and runs itself); on SQLite BEGIN IMMEDIATE serialises the two.
 * 2. when the row was already there: the same request hash replays the stored status and body (with
 *    an `Idempotent-Replayed: true` header); a different one is 422 idempotency_key_reused.
 * 3. otherwise runs the movement and stores its response with the key.
 * A problem thrown by `run` (a 4xx business error) rolls everything back, the key included, so the
 * client may correct the request and retry with the same key. `run` must use only `trx`: a second
 * connection from the pool while concurrent copies hold the others could wait forever.
 * The transaction comes from pointsWriter: on SQLite several requests' units share one durable
 * commit (db/group-commit.ts, ADR 0008); the answer is sent only after that commit.
 */
export async function withIdempotency<T>(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: AuthenticatedActor,
  run: (trx: Kysely<Database>) => Promise<IdempotentResponse<T>>,
): Promise<IdempotentResponse<T>> {
  const key = keyOf(request);
  const actorKey = idempotencyActorKey(actor);
  const hash = requestHash(request.method, request.url, request.body);
  return pointsWriter(db).execute(async (trx) => {
    const inserted = await trx
      .insertInto("idempotency_keys")
      .values({ actor_key: actorKey, key, request_hash: hash, response_status: 0, response_body: "", created_at: nowIso() })
      .onConflict((oc) => oc.columns(["actor_key", "key"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      const stored = await trx
        .selectFrom("idempotency_keys")
        .select(["request_hash", "response_status", "response_body"])
        .where("actor_key", "=", actorKey)
        .where("key", "=", key)
        .executeTakeFirstOrThrow();
      if (stored.request_hash !== hash) {
        throw new ProblemError(
          422,
          "idempotency_key_reused",
          "Idempotency-Key already used",
          "This Idempotency-Key was used for a different request; use a new key for a new movement",
        );
      }
      reply.header("idempotent-replayed", "true");
      return { status: stored.response_status, body: JSON.parse(stored.response_body) as T };
    }
    const response = await run(trx);
    await trx
      .updateTable("idempotency_keys")
      .set({ response_status: response.status, response_body: JSON.stringify(response.body) })
      .where("actor_key", "=", actorKey)
      .where("key", "=", key)
      .execute();
    return response;
  });
}
