import type { DigestFrequency, NewsCategory, Role } from "@trellis/shared";
import type { Kysely } from "kysely";
import { foldSearchText } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { uuidv7 } from "../../platform/ids.js";
import { postKeys, rolesColumn } from "./audience.js";

// Test fixtures for the digest and Atom tests (not used by the app): rows written straight to the
// tables at chosen times, so a test can move the clock where the HTTP API would use the real one.

export interface PostRowFields {
  title: string;
  body?: string;
  category?: NewsCategory;
  publishAt: string;
  tierIds?: string[];
  regions?: string[];
  partnerIds?: string[];
  roles?: Role[];
  mustRead?: boolean;
  status?: "draft" | "published" | "archived";
  expiresAt?: string | null;
}

export async function insertPost(db: Kysely<Database>, fields: PostRowFields): Promise<string> {
  const id = uuidv7();
  const audience = { tierIds: fields.tierIds ?? [], regions: fields.regions ?? [], partnerIds: fields.partnerIds ?? [] };
  const body = fields.body ?? `About ${fields.title}.`;
  await db
    .insertInto("news_posts")
    .values({
      id,
      title: fields.title,
      body_markdown: body,
      category: fields.category ?? "company",
      status: fields.status ?? "published",
      audience_all: audience.tierIds.length + audience.regions.length + audience.partnerIds.length === 0 ? 1 : 0,
      roles: rolesColumn(fields.roles ?? []),
      pinned: 0,
      must_read: fields.mustRead ? 1 : 0,
      comments_enabled: 1,
      search_text: foldSearchText(`${fields.title} ${body}`),
      publish_at: fields.publishAt,
      expires_at: fields.expiresAt ?? null,
      author_id: null,
      created_at: fields.publishAt,
      updated_at: fields.publishAt,
    })
    .execute();
  const keys = postKeys(audience);
  await db
    .insertInto("news_post_keys")
    .values(keys.map((key) => ({ key, post_id: id })))
    .execute();
  return id;
}

export async function setDigestPreferences(
  db: Kysely<Database>,
  userId: string,
  fields: { frequency: DigestFrequency; last: string | null; next: string | null; hour?: number; weekday?: number; timeZone?: string },
): Promise<void> {
  const row = {
    user_id: userId,
    digest_frequency: fields.frequency,
    digest_hour: fields.hour ?? 8,
    digest_weekday: fields.weekday ?? 1,
    time_zone: fields.timeZone ?? "UTC",
    last_digest_at: fields.last,
    next_digest_at: fields.next,
    claimed_until: null,
    claimed_by: null,
    updated_at: fields.last ?? fields.next ?? new Date().toISOString(),
  };
  await db
    .insertInto("news_preferences")
    .values(row)
    .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
    .execute();
}

export async function markRead(db: Kysely<Database>, postId: string, user: { id: string; partnerId: string }, at: string, acknowledged = false) {
  await db
    .insertInto("news_reads")
    .values({ post_id: postId, user_id: user.id, partner_id: user.partnerId, read_at: at, acknowledged_at: acknowledged ? at : null })
    .execute();
}

export async function digestsOf(db: Kysely<Database>, userId: string) {
  const rows = await db.selectFrom("news_digests").selectAll().where("user_id", "=", userId).orderBy("due_at").execute();
  return rows.map((row) => ({ ...row, postIds: JSON.parse(row.post_ids) as string[] }));
}

export const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
