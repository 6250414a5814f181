import { isPartnerRole, type NewsCategory, newsCategoryLabels, type Role } from "@trellis/shared";
import { Feed } from "feed";
import { nowIso } from "../../db/dialect.js";
import { hashToken } from "../../platform/auth/secrets.js";
import type { AppContext } from "../../platform/context.js";
import { notFound } from "../../platform/http/problem.js";
import { getVendorSettings } from "../settings/settings.service.js";
import { type FeedViewer, findFeedPosts } from "./atom.repository.js";
import { viewerKeys } from "./audience.js";
import { escapeHtml } from "./digest-render.js";
import { laterOf } from "./digest-schedule.js";
import { findFeedTokenOwner, touchFeedToken } from "./feed-token.repository.js";
import { atomUrl } from "./feed-token.service.js";
import { renderPostMarkdown } from "./news.markdown.js";

export const atomEntryLimit = 50;
/** last_used_at is written at most this often, so polling feed readers do not turn reads into writes. */
const touchEveryMs = 60 * 60_000;

/**
 * The Atom 1.0 feed behind a secret URL: the 50 newest posts its owner may see now (the audience
 * is resolved at every fetch, like the portal's). Unknown or revoked token, deactivated owner or
 * archived partner: 404.
 */
export async function atomFeed(ctx: AppContext, token: string): Promise<string> {
  const owner = await findFeedTokenOwner(ctx.db, hashToken(token));
  if (owner?.status !== "active" || owner.partner_archived_at !== null) throw notFound("Feed");
  const now = nowIso();
  let viewer: FeedViewer = { kind: "vendor" };
  if (isPartnerRole(owner.role as Role)) {
    if (!owner.partner_id) throw notFound("Feed");
    const keys = viewerKeys({ partnerId: owner.partner_id, tierId: owner.tier_id, region: owner.region ?? "" });
    viewer = { kind: "partner", keys, role: owner.role as Role };
  }
  const [posts, settings] = await Promise.all([findFeedPosts(ctx.db, viewer, now, atomEntryLimit), getVendorSettings(ctx.db)]);
  if (!owner.last_used_at || Date.parse(now) - Date.parse(owner.last_used_at) > touchEveryMs) await touchFeedToken(ctx.db, owner.token_id, now);

  const portal = `${ctx.config.publicUrl}/portal/news`;
  const updatedOf = (post: (typeof posts)[number]) => laterOf(post.updated_at, post.publish_at as string);
  // The feed's updated is its newest entry's; an empty feed's is when its URL was made, so it stays stable between fetches.
  const updated = posts.length === 0 ? owner.token_created_at : posts.map(updatedOf).reduce(laterOf);
  const feed = new Feed({
    id: `urn:uuid:${owner.user_id}`,
    title: `${settings.vendorName} partner news`,
    updated: new Date(updated),
    link: portal,
    feed: atomUrl(ctx.config.publicUrl, token),
    author: { name: settings.vendorName },
    generator: false,
  });
  for (const post of posts) {
    const mustRead = post.must_read === 1 ? "<p><strong>Must read:</strong> open it in the portal to acknowledge it.</p>" : "";
    feed.addItem({
      id: `urn:uuid:${post.id}`,
      // Atom titles here are type="html": escape so a "<" in a title stays text.
      title: escapeHtml(post.title),
      link: `${portal}/${post.id}`,
      date: new Date(updatedOf(post)),
      published: new Date(post.publish_at as string),
      content: `${mustRead}${renderPostMarkdown(post.body_markdown)}`,
      category: [{ term: post.category, name: newsCategoryLabels[post.category as NewsCategory] }],
    });
  }
  return feed.atom1();
}
