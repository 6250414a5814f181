import { nowIso } from "../../db/dialect.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { hashToken, newToken } from "../../platform/auth/secrets.js";
import type { AppContext } from "../../platform/context.js";
import { businessRule } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { findActiveFeedToken, insertFeedToken, revokeFeedTokens } from "./feed-token.repository.js";
import type { FeedTokenState } from "./feed-token.schemas.js";

/** Secret feed URLs carry this prefix, so a leaked one is recognisable in logs and scanners. */
export const feedTokenPrefix = "tnf_";

/** A feed is a person's: API tokens (the vendor's systems) have none. */
function feedUser(actor: AuthenticatedActor): string {
  if (actor.kind !== "user") throw businessRule("A news feed URL belongs to a signed-in person, not to an API token");
  return actor.userId;
}

export function atomUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/v1/news/atom/${token}`;
}

export async function getFeedToken(ctx: AppContext, actor: AuthenticatedActor): Promise<FeedTokenState> {
  const row = await findActiveFeedToken(ctx.db, feedUser(actor));
  return { active: row !== undefined, prefix: row?.token_prefix ?? null, createdAt: row?.created_at ?? null };
}

/** A new secret feed URL, shown once; the previous one stops working in the same transaction. */
export async function createFeedToken(ctx: AppContext, actor: AuthenticatedActor, requestId: string): Promise<{ url: string }> {
  const userId = feedUser(actor);
  const token = newToken(feedTokenPrefix);
  const now = nowIso();
  const id = uuidv7();
  const prefix = token.slice(0, feedTokenPrefix.length + 6);
  await ctx.db.transaction().execute(async (trx) => {
    const revoked = await revokeFeedTokens(trx, userId, now);
    await insertFeedToken(trx, {
      id,
      user_id: userId,
      token_hash: hashToken(token),
      token_prefix: prefix,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(
      trx,
      actor,
      { action: "news_feed_token.create", entityType: "user", entityId: userId, partnerId: actor.partnerId, after: { tokenId: id, prefix, revoked } },
      requestId,
    );
  });
  return { url: atomUrl(ctx.config.publicUrl, token) };
}

export async function revokeFeedToken(ctx: AppContext, actor: AuthenticatedActor, requestId: string): Promise<void> {
  const userId = feedUser(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const revoked = await revokeFeedTokens(trx, userId, nowIso());
    if (revoked === 0) return;
    await recordAudit(
      trx,
      actor,
      { action: "news_feed_token.revoke", entityType: "user", entityId: userId, partnerId: actor.partnerId, after: { revoked } },
      requestId,
    );
  });
}
