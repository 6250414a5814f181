import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];

// A real 1x1 PNG.
const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

function multipart(bytes: Buffer, fileName: string, contentType: string) {
  const boundary = "----trellis-test-boundary-7d1f";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const csvHeaders = { "content-type": "text/csv" };

describe.each(testEngines)("products on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let marketing: Client;
  let salesRep: Client;
  let seq = 0;
  const unique = (prefix: string) => `${prefix}${++seq}`;

  async function family(name = unique("Family ")): Promise<string> {
    const r = await admin.post("/api/v1/product-families", { name });
    expect(r.statusCode).toBe(201);
    return r.json().id;
  }

  async function product(familyId: string, fields: Record<string, unknown> = {}) {
    const r = await admin.post("/api/v1/products", {
      sku: unique("SKU-"),
      name: unique("Product "),
      familyId,
      listPrice: { amountMinor: 19900, currency: "USD" },
      serialPattern: "CAM-\\d{6}",
      ...fields,
    });
    expect(r.statusCode).toBe(201);
    return r.json();
  }

  async function productCount(): Promise<number> {
    const row = await app.ctx.db
      .selectFrom("products")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    marketing = (await signedIn(app, "marketing")).client;
    const partner = await createPartner(app);
    salesRep = (await signedIn(app, "sales_rep", partner.id)).client;
  });
  afterAll(async () => app.close());

  it("creates, lists, renames and deletes product families", async () => {
    const zeta = await marketing.post("/api/v1/product-families", { name: "Zeta recorders", description: "NVRs" });
    expect(zeta.statusCode).toBe(201);
    expect(zeta.json()).toMatchObject({ name: "Zeta recorders", description: "NVRs", productCount: 0 });
    const alpha = await marketing.post("/api/v1/product-families", { name: "Alpha cameras" });
    expect(alpha.statusCode).toBe(201);
    expect((await marketing.post("/api/v1/product-families", { name: "Alpha cameras" })).statusCode).toBe(409);

    await product(alpha.json().id);
    const list = await salesRep.get("/api/v1/product-families");
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((f: { name: string }) => f.name);
    expect(names.indexOf("Alpha cameras")).toBeLessThan(names.indexOf("Zeta recorders"));
    expect(list.json().items.find((f: { name: string }) => f.name === "Alpha cameras").productCount).toBe(1);

    const renamed = await marketing.patch(`/api/v1/product-families/${zeta.json().id}`, { name: "Zeta NVRs" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: "Zeta NVRs", description: "NVRs" });
    expect((await marketing.patch(`/api/v1/product-families/${zeta.json().id}`, { name: "Alpha cameras" })).statusCode).toBe(409);

    const inUse = await marketing.delete(`/api/v1/product-families/${alpha.json().id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe("conflict");
    expect((await marketing.delete(`/api/v1/product-families/${zeta.json().id}`)).statusCode).toBe(204);
    expect((await marketing.delete(`/api/v1/product-families/${zeta.json().id}`)).statusCode).toBe(404);
    const audit = await app.ctx.db.selectFrom("audit_log").selectAll().where("entity_id", "=", zeta.json().id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["product_family.create", "product_family.delete", "product_family.update"]);
    expect(audit.every((a) => a.entity_type === "product_family" && a.partner_id === null)).toBe(true);
  });

  it("creates, reads and changes a product, and audits it", async () => {
    const familyId = await family("Domes");
    const created = await marketing.post("/api/v1/products", {
      sku: "DOME-4K.v2_b",
      name: "Dome 4K",
      familyId,
      description: "Outdoor dome",
      listPrice: { amountMinor: 45000, currency: "EUR" },
      serialPattern: "DM-\\d{4}",
    });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({
      sku: "DOME-4K.v2_b",
      familyId,
      familyName: "Domes",
      listPrice: { amountMinor: 45000, currency: "EUR" },
      lifecycle: "active",
      serialPattern: "DM-\\d{4}",
      hasImage: false,
    });
    expect((await salesRep.get(`/api/v1/products/${p.id}`)).json().name).toBe("Dome 4K");

    const changed = await marketing.patch(`/api/v1/products/${p.id}`, { name: "Dome 4K Pro", listPrice: { amountMinor: 47000, currency: "EUR" } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      name: "Dome 4K Pro",
      listPrice: { amountMinor: 47000 },
      lifecycle: "active",
      description: "Outdoor dome",
    });

    const audit = await app.ctx.db.selectFrom("audit_log").selectAll().where("entity_id", "=", p.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["product.create", "product.update"]);
    expect(audit[0]?.entity_type).toBe("product");
    expect(audit[0]?.partner_id).toBeNull();
    expect((await marketing.get("/api/v1/products/00000000-0000-7000-8000-000000000000")).statusCode).toBe(404);
    expect((await marketing.delete(`/api/v1/products/${p.id}`)).statusCode).toBe(404);
  });

  it("refuses a duplicate SKU, a bad regex, an unknown family and a malformed body", async () => {
    const familyId = await family();
    const first = await product(familyId, { sku: "DUP-1" });
    const dup = await admin.post("/api/v1/products", {
      sku: "DUP-1",
      name: "Again",
      familyId,
      listPrice: { amountMinor: 1, currency: "USD" },
      serialPattern: ".*",
    });
    expect(dup.statusCode).toBe(409);
    const other = await product(familyId);
    expect((await admin.patch(`/api/v1/products/${other.id}`, { sku: first.sku })).statusCode).toBe(409);

    const badRegex = await admin.post("/api/v1/products", {
      sku: "RX-1",
      name: "Bad regex",
      familyId,
      listPrice: { amountMinor: 1, currency: "USD" },
      serialPattern: "CAM-(\\d+",
    });
    expect(badRegex.statusCode).toBe(400);
    expect(badRegex.json().fields.map((f: { path: string }) => f.path)).toEqual(["body.serialPattern"]);
    const badPatch = await admin.patch(`/api/v1/products/${other.id}`, { serialPattern: "[" });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().fields[0].path).toBe("body.serialPattern");

    const noFamily = await admin.post("/api/v1/products", {
      sku: "NF-1",
      name: "No family",
      familyId: "missing",
      listPrice: { amountMinor: 1, currency: "USD" },
      serialPattern: ".*",
    });
    expect(noFamily.statusCode).toBe(400);
    expect(noFamily.json().fields[0].path).toBe("body.familyId");

    const malformed = await admin.post("/api/v1/products", {
      sku: "has space",
      name: "Bad",
      familyId,
      listPrice: { amountMinor: -1, currency: "usd" },
      serialPattern: "x",
      colour: "red",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe("validation_failed");
    const paths = malformed.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["body.sku", "body.listPrice.amountMinor", "body.listPrice.currency"]));
    expect(JSON.stringify(malformed.json().fields)).toContain("colour");
  });

  it("shows a sales rep only active products and refuses its writes", async () => {
    const familyId = await family();
    const active = await product(familyId);
    const eos = await product(familyId, { lifecycle: "end_of_sale" });
    const eol = await product(familyId);
    expect((await admin.patch(`/api/v1/products/${eol.id}`, { lifecycle: "end_of_life" })).json().lifecycle).toBe("end_of_life");

    const vendorIds = (await admin.get(`/api/v1/products?familyId=${familyId}`)).json().items.map((p: { id: string }) => p.id);
    expect(vendorIds.sort()).toEqual([active.id, eos.id, eol.id].sort());
    const repIds = (await salesRep.get(`/api/v1/products?familyId=${familyId}`)).json().items.map((p: { id: string }) => p.id);
    expect(repIds).toEqual([active.id]);
    expect((await salesRep.get(`/api/v1/products?familyId=${familyId}&lifecycle=end_of_sale`)).json().items).toEqual([]);
    expect((await salesRep.get(`/api/v1/products/${eos.id}`)).statusCode).toBe(404);
    expect((await salesRep.get(`/api/v1/products/${eos.id}/image`)).statusCode).toBe(404);
    const families = (await salesRep.get("/api/v1/product-families")).json().items;
    expect(families.find((f: { id: string }) => f.id === familyId).productCount).toBe(1);
    const csv = (await salesRep.get(`/api/v1/products/export.csv?familyId=${familyId}`)).body;
    expect(csv).toContain(active.sku);
    expect(csv).not.toContain(eos.sku);

    const write = await salesRep.post("/api/v1/products", {
      sku: "REP-1",
      name: "Nope",
      familyId,
      listPrice: { amountMinor: 1, currency: "USD" },
      serialPattern: ".*",
    });
    expect(write.statusCode).toBe(403);
    expect((await salesRep.post("/api/v1/product-families", { name: "Rep family" })).statusCode).toBe(403);
    expect((await salesRep.post("/api/v1/products/import", "sku\n", csvHeaders)).statusCode).toBe(403);
  });

  it("searches with escaped wildcards, filters and pages by keyset without gaps", async () => {
    const familyId = await family();
    const prices = [500, 100, 300, 100, 200];
    const made = [];
    for (const [i, price] of prices.entries()) {
      made.push(await product(familyId, { name: `Bullet ${String.fromCharCode(69 - i)}`, listPrice: { amountMinor: price, currency: "USD" } }));
    }
    await product(familyId, { name: "Odd one", description: "Saves 100% of footage" });

    const search = await admin.get(`/api/v1/products?familyId=${familyId}&q=${encodeURIComponent("0%")}`);
    expect(search.json().items.map((p: { name: string }) => p.name)).toEqual(["Odd one"]);
    expect((await admin.get(`/api/v1/products?familyId=${familyId}&q=_`)).json().items).toEqual([]);
    expect((await admin.get(`/api/v1/products?familyId=${familyId}&q=bULLet`)).json().items).toHaveLength(5);

    for (const sort of ["name", "-price", "price", "-sku", "updatedAt"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/products?familyId=${familyId}&q=bullet&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
        const page = await admin.get(url);
        expect(page.statusCode).toBe(200);
        expect(page.json().items.length).toBeLessThanOrEqual(2);
        seen.push(...page.json().items.map((p: { id: string }) => p.id));
        cursor = page.json().nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      const all = (await admin.get(`/api/v1/products?familyId=${familyId}&q=bullet&sort=${sort}`)).json().items.map((p: { id: string }) => p.id);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(5);
      expect(pages).toBe(3);
    }
    const byName = (await admin.get(`/api/v1/products?familyId=${familyId}&q=bullet`)).json().items.map((p: { name: string }) => p.name);
    expect(byName).toEqual(["Bullet A", "Bullet B", "Bullet C", "Bullet D", "Bullet E"]);
    const byPrice = (await admin.get(`/api/v1/products?familyId=${familyId}&q=bullet&sort=-price`)).json().items;
    expect(byPrice.map((p: { listPrice: { amountMinor: number } }) => p.listPrice.amountMinor)).toEqual([500, 300, 200, 100, 100]);
    expect(made).toHaveLength(5);
    expect((await admin.get("/api/v1/products?cursor=not-a-cursor")).statusCode).toBe(400);
  });

  it("exports the catalogue as CSV", async () => {
    const familyId = await family("Export family");
    await product(familyId, { sku: "EXP-1", name: "Exported, with comma", listPrice: { amountMinor: 1234, currency: "GBP" } });
    const r = await admin.get(`/api/v1/products/export.csv?familyId=${familyId}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain("text/csv");
    const lines = r.body.trim().split("\n");
    expect(lines[0]).toBe("sku,name,family,description,list_price_minor,currency,lifecycle,serial_pattern");
    expect(lines[1]).toBe('EXP-1,"Exported, with comma",Export family,,1234,GBP,active,CAM-\\d{6}');
    expect(lines).toHaveLength(2);
  });

  it("exports formula-like cells with a leading apostrophe and an import of that file restores them", async () => {
    const familyId = await family("Formula family");
    const made = await product(familyId, { sku: "FORMULA-1", name: '=HYPERLINK("x")', description: "@SUM(A1)" });
    const exported = (await admin.get(`/api/v1/products/export.csv?familyId=${familyId}`)).body;
    const row = exported.trim().split("\n")[1];
    expect(row).toBe(`FORMULA-1,"'=HYPERLINK(""x"")",Formula family,'@SUM(A1),19900,USD,active,CAM-\\d{6}`);

    expect((await admin.patch(`/api/v1/products/${made.id}`, { name: "Renamed", description: "changed" })).statusCode).toBe(200);
    const imported = await admin.post("/api/v1/products/import", exported, csvHeaders);
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ created: 0, updated: 1 });
    expect((await admin.get(`/api/v1/products/${made.id}`)).json()).toMatchObject({ name: '=HYPERLINK("x")', description: "@SUM(A1)" });
  });

  it("imports nothing when any row is bad", async () => {
    const before = await productCount();
    const csv = [
      "sku,name,family,description,list_price_minor,currency,lifecycle,serial_pattern",
      "IMP-OK-1,Fine,Import family,,100,USD,active,A\\d+",
      "IMP-BAD-1,Bad price,Import family,,abc,USD,active,A\\d+",
      "IMP-BAD-2,Bad rest,Import family,,1,usd,retired,A(",
      "IMP-OK-1,Duplicate,Import family,,1,USD,,.*",
    ].join("\n");
    const r = await admin.post("/api/v1/products/import", csv, csvHeaders);
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe("import_failed");
    const rows = r.json().rows.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(rows).toEqual(expect.arrayContaining(["3:list_price_minor", "4:currency", "4:lifecycle", "4:serial_pattern", "5:sku"]));
    expect(rows).not.toContain("2:sku");
    expect(await productCount()).toBe(before);
    const families = (await admin.get("/api/v1/product-families")).json().items.map((f: { name: string }) => f.name);
    expect(families).not.toContain("Import family");

    const missing = await admin.post("/api/v1/products/import", "sku,name\nX,Y\n", csvHeaders);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().rows.map((e: { column: string }) => e.column)).toContain("serial_pattern");
  });

  it("imports: updates by SKU, creates the rest and creates a missing family", async () => {
    const familyId = await family("Existing family");
    const existing = await product(familyId, { sku: "IMP-EX-1", description: "keep me", lifecycle: "end_of_sale" });
    const csv = [
      "sku,name,family,list_price_minor,currency,lifecycle,serial_pattern",
      "IMP-EX-1,Renamed by import,existing FAMILY,999,USD,,EX-\\d+",
      "IMP-NEW-1,New one,Brand new family,100,EUR,,N-\\d+",
      "IMP-NEW-2,New two,Brand new family,200,EUR,end_of_sale,N-\\d+",
    ].join("\n");
    const before = await productCount();
    const r = await marketing.post("/api/v1/products/import", csv, csvHeaders);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ created: 2, updated: 1, familiesCreated: ["Brand new family"] });
    expect(await productCount()).toBe(before + 2);

    const updated = (await admin.get(`/api/v1/products/${existing.id}`)).json();
    expect(updated).toMatchObject({
      name: "Renamed by import",
      familyId,
      description: "keep me",
      lifecycle: "end_of_sale",
      listPrice: { amountMinor: 999, currency: "USD" },
      serialPattern: "EX-\\d+",
    });
    const created = (await admin.get("/api/v1/products?q=IMP-NEW")).json().items;
    expect(created.map((p: { sku: string; lifecycle: string; familyName: string }) => [p.sku, p.lifecycle, p.familyName])).toEqual([
      ["IMP-NEW-1", "active", "Brand new family"],
      ["IMP-NEW-2", "end_of_sale", "Brand new family"],
    ]);
    const audits = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "in", [existing.id, created[0].id]).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(["product.create", "product.create", "product.update"]);
  });

  it("stores a product image and refuses a file that is not one", async () => {
    const p = await product(await family());
    expect((await salesRep.get(`/api/v1/products/${p.id}/image`)).statusCode).toBe(404);

    const png = multipart(tinyPng, "tiny.png", "image/png");
    const put = await marketing.put(`/api/v1/products/${p.id}/image`, png.body, png.headers);
    expect(put.statusCode).toBe(200);
    expect(put.json().hasImage).toBe(true);
    const get = await salesRep.get(`/api/v1/products/${p.id}/image`);
    expect(get.statusCode).toBe(200);
    expect(get.headers["content-type"]).toBe("image/png");
    expect(get.rawPayload.equals(tinyPng)).toBe(true);

    const text = multipart(Buffer.from("just some words, not an image"), "fake.png", "image/png");
    const refused = await marketing.put(`/api/v1/products/${p.id}/image`, text.body, text.headers);
    expect(refused.statusCode).toBe(415);
    expect(refused.json().code).toBe("unsupported_media_type");
    const missing = await marketing.put("/api/v1/products/no-such-product/image", png.body, png.headers);
    expect(missing.statusCode).toBe(404);
  });
});
