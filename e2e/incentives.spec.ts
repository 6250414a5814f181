import { expect, type Page, test } from "@playwright/test";

// Finance makes sure claims of the NV-16P-4T recorder auto-approve (threshold up; a points rule
// for it when the demo has none) and puts a voucher in the rewards catalog. A sales rep claims a
// sale of two recorders, serial by serial, and it is approved and paid at once; the rep redeems
// the voucher; finance approves and fulfils it with a code; the rep's statement shows the claim
// credit, the reservation and the fulfilment, and the rep sees the code.
const demoPassword = "trellis-demo-2026";
const finance = "frank.finance@lumeris.example";
const rep = "daniel.cho@northgate.example"; // Northgate Security Integrators, sales rep
const sku = "NV-16P-4T"; // family "Network video recorders": serials NV[0-9]{3}-[0-9]{8} (demo/catalog.ts)
const stamp = Date.now().toString(36);
const digits = String(Date.now()).slice(-8);
const serials = [`NV${digits.slice(0, 3)}-${digits}`, `NV${digits.slice(3, 6)}-${[...digits].reverse().join("")}`];
const invoice = `E2E-${stamp}`;
const rewardName = `Installer voucher ${stamp}`;
const voucherCode = `LUM-${stamp.toUpperCase()}`;
const desktop = { width: 1280, height: 900 };
const phone = { width: 375, height: 812 };
const onePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const tinyPdf = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

async function noSideways(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}

/** A desktop and a phone screenshot of the page as it is. */
async function shots(page: Page, name: string, outputPath: (name: string) => string) {
  await page.screenshot({ path: outputPath(`${name}.png`), fullPage: true });
  await page.setViewportSize(phone);
  await noSideways(page);
  await page.screenshot({ path: outputPath(`${name}-phone.png`), fullPage: true });
  await page.setViewportSize(desktop);
}

interface RuleRow {
  kind: string;
  productId: string | null;
  familyId: string | null;
  points: number;
  active: boolean;
}

/** Whether some active base rule (per unit or per revenue) gives the product points today. */
async function productEarnsPoints(page: Page): Promise<boolean> {
  const products = (await (await page.request.get(`/api/v1/products?q=${sku}`)).json()) as { items: { id: string; sku: string; familyId: string }[] };
  const product = products.items.find((item) => item.sku === sku);
  expect(product, `${sku} is in the demo catalog`).toBeTruthy();
  const rules = (await (await page.request.get("/api/v1/incentives/rules")).json()) as { items: RuleRow[] };
  const base = rules.items.filter((rule) => rule.active && (rule.kind === "per_unit" || rule.kind === "per_revenue"));
  // The most specific rule wins: a product rule, else a family rule, else an every-product rule.
  const reach =
    base.filter((rule) => rule.productId === product?.id).length > 0
      ? base.filter((rule) => rule.productId === product?.id)
      : base.filter((rule) => rule.familyId === product?.familyId).length > 0
        ? base.filter((rule) => rule.familyId === product?.familyId)
        : base.filter((rule) => !rule.productId && !rule.familyId);
  return reach.some((rule) => rule.points > 0);
}

test("a rep's claim auto-approves, its points buy a reward that finance fulfils, and the statement shows each step", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const out = (name: string) => testInfo.outputPath(name);
  await page.setViewportSize(desktop);

  // 1. Finance: claims up to 1,000,000 points approve themselves.
  await signIn(page, finance);
  await page.getByRole("link", { name: "Incentive program" }).click();
  await expect(page.getByRole("heading", { name: "Incentive program settings", level: 1 })).toBeVisible();
  const threshold = page.getByLabel("Approve automatically up to (points)");
  await threshold.fill("1000000");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Program settings saved.")).toBeVisible();
  await expect(page.getByLabel("Approve automatically up to (points)")).toHaveValue("1,000,000");
  await page.screenshot({ path: out("incentives-settings.png"), fullPage: true });

  // 2. Finance: a points rule for the recorder, unless the demo program has one.
  if (!(await productEarnsPoints(page))) {
    await page.goto("/incentives/rules");
    await page.getByRole("link", { name: "New rule" }).click();
    await expect(page.getByRole("heading", { name: "New rule", level: 1 })).toBeVisible();
    await page.getByRole("radio", { name: "Points per unit" }).check();
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`NVR 16 channel points ${stamp}`);
    await page.getByRole("textbox", { name: "Points per unit" }).fill("150");
    await page.getByRole("radio", { name: "One product" }).check();
    await page.getByRole("combobox", { name: "Product", exact: true }).fill(sku);
    await page.getByRole("option", { name: new RegExp(sku) }).click();
    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page.getByRole("heading", { name: `NVR 16 channel points ${stamp}`, level: 1 })).toBeVisible();
    await expect(page.getByRole("cell", { name: "1 (current)" })).toBeVisible();
  }
  expect(await productEarnsPoints(page)).toBe(true);
  await page.goto("/incentives/rules");
  await expect(page.getByRole("heading", { name: "Incentive rules", level: 1 })).toBeVisible();
  await page.screenshot({ path: out("incentives-rules.png"), fullPage: true });

  // 3. Finance: a voucher in the catalog, with a picture and five units.
  await page.getByRole("link", { name: "Rewards catalog" }).click();
  await page.getByRole("button", { name: "New reward" }).click();
  const rewardForm = page.getByRole("dialog", { name: "New reward" });
  await rewardForm.getByLabel("Name").fill(rewardName);
  await rewardForm.getByLabel("Description").fill("A voucher for the installer shop, sent by email.");
  await rewardForm.getByLabel("Cost in points").fill("100");
  await rewardForm.getByLabel("Units in stock").fill("5");
  await rewardForm.getByLabel("Picture").setInputFiles({ name: "voucher.png", mimeType: "image/png", buffer: Buffer.from(onePixelPng, "base64") });
  await rewardForm.getByRole("button", { name: "Add to catalog" }).click();
  await expect(page.getByText(`${rewardName} added to the catalog.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(rewardName) }).getByText("5 left")).toBeVisible();
  await shots(page, "incentives-rewards-admin", out);
  await signOut(page);

  // 4. The rep claims the sale: two units, one serial each, checked as typed.
  await signIn(page, rep);
  await page.getByRole("link", { name: "Claim a sale" }).click();
  await expect(page.getByRole("heading", { name: "Claim a sale", level: 1 })).toBeVisible();
  await page.getByLabel("Invoice number").fill(invoice);
  await page.getByLabel("End customer").fill("Harbour Logistics, Gate 3");
  await page.getByRole("combobox", { name: "Product", exact: true }).fill(sku);
  await page.getByRole("option", { name: new RegExp(sku) }).click();
  await page.getByLabel("Units").fill("2");
  await expect(page.getByLabel("Serial 2")).toBeVisible();
  await page.getByLabel("Serial 1").fill("NV12-345");
  await page.getByLabel("Serial 1").press("Tab");
  await expect(page.getByText("Does not fit this product's serial format")).toBeVisible();
  await page.getByLabel("Serial 1").fill(serials[0] ?? "");
  await page.getByLabel("Serial 1").press("Enter"); // a scanner's Enter moves on to the next serial
  await expect(page.getByLabel("Serial 2")).toBeFocused();
  await page.keyboard.type(serials[1] ?? "");
  await expect(page.getByText("Does not fit this product's serial format")).toHaveCount(0);
  await expect(page.getByLabel("Fits the format")).toHaveCount(2);
  await shots(page, "incentives-claim-form", out);
  const filing = page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/api/v1/incentives/claims"));
  await page.getByRole("button", { name: "File the claim" }).click();
  expect((await filing).headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);

  // Approved at once, with the score explained; then the invoice goes up.
  await expect(page.getByRole("heading", { name: `Claim for invoice ${invoice}`, level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Approved automatically", { exact: true })).toBeVisible();
  const scoreTable = page.getByRole("table").filter({ hasText: "Why" });
  await expect(scoreTable.getByRole("row")).not.toHaveCount(0);
  await expect(scoreTable.getByText(new RegExp(sku)).first()).toBeVisible();
  const scoreLabel = (await page.getByLabel(/^Score: /).getAttribute("aria-label")) ?? "";
  const earned = Number(scoreLabel.replace(/[^0-9]/g, ""));
  expect(earned).toBeGreaterThan(0);
  await page
    .getByLabel("Invoice file", { exact: true })
    .setInputFiles({ name: `${invoice}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(tinyPdf) });
  await page.getByRole("button", { name: "Attach invoice" }).click();
  await expect(page.getByRole("link", { name: new RegExp(`${invoice}\\.pdf`) })).toBeVisible();
  await shots(page, "incentives-claim", out);

  // 5. The rep redeems the voucher, with a confirmation.
  await page.getByRole("link", { name: "Rewards", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Rewards", level: 1 })).toBeVisible();
  const card = page.getByRole("listitem", { name: rewardName });
  await expect(card.getByText("You can afford it")).toBeVisible();
  await shots(page, "incentives-catalog", out);
  await card.getByRole("button", { name: `Redeem ${rewardName}` }).click();
  const confirm = page.getByRole("dialog", { name: `Redeem ${rewardName}` });
  await expect(confirm.getByText("Reserve 100 points?")).toBeVisible();
  const redeeming = page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/api/v1/rewards/redemptions"));
  await confirm.getByRole("button", { name: "Redeem for 100 points" }).click();
  expect((await redeeming).headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "My redemptions", level: 1 })).toBeVisible();
  const myRow = page.getByRole("row", { name: new RegExp(rewardName) });
  await expect(myRow.getByText("Requested")).toBeVisible();
  await signOut(page);

  // 6. Finance approves and fulfils it with a voucher code.
  await signIn(page, finance);
  await page.getByRole("link", { name: "Redemptions" }).click();
  await expect(page.getByRole("heading", { name: "Redemptions", level: 1 })).toBeVisible();
  const queueRow = page.getByRole("row", { name: new RegExp(rewardName) });
  await queueRow.getByRole("button", { name: "Approve" }).click();
  await expect(queueRow).toHaveCount(0); // it leaves the "Requested" view
  const statusFilter = page.getByRole("radiogroup", { name: "Status" });
  await statusFilter.getByText("Approved", { exact: true }).click();
  await queueRow.getByRole("button", { name: "Fulfil" }).click();
  const fulfil = page.getByRole("dialog", { name: new RegExp(`Fulfil 1 x ${rewardName}`) });
  await expect(fulfil.getByRole("radio", { name: "Voucher code sent" })).toBeChecked();
  await fulfil.getByRole("textbox", { name: "Voucher code" }).fill(voucherCode);
  await fulfil.getByRole("button", { name: "Mark fulfilled" }).click();
  await expect(page.getByText(/fulfilled; 100 points redeemed/)).toBeVisible();
  await statusFilter.getByText("Fulfilled", { exact: true }).click();
  await expect(queueRow.getByText("Voucher code sent to the rep")).toBeVisible();
  await expect(page.getByText(voucherCode)).toHaveCount(0); // finance never sees the code again
  await shots(page, "incentives-redemptions-queue", out);
  await signOut(page);

  // 7. The rep's statement shows each step; the code is the rep's to see.
  await signIn(page, rep);
  await page.getByRole("link", { name: "Statement" }).click();
  await expect(page.getByRole("heading", { name: "My statement", level: 1 })).toBeVisible();
  const lines = page.getByRole("table", { name: "Points movements, newest first" }).getByRole("row");
  const claimLine = lines.filter({ hasText: `Claim for invoice ${invoice}` });
  await expect(claimLine).toHaveCount(1);
  await expect(claimLine.getByText("Claim approved")).toBeVisible();
  await expect(claimLine.getByText(`+${earned.toLocaleString("en-US")}`)).toBeVisible();
  const reserved = lines.filter({ hasText: `1 x ${rewardName}` }).filter({ hasText: "Reward reserved" });
  await expect(reserved).toHaveCount(2); // out of available, into reserved
  await expect(reserved.filter({ has: page.getByText("Available", { exact: true }) }).getByText("-100", { exact: true })).toBeVisible();
  await expect(reserved.filter({ has: page.getByText("Reserved", { exact: true }) }).getByText("+100", { exact: true })).toBeVisible();
  const fulfilled = lines.filter({ hasText: "Reward fulfilled" }).filter({ hasText: rewardName });
  await expect(fulfilled).toHaveCount(1);
  await expect(fulfilled.getByText("-100", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", "/api/v1/incentives/statement.csv");
  await expect(page.getByRole("link", { name: "Download PDF" })).toHaveAttribute("href", "/api/v1/rewards/statement.pdf");
  const csv = await (await page.request.get("/api/v1/incentives/statement.csv")).text();
  expect(csv).toContain(`Claim for invoice ${invoice}`);
  await shots(page, "incentives-statement", out);

  await page.getByRole("link", { name: "Redemptions" }).click();
  await expect(page.getByRole("row", { name: new RegExp(rewardName) }).getByText(voucherCode)).toBeVisible();
  await page.getByRole("link", { name: "My points", exact: true }).click();
  await expect(page.getByRole("region", { name: "Available" })).toBeVisible();
  await shots(page, "incentives-my-points", out);
  await page.getByRole("link", { name: "Leaderboard" }).click();
  await expect(page.getByRole("heading", { name: "Leaderboard", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "You" }).first()).toBeVisible();
  await shots(page, "incentives-leaderboard", out);
});
