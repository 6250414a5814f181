import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createPartner, createTestApp, createUser, login, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import {
  type Client,
  createAsset,
  fakeMp4,
  pdfFile,
  pdfText,
  publish,
  publishedFileAsset,
  samplePdf,
  tinyPng,
  uploadFile,
} from "../../testing/library.js";
import { multipartBody } from "../../testing/multipart.js";

describe.each(testEngines)("sales library co-branding on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let marketing: Client;
  let partnerId: string;

  async function copiesOf(assetId: string) {
    return app.ctx.db
      .selectFrom("cobrand_copies")
      .innerJoin("asset_versions", "asset_versions.id", "cobrand_copies.version_id")
      .select(["cobrand_copies.user_id", "cobrand_copies.storage_key"])
      .where("asset_versions.asset_id", "=", assetId)
      .execute();
  }

  async function cobrandEvents(assetId: string): Promise<number> {
    const rows = await app.ctx.db
      .selectFrom("asset_events")
      .select("id")
      .where("asset_id", "=", assetId)
      .where("kind", "=", "cobrand_download")
      .execute();
    return rows.length;
  }

  async function repOf(name: string, email: string): Promise<Client> {
    const user = await createUser(app, { role: "sales_rep", partnerId, name, email });
    return as(app, await login(app, user.email));
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    marketing = (await signedIn(app, "marketing")).client;
    partnerId = (await createPartner(app, { name: "Acme Security" })).id;
    const patched = await admin.patch(`/api/v1/partners/${partnerId}`, { phone: "+1 555 0199", website: "https://acme-security.example" });
    expect(patched.statusCode, patched.body).toBe(200);
  });
  afterAll(async () => app.close());

  it("stamps a co-brandable PDF with the partner's and the rep's details, cached per rep and stamp", async () => {
    const asset = await createAsset(marketing, { title: "Co-branded brochure" });
    expect((await uploadFile(marketing, asset.id, pdfFile(await samplePdf("Co-branded brochure", ["Body text"])))).statusCode).toBe(200);
    const box = { page: "first", x: 0.05, y: 0.8, width: 0.9, height: 0.15 };
    const set = await marketing.patch(`/api/v1/library/assets/${asset.id}`, { coBrandable: true, cobrandBox: box });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ coBrandable: true, cobrandBox: box });
    await publish(marketing, asset.id);

    const robin = await repOf("Robin Rep", "robin@acme-security.example");
    const first = await robin.get(`/api/v1/library/assets/${asset.id}/cobranded`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers["content-type"]).toBe("application/pdf");
    expect(first.headers["content-disposition"]).toBe('attachment; filename="Co-branded brochure.pdf"');
    const text = await pdfText(first.rawPayload);
    for (const value of ["Acme Security", "+1 555 0199", "acme-security.example", "Robin Rep", "robin@acme-security.example", "Body text"]) {
      expect(text, value).toContain(value);
    }
    // The plain content is left as uploaded.
    expect(await pdfText((await robin.get(`/api/v1/library/assets/${asset.id}/content`)).rawPayload)).not.toContain("Robin Rep");

    const second = await robin.get(`/api/v1/library/assets/${asset.id}/cobranded`);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(await copiesOf(asset.id)).toHaveLength(1);

    const sasha = await repOf("Sasha Second", "sasha@acme-security.example");
    const sashas = await sasha.get(`/api/v1/library/assets/${asset.id}/cobranded`);
    const sashaText = await pdfText(sashas.rawPayload);
    expect(sashaText).toContain("Sasha Second");
    expect(sashaText).toContain("sasha@acme-security.example");
    expect(sashaText).not.toContain("Robin Rep");
    expect(await copiesOf(asset.id)).toHaveLength(2);

    expect((await admin.patch(`/api/v1/partners/${partnerId}`, { phone: "+1 555 0777" })).statusCode).toBe(200);
    const third = await robin.get(`/api/v1/library/assets/${asset.id}/cobranded`);
    const thirdText = await pdfText(third.rawPayload);
    expect(thirdText).toContain("+1 555 0777");
    expect(thirdText).not.toContain("+1 555 0199");
    expect(third.rawPayload.equals(first.rawPayload)).toBe(false);
    expect(await copiesOf(asset.id)).toHaveLength(3);
    expect(await cobrandEvents(asset.id)).toBe(4);

    // A new version is stamped afresh.
    expect((await uploadFile(marketing, asset.id, pdfFile(await samplePdf("Co-branded brochure", ["Second edition"])))).statusCode).toBe(200);
    const fresh = await pdfText((await robin.get(`/api/v1/library/assets/${asset.id}/cobranded`)).rawPayload);
    expect(fresh).toContain("Second edition");
    expect(fresh).toContain("Robin Rep");
    expect(await copiesOf(asset.id)).toHaveLength(4);
  });

  it("stamps the partner's logo, and a new logo makes a new copy", async () => {
    const asset = await publishedFileAsset(marketing, { title: "Logo brochure", coBrandable: true });
    const rep = await repOf("Logan Logo", "logan@acme-security.example");
    const before = await rep.get(`/api/v1/library/assets/${asset.id}/cobranded`);
    expect(before.rawPayload.toString("latin1")).not.toContain("/Subtype /Image");
    const { body, headers } = multipartBody({}, { bytes: tinyPng, fileName: "logo.png", contentType: "image/png" });
    const logo = await admin.put(`/api/v1/partners/${partnerId}/logo`, body, headers);
    expect(logo.statusCode, logo.body).toBeLessThan(300);
    const after = await rep.get(`/api/v1/library/assets/${asset.id}/cobranded`);
    expect(after.rawPayload.toString("latin1")).toContain("/Subtype /Image");
    expect(await copiesOf(asset.id)).toHaveLength(2);
  });

  it("answers 404 for an asset that is not co-brandable, and refuses co-branding for non-PDFs", async () => {
    const rep = await repOf("Nora Nobrand", "nora@acme-security.example");
    const plain = await publishedFileAsset(marketing, { title: "Plain brochure" });
    expect((await rep.get(`/api/v1/library/assets/${plain.id}/cobranded`)).statusCode).toBe(404);
    expect((await marketing.get(`/api/v1/library/assets/${plain.id}/cobranded`)).statusCode).toBe(404);
    expect((await rep.get("/api/v1/library/assets/no-such-asset/cobranded")).statusCode).toBe(404);

    const video = await publishedFileAsset(
      marketing,
      { title: "Video", type: "selling_video" },
      { bytes: fakeMp4(4096), fileName: "v.mp4", contentType: "video/mp4" },
    );
    expect((await marketing.patch(`/api/v1/library/assets/${video.id}`, { coBrandable: true })).statusCode).toBe(422);
    const page = await createAsset(marketing, { title: "Page", format: "page", bodyMarkdown: "Hi" });
    expect((await marketing.patch(`/api/v1/library/assets/${page.id}`, { coBrandable: true })).statusCode).toBe(422);
    expect(await copiesOf(plain.id)).toHaveLength(0);
  });

  it("gives vendor users a preview stamped with a sample reseller, cached for nobody and counted for nobody", async () => {
    const asset = await publishedFileAsset(marketing, { title: "Preview brochure", coBrandable: true });
    for (const client of [marketing, admin]) {
      const preview = await client.get(`/api/v1/library/assets/${asset.id}/cobranded`);
      expect(preview.statusCode).toBe(200);
      const text = await pdfText(preview.rawPayload);
      expect(text).toContain("Sample Reseller Ltd");
      expect(text).toContain("alex@reseller.example");
      expect(text).not.toContain("Acme Security");
    }
    expect(await copiesOf(asset.id)).toHaveLength(0);
    expect(await cobrandEvents(asset.id)).toBe(0);
  });
});
