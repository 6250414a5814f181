import { expect, type Page, test } from "@playwright/test";

// The thesis, in the browser: the channel manager opens the portfolio and sees Harbor City Systems,
// the second-biggest seller, flagged because what it consumes (mostly support) is more than its
// margin; opens its scorecard; records a fix decision with an action for each side; and the
// partner's timeline shows the decision above the flags that led to it. The e2e server loads the
// relationships demo without Harbor's fix plan (e2e/serve.ts), so this is the step `npm run demo`
// shows as already taken a few weeks ago.
const demoPassword = "trellis-demo-2026";
const manager = "maria.channel@lumeris.example"; // Maria Okafor, Harbor's channel manager
const harbor = "Harbor City Systems";
const stamp = Date.now().toString(36);
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const reviewOn = day(28);
const actions = [
  { side: "vendor", title: `Run a VMS SDK integration workshop for Harbor's technicians (${stamp})`, owner: "Sam Iyer", dueOn: day(14) },
  { side: "partner", title: `Route every integration request through one project lead (${stamp})`, owner: "Owen Harper", dueOn: day(21) },
] as const;

async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

test("the channel manager sees the flagged big reseller in the portfolio, records a fix decision with two actions, and the timeline shows it", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const out = (name: string) => testInfo.outputPath(name);

  // 1. The portfolio: every partner's margin against what it consumes; Harbor is flagged and in "fix".
  await signIn(page, manager);
  await page.getByRole("link", { name: "Relationships", exact: true }).click();
  await expect(page).toHaveURL(/\/relationships$/);
  // The page's chunk and the portfolio load on first visit: allow a busy machine more than the default.
  await expect(page.getByRole("heading", { name: "Relationships", level: 1 })).toBeVisible({ timeout: 30_000 });
  const flags = page.getByRole("region", { name: "Open flags" });
  await expect(
    flags
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: harbor }) })
      .filter({ hasText: "Net contribution negative" }),
  ).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: harbor }) });
  const headers = await page.getByRole("columnheader").allInnerTexts();
  const cell = (heading: string) => row.getByRole("cell").nth(headers.findIndex((text) => text.trim().startsWith(heading)));
  await expect(row.getByText("Net < 0")).toBeVisible();
  await expect(cell("Quadrant")).toHaveText("Fix");
  await expect(cell("Decision")).toHaveText("—"); // none yet
  await page.screenshot({ path: out("relationships-portfolio.png"), fullPage: true });

  // 2. Its scorecard: the flags with their figures, resources by category, the trend.
  await row.getByRole("link", { name: harbor }).click();
  await expect(page.getByRole("heading", { name: harbor, level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/relationships\/partners\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "Open flags" })).toBeVisible();
  await expect(page.getByText("Net contribution negative").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Resources by category" })).toBeVisible();
  // The innermost section headed "Timeline" (sections come after the ones they sit in).
  const timeline = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Timeline", exact: true }) })
    .last();
  await expect(timeline.getByText(/^Flagged: Net contribution turned negative/).first()).toBeVisible();
  await page.screenshot({ path: out("relationships-scorecard.png"), fullPage: true });

  // 3. The fix decision: a reason, a review date and an action for each side.
  const form = page.getByTestId("decision-form");
  await expect(form.getByRole("combobox", { name: "Decision" })).toHaveValue("fix");
  await form
    .getByLabel("Reason")
    .fill(
      `Support is twice the Gold allowance and the field engineer is on site every month: Harbor's margin does not cover it. Fix, not cut (${stamp}).`,
    );
  await form.getByLabel("Review date").fill(reviewOn);
  await form.getByRole("button", { name: "Add action" }).click();
  for (const [index, action] of actions.entries()) {
    const n = index + 1;
    await form.getByRole("combobox", { name: `Action ${n} side` }).selectOption(action.side);
    await form.getByLabel(`Action ${n} title`).fill(action.title);
    await form.getByLabel(`Action ${n} owner`).fill(action.owner);
    await form.getByLabel(`Action ${n} due date`).fill(action.dueOn);
  }
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByRole("heading", { name: "Open decision" })).toBeVisible();
  for (const action of actions) await expect(page.getByText(action.title).first()).toBeVisible();

  // 4. The timeline shows the decision, with both actions, above the flags that led to it.
  const opened = timeline.getByText(`Fix decision opened, review on ${reviewOn}`);
  await expect(opened).toBeVisible();
  await expect(timeline.getByText(`Vendor: ${actions[0].title}`, { exact: false })).toBeVisible();
  await expect(timeline.getByText(`Partner: ${actions[1].title}`, { exact: false })).toBeVisible();
  const titles = await timeline.locator(".mantine-Timeline-itemTitle").allInnerTexts();
  const decisionAt = titles.findIndex((title) => title.startsWith("Fix decision opened"));
  const flagAt = titles.findIndex((title) => title.startsWith("Flagged:"));
  expect(decisionAt).toBeGreaterThanOrEqual(0);
  expect(flagAt).toBeGreaterThan(decisionAt);
  await timeline.scrollIntoViewIfNeeded();
  await timeline.screenshot({ path: out("relationships-timeline.png") });
  // Back to the top first: a full-page shot taken scrolled down draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: out("relationships-decision.png"), fullPage: true });

  // And the portfolio now says the big reseller has a fix decision.
  await page.getByRole("link", { name: "Portfolio" }).click();
  await expect(cell("Decision")).toContainText("Fix");
  await expect(cell("Decision")).toContainText(/review/);
});
