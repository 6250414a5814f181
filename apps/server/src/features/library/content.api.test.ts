import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import {
  type Client,
  createAsset,
  fakeMp4,
  pdfFile,
  publishedFileAsset,
  publishedPageAsset,
  samplePdf,
  tinyPng,
  uploadFile,
} from "../../testing/library.js";
import { multipartBody } from "../../testing/multipart.js";
import { makePdfWithJavaScript, makePdfWithLaunchAction } from "./sample-pdf.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe.each(testEngines)("sales library content on %s", (engine) => {
  let app: TestApp;
  let marketing: Client;
  let rep: Client;
  let repUserId: string;
  let repCookie: { cookie: string };

  async function events(assetId: string, kind: "view" | "download" | "cobrand_download"): Promise<{ user_id: string }[]> {
    return app.ctx.db.selectFrom("asset_events").select("user_id").where("asset_id", "=", assetId).where("kind", "=", kind).execute();
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    marketing = (await signedIn(app, "marketing")).client;
    const signed = await signedIn(app, "sales_rep", (await createPartner(app)).id);
    rep = signed.client;
    repUserId = signed.user.id;
    repCookie = { cookie: signed.session.cookie };
  });
  afterAll(async () => app.close());

  it("serves the current file inline with its type and a safe name made from the title", async () => {
    const bytes = await samplePdf("Disposition test", ["Some text"]);
    const asset = await publishedFileAsset(marketing, { title: 'Q3 "Best" prices/rates: Überblick – 2031' }, pdfFile(bytes, "../../etc/passwd.pdf"));
    const content = await rep.get(`/api/v1/library/assets/${asset.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.headers["content-type"]).toBe("application/pdf");
    expect(content.headers["content-length"]).toBe(String(bytes.length));
    expect(content.headers["x-content-type-options"]).toBe("nosniff");
    expect(content.headers["accept-ranges"]).toBe("bytes");
    expect(content.rawPayload.equals(bytes)).toBe(true);
    expect(content.headers["content-disposition"]).toBe(
      `inline; filename="Q3 Best prices rates Uberblick _ 2031.pdf"; filename*=UTF-8''Q3%20Best%20prices%20rates%20%C3%9Cberblick%20%E2%80%93%202031.pdf`,
    );
    // The uploader's file name (its base name only) is shown to the vendor, never used for the download.
    expect((await marketing.get(`/api/v1/library/assets/${asset.id}`)).json().versions[0].fileName).toBe("passwd.pdf");

    const page = await publishedPageAsset(marketing, { title: "Call opener" }, "# Opening\n\nAsk about their cameras.");
    const markdown = await rep.get(`/api/v1/library/assets/${page.id}/content`);
    expect(markdown.statusCode).toBe(200);
    expect(markdown.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(markdown.body).toBe("# Opening\n\nAsk about their cameras.");
    expect(markdown.headers["content-disposition"]).toBe('inline; filename="Call opener.md"');
  });

  it("answers byte ranges with 206, suffix ranges, and 416 for an unsatisfiable range", async () => {
    const bytes = await samplePdf("Ranges", ["Range body"]);
    const asset = await publishedFileAsset(marketing, { title: "Ranges" }, pdfFile(bytes));
    const url = `/api/v1/library/assets/${asset.id}/content`;
    const head = await app.app.inject({ method: "GET", url, headers: { ...repCookie, range: "bytes=0-99" } });
    expect(head.statusCode).toBe(206);
    expect(head.headers["content-range"]).toBe(`bytes 0-99/${bytes.length}`);
    expect(head.headers["content-length"]).toBe("100");
    expect(head.rawPayload.equals(bytes.subarray(0, 100))).toBe(true);

    const tail = await app.app.inject({ method: "GET", url, headers: { ...repCookie, range: "bytes=-10" } });
    expect(tail.statusCode).toBe(206);
    expect(tail.headers["content-range"]).toBe(`bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`);
    expect(tail.rawPayload.equals(bytes.subarray(bytes.length - 10))).toBe(true);

    const beyond = await app.app.inject({ method: "GET", url, headers: { ...repCookie, range: "bytes=999999999-" } });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers["content-range"]).toBe(`bytes */${bytes.length}`);
    expect(beyond.rawPayload.length).toBe(0);
  });

  it("sends ?download=1 as an attachment and counts one download for partner users only", async () => {
    const asset = await publishedFileAsset(marketing, { title: "Countable brochure" });
    const download = await rep.get(`/api/v1/library/assets/${asset.id}/content?download=1`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toBe('attachment; filename="Countable brochure.pdf"');
    expect(await events(asset.id, "download")).toEqual([{ user_id: repUserId }]);

    // Viewing inline, the vendor's own downloads and a resumed (ranged) download do not count.
    await rep.get(`/api/v1/library/assets/${asset.id}/content`);
    expect((await marketing.get(`/api/v1/library/assets/${asset.id}/content?download=1`)).headers["content-disposition"]).toContain("attachment;");
    await app.app.inject({
      method: "GET",
      url: `/api/v1/library/assets/${asset.id}/content?download=1`,
      headers: { ...repCookie, range: "bytes=100-" },
    });
    const head = await app.app.inject({ method: "HEAD", url: `/api/v1/library/assets/${asset.id}/content?download=1`, headers: repCookie });
    expect(head.statusCode).toBe(200);
    expect(head.headers["content-length"]).toBe(String(asset.size ?? 0));
    expect(await events(asset.id, "download")).toHaveLength(1);
    expect((await marketing.get(`/api/v1/library/assets/${asset.id}`)).json().useCount).toBe(1);
    // Opening counts a view for the partner user, not for the vendor.
    await marketing.post(`/api/v1/library/assets/${asset.id}/opened`);
    await rep.post(`/api/v1/library/assets/${asset.id}/opened`);
    expect(await events(asset.id, "view")).toEqual([{ user_id: repUserId }]);
  });

  it("refuses executables, markup, fake PDFs and PDFs with active content (415), keeping the previous version", async () => {
    const v1 = await samplePdf("Keeps v1", ["First version"]);
    const asset = await publishedFileAsset(marketing, { title: "Refusals" }, pdfFile(v1));
    const refused: [name: string, bytes: Buffer, type: string, detail: string][] = [
      ["setup.pdf", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(400, 1)]), "application/pdf", "executable files are not accepted"],
      ["run.sh", Buffer.from("#!/bin/sh\nrm -rf /\n"), "text/plain", "executable files are not accepted"],
      ["page.html", Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), "text/html", "HTML and SVG"],
      [
        "logo.svg",
        Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        "image/svg+xml",
        "HTML and SVG",
      ],
      ["prices.pdf", Buffer.from("These are just words, not a PDF at all.\n"), "application/pdf", "Upload a PDF, image, video or office document"],
      ["js.pdf", Buffer.from(await makePdfWithJavaScript()), "application/pdf", "the PDF carries JavaScript"],
      ["js-plain.pdf", Buffer.from(await makePdfWithJavaScript({ useObjectStreams: false })), "application/pdf", "the PDF carries JavaScript"],
      ["launch.pdf", Buffer.from(await makePdfWithLaunchAction()), "application/pdf", "the PDF carries a launch action"],
    ];
    const audits = await app.ctx.db.selectFrom("audit_log").select("id").execute();
    for (const [fileName, bytes, contentType, detail] of refused) {
      const reply = await uploadFile(marketing, asset.id, { bytes, fileName, contentType });
      expect(reply.statusCode, fileName).toBe(415);
      expect(reply.headers["content-type"]).toContain("application/problem+json");
      expect(reply.json().code).toBe("unsupported_media_type");
      expect(reply.json().detail, fileName).toContain(detail);
      expect(await app.ctx.storage.exists(sha256(bytes)), fileName).toBe(false);
    }
    const after = (await marketing.get(`/api/v1/library/assets/${asset.id}`)).json();
    expect(after.currentVersion).toBe(1);
    expect(after.versions).toHaveLength(1);
    expect((await rep.get(`/api/v1/library/assets/${asset.id}/content`)).rawPayload.equals(v1)).toBe(true);
    expect(await app.ctx.db.selectFrom("audit_log").select("id").execute()).toHaveLength(audits.length);
    expect(await readdir(join(app.ctx.config.dataDir, "tmp"))).toEqual([]);
    // Not multipart at all, or the file under another field name.
    expect((await marketing.post(`/api/v1/library/assets/${asset.id}/file`, { file: "x" })).statusCode).toBe(415);
    const wrongField = multipartBody({}, { bytes: v1, fileName: "a.pdf", field: "upload" });
    expect((await marketing.post(`/api/v1/library/assets/${asset.id}/file`, wrongField.body, wrongField.headers)).statusCode).toBe(400);
  });

  it("accepts only PDFs for a co-brandable asset (415 otherwise, nothing stored)", async () => {
    const asset = await publishedFileAsset(marketing, { title: "Co-brand only PDFs", coBrandable: true });
    const png = Buffer.concat([tinyPng, Buffer.from("co-brand refusal")]);
    const reply = await uploadFile(marketing, asset.id, { bytes: png, fileName: "logo.png", contentType: "image/png" });
    expect(reply.statusCode).toBe(415);
    expect(reply.json().detail).toContain("co-branded");
    expect((await marketing.get(`/api/v1/library/assets/${asset.id}`)).json()).toMatchObject({ currentVersion: 1, contentType: "application/pdf" });
    expect(await app.ctx.storage.exists(sha256(png))).toBe(false);
    expect((await uploadFile(marketing, asset.id, pdfFile(await samplePdf("Co-brand v2")))).statusCode).toBe(200);
  });

  it("enforces the size limits: 413 over the file limit while a video under the video limit passes", async () => {
    const limited = await createTestApp(engine, { LIBRARY_MAX_FILE_BYTES: "100000", LIBRARY_MAX_VIDEO_BYTES: "400000" });
    try {
      const writer = (await signedIn(limited, "marketing")).client;
      const small = await samplePdf("Small enough");
      const asset = await publishedFileAsset(writer, { title: "Limits" }, pdfFile(small));
      const big = Buffer.concat([await samplePdf("Too big"), Buffer.from(`%${"x".repeat(120_000)}\n`)]);
      const tooBig = await uploadFile(writer, asset.id, pdfFile(big));
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json()).toMatchObject({ code: "payload_too_large" });
      expect(tooBig.json().detail).toContain("97.7 KB");
      expect((await writer.get(`/api/v1/library/assets/${asset.id}`)).json().currentVersion).toBe(1);
      expect(await limited.ctx.storage.exists(sha256(big))).toBe(false);

      const video = await createAsset(writer, { title: "Selling video", type: "selling_video" });
      const passes = await uploadFile(writer, video.id, { bytes: fakeMp4(200_000), fileName: "pitch.mp4", contentType: "video/mp4" });
      expect(passes.statusCode, passes.body).toBe(200);
      expect(passes.json()).toMatchObject({ contentType: "video/mp4", size: 200_000, currentVersion: 1 });
      const tooLong = await uploadFile(writer, video.id, { bytes: fakeMp4(450_000), fileName: "long.mp4", contentType: "video/mp4" });
      expect(tooLong.statusCode).toBe(413);
      expect((await writer.get(`/api/v1/library/assets/${video.id}`)).json().currentVersion).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it("renders page markdown safely, keeps page versions, and serves uploaded images to partners", async () => {
    const image = await marketing.post("/api/v1/library/images", ...multipartArgs(tinyPng, "dot.png"));
    expect(image.statusCode, image.body).toBe(201);
    const { key, url, contentType } = image.json();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(url).toBe(`/api/v1/library/images/${key}`);
    expect(contentType).toBe("image/png");
    const notImage = await marketing.post("/api/v1/library/images", ...multipartArgs(Buffer.from("<svg><script>1</script></svg>"), "x.png"));
    expect(notImage.statusCode).toBe(415);

    const body = [
      "# Objection handling",
      "<script>alert(1)</script>",
      "[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)",
      "![pixel](https://tracker.example/p.png)",
      `![diagram](${url})`,
      "[vendor site](https://vendor.example/cameras)",
    ].join("\n\n");
    const page = await publishedPageAsset(marketing, { title: "Objections" }, body);
    const html: string = (await rep.get(`/api/v1/library/assets/${page.id}`)).json().bodyHtml;
    expect(html).toContain("<h1>Objection handling</h1>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).toContain("[click me](javascript:alert(1))");
    expect(html).not.toContain('tracker.example/p.png"');
    expect(html).not.toMatch(/<img[^>]+tracker/);
    expect(html).toContain(`<img src="${url}" alt="diagram" loading="lazy">`);
    expect(html).toContain('<a href="https://vendor.example/cameras" rel="noopener noreferrer nofollow" target="_blank">vendor site</a>');

    const served = await rep.get(url);
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.rawPayload.equals(tinyPng)).toBe(true);
    expect((await rep.get(`/api/v1/library/images/${"0".repeat(64)}`)).statusCode).toBe(404);
    expect((await rep.get("/api/v1/library/images/not-a-key")).statusCode).toBe(400);
    expect((await rep.post("/api/v1/library/images", ...multipartArgs(tinyPng, "dot.png"))).statusCode).toBe(403);

    const v2 = await marketing.post(`/api/v1/library/assets/${page.id}/page`, { bodyMarkdown: "# Objections, revised", note: "Shorter" });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ currentVersion: 2, bodyMarkdown: "# Objections, revised", bodyHtml: "<h1>Objections, revised</h1>\n" });
    expect(v2.json().versions.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
      [2, "Shorter"],
      [1, ""],
    ]);
    expect((await rep.get(`/api/v1/library/assets/${page.id}`)).json().versions).toHaveLength(1);
    expect((await rep.get(`/api/v1/library/assets/${page.id}/content`)).body).toBe("# Objections, revised");
    expect((await marketing.get(`/api/v1/library/assets/${page.id}/content?version=1`)).body).toBe(body);
    // A page takes page versions, a file takes files.
    expect((await uploadFile(marketing, page.id, pdfFile(await samplePdf("Not for a page")))).statusCode).toBe(422);
    const file = await publishedFileAsset(marketing, { title: "A file asset" });
    expect((await marketing.post(`/api/v1/library/assets/${file.id}/page`, { bodyMarkdown: "x" })).statusCode).toBe(422);
    expect((await marketing.post(`/api/v1/library/assets/${page.id}/page`, { bodyMarkdown: "" })).statusCode).toBe(400);
  });
});

function multipartArgs(bytes: Buffer, fileName: string): [Buffer, Record<string, string>] {
  const { body, headers } = multipartBody({}, { bytes, fileName, contentType: "image/png" });
  return [body, headers];
}
