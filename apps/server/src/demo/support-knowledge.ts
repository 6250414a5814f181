import { castVote, recordView } from "../features/knowledge/knowledge.repository.js";
import { createArticle } from "../features/knowledge/knowledge.service.js";
import type { AuthenticatedActor } from "../platform/access/actor.js";
import type { AppContext } from "../platform/context.js";
import { uuidv7 } from "../platform/ids.js";
import { demoArticles } from "./support-articles.js";
import type { Random } from "./support-random.js";

export interface KnowledgeReader {
  userId: string;
  partnerId: string;
  tierName: string | null;
}

const dayMs = 86_400_000;

/**
 * The published knowledge base: articles through the knowledge service (so the search index is
 * right), dated back to when they were written, then read by partner users since: views once per
 * user and day, and "this solved it" answers, through the repository that keeps the counts.
 */
export async function loadDemoArticles(
  ctx: AppContext,
  author: AuthenticatedActor,
  input: {
    now: string;
    random: Random;
    tierIds: Map<string, string>;
    productIds: Map<string, string>;
    readers: KnowledgeReader[];
    /** The newest ticket of this scenario solved before `before`, to write an article from. */
    solvedTicket: (scenario: string, before: string) => { id: string; resolvedAt: string } | undefined;
  },
): Promise<number> {
  const { now, random } = input;
  let created = 0;
  for (const article of demoArticles) {
    const publishedAt = new Date(Date.parse(now) - article.publishedDaysAgo * dayMs).toISOString();
    const source = article.fromScenario ? input.solvedTicket(article.fromScenario, publishedAt) : undefined;
    const written = source
      ? new Date(Date.parse(source.resolvedAt) + dayMs).toISOString()
      : new Date(Date.parse(publishedAt) - 2 * dayMs).toISOString();
    const tierIds = (article.tiers ?? []).flatMap((name) => input.tierIds.get(name) ?? []);
    const detail = await createArticle(
      ctx,
      author,
      {
        title: article.title,
        summary: article.summary,
        bodyMarkdown: article.body,
        status: "published",
        productIds: article.skus.flatMap((sku) => input.productIds.get(sku) ?? []),
        audience: tierIds.length > 0 ? "tiers" : "all",
        audienceTargets: { tierIds, regions: [], partnerIds: [] },
        sourceTicketId: source?.id ?? null,
      },
      uuidv7(),
    );
    created += 1;
    const readers = input.readers.filter((reader) => !article.tiers || (reader.tierName !== null && article.tiers.includes(reader.tierName)));
    const span = Date.parse(now) - Date.parse(publishedAt) - 3_600_000;
    const views = Math.round(((article.popularity * article.publishedDaysAgo) / 30) * 5 * random.between(0.8, 1.2));
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("knowledge_articles")
        .set({
          created_at: new Date(Math.min(Date.parse(written), Date.parse(publishedAt))).toISOString(),
          published_at: publishedAt,
          updated_at: publishedAt,
        })
        .where("id", "=", detail.id)
        .execute();
      const firstSeen = new Map<string, { reader: KnowledgeReader; at: string }>();
      for (let i = 0; i < views && readers.length > 0; i++) {
        const reader = random.pick(readers);
        const at = new Date(Date.parse(publishedAt) + random.next() * span).toISOString();
        await recordView(trx, { articleId: detail.id, userId: reader.userId, partnerId: reader.partnerId, day: at.slice(0, 10), at });
        const seen = firstSeen.get(reader.userId);
        if (!seen || at < seen.at) firstSeen.set(reader.userId, { reader, at });
      }
      for (const { reader, at } of firstSeen.values()) {
        if (!random.chance(0.45)) continue;
        const votedAt = new Date(Date.parse(at) + 120_000).toISOString();
        await castVote(trx, {
          articleId: detail.id,
          userId: reader.userId,
          partnerId: reader.partnerId,
          solved: random.chance(article.solvedRate),
          at: votedAt,
        });
      }
    });
  }
  return created;
}
