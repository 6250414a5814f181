import type { PartnerRole, Role } from "@trellis/shared";
import { addComment } from "../features/news/comments.service.js";
import { acknowledgePost, markRead } from "../features/news/feed.service.js";
import { createPost } from "../features/news/news.service.js";
import type { AuthenticatedActor } from "../platform/access/actor.js";
import type { AppContext } from "../platform/context.js";
import { ProblemError } from "../platform/http/problem.js";
import { uuidv7 } from "../platform/ids.js";
import { demoPosts } from "./news-content.js";
import { demoVendorUsers } from "./people.js";

const dayMs = 86_400_000;

function actorOf(user: { id: string; name: string; email: string; role: Role; partner_id: string | null }): AuthenticatedActor {
  return {
    kind: "user",
    userId: user.id,
    role: user.role,
    partnerId: user.partner_id,
    name: user.name,
    email: user.email,
    sessionId: "demo-loader",
    csrfToken: "",
  };
}

/**
 * The news feed of the demo: a dozen posts over the last months through the news service (one
 * scheduled ahead, one must-read pinned on top), questions answered publicly and privately, and
 * reads by most partner staff, so the feed, the unread marks, the banner and the analytics show
 * something. Loads once: a second run finds posts and changes nothing.
 */
export async function loadDemoNews(ctx: AppContext): Promise<{ loaded: boolean }> {
  const db = ctx.db;
  if (await db.selectFrom("news_posts").select("id").limit(1).executeTakeFirst()) return { loaded: false };
  const marketingEmail = demoVendorUsers.find((user) => user.role === "marketing")?.email ?? "";
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "partner_id", "status"])
    .where("status", "=", "active")
    .orderBy("email")
    .execute();
  const marketing = users.find((user) => user.email === marketingEmail);
  if (!marketing) return { loaded: false };
  const editor = actorOf(marketing);
  const [tiers, partners] = await Promise.all([
    db.selectFrom("tiers").select(["id", "name"]).execute(),
    db.selectFrom("partners").select(["id", "name"]).execute(),
  ]);
  const tierId = new Map(tiers.map((tier) => [tier.name, tier.id]));
  const partnerId = new Map(partners.map((partner) => [partner.name, partner.id]));
  const ids = (names: string[] | undefined, lookup: Map<string, string>) => (names ?? []).flatMap((name) => lookup.get(name) ?? []);
  const now = Date.now();

  const created: { id: string; days: number; mustRead: boolean }[] = [];
  // Oldest first, so the feed's order matches the story.
  for (const post of [...demoPosts].sort((a, b) => b.days - a.days)) {
    const publishAt = new Date(now - post.days * dayMs).toISOString();
    const detail = await createPost(
      ctx,
      editor,
      {
        title: post.title,
        bodyMarkdown: post.body,
        category: post.category,
        audience: {
          tierIds: ids(post.audience?.tiers, tierId),
          regions: post.audience?.regions ?? [],
          partnerIds: ids(post.audience?.partners, partnerId),
          roles: (post.audience?.roles ?? []) as PartnerRole[],
        },
        publishAt: post.days > 0 ? null : publishAt,
        expiresAt: post.expiresInDays ? new Date(now + post.expiresInDays * dayMs).toISOString() : null,
        pinned: post.pinned ?? false,
        mustRead: post.mustRead ?? false,
        commentsEnabled: true,
        productIds: [],
        assetIds: [],
        status: "published",
      },
      uuidv7(),
    );
    // Published in the past: the service stamps "now", so date the post as the story has it.
    if (post.days > 0)
      await db
        .updateTable("news_posts")
        .set({ publish_at: publishAt, created_at: publishAt, updated_at: publishAt })
        .where("id", "=", detail.id)
        .execute();
    created.push({ id: detail.id, days: post.days, mustRead: post.mustRead ?? false });

    if (post.question) {
      const asker = users.find((user) => user.partner_id === partnerId.get(post.question?.partner ?? "") && user.role !== "technician");
      if (asker) {
        const question = await addComment(
          ctx,
          actorOf(asker),
          detail.id,
          { body: post.question.text, visibility: post.question.private ? "partner" : "audience" },
          uuidv7(),
        );
        await addComment(ctx, editor, detail.id, { body: post.question.answer, parentId: question.id }, uuidv7());
      }
    }
  }

  // Reads: most partner staff opened the older posts; the newest two and the must-read are left for
  // some of them, so the feed shows unread marks and the banner nags. A post outside someone's audience answers 404: skip it.
  const live = created.filter((post) => post.days > 0);
  const partnerStaff = users.filter((user) => user.partner_id !== null);
  for (const [index, user] of partnerStaff.entries()) {
    const actor = actorOf(user);
    for (const post of live) {
      const keepsUnread = post.days <= 5 && index % 3 !== 0;
      if (keepsUnread || (index + post.days) % 5 === 0) continue;
      try {
        if (post.mustRead) await acknowledgePost(ctx, actor, post.id);
        else await markRead(ctx, actor, post.id);
      } catch (error) {
        // Not meant for this user (404): nothing to read. Anything else is a real fault.
        if (!(error instanceof ProblemError && error.status === 404)) throw error;
      }
    }
  }
  return { loaded: true };
}
