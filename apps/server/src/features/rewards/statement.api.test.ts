import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { type Client, createRewardItem, grantPoints, key } from "../../testing/rewards.js";
import { extractPdfText } from "../library/pdf-text.js";

// The PDF statement, parsed back: every movement with both running balances, in time order.

describe.each(testEngines)("points statement PDF on %s", (engine) => {
  let app: TestApp;
  let rep: Awaited<ReturnType<typeof signedIn>>;
  let colleague: Client;
  let partnerAdmin: Client;
  let finance: Client;
  let otherAdmin: Client;
  const folder = mkdtempSync(join(tmpdir(), "trellis-statement-"));

  beforeAll(async () => {
    app = await createTestApp(engine);
    const partner = await createPartner(app, { name: "Statement Systems" });
    const other = await createPartner(app, { name: "Elsewhere Ltd" });
    rep = await signedIn(app, "sales_rep", partner.id);
    colleague = (await signedIn(app, "sales_rep", partner.id)).client;
    partnerAdmin = (await signedIn(app, "partner_admin", partner.id)).client;
    otherAdmin = (await signedIn(app, "partner_admin", other.id)).client;
    finance = (await signedIn(app, "finance")).client;
  });
  afterAll(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function textOf(bytes: Buffer): Promise<{ text: string; pages: number }> {
    const file = join(folder, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, bytes);
    const parsed = await extractPdfText(file);
    return { text: parsed.text, pages: parsed.pageCount };
  }

  it("lists every movement with the running available and reserved balances", async () => {
    await grantPoints(app.ctx.db, rep.user.id, 1000); // available 1,000
    const item = await createRewardItem(finance, { name: "Torque screwdriver voucher", pointCost: 300 });
    const first = await rep.client.post("/api/v1/rewards/redemptions", { rewardId: item.id, quantity: 1 }, key()); // 700 / 300
    await finance.post(`/api/v1/rewards/redemptions/${first.json().id}/approve`);
    await finance.post(`/api/v1/rewards/redemptions/${first.json().id}/fulfil`, { method: "code_sent", voucherCode: "TQ-1" }, key()); // 700 / 0
    const second = await rep.client.post("/api/v1/rewards/redemptions", { rewardId: item.id, quantity: 1 }, key()); // 400 / 300
    await rep.client.post(`/api/v1/rewards/redemptions/${second.json().id}/cancel`, {}, key()); // 700 / 0
    await grantPoints(app.ctx.db, rep.user.id, -50, "adjustment"); // 650 / 0

    const response = await rep.client.get("/api/v1/rewards/statement.pdf");
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="points-statement-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const doc = await PDFDocument.load(response.rawPayload);
    expect(doc.getPageCount()).toBe(1);
    const { text } = await textOf(response.rawPayload);
    expect(text).toContain("Points statement");
    expect(text).toContain("Statement Systems");
    const lines = text.split("\n").filter((line) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(line));
    // Date, movement, change to available, change to reserved, available balance, reserved balance.
    const shape = lines.map((line) =>
      line
        .replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s*/, "")
        .replace(/\s+/g, " ")
        .trim(),
    );
    expect(shape).toEqual([
      "Claim approved - claim_approved +1,000 1,000 0",
      "Redeemed, points reserved - 1 x Torque screwdriver voucher -300 +300 700 300",
      "Redemption fulfilled - 1 x Torque screwdriver voucher (code sent) -300 700 0",
      "Redeemed, points reserved - 1 x Torque screwdriver voucher -300 +300 400 300",
      "Redemption cancelled, points returned - 1 x Torque screwdriver voucher cancelled +300 -300 700 0",
      "Adjustment - adjustment -50 650 0",
    ]);
    expect(text).toContain("650 points");
  });

  it("runs over several pages for a long history", async () => {
    for (let n = 0; n < 90; n++) await grantPoints(app.ctx.db, rep.user.id, 1);
    const response = await rep.client.get("/api/v1/rewards/statement.pdf");
    const { text, pages } = await textOf(response.rawPayload);
    expect(pages).toBe(4);
    expect(text).toContain("Page 4 of 4");
    expect(text).toContain("740"); // the last running balance: 650 + 90
    const movementLines = text.split("\n").filter((line) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(line));
    expect(movementLines).toHaveLength(96);
  });

  it("follows the statement's scope: own, the partner admin's team, finance anyone; others 404", async () => {
    const url = `/api/v1/rewards/statement.pdf?userId=${rep.user.id}`;
    expect((await partnerAdmin.get(url)).statusCode).toBe(200);
    expect((await finance.get(url)).statusCode).toBe(200);
    expect((await colleague.get(url)).statusCode).toBe(404);
    expect((await otherAdmin.get(url)).statusCode).toBe(404);
    // A rep with no movements gets a one-page statement saying so.
    const empty = await colleague.get("/api/v1/rewards/statement.pdf");
    expect(empty.statusCode).toBe(200);
    expect((await textOf(empty.rawPayload)).text).toContain("No movements yet.");
  });
});
