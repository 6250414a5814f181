import { describe, expect, it } from "vitest";
import { as, createTestApp, login, testEngines } from "../testing/harness.js";
import { loadDemoData } from "./load-demo.js";
import { loadDemoNews } from "./news.js";
import { demoPosts } from "./news-content.js";
import { demoPassword } from "./people.js";

interface Feed {
  items: { id: string; title: string; pinned: boolean; mustRead: boolean; read: boolean }[];
  unreadCount: number;
}

describe.each(testEngines)("demo news feed on %s", (engine) => {
  it("loads the posts once, through the news rules: audience, schedule, must-read, questions and reads", async () => {
    const app = await createTestApp(engine);
    const db = app.ctx.db;
    try {
      await loadDemoData(db);
      expect((await loadDemoNews(app.ctx)).loaded).toBe(true);
      const posts = await db.selectFrom("news_posts").selectAll().execute();
      expect(posts).toHaveLength(demoPosts.length);
      const scheduled = posts.filter((post) => post.publish_at !== null && new Date(post.publish_at).getTime() > Date.now());
      expect(scheduled.map((post) => post.title)).toEqual([demoPosts.find((post) => post.days < 0)?.title]);

      // A Gold rep (Harbor City) sees the Gold promotion with the pinned must-read on top; a Silver rep (Maple Leaf) does not.
      const gold = as(app, await login(app, "mia.tanaka@harborcity.example", demoPassword));
      const silver = as(app, await login(app, "ethan.roy@mapleleafsurv.example", demoPassword));
      const goldFeed = (await gold.get("/api/v1/news/feed?limit=50")).json() as Feed;
      const silverFeed = (await silver.get("/api/v1/news/feed?limit=50")).json() as Feed;
      const promotion = demoPosts.find((post) => post.audience?.tiers?.includes("Gold"))?.title;
      expect(goldFeed.items.map((item) => item.title)).toContain(promotion);
      expect(silverFeed.items.map((item) => item.title)).not.toContain(promotion);
      expect(goldFeed.items[0]?.pinned).toBe(true);
      expect(goldFeed.items[0]?.mustRead).toBe(true);
      expect(goldFeed.items.some((item) => item.read)).toBe(true);
      expect(goldFeed.unreadCount).toBeGreaterThan(0);
      // Nobody sees the scheduled post yet.
      expect(goldFeed.items.map((item) => item.id)).not.toContain(scheduled[0]?.id);

      // The public answer is under the promotion for every Gold partner; the private one only at Rheinwacht.
      const comments = await db.selectFrom("news_comments").selectAll().execute();
      expect(comments.filter((comment) => comment.parent_id !== null)).toHaveLength(2);
      expect(comments.filter((comment) => comment.visibility === "partner")).toHaveLength(2);
      expect(
        Number(
          (
            await db
              .selectFrom("news_reads")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBeGreaterThan(50);

      expect((await loadDemoNews(app.ctx)).loaded).toBe(false);
      expect(await db.selectFrom("news_posts").select("id").execute()).toHaveLength(demoPosts.length);
    } finally {
      await app.close();
    }
  });
});
