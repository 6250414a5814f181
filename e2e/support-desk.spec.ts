import { expect, type Page, test } from "@playwright/test";

// A reseller's technician opens a P2 ticket naming a recorder by serial, with a log file; a
// vendor support agent answers from the queue and logs the time; the technician reads the
// answer and resolves the ticket. Internal notes never reach the partner.
const demoPassword = "trellis-demo-2026";
const technician = { email: "luis.ortega@northgate.example", name: "Luis Ortega" };
const agent = { email: "sam.support@lumeris.example", name: "Sam Iyer" };
const stamp = Date.now().toString(36);
const subject = `Recorder loses footage after midnight ${stamp}`;
const serial = "NV123-20260042";
const answer = `Disable the nightly disk check on firmware 3.2.1 (${stamp}); it blocks recording for an hour.`;
const secret = `Internal: the disk-check defect is KP-12 (${stamp})`;

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

test("a technician opens a P2 ticket with a serial and a log; an agent answers with time logged; the technician resolves it", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);

  // 1. The technician opens the ticket.
  await signIn(page, technician.email);
  await page.goto("/portal/support/new");
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("textbox", { name: "Description" }).fill("Since Monday the NVR shows gaps between 00:00 and 01:00 on all 12 cameras.");
  await page.getByRole("combobox", { name: "Category" }).click();
  await page.getByRole("option", { name: "Installation", exact: true }).click();
  await page.getByRole("radio", { name: /^P2/ }).check({ force: true });
  await page.getByRole("combobox", { name: "Products" }).fill("NV-8P-2T");
  await page.getByRole("option", { name: /NV-8P-2T/ }).click();
  await page.keyboard.press("Escape");
  const serials = page.getByRole("combobox", { name: /Serial numbers: NVR 8 channel PoE/ });
  await serials.fill(serial);
  await serials.press("Enter");
  await page.getByLabel("Firmware or software version").fill("3.2.1");
  await page.getByLabel("End-customer site").fill("Harbour Logistics, Gate 3");
  await page.getByLabel("Attachments").setInputFiles({
    name: "nvr-syslog.log",
    mimeType: "text/plain",
    buffer: Buffer.from("2026-11-29 00:00:02 disk-check start\n2026-11-29 00:58:41 disk-check done; recording resumed\n"),
  });
  await page.screenshot({ path: testInfo.outputPath("support-new-ticket.png"), fullPage: true });
  await page.getByRole("button", { name: "Open ticket" }).click();
  await expect(page).toHaveURL(/\/portal\/support\/[0-9a-f-]+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await expect(page.getByRole("link", { name: /nvr-syslog\.log/ })).toBeVisible();
  await expect(page.getByText(serial)).toBeVisible();
  const ticketUrl = page.url();
  await signOut(page);

  // 2. The agent finds it in the queue, answers publicly with time logged, and adds an internal note.
  await signIn(page, agent.email);
  await page.goto("/support");
  const row = page.getByRole("row", { name: new RegExp(`Ticket #\\d+: ${subject}`) });
  await expect(row).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("support-queue.png"), fullPage: true });
  await row.focus();
  await row.press("Enter");
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await page.getByRole("textbox", { name: "Message" }).fill(answer);
  await page.getByLabel("Minutes spent").fill("25");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("article", { name: `Reply from ${agent.name}` }).filter({ hasText: answer })).toBeVisible();
  await page.getByRole("radiogroup", { name: "Reply or internal note" }).getByText("Internal note").click();
  await page.getByRole("textbox", { name: "Note" }).fill(secret);
  await page.getByRole("button", { name: "Add internal note" }).click();
  await expect(page.getByText(secret)).toBeVisible();
  await expect(page.getByText(/25 min/).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("support-agent-ticket.png"), fullPage: true });
  await signOut(page);

  // 3. The technician reads the answer (not the note) and resolves the ticket.
  await signIn(page, technician.email);
  await page.goto(ticketUrl);
  await expect(page.getByText(answer)).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  await page.getByRole("button", { name: "Mark resolved" }).click();
  await expect(page.getByText("Resolved").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("support-portal-resolved.png"), fullPage: true });
  await signOut(page);

  // 4. The vendor sees the 25 minutes against the reseller on the consumption page, and the hot-spots.
  await signIn(page, "admin@lumeris.example");
  await page.goto("/support/consumption");
  await expect(page.getByRole("heading", { name: "Support consumption" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Northgate Security Integrators" }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("support-consumption.png"), fullPage: true });
  await page.goto("/support/hotspots");
  await expect(page.getByRole("heading", { name: "Support hot-spots" })).toBeVisible();
  // The e2e desk holds the demo's year of tickets (e2e/serve.ts): narrow to the recorder this ticket named.
  await page.getByRole("combobox", { name: "Product" }).fill("NV-8P-2T");
  await page.getByRole("option", { name: "NVR 8 channel PoE, 2 TB (NV-8P-2T)" }).click();
  await expect(page.getByRole("row", { name: /^NVR 8 channel PoE, 2 TB/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("support-hotspots.png"), fullPage: true });
});
