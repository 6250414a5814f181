import { hostname } from "node:os";
import type { DigestStatus } from "@trellis/shared";
import { nowIso } from "../../db/dialect.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { findDigestPage } from "./digest.repository.js";
import type { DigestListItem, DigestRun } from "./digest.schemas.js";
import { type ComposeCounts, composeDueDigests } from "./digest-compose.js";
import { type SendCounts, sendPendingDigests } from "./digest-send.js";
import { ensureDigestPreferences } from "./preferences.service.js";

// The job's three steps, for a bench or a test to drive directly.
export { composeDueDigests, ensureDigestPreferences, sendPendingDigests };

export const processWorkerId = `${hostname()}:${process.pid}`;

/**
 * One run of the digest job: preferences for newcomers, then compose what is due, then send what
 * is pending (this run's digests and earlier ones waiting for a retry).
 */
export async function runDigests(ctx: AppContext, options: { now?: Date | string; workerId?: string; sendLimit?: number } = {}): Promise<DigestRun> {
  const now = options.now ? new Date(options.now).toISOString() : nowIso();
  const workerId = options.workerId ?? processWorkerId;
  const preferencesCreated = await ensureDigestPreferences(ctx, now);
  const composed: ComposeCounts = await composeDueDigests(ctx, { now, workerId });
  const sent: SendCounts = await sendPendingDigests(ctx, { now, workerId, limit: options.sendLimit ?? 10_000 });
  return { preferencesCreated, ...composed, ...sent };
}

export async function listDigests(ctx: AppContext, query: { status?: DigestStatus; cursor?: string; limit: number }): Promise<Page<DigestListItem>> {
  const after = decodeCursor(query.cursor, 1)?.[0];
  const rows = await findDigestPage(ctx.db, { status: query.status, after: typeof after === "string" ? after : undefined, limit: query.limit });
  const page = toPage(rows, query.limit, (row) => [row.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((row) => ({
      id: row.id,
      userId: row.user_id,
      userName: row.user_name,
      email: row.email,
      partnerId: row.partner_id,
      partnerName: row.partner_name,
      dueAt: row.due_at,
      postCount: row.post_count,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt: row.status === "pending" ? row.next_attempt_at : null,
      sentAt: row.sent_at,
      createdAt: row.created_at,
    })),
  };
}
