import { expect, type Page, test } from "@playwright/test";

// Marketing schedules a must-read post for Gold partners a few seconds ahead. Once the time
// passes, a Gold partner's rep finds it in the feed and the must-read banner, and acknowledges it
// (the banner goes); a Silver partner's rep never sees it. A second Gold rep, whose digest is set
// to "immediately" before the post goes out and who has not opened it, gets it in a digest mail
// when the vendor admin runs the digests. (The rep who read it does not: digests carry unread posts.)
const demoPassword = "trellis-demo-2026";
const marketing = "lena.marketing@lumeris.example";
const admin = "admin@lumeris.example";
const goldReader = "mia.tanaka@harborcity.example"; // Harbor City Systems, Gold
const goldDigest = "hugo.bernard@vigil-securite.example"; // Vigil Sécurité, Gold
const silverRep = "ethan.roy@mapleleafsurv.example"; // Maple Leaf Surveillance, Silver
const stamp = Date.now().toString(36);
const title = `Firmware 3.3 recall notice ${stamp}`;
const body = `Stop installing firmware 3.3 on NV recorders (${stamp}).\n\n- Roll back to 3.2.1\n- Tell your customers before Friday`;
const phone = { width: 375, height: 812 };
const onePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const desktop = { width: 1280, height: 900 };

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

/** "YYYY-MM-DDTHH:mm:ss" in the browser's zone, as a datetime-local input holds it. */
async function localInputValue(page: Page, at: number): Promise<string> {
  return page.evaluate((ms) => {
    const date = new Date(ms);
    const pad = (value: number) => String(value).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }, at);
}

async function noSideways(page: Page) {
  // Measured once the layout has settled after the resize.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}

test("a scheduled must-read post reaches Gold partners only, is acknowledged, and goes out in the digest", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize(desktop);

  // 1. A Gold rep asks for news immediately, before the post exists.
  await signIn(page, goldDigest);
  await page.getByRole("button", { name: /your menu/ }).click();
  await page.getByRole("menuitem", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { name: "Notification settings", level: 1 })).toBeVisible();
  await page.getByText("Immediately", { exact: true }).click();
  await expect(page.getByRole("radio", { name: "Immediately" })).toBeChecked();
  await page.getByRole("button", { name: "Save digest settings" }).click();
  await expect(page.getByText("Your digest settings are saved.")).toBeVisible();
  await expect(page.getByText(/Next digest due/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("news-settings.png"), fullPage: true });
  await signOut(page);

  // 2. Marketing schedules the must-read post for Gold partners, a few seconds ahead.
  await signIn(page, marketing);
  await page.goto("/news");
  await expect(page.getByRole("heading", { name: "News", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New post" }).first().click();
  await expect(page.getByRole("heading", { name: "New post", level: 1 })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("combobox", { name: "Category" }).click();
  await page.getByRole("option", { name: "Support notices" }).click();
  await page.getByRole("textbox", { name: "Post text" }).fill(body);
  await page.getByRole("combobox", { name: "Tiers" }).click();
  await page.getByRole("option", { name: "Gold", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByText("Reaches: Gold partners; every role.")).toBeVisible();
  await page.getByRole("radio", { name: "At a time I choose" }).check();
  await page.getByRole("switch", { name: "Must read" }).check({ force: true });
  const publishAt = Date.now() + 8_000;
  await page.getByLabel("Publish at").fill(await localInputValue(page, publishAt));
  await page.screenshot({ path: testInfo.outputPath("news-post-form.png"), fullPage: true });
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page).toHaveURL(/\/news\/[0-9a-f-]+\/edit$/);
  await expect(page.getByText(/^Scheduled for/)).toBeVisible();
  const postId = page.url().split("/").at(-2) ?? "";
  await page.goto("/news?state=scheduled");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("news-editors-list.png"), fullPage: true });
  await signOut(page);

  // 3. A Gold rep sees it once the time has passed, reads it and acknowledges it; the banner goes.
  await signIn(page, goldReader);
  await page.waitForTimeout(Math.max(0, publishAt - Date.now() + 500));
  await expect(async () => {
    await page.goto("/portal/news");
    // The must-read banner links the same post, so look in the list alone.
    const posts = page.getByRole("list", { name: "News posts" });
    await expect(posts.getByRole("link", { name: title })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const banner = page.getByRole("region", { name: /must-read posts? (is|are) waiting for you/ });
  await expect(banner.getByRole("link", { name: title })).toBeVisible();
  const card = page
    .getByRole("list", { name: "News posts" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title }) });
  await expect(card.getByText("Unread")).toBeVisible();
  await expect(card.getByText("Must read", { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("news-feed.png"), fullPage: true });
  await page.setViewportSize(phone);
  await noSideways(page);
  await page.screenshot({ path: testInfo.outputPath("news-feed-phone.png"), fullPage: true });
  await page.setViewportSize(desktop);

  await card.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByText("Roll back to 3.2.1")).toBeVisible();
  await page.getByRole("button", { name: "I have read this" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You confirmed you read this" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("news-post.png"), fullPage: true });
  await page.setViewportSize(phone);
  await noSideways(page);
  await page.screenshot({ path: testInfo.outputPath("news-post-phone.png"), fullPage: true });
  await page.setViewportSize(desktop);

  await page.goto("/portal/news");
  await expect(page.getByRole("list", { name: "News posts" }).getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("region", { name: /must-read posts? (is|are) waiting for you/ }).getByRole("link", { name: title })).toHaveCount(0);
  const readCard = page
    .getByRole("list", { name: "News posts" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title }) });
  await expect(readCard.getByText("Unread")).toHaveCount(0);
  await expect(readCard.getByText("Must read · acknowledged")).toBeVisible();
  await signOut(page);

  // 4. A Silver rep does not see it: not in the feed, not by its address.
  await signIn(page, silverRep);
  await page.goto("/portal/news");
  await expect(page.getByRole("heading", { name: "News", level: 1 })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search news" }).fill(stamp);
  await expect(page.getByText("No posts match")).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await page.goto(`/portal/news/${postId}`);
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  await signOut(page);

  // 5. The vendor admin runs the digests; the Gold rep who asked for them gets the post by mail.
  await signIn(page, admin);
  await page.goto("/news/digests");
  await expect(page.getByRole("heading", { name: "News digests", level: 1 })).toBeVisible();
  // "Immediately" users are due at most once a minute; the scheduled job (every five minutes) may
  // have just taken the rep, so run again until the digest carrying the post is composed.
  await expect(async () => {
    await page.getByRole("button", { name: "Run digests now" }).first().click();
    await expect(page.getByText(/digests? composed/).last()).toBeVisible({ timeout: 5_000 });
    await expect(page.getByRole("row").filter({ hasText: goldDigest })).toBeVisible({ timeout: 5_000 });
  }).toPass({ intervals: [5_000, 10_000], timeout: 90_000 });
  await page.screenshot({ path: testInfo.outputPath("news-digests.png"), fullPage: true });

  let subject = "";
  await expect(async () => {
    const listed = await page.evaluate(async (to) => {
      const response = await fetch(`/api/v1/admin/outbox?to=${encodeURIComponent(to)}`, { credentials: "same-origin" });
      return (await response.json()) as { items: { id: string; subject: string }[] };
    }, goldDigest);
    expect(listed.items.length).toBeGreaterThan(0);
    subject = listed.items[0]?.subject ?? "";
  }).toPass({ timeout: 20_000 });
  await page.goto("/admin/outbox");
  await page.getByLabel("Recipient").fill(goldDigest);
  const row = page.getByRole("link", { name: subject }).first();
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByText(title).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("news-digest-outbox.png"), fullPage: true });
  const unsubscribeLink =
    (await page
      .getByRole("link", { name: /\/unsubscribe\// })
      .first()
      .getAttribute("href")) ?? "";
  expect(unsubscribeLink).toMatch(/\/unsubscribe\/[^/]+$/);

  // The rep who read the post gets no digest carrying it.
  const readerMail = await page.evaluate(
    async ({ to, words }) => {
      const response = await fetch(`/api/v1/admin/outbox?to=${encodeURIComponent(to)}`, { credentials: "same-origin" });
      const list = (await response.json()) as { items: { id: string }[] };
      const bodies = await Promise.all(
        list.items.map(
          async (item) => (await (await fetch(`/api/v1/admin/outbox/${item.id}`, { credentials: "same-origin" })).json()) as { textBody: string },
        ),
      );
      return bodies.filter((mail) => mail.textBody.includes(words)).length;
    },
    { to: goldReader, words: title },
  );
  expect(readerMail).toBe(0);
  await signOut(page);

  // 6. The digest's unsubscribe link works without signing in.
  await page.setViewportSize(phone);
  await page.goto(new URL(unsubscribeLink, "http://localhost").pathname);
  await expect(page.getByRole("heading", { name: "Unsubscribe from news digests" })).toBeVisible();
  await expect(page.getByText(/@vigil-securite\.example/)).toBeVisible();
  await expect(page.getByText(goldDigest)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("news-unsubscribe-phone.png"), fullPage: true });
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText("You are unsubscribed")).toBeVisible();
  await noSideways(page);
});

test("a rep's question is answered by marketing; the answer rings the bell; editors see reach per partner", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize(desktop);
  const postTitle = `Spring promotion on NV recorders ${stamp}`;
  const question = `Does the promotion cover the 16-channel model? (${stamp})`;
  const answer = `Yes, every NV recorder until 31 May (${stamp}).`;

  // Marketing publishes a post for every partner at once.
  await signIn(page, marketing);
  await page.goto("/news/new");
  await page.getByLabel("Title").fill(postTitle);
  await page.getByRole("combobox", { name: "Category" }).click();
  await page.getByRole("option", { name: "Promotions" }).click();
  await page.getByRole("textbox", { name: "Post text" }).fill("**20% off** every NV recorder ordered before the end of May.");
  await expect(page.getByText("Reaches: Every partner; every role.")).toBeVisible();
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page).toHaveURL(/\/news\/[0-9a-f-]+\/edit$/);
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
  // The preview shows the text as partners get it: markdown rendered by the server.
  await page.getByRole("tab", { name: "Preview" }).click();
  await expect(page.getByRole("tabpanel").locator("strong", { hasText: "20% off" })).toBeVisible();
  // A file attached to the saved post is uploaded at once.
  await page
    .getByLabel("Attachments")
    .setInputFiles({ name: "promotion-banner.png", mimeType: "image/png", buffer: Buffer.from(onePixelPng, "base64") });
  await expect(page.getByRole("list", { name: "Attached files" }).getByRole("link", { name: "promotion-banner.png" })).toBeVisible();
  // "Insert image" uploads a picture and puts its markdown at the cursor.
  await page.getByRole("tab", { name: "Write" }).click();
  await page.getByLabel("Image to insert").setInputFiles({ name: "nv-16.png", mimeType: "image/png", buffer: Buffer.from(onePixelPng, "base64") });
  await expect(page.getByRole("textbox", { name: "Post text" })).toHaveValue(/!\[nv-16\]\(\/api\/v1\/news\/images\/[0-9a-f-]+\)/);
  const postPath = new URL(page.url()).pathname.replace(/\/edit$/, "");
  await signOut(page);

  // A Gold rep asks a question under it.
  await signIn(page, goldReader);
  await page.goto("/portal/news");
  await page.getByRole("list", { name: "News posts" }).getByRole("link", { name: postTitle }).click();
  await expect(page.getByRole("heading", { name: postTitle, level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "Your question" }).fill(question);
  await page.getByRole("button", { name: "Ask" }).click();
  await expect(page.getByRole("link", { name: "promotion-banner.png" })).toBeVisible();
  await expect(page.getByRole("article", { name: /^Question from Mia Tanaka/ }).getByText(question)).toBeVisible();
  await signOut(page);

  // Marketing sees the reach and answers from the post's figures page.
  await signIn(page, marketing);
  await page.goto(`${postPath}/analytics`);
  await expect(page.getByRole("heading", { name: postTitle, level: 1 })).toBeVisible();
  await expect(page.getByRole("figure", { name: /Readers per partner/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Harbor City Systems" })).toBeVisible();
  const thread = page.getByRole("article", { name: /^Question from Mia Tanaka/ });
  await thread.getByRole("button", { name: "Answer" }).click();
  await thread.getByRole("textbox", { name: "Answer" }).fill(answer);
  await thread.getByRole("button", { name: "Post answer" }).click();
  await expect(page.getByRole("article", { name: /^Answer from Lena Moreau/ }).getByText(answer)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("news-analytics.png"), fullPage: true });
  await page.goto("/news/read-share");
  await expect(page.getByRole("heading", { name: "News read share", level: 1 })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Harbor City Systems" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("news-read-share.png"), fullPage: true });
  await signOut(page);

  // The rep's bell shows the answer; opening it marks it read and goes to the post.
  await signIn(page, goldReader);
  const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const item = page.getByRole("dialog", { name: "Notifications" }).getByRole("button", { name: `Unread: Answer to your question on "${postTitle}"` });
  await expect(item).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("notifications-bell.png") });
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/portal${postPath}$`));
  await expect(page.getByText(answer)).toBeVisible();
  await page.goto("/notifications");
  // Opened from the bell, so already read (its name no longer starts with "Unread:").
  await expect(page.getByRole("button", { name: `Answer to your question on "${postTitle}"`, exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("notifications-page.png"), fullPage: true });
  // The scheduled job may have added the must-read notice of the first test meanwhile: mark everything read.
  const markAll = page.getByRole("button", { name: "Mark all read" });
  if (await markAll.isEnabled()) await markAll.click();
  await expect(markAll).toBeDisabled();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await page.setViewportSize(phone);
  await page.getByRole("button", { name: "Notifications", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Notifications" })).toBeVisible();
  await expect(
    page.getByRole("dialog", { name: "Notifications" }).getByRole("button", { name: `Answer to your question on "${postTitle}"`, exact: true }),
  ).toBeVisible();
  await noSideways(page);
  await page.waitForTimeout(300); // the popover's fade-in
  await page.screenshot({ path: testInfo.outputPath("notifications-bell-phone.png") });
});
