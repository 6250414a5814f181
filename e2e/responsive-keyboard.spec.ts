import { expect, test } from "@playwright/test";

const demoPassword = "trellis-demo-2026";

test("signs in with the keyboard alone: Tab from email to password, Enter submits", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").focus();
  await page.keyboard.type("maria.channel@lumeris.example");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(demoPassword);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
});

test("works at phone width: navigation behind a burger, no sideways scrolling", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/login");
  await page.getByLabel("Email").fill("maria.channel@lumeris.example");
  await page.getByLabel("Password", { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await expect(page.getByText(/active partners we can support well/)).toBeVisible();

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.screenshot({ path: testInfo.outputPath("partners-phone.png"), fullPage: true });

  const navigation = page.getByRole("navigation", { name: "Main navigation" });
  await expect(navigation.getByRole("link", { name: "Applications" })).not.toBeInViewport();
  await page.getByRole("button", { name: "Open navigation" }).click();
  await expect(navigation.getByRole("link", { name: "Applications" })).toBeInViewport();
  await navigation.getByRole("link", { name: "Applications" }).click();
  await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
  // Choosing a page closes the phone menu.
  await expect(navigation.getByRole("link", { name: "Applications" })).not.toBeInViewport();
  await expect(page.getByRole("button", { name: "Open navigation" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("applications-phone.png"), fullPage: true });
});

test("says what to do next when a list is empty", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@lumeris.example");
  await page.getByLabel("Password", { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await page.getByLabel("Search").fill("no reseller is called this");
  await expect(page.getByText(/No partners match/i)).toBeVisible();
});
