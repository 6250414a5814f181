import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createTestApp, login, type TestApp, testEngines } from "../../testing/harness.js";
import { type ClaimWorld, claimBody, claimWorld, daysAgo, freshSerials, insertRule, setAutoApproveUpTo, today, withKey } from "./claims-fixtures.js";
import { verifyLedger } from "./ledger.service.js";

const claims = "/api/v1/incentives/claims";

describe.each(testEngines)("claims on %s", (engine) => {
  let app: TestApp;
  let w: ClaimWorld;

  beforeAll(async () => {
    app = await createTestApp(engine);
    w = await claimWorld(app);
    // 50 per NVR, 10 per camera; claims up to 100 points are approved at once.
    await insertRule(app, { kind: "per_unit", points: 50, family_id: w.nvrFamily, name: "NVR base" });
    await insertRule(app, { kind: "per_unit", points: 10, family_id: w.camFamily, name: "Camera base" });
    await setAutoApproveUpTo(app, 100);
  });
  afterAll(async () => app.close());

  const balance = async (client = w.repA.client) => (await client.get("/api/v1/incentives/balance")).json().available as number;

  it("requires an Idempotency-Key", async () => {
    const response = await w.repA.client.post(claims, claimBody(w.cam, freshSerials("CAM", 1)));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("idempotency_key_required");
  });

  it("names every failing field: pattern, quantity, duplicates, future date", async () => {
    const [good] = freshSerials("CAM", 1);
    const body = {
      ...claimBody(w.cam, [good as string, "XCAM-1", good as string], { invoiceDate: daysAgo(-1) }),
      lines: [
        { productId: w.cam, quantity: 4, unitNetAmount: { amountMinor: 100, currency: "USD" }, serials: [good, "XCAM-1", good] },
        { productId: "no-such-product", quantity: 1, unitNetAmount: { amountMinor: 100, currency: "USD" }, serials: ["CAM-000001"] },
      ],
    };
    const response = await w.repA.client.post(claims, body, withKey());
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe("validation_failed");
    expect(problem.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ["body.invoiceDate", "body.lines.0.quantity", "body.lines.0.serials.1", "body.lines.0.serials.2", "body.lines.1.productId"].sort(),
    );
    expect(problem.fields.find((f: { path: string }) => f.path === "body.lines.0.serials.1").message).toContain("does not match");
    expect(await app.ctx.db.selectFrom("incentive_claims").select("id").execute()).toHaveLength(0);
  });

  it("refuses a sale outside the claim window and a product not on sale on the sale date (422)", async () => {
    const old = await w.repA.client.post(claims, claimBody(w.cam, freshSerials("CAM", 1), { invoiceDate: daysAgo(61) }), withKey());
    expect(old.statusCode).toBe(422);
    expect(old.json().fields).toEqual([{ path: "body.invoiceDate", message: expect.stringContaining("60 days") }]);
    expect((await w.repA.client.post(claims, claimBody(w.cam, freshSerials("CAM", 1), { invoiceDate: daysAgo(60) }), withKey())).statusCode).toBe(
      201,
    );

    // Retired today through the catalogue: yesterday's sale still counts, today's does not.
    const family = w.camFamily;
    const product = await w.marketing.client.post("/api/v1/products", {
      sku: `RET-${Date.now()}`,
      name: "Retiring camera",
      familyId: family,
      description: "",
      listPrice: { amountMinor: 1000, currency: "USD" },
      lifecycle: "active",
      serialPattern: "CAM-\\d{6}",
    });
    expect(product.statusCode).toBe(201);
    const productId = product.json().id as string;
    expect((await w.marketing.client.patch(`/api/v1/products/${productId}`, { lifecycle: "end_of_sale" })).statusCode).toBe(200);
    const todays = await w.repA.client.post(claims, claimBody(productId, freshSerials("CAM", 1), { invoiceDate: today() }), withKey());
    expect(todays.statusCode).toBe(422);
    expect(todays.json().fields[0]).toEqual({ path: "body.lines.0.productId", message: expect.stringContaining("end of sale") });
    expect((await w.repA.client.post(claims, claimBody(productId, freshSerials("CAM", 1)), withKey())).statusCode).toBe(201);
  });

  it("auto-approves a claim at or under the threshold and pays it in the same request", async () => {
    const before = await balance();
    // 10 cameras x 10 = 100: exactly the threshold.
    const response = await w.repA.client.post(claims, claimBody(w.cam, freshSerials("CAM", 10)), withKey());
    expect(response.statusCode).toBe(201);
    const claim = response.json();
    expect(claim).toMatchObject({ status: "approved", points: 100, autoApproved: true });
    expect(claim.score).toEqual([
      expect.objectContaining({ ruleName: "Camera base", units: 10, points: 100, why: expect.stringContaining("10 points per unit x 10") }),
    ]);
    expect(claim.ledgerTransactionId).toEqual(expect.any(String));
    expect(await balance()).toBe(before + 100);
    const audit = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", claim.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["incentive_claim.submit", "incentive_claim.auto_approve"]);
  });

  it("queues a claim over the threshold without moving points", async () => {
    const before = await balance();
    const response = await w.repA.client.post(claims, claimBody(w.nvr, freshSerials("NVR", 3)), withKey());
    expect(response.json()).toMatchObject({ status: "pending", points: 150, autoApproved: false, ledgerTransactionId: null });
    expect(await balance()).toBe(before);
  });

  it("replays the first answer for a repeated key and refuses the key for another body", async () => {
    const key = withKey();
    const body = claimBody(w.cam, freshSerials("CAM", 2));
    const first = await w.repA.client.post(claims, body, key);
    const again = await w.repA.client.post(claims, body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().id).toBe(first.json().id);
    const other = await w.repA.client.post(claims, claimBody(w.cam, freshSerials("CAM", 1)), key);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe("idempotency_key_reused");
  });

  it("awards a serial once: a second claim of it is 409 serial_claimed naming it", async () => {
    const serials = freshSerials("NVR", 2);
    expect((await w.repA.client.post(claims, claimBody(w.nvr, serials), withKey())).statusCode).toBe(201);
    const second = await w.repB.client.post(claims, claimBody(w.nvr, [freshSerials("NVR", 1)[0] as string, serials[1] as string]), withKey());
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: "serial_claimed",
      fields: [{ path: "body.lines.0.serials.1", message: expect.stringContaining(serials[1] as string) }],
    });
  });

  it("lets a partner admin file for its team but not for another partner's rep; a rep files only for itself", async () => {
    const forRep = await w.adminA.client.post(claims, claimBody(w.cam, freshSerials("CAM", 1), { repId: w.repA2.id }), withKey());
    expect(forRep.statusCode).toBe(201);
    expect(forRep.json()).toMatchObject({ rep: { id: w.repA2.id }, submittedBy: { id: w.adminA.id } });
    const foreign = await w.adminA.client.post(claims, claimBody(w.cam, freshSerials("CAM", 1), { repId: w.repB.id }), withKey());
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().fields).toEqual([{ path: "body.repId", message: expect.any(String) }]);
    const repForOther = await w.repA.client.post(claims, claimBody(w.cam, freshSerials("CAM", 1), { repId: w.repA2.id }), withKey());
    expect(repForOther.statusCode).toBe(400);
    const vendor = await w.finance.client.post(claims, claimBody(w.cam, freshSerials("CAM", 1)), withKey());
    expect(vendor.statusCode).toBe(403);
  });

  it("shows a rep its own claims, a partner admin its team's, and another partner's as 404", async () => {
    const mine = (await w.repA.client.post(claims, claimBody(w.nvr, freshSerials("NVR", 3)), withKey())).json().id as string;
    const colleague = (await w.repA2.client.post(claims, claimBody(w.nvr, freshSerials("NVR", 3)), withKey())).json().id as string;
    const foreign = (await w.repB.client.post(claims, claimBody(w.nvr, freshSerials("NVR", 3)), withKey())).json().id as string;

    expect((await w.repA.client.get(`${claims}/${mine}`)).statusCode).toBe(200);
    expect((await w.repA.client.get(`${claims}/${colleague}`)).statusCode).toBe(404);
    expect((await w.adminA.client.get(`${claims}/${colleague}`)).statusCode).toBe(200);
    expect((await w.adminA.client.get(`${claims}/${foreign}`)).statusCode).toBe(404);
    expect((await w.repB.client.get(`${claims}/${mine}`)).statusCode).toBe(404);
    expect((await w.finance.client.get(`${claims}/${foreign}`)).statusCode).toBe(200);
    expect((await w.techA.client.get(`${claims}/${mine}`)).statusCode).toBe(403);
    expect((await w.marketing.client.get(claims)).statusCode).toBe(403);

    const repList = (await w.repA.client.get(`${claims}?limit=200`)).json().items as { rep: { id: string } }[];
    expect(repList.length).toBeGreaterThan(0);
    expect(new Set(repList.map((c) => c.rep.id))).toEqual(new Set([w.repA.id]));
    const teamList = (await w.adminA.client.get(`${claims}?limit=200`)).json().items as { id: string; partner: { id: string } }[];
    expect(teamList.map((c) => c.id)).toEqual(expect.arrayContaining([mine, colleague]));
    expect(teamList.every((c) => c.partner.id === w.partnerA)).toBe(true);
    // A filter naming another partner cannot widen a partner admin's view.
    expect((await w.adminA.client.get(`${claims}?partnerId=${w.partnerB}`)).json().items).toEqual([]);
  });

  it("pages the review queue oldest first and filters it by partner and rep", async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; status: string }[]; nextCursor: string | null } = (
        await w.finance.client.get(`${claims}?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).json();
      all.push(...page.items.map((c) => c.id));
      expect(page.items.every((c) => c.status === "pending")).toBe(true);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual([...all].sort());
    const pending = await app.ctx.db.selectFrom("incentive_claims").select("id").where("status", "=", "pending").execute();
    expect(all.length).toBe(pending.length);
    const byRep = (await w.finance.client.get(`${claims}?status=pending&repId=${w.repA2.id}`)).json().items as { rep: { id: string } }[];
    expect(byRep.length).toBeGreaterThan(0);
    expect(byRep.every((c) => c.rep.id === w.repA2.id)).toBe(true);
    const byPartner = (await w.finance.client.get(`${claims}?partnerId=${w.partnerB}`)).json().items as { partner: { id: string } }[];
    expect(byPartner.length).toBeGreaterThan(0);
    expect(byPartner.every((c) => c.partner.id === w.partnerB)).toBe(true);
  });

  it("takes an invoice as a PDF or image typed by its bytes, for the claim's own side only", async () => {
    const id = (await w.repA.client.post(claims, claimBody(w.cam, freshSerials("CAM", 1)), withKey())).json().id as string;
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    );
    const upload = (client: typeof w.repA.client, bytes: Buffer, name: string) => {
      const boundary = "----claiminvoice";
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return client.post(`${claims}/${id}/invoice`, payload, { "content-type": `multipart/form-data; boundary=${boundary}` });
    };
    const text = await upload(w.repA.client, Buffer.from("just some words, not an invoice\n"), "invoice.pdf");
    expect(text.statusCode).toBe(415);
    expect((await upload(w.repB.client, pdf, "invoice.pdf")).statusCode).toBe(404);
    const ok = await upload(w.repA.client, pdf, "invoice.pdf");
    expect(ok.statusCode).toBe(200);
    expect(ok.json().invoice).toMatchObject({ contentType: "application/pdf", fileName: "invoice.pdf" });
    const file = await w.finance.client.get(`${claims}/${id}/invoice`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await w.repB.client.get(`${claims}/${id}/invoice`)).statusCode).toBe(404);
  });

  it("keeps the ledger balanced through all of it", async () => {
    const check = await verifyLedger(app.ctx.db);
    expect(check.ok, JSON.stringify(check)).toBe(true);
    // A fresh session of the same rep sees the same balance (nothing cached per session).
    const again = as(app, await login(app, w.repA.email));
    expect(await balance(again)).toBe(await balance());
  });
});
