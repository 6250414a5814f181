import type { AddressInfo } from "node:net";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, type Session, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import {
  type AssetDetailJson,
  type Client,
  createAsset,
  pdfFile,
  pdfText,
  publishedFileAsset,
  publishedPageAsset,
  samplePdf,
  uploadFile,
} from "../../testing/library.js";

interface ZipEntry {
  name: string;
  data: Buffer;
}

/** The entries of a ZIP, read through its central directory (the local headers of a streamed ZIP carry no sizes). */
function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe.each(testEngines)("sales library kits on %s", (engine) => {
  let app: TestApp;
  let baseUrl: string;
  let marketing: Client;
  let repX: { client: Client; session: Session; user: { id: string } };
  let repY: { client: Client; session: Session; user: { id: string } };
  let partnerX: { id: string; name: string };
  const bytes = new Map<string, Buffer>();
  let forAll: AssetDetailJson;
  let forX: AssetDetailJson;
  let draft: AssetDetailJson;
  let page: AssetDetailJson;

  async function fileAsset(title: string, fields: Record<string, unknown> = {}): Promise<AssetDetailJson> {
    const pdf = await samplePdf(title, [`Body of ${title}`]);
    const asset = await publishedFileAsset(marketing, { title, ...fields }, pdfFile(pdf));
    bytes.set(asset.id, pdf);
    return asset;
  }

  async function download(session: Session, kitId: string): Promise<Response> {
    return fetch(`${baseUrl}/api/v1/library/kits/${kitId}/download`, { headers: { cookie: session.cookie } });
  }

  const ids = (kit: { assets: { id: string }[] }) => kit.assets.map((asset) => asset.id);

  beforeAll(async () => {
    app = await createTestApp(engine);
    await app.app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
    marketing = (await signedIn(app, "marketing")).client;
    partnerX = await createPartner(app, { name: "Xenon Systems" });
    repX = await signedIn(app, "sales_rep", partnerX.id);
    repY = await signedIn(app, "sales_rep", (await createPartner(app, { name: "Yarrow Security" })).id);
    forAll = await fileAsset("Kit brochure for everyone");
    forX = await fileAsset("Kit sheet for Xenon", { audience: "partners", audienceTargets: { partnerIds: [partnerX.id] } });
    draft = await createAsset(marketing, { title: "Kit draft" });
    expect((await uploadFile(marketing, draft.id, pdfFile(await samplePdf("Kit draft")))).statusCode).toBe(200);
    page = await publishedPageAsset(marketing, { title: "Kit call script" }, "# Call script\n\nAsk first.");
  });
  afterAll(async () => app.close());

  it("keeps the kit's order and shows partners published kits with only the assets meant for them", async () => {
    const created = await marketing.post("/api/v1/library/kits", {
      title: "Retail launch kit",
      description: "Everything for the retail launch",
      assetIds: [forX.id, forAll.id, draft.id, page.id],
      status: "published",
    });
    expect(created.statusCode, created.body).toBe(201);
    const kit = created.json();
    expect(ids(kit)).toEqual([forX.id, forAll.id, draft.id, page.id]);
    expect(ids((await repX.client.get(`/api/v1/library/kits/${kit.id}`)).json())).toEqual([forX.id, forAll.id, page.id]);
    expect(ids((await repY.client.get(`/api/v1/library/kits/${kit.id}`)).json())).toEqual([forAll.id, page.id]);

    const reordered = await marketing.patch(`/api/v1/library/kits/${kit.id}`, { assetIds: [page.id, forAll.id] });
    expect(ids(reordered.json())).toEqual([page.id, forAll.id]);
    expect(reordered.json()).toMatchObject({ title: "Retail launch kit", description: "Everything for the retail launch" });

    const drafted = (await marketing.post("/api/v1/library/kits", { title: "Draft kit", assetIds: [forAll.id] })).json();
    expect(drafted.status).toBe("draft");
    expect((await repX.client.get(`/api/v1/library/kits/${drafted.id}`)).statusCode).toBe(404);
    expect((await repX.client.get(`/api/v1/library/kits/${drafted.id}/download`)).statusCode).toBe(404);
    const listedX = (await repX.client.get("/api/v1/library/kits")).json().items.map((k: { id: string }) => k.id);
    expect(listedX).toContain(kit.id);
    expect(listedX).not.toContain(drafted.id);
    expect((await marketing.get("/api/v1/library/kits")).json().items.map((k: { id: string }) => k.id)).toContain(drafted.id);
  });

  it("answers 404 to a partner for whom a kit has no visible assets", async () => {
    const onlyX = (await marketing.post("/api/v1/library/kits", { title: "Xenon only", assetIds: [forX.id, draft.id], status: "published" })).json();
    expect((await repY.client.get(`/api/v1/library/kits/${onlyX.id}`)).statusCode).toBe(404);
    expect((await repY.client.get(`/api/v1/library/kits/${onlyX.id}/download`)).statusCode).toBe(404);
    expect((await repY.client.get("/api/v1/library/kits")).json().items.map((k: { id: string }) => k.id)).not.toContain(onlyX.id);
    expect(ids((await repX.client.get(`/api/v1/library/kits/${onlyX.id}`)).json())).toEqual([forX.id]);
  });

  it("streams the kit as a ZIP holding exactly the assets the caller may see", async () => {
    const cobranded = await fileAsset("Kit co-branded flyer", { coBrandable: true });
    const kit = (
      await marketing.post("/api/v1/library/kits", {
        title: "Zip kit: partners/all",
        assetIds: [forX.id, draft.id, forAll.id, page.id, cobranded.id],
        status: "published",
      })
    ).json();

    const forXZip = await download(repX.session, kit.id);
    expect(forXZip.status, await forXZip.clone().text()).toBe(200);
    expect(forXZip.headers.get("content-type")).toBe("application/zip");
    expect(forXZip.headers.get("content-disposition")).toBe('attachment; filename="Zip kit partners all.zip"');
    const zipX = Buffer.from(await forXZip.arrayBuffer());
    expect(zipX.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
    const entriesX = readZip(zipX);
    expect(entriesX.map((entry) => entry.name)).toEqual([
      "01 Kit sheet for Xenon.pdf",
      "02 Kit brochure for everyone.pdf",
      "03 Kit call script.md",
      "04 Kit co-branded flyer.pdf",
    ]);
    expect(entriesX[0]?.data.equals(bytes.get(forX.id) as Buffer)).toBe(true);
    expect(entriesX[1]?.data.equals(bytes.get(forAll.id) as Buffer)).toBe(true);
    expect(entriesX[2]?.data.toString("utf8")).toBe("# Call script\n\nAsk first.");
    // The co-brandable PDF comes stamped for the partner.
    expect(await pdfText(entriesX[3]?.data as Buffer)).toContain("Xenon Systems");

    const zipY = Buffer.from(await (await download(repY.session, kit.id)).arrayBuffer());
    const entriesY = readZip(zipY);
    expect(entriesY.map((entry) => entry.name)).toEqual(["01 Kit brochure for everyone.pdf", "02 Kit call script.md", "03 Kit co-branded flyer.pdf"]);
    expect(zipY.includes(Buffer.from("Kit sheet for Xenon"))).toBe(false);
    expect(zipY.includes(Buffer.from("Kit draft"))).toBe(false);
    expect(await pdfText(entriesY[2]?.data as Buffer)).toContain("Yarrow Security");

    // The kit's downloads are counted per asset for the partner user.
    const downloads = await app.ctx.db
      .selectFrom("asset_events")
      .select(["asset_id", "kind"])
      .where("user_id", "=", repX.user.id)
      .where("asset_id", "in", [forX.id, forAll.id, page.id, cobranded.id])
      .execute();
    expect(downloads.map((row) => `${row.asset_id}:${row.kind}`).sort()).toEqual(
      [`${forX.id}:download`, `${forAll.id}:download`, `${page.id}:download`, `${cobranded.id}:cobrand_download`].sort(),
    );
  });

  it("validates kits, keeps writes to marketing, and deletes a kit without touching its assets", async () => {
    const unknown = await marketing.post("/api/v1/library/kits", { title: "Bad", assetIds: ["no-such-asset"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toContain("assetIds");
    expect((await marketing.post("/api/v1/library/kits", { title: "" })).statusCode).toBe(400);
    expect((await repX.client.post("/api/v1/library/kits", { title: "Mine" })).statusCode).toBe(403);

    const empty = (await marketing.post("/api/v1/library/kits", { title: "Empty kit" })).json();
    expect((await marketing.get(`/api/v1/library/kits/${empty.id}/download`)).statusCode).toBe(400);

    const kit = (await marketing.post("/api/v1/library/kits", { title: "Short-lived", assetIds: [forAll.id, page.id], status: "published" })).json();
    expect((await repX.client.delete(`/api/v1/library/kits/${kit.id}`)).statusCode).toBe(403);
    expect((await marketing.delete(`/api/v1/library/kits/${kit.id}`)).statusCode).toBe(204);
    expect((await marketing.get(`/api/v1/library/kits/${kit.id}`)).statusCode).toBe(404);
    expect((await marketing.delete(`/api/v1/library/kits/${kit.id}`)).statusCode).toBe(404);
    expect(await app.ctx.db.selectFrom("kit_assets").select("asset_id").where("kit_id", "=", kit.id).execute()).toEqual([]);
    for (const asset of [forAll, page]) expect((await repX.client.get(`/api/v1/library/assets/${asset.id}`)).statusCode).toBe(200);
    const audit = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", kit.id).orderBy("at").execute();
    expect(audit.map((row) => row.action)).toEqual(["kit.create", "kit.delete"]);
  });
});
