import type { VendorRole } from "@trellis/shared";
import { nowIso } from "../../db/dialect.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { apiTokenPrefix } from "../../platform/auth/api-tokens.js";
import { hashToken, newToken } from "../../platform/auth/secrets.js";
import type { AppContext } from "../../platform/context.js";
import { businessRule, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { findTokenRow, insertToken, listTokenRows, revokeTokenRow } from "./api-tokens.repository.js";
import type { ApiToken } from "./api-tokens.schemas.js";

export async function listApiTokens(ctx: AppContext): Promise<ApiToken[]> {
  const rows = await listTokenRows(ctx.db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role as VendorRole,
    tokenPrefix: r.token_prefix,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** The token is returned once, here; only its SHA-256 is kept. */
export async function createApiToken(ctx: AppContext, actor: AuthenticatedActor, input: { name: string; role: VendorRole }, requestId: string) {
  if (actor.kind !== "user") throw businessRule("API tokens are created by a signed-in vendor admin, not by another token");
  const token = newToken(apiTokenPrefix);
  const row = {
    id: uuidv7(),
    name: input.name,
    role: input.role,
    token_hash: hashToken(token),
    token_prefix: token.slice(0, apiTokenPrefix.length + 6),
    created_by: actor.userId,
    created_at: nowIso(),
    last_used_at: null,
    revoked_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertToken(trx, row);
    await recordAudit(trx, actor, { action: "api_token.create", entityType: "api_token", entityId: row.id, partnerId: null, after: row }, requestId);
  });
  const created = (await listApiTokens(ctx)).find((t) => t.id === row.id);
  if (!created) throw notFound("API token");
  return { ...created, token };
}

export async function revokeApiToken(ctx: AppContext, actor: AuthenticatedActor, id: string, requestId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findTokenRow(trx, id);
    if (!before) throw notFound("API token");
    if (before.revoked_at) return;
    const at = nowIso();
    await revokeTokenRow(trx, id, at);
    await recordAudit(
      trx,
      actor,
      { action: "api_token.revoke", entityType: "api_token", entityId: id, partnerId: null, before, after: { ...before, revoked_at: at } },
      requestId,
    );
  });
}
