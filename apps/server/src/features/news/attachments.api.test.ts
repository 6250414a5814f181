import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { samplePdf, tinyPng } from "../../testing/library.js";
import { type MultipartFile, multipartBody } from "../../testing/multipart.js";
import { type Client, feedOf, writePost } from "../../testing/news-posts.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function upload(client: Client, url: string, file: MultipartFile) {
  const { body, headers } = multipartBody({}, file);
  return client.post(url, body, headers);
}

describe.each(testEngines)("news attachments and images on %s", (engine) => {
  let app: TestApp;
  let editor: Client;
  let insider: Client;
  let outsider: Client;
  let insiderPartner: string;
  let insiderCookie: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    editor = (await signedIn(app, "marketing")).client;
    insiderPartner = (await createPartner(app, { name: "Insider" })).id;
    const insiderUser = await signedIn(app, "technician", insiderPartner);
    insider = insiderUser.client;
    insiderCookie = insiderUser.session.cookie;
    outsider = (await signedIn(app, "technician", (await createPartner(app, { name: "Outsider" })).id)).client;
  });
  afterAll(async () => app.close());

  it("attaches a PDF that the audience opens inline (with ranges) and others cannot reach", async () => {
    const post = await writePost(editor, { title: "Datasheet inside", audience: { partnerIds: [insiderPartner] } });
    const pdf = await samplePdf("Datasheet");
    const uploaded = await upload(editor, `/api/v1/news/posts/${post.id}/attachments`, {
      bytes: pdf,
      fileName: "../spec sheet.pdf",
      contentType: "application/octet-stream",
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const attachment = uploaded.json();
    expect(attachment).toMatchObject({
      contentType: "application/pdf",
      size: pdf.length,
      url: `/api/v1/news/posts/${post.id}/attachments/${attachment.id}`,
    });
    expect(attachment.fileName).not.toContain("/");

    const download = await insider.get(attachment.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(String(download.headers["content-disposition"])).toMatch(/^inline;/);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const ranged = await app.app.inject({ method: "GET", url: attachment.url, headers: { cookie: insiderCookie, range: "bytes=0-9" } });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.rawPayload.length).toBe(10);

    expect((await outsider.get(attachment.url)).statusCode).toBe(404);
    expect((await feedOf(insider)).items.find((item) => item.id === post.id)?.attachmentCount).toBe(1);
    expect((await insider.get(`/api/v1/news/posts/${post.id}`)).json().attachments).toEqual([expect.objectContaining({ id: attachment.id })]);

    expect((await insider.delete(attachment.url)).statusCode).toBe(403);
    const removed = await editor.delete(attachment.url);
    expect(removed.statusCode).toBe(204);
    expect((await insider.get(attachment.url)).statusCode).toBe(404);
    expect((await editor.delete(attachment.url)).statusCode).toBe(404);
    // The bytes stay (content-addressed, maybe shared); the audit log says who did what.
    expect(await app.ctx.storage.exists(sha256(pdf))).toBe(true);
    const audit = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", post.id).orderBy("id").execute();
    expect(audit.map((entry) => entry.action)).toEqual(["news_post.create", "news_post.attach", "news_post.detach"]);
  });

  it("refuses an executable or HTML with 415 and stores nothing; partners cannot upload", async () => {
    const post = await writePost(editor, { title: "No malware" });
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90), Buffer.from("This program cannot be run in DOS mode")]);
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
    for (const [bytes, fileName] of [
      [exe, "brochure.pdf"],
      [html, "notes.txt"],
    ] as const) {
      const refused = await upload(editor, `/api/v1/news/posts/${post.id}/attachments`, { bytes, fileName, contentType: "application/pdf" });
      expect(refused.statusCode, fileName).toBe(415);
      expect(refused.json().code).toBe("unsupported_media_type");
      expect(await app.ctx.storage.exists(sha256(bytes))).toBe(false);
    }
    const rows = await app.ctx.db.selectFrom("news_attachments").select("id").where("post_id", "=", post.id).execute();
    expect(rows).toEqual([]);
    expect((await upload(insider, `/api/v1/news/posts/${post.id}/attachments`, { bytes: tinyPng, fileName: "a.png" })).statusCode).toBe(403);
    expect(
      (await upload(editor, "/api/v1/news/posts/00000000-0000-7000-8000-000000000000/attachments", { bytes: tinyPng, fileName: "a.png" })).statusCode,
    ).toBe(404);
  });

  it("keeps a draft's attachments from partners until it is published", async () => {
    const draft = await writePost(editor, { title: "Coming soon", status: "draft" });
    const uploaded = await upload(editor, `/api/v1/news/posts/${draft.id}/attachments`, {
      bytes: tinyPng,
      fileName: "teaser.png",
      contentType: "image/png",
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect((await insider.get(uploaded.json().url)).statusCode).toBe(404);
    expect((await editor.get(uploaded.json().url)).statusCode).toBe(200);
    await editor.patch(`/api/v1/news/posts/${draft.id}`, { status: "published" });
    const shown = await insider.get(uploaded.json().url);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers["content-type"]).toBe("image/png");
  });

  it("takes images for post bodies and serves them to readers; SVG is refused", async () => {
    const uploaded = await upload(editor, "/api/v1/news/images", { bytes: tinyPng, fileName: "chart.png", contentType: "image/png" });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const { id, url } = uploaded.json();
    expect(url).toBe(`/api/v1/news/images/${id}`);
    const image = await insider.get(url);
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.rawPayload.equals(tinyPng)).toBe(true);
    const post = await writePost(editor, { bodyMarkdown: `![chart](${url})` });
    expect(post.bodyHtml).toContain(`src="${url}"`);

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refused = await upload(editor, "/api/v1/news/images", { bytes: svg, fileName: "logo.svg", contentType: "image/svg+xml" });
    expect(refused.statusCode).toBe(415);
    expect((await upload(insider, "/api/v1/news/images", { bytes: tinyPng, fileName: "x.png" })).statusCode).toBe(403);
    expect((await insider.get("/api/v1/news/images/00000000-0000-7000-8000-000000000000")).statusCode).toBe(404);
  });
});
