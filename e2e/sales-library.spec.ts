import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { extractPdfText } from "../apps/server/src/features/library/pdf.js";
import { makeSamplePdf } from "../apps/server/src/features/library/sample-pdf.js";

// Marketing uploads a PDF brochure and makes it co-brandable; a partner rep finds it by a word
// that is only inside the PDF, and downloads the copy stamped with its own company's details.
const demoPassword = "trellis-demo-2026";
const marketing = "lena.marketing@lumeris.example";
const rep = { email: "daniel.cho@northgate.example", name: "Daniel Cho", partner: "Northgate Security Integrators" };
const stamp = Date.now().toString(36);
const insideWord = `vortexlens${stamp}`;
const title = `Thermal perimeter brochure ${stamp}`;

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

test("marketing publishes a co-brandable PDF; a partner rep finds it by a word inside it and downloads the copy stamped for its company", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const pdf = await makeSamplePdf({
    title,
    pages: 3,
    lines: ["Perimeter protection with thermal imaging.", `Installers praise the ${insideWord} mount for long fences.`, "Contact your reseller."],
  });

  // 1. Marketing creates the asset, uploads the PDF, turns co-branding on and publishes.
  await signIn(page, marketing);
  await page.goto("/library/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Thermal cameras for perimeter protection, with installation tips.");
  await page.getByRole("combobox", { name: "Type", exact: true }).click();
  await page.getByRole("option", { name: "Brochure", exact: true }).click();
  await page.getByRole("radio", { name: "A file (PDF, video, image, document)" }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/library\/assets\/[0-9a-f-]+/);

  await page.getByLabel("File to upload").setInputFiles({ name: "brochure.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) });
  await page.getByLabel("Version note").fill("First edition");
  await page.getByRole("button", { name: "Upload version" }).click();
  await expect(page.getByRole("link", { name: "Open version 1" })).toBeVisible({ timeout: 30_000 });

  await page.getByRole("tab", { name: "Details" }).click();
  await page.getByRole("switch", { name: "Co-brandable: partners can download this PDF with their logo" }).check({ force: true });
  await page.getByRole("button", { name: "Bottom strip" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/saved/i).first()).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("library-vendor-asset.png"), fullPage: true });
  await signOut(page);

  // 2. The rep searches for a word that is only inside the PDF.
  await signIn(page, rep.email);
  await page.goto("/portal/library");
  await page.getByRole("searchbox", { name: "Search sales tools" }).fill(insideWord);
  const result = page.getByRole("link", { name: title });
  await expect(result).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("library-portal-search.png"), fullPage: true });
  await result.click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByTitle(`${title} (PDF)`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("library-portal-asset.png"), fullPage: true });

  // 3. The co-branded download carries the rep's company and the rep.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download with my logo" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${title}.pdf`);
  const saved = join(mkdtempSync(join(tmpdir(), "trellis-e2e-")), "stamped.pdf");
  await download.saveAs(saved);
  const { text } = await extractPdfText(saved);
  expect(text).toContain(rep.partner);
  expect(text).toContain(rep.name);
  expect(text).toContain(rep.email);
  expect(text).toContain(insideWord);
  writeFileSync(testInfo.outputPath("stamped.txt"), text);
});
