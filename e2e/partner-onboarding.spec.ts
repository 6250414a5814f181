import { expect, type Page, test } from "@playwright/test";

// The whole onboarding path through the real server, the real database and the built web app:
// a reseller applies -> the vendor approves -> the principal accepts the emailed invitation
// (read from the outbox) -> invites a rep -> the rep signs in and sees only its organisation.
const demoPassword = "trellis-demo-2026";
const vendorAdmin = "admin@lumeris.example";
const stamp = Date.now().toString(36);
const company = `Harbourline Security ${stamp}`;
const principalEmail = `principal.${stamp}@harbourline.example`;
const repEmail = `rep.${stamp}@harbourline.example`;
const newPassword = "a long passphrase for e2e";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

/** Opens the newest outbox message to `to` and returns the link in its body. */
async function invitationLinkFor(page: Page, to: string): Promise<string> {
  await page.goto(`/admin/outbox`);
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  await page.getByLabel("Recipient").fill(to);
  const row = page
    .getByRole("row")
    .filter({ hasText: to })
    .filter({ hasText: /invited to the .* partner portal/ });
  await row.first().getByRole("link").click();
  const link = page.getByRole("link", { name: /\/invitation\?token=/ });
  await expect(link).toBeVisible();
  const href = (await link.textContent()) ?? "";
  return new URL(href).pathname + new URL(href).search;
}

test("a reseller applies, is approved, and its principal and rep get in, seeing only their organisation", async ({ page }, testInfo) => {
  // 0. The server runs on the engine this run asked for.
  const health = await (await page.request.get("/api/health")).json();
  expect(health.db).toBe(process.env.E2E_DATABASE_URL ? "postgres" : "sqlite");

  // 1. The public application form.
  await page.goto("/apply");
  await expect(page.getByRole("heading", { name: "Apply to become a partner" })).toBeVisible();
  await page.getByLabel("Company name").fill(company);
  await page.getByLabel("Legal name").fill(`${company} Ltd`);
  await page.getByLabel("Website").fill("https://harbourline.example");
  await page.getByLabel("Country").fill("GB");
  await page.getByRole("combobox", { name: "Region", exact: true }).click();
  await page.getByRole("option", { name: "Western Europe" }).click();
  await page.getByLabel("City").fill("Bristol");
  await page.getByLabel("Contact name").fill("Harriet Lane");
  await page.getByLabel("Contact email").fill(principalEmail);
  await page.getByRole("combobox", { name: "Markets served" }).click();
  await page.getByRole("option", { name: "Western Europe" }).click();
  await page.keyboard.press("Escape");
  await page.getByRole("combobox", { name: "What you sell" }).fill("IP cameras");
  await page.keyboard.press("Enter");
  await page.getByRole("combobox", { name: "What you install" }).fill("Retail");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByRole("heading", { name: "Thank you for applying" })).toBeVisible();

  // 2. The vendor admin sees the roster limit and approves the application.
  await signIn(page, vendorAdmin, demoPassword);
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await expect(page.getByText(/of 12 active partners/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("partner-list.png"), fullPage: true });

  await page.goto("/applications");
  await page.getByRole("link", { name: company }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/approved/i).first()).toBeVisible();

  // 3. The invitation to the principal is in the outbox.
  const principalLink = await invitationLinkFor(page, principalEmail);
  await signOut(page);

  // 4. The principal accepts and lands in the partner portal.
  await page.goto(principalLink);
  await page.getByLabel("Password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm password").fill(newPassword);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: company })).toBeVisible();

  // 5. The principal invites a sales rep.
  await page.goto("/portal/staff");
  await page.getByRole("button", { name: "Invite" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Ravi Patel");
  await dialog.getByLabel("Email").fill(repEmail);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "Sales rep" }).click();
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("cell", { name: repEmail })).toBeVisible();
  await signOut(page);

  // 6. The vendor admin finds the rep's invitation; the rep accepts it.
  await signIn(page, vendorAdmin, demoPassword);
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  const repLink = await invitationLinkFor(page, repEmail);
  const partnerId = await page.evaluate(async (name) => {
    const response = await fetch(`/api/v1/partners?q=${encodeURIComponent(name)}`);
    const body = (await response.json()) as { items: { id: string }[] };
    return body.items[0]?.id ?? "";
  }, company);
  await page.goto(`/partners/${partnerId}`);
  await expect(page.getByRole("heading", { name: company, level: 1 })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("partner-page.png"), fullPage: true });
  const otherPartnerId = await page.evaluate(async () => {
    const response = await fetch("/api/v1/partners?q=Northgate");
    const body = (await response.json()) as { items: { id: string }[] };
    return body.items[0]?.id ?? "";
  });
  await signOut(page);

  await page.goto(repLink);
  await page.getByLabel("Password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm password").fill(newPassword);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: company })).toBeVisible();
  await signOut(page);

  // 7. The rep signs in and sees only its own organisation.
  await signIn(page, repEmail, newPassword);
  await expect(page.getByRole("heading", { name: company })).toBeVisible();
  const seen = await page.evaluate(async (other) => {
    const list = (await (await fetch("/api/v1/partners")).json()) as { items: { name: string }[] };
    const foreign = await fetch(`/api/v1/partners/${other}`);
    const foreignStaff = await fetch(`/api/v1/partners/${other}/staff`);
    return { names: list.items.map((p) => p.name), foreign: foreign.status, foreignStaff: foreignStaff.status };
  }, otherPartnerId);
  expect(seen).toEqual({ names: [company], foreign: 404, foreignStaff: 404 });
  await page.goto("/portal/products");
  await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("rep-portal-products.png"), fullPage: true });
});
