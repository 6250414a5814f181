import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { type Client, feedOf, type PostDetailJson, writePost } from "../../testing/news-posts.js";

interface CommentJson {
  id: string;
  parentId: string | null;
  body: string;
  visibility: string;
  status: string;
  partnerName: string | null;
  moderationReason: string | null;
  author: { id: string; side: string };
}

describe.each(testEngines)("news comments on %s", (engine) => {
  let app: TestApp;
  let moderator: Client;
  let finance: Client;
  let repA: Client;
  let techA: Client;
  let repB: Client;
  let techB: Client;
  let repC: Client;
  let users: { repA: string; repB: string; moderator: string };
  let post: PostDetailJson;

  beforeAll(async () => {
    app = await createTestApp(engine);
    const a = await createPartner(app, { name: "Alpha Security" });
    const b = await createPartner(app, { name: "Beta Systems" });
    const c = await createPartner(app, { name: "Gamma Outside" });
    const marketing = await signedIn(app, "marketing");
    moderator = marketing.client;
    finance = (await signedIn(app, "finance")).client;
    const alphaRep = await signedIn(app, "sales_rep", a.id);
    repA = alphaRep.client;
    techA = (await signedIn(app, "technician", a.id)).client;
    const betaRep = await signedIn(app, "sales_rep", b.id);
    repB = betaRep.client;
    techB = (await signedIn(app, "technician", b.id)).client;
    repC = (await signedIn(app, "sales_rep", c.id)).client;
    users = { repA: alphaRep.user.id, repB: betaRep.user.id, moderator: marketing.user.id };
    post = await writePost(moderator, { title: "New NVR line", audience: { partnerIds: [a.id, b.id] } });
  });
  afterAll(async () => app.close());

  const comments = async (client: Client, postId = post.id) => {
    const response = await client.get(`/api/v1/news/posts/${postId}/comments`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as CommentJson[];
  };
  const ask = async (client: Client, body: Record<string, unknown>, postId = post.id) => {
    const response = await client.post(`/api/v1/news/posts/${postId}/comments`, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as CommentJson;
  };
  const answers = (userId: string) =>
    app.ctx.db.selectFrom("notifications").select(["source_id", "link"]).where("user_id", "=", userId).where("kind", "=", "news_answer").execute();
  const idsOf = (list: CommentJson[]) => list.map((comment) => comment.id);

  it("shows a public question to the whole audience, and an answer made private only to the asker's organisation", async () => {
    const question = await ask(repA, { body: "Does it record H.265?" });
    expect(question).toMatchObject({ visibility: "audience", status: "visible", partnerName: "Alpha Security", author: { side: "partner" } });
    expect(idsOf(await comments(repB))).toContain(question.id);

    const answer = await ask(moderator, { body: "Yes, and H.265+.", parentId: question.id, visibility: "partner" });
    expect(answer).toMatchObject({ parentId: question.id, visibility: "partner", partnerName: "Alpha Security", author: { side: "vendor" } });
    // Question and answer now belong to Alpha: its colleague sees both, Beta neither.
    expect(idsOf(await comments(techA))).toEqual(expect.arrayContaining([question.id, answer.id]));
    expect(idsOf(await comments(repB))).not.toContain(question.id);
    expect(idsOf(await comments(repB))).not.toContain(answer.id);
    expect((await comments(moderator)).find((c) => c.id === question.id)?.visibility).toBe("partner");
    expect(await answers(users.repA)).toEqual([{ source_id: answer.id, link: `/portal/news/${post.id}` }]);
  });

  it("keeps a private question between its organisation and the vendor, and its answer private too", async () => {
    const question = await ask(repB, { body: "Can we get a demo unit?", visibility: "partner" });
    expect(idsOf(await comments(techB))).toContain(question.id);
    expect(idsOf(await comments(repA))).not.toContain(question.id);
    expect(idsOf(await comments(moderator))).toContain(question.id);

    const publicAnswer = await moderator.post(`/api/v1/news/posts/${post.id}/comments`, {
      body: "Sure",
      parentId: question.id,
      visibility: "audience",
    });
    expect(publicAnswer.statusCode).toBe(422);
    const answer = await ask(moderator, { body: "Sure, ask your channel manager.", parentId: question.id });
    expect(answer.visibility).toBe("partner");
    expect(idsOf(await comments(techB))).toContain(answer.id);
    expect(idsOf(await comments(repA))).not.toContain(answer.id);
    expect((await answers(users.repB)).map((row) => row.source_id)).toEqual([answer.id]);

    // The feed's comment count is what each reader may see.
    const countFor = async (client: Client) => (await feedOf(client)).items.find((item) => item.id === post.id)?.commentCount;
    const visibleToB = (await comments(repB)).length;
    const visibleToA = (await comments(repA)).length;
    expect(await countFor(repB)).toBe(visibleToB);
    expect(await countFor(repA)).toBe(visibleToA);
    // So far every thread is private: each organisation sees only its own, the vendor all of them.
    expect((await comments(moderator)).length).toBe(visibleToA + visibleToB);
    expect(visibleToB).toBe(2);
  });

  it("answers publicly, and lets partners follow up only in their own organisation's threads", async () => {
    const question = await ask(repA, { body: "What about PoE budgets?" });
    const answer = await ask(moderator, { body: "30 W per port.", parentId: question.id });
    expect(answer.visibility).toBe("audience");
    expect(idsOf(await comments(repB))).toEqual(expect.arrayContaining([question.id, answer.id]));
    const followUp = await ask(techA, { body: "And for the 8-port model?", parentId: answer.id });
    expect(followUp.parentId).toBe(question.id);
    const intruder = await repB.post(`/api/v1/news/posts/${post.id}/comments`, { body: "Us too", parentId: question.id });
    expect(intruder.statusCode).toBe(422);
    // Beta cannot hang a reply on a thread it cannot see.
    const privateOfA = await ask(repA, { body: "Private pricing question", visibility: "partner" });
    const hidden = await repB.post(`/api/v1/news/posts/${post.id}/comments`, { body: "?", parentId: privateOfA.id });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().fields).toEqual([expect.objectContaining({ path: "body.parentId" })]);
    // The vendor starts a public thread, but cannot answer "privately" without a question.
    expect((await moderator.post(`/api/v1/news/posts/${post.id}/comments`, { body: "Note", visibility: "partner" })).statusCode).toBe(422);
    expect((await ask(moderator, { body: "Webinar on Friday." })).partnerName).toBeNull();
  });

  it("hides and shows a comment with a reason, never deleting it", async () => {
    const question = await ask(repA, { body: "Rude words here" });
    const reply = await ask(moderator, { body: "Please keep it civil.", parentId: question.id });
    const hide = await moderator.post(`/api/v1/news/comments/${question.id}/hide`, { reason: "Offensive language" });
    expect(hide.statusCode, hide.body).toBe(200);
    expect(hide.json()).toMatchObject({ status: "hidden", moderationReason: "Offensive language" });
    // Partners no longer see it, nor the reply under it; moderators see both, with the reason.
    expect(idsOf(await comments(repB))).not.toContain(question.id);
    expect(idsOf(await comments(repA))).not.toContain(reply.id);
    expect((await comments(moderator)).find((c) => c.id === question.id)).toMatchObject({ status: "hidden", moderationReason: "Offensive language" });
    expect((await comments(finance)).map((c) => c.id)).not.toContain(question.id);
    expect((await comments(repA)).every((c) => c.moderationReason === null)).toBe(true);

    expect((await repA.post(`/api/v1/news/comments/${question.id}/hide`, { reason: "x" })).statusCode).toBe(403);
    expect((await moderator.post(`/api/v1/news/comments/${question.id}/unhide`, {})).statusCode).toBe(400);
    const unhide = await moderator.post(`/api/v1/news/comments/${question.id}/unhide`, { reason: "Reviewed again" });
    expect(unhide.json()).toMatchObject({ status: "visible" });
    expect(idsOf(await comments(repB))).toEqual(expect.arrayContaining([question.id, reply.id]));
    const row = await app.ctx.db.selectFrom("news_comments").selectAll().where("id", "=", question.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ body: "Rude words here", moderated_by: users.moderator, moderation_reason: "Reviewed again" });
    const audit = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", question.id).orderBy("id").execute();
    expect(audit.map((entry) => entry.action)).toEqual(["news_comment.create", "news_comment.hide", "news_comment.unhide"]);
    expect((await moderator.post("/api/v1/news/comments/00000000-0000-7000-8000-000000000000/hide", { reason: "x" })).statusCode).toBe(404);
  });

  it("follows the post's audience and its comments switch: 404 outside, 422 when turned off, 403 without the right", async () => {
    expect((await repC.get(`/api/v1/news/posts/${post.id}/comments`)).statusCode).toBe(404);
    expect((await repC.post(`/api/v1/news/posts/${post.id}/comments`, { body: "Hello?" })).statusCode).toBe(404);
    expect((await finance.post(`/api/v1/news/posts/${post.id}/comments`, { body: "Finance here" })).statusCode).toBe(403);
    const bad = await repA.post(`/api/v1/news/posts/${post.id}/comments`, { body: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toContain("body.body");

    const quiet = await writePost(moderator, { title: "No comments", commentsEnabled: false });
    expect((await repA.get(`/api/v1/news/posts/${quiet.id}`)).json()).toMatchObject({ canComment: false, commentsEnabled: false });
    const refused = await repA.post(`/api/v1/news/posts/${quiet.id}/comments`, { body: "Can I?" });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("business_rule");
    expect(await comments(repA, quiet.id)).toEqual([]);
    const count = await app.ctx.db
      .selectFrom("news_comments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("post_id", "=", quiet.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
