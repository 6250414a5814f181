import type { Role } from "@trellis/shared";
import { type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/types.js";

/** Whose feed: vendor staff see every visible post; a partner user its audience (keys and role). */
export type FeedViewer = { kind: "vendor" } | { kind: "partner"; keys: string[]; role: Role };

/** news_posts.roles is "" (every partner role) or a sorted comma list; match one role exactly. */
function roleAllowed(role: Role) {
  const pattern = `%,${role.replace(/[\\%_]/g, (c) => `\\${c}`)},%`;
  return sql<SqlBool>`(p.roles = '' or (',' || p.roles || ',') like ${pattern} escape '\\')`;
}

/** The newest posts visible now to the viewer, newest first. */
export async function findFeedPosts(db: Kysely<Database>, viewer: FeedViewer, now: string, limit: number) {
  let query = db
    .selectFrom("news_posts as p")
    .select(["p.id", "p.title", "p.body_markdown", "p.category", "p.publish_at", "p.updated_at", "p.must_read"])
    .where("p.status", "=", "published")
    .where("p.publish_at", "<=", now)
    .where((eb) => eb.or([eb("p.expires_at", "is", null), eb("p.expires_at", ">", now)]))
    .orderBy("p.publish_at", "desc")
    .orderBy("p.id", "desc")
    .limit(limit);
  if (viewer.kind === "partner") {
    query = query
      .where((eb) =>
        eb.exists(eb.selectFrom("news_post_keys as k").select("k.post_id").whereRef("k.post_id", "=", "p.id").where("k.key", "in", viewer.keys)),
      )
      .where(roleAllowed(viewer.role));
  }
  return query.execute();
}
