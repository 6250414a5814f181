import { type NewsCategory, newsCategoryLabels } from "@trellis/shared";
import { type DigestSchedule, describeSchedule } from "./digest-schedule.js";

export interface DigestPost {
  id: string;
  title: string;
  category: NewsCategory;
  publishAt: string;
  excerpt: string;
  /** A must-read post the reader has not acknowledged yet: marked in the digest. */
  mustRead: boolean;
}

export interface DigestMailInput {
  recipientName: string;
  vendorName: string;
  publicUrl: string;
  /** The web page behind the unsubscribe link in the footer (the header carries the API URL). */
  unsubscribeUrl: string;
  schedule: DigestSchedule;
  posts: DigestPost[];
  /** Unread posts in the window; more than `posts` when the digest was capped. */
  totalCount: number;
}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

const postUrl = (publicUrl: string, id: string) => `${publicUrl}/portal/news/${id}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

// One formatter per zone: building Intl formatters (or luxon zones) per post costs more than the rest of a digest.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "3 Mar 2031" on the reader's clock. */
function dayOf(iso: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** The digest mail, HTML and plain text, from what is unread; links go to the portal. */
export function renderDigest(input: DigestMailInput): RenderedDigest {
  const count = input.totalCount;
  const mustRead = input.posts.filter((post) => post.mustRead).length;
  const subject = `${input.vendorName} partner news: ${count} new post${count === 1 ? "" : "s"}${mustRead > 0 ? `, ${mustRead} must-read` : ""}`;
  const more = count - input.posts.length;
  const newsUrl = `${input.publicUrl}/portal/news`;
  const footer = `You get this digest ${describeSchedule(input.schedule)}. Change that in the portal: ${newsUrl}`;

  const textPosts = input.posts.map((post) =>
    [
      `${post.mustRead ? "[MUST READ - please acknowledge] " : ""}${post.title}`,
      `${newsCategoryLabels[post.category]}, ${dayOf(post.publishAt, input.schedule.timeZone)}`,
      ...(post.excerpt ? [post.excerpt] : []),
      postUrl(input.publicUrl, post.id),
    ].join("\n"),
  );
  const text = [
    `Hello ${input.recipientName},`,
    "",
    `${count === 1 ? "There is one post" : `There are ${count} posts`} in the ${input.vendorName} partner news you have not read yet.`,
    "",
    textPosts.join("\n\n"),
    ...(more > 0 ? ["", `And ${more} more: ${newsUrl}`] : []),
    "",
    "--",
    footer,
    `Unsubscribe from these digests: ${input.unsubscribeUrl}`,
    "",
  ].join("\n");

  const htmlPosts = input.posts
    .map((post) => {
      const badge = post.mustRead
        ? '<span style="display:inline-block;background:#c92a2a;color:#fff;border-radius:4px;padding:1px 6px;font-size:12px;margin-right:6px">Must read</span>'
        : "";
      const note = post.mustRead ? '<div style="color:#c92a2a;font-size:13px">Please open it and acknowledge that you have read it.</div>' : "";
      return `<tr><td style="padding:12px 0;border-bottom:1px solid #e9ecef">
<div>${badge}<a href="${escapeHtml(postUrl(input.publicUrl, post.id))}" style="font-size:16px;font-weight:600;color:#1c7ed6;text-decoration:none">${escapeHtml(post.title)}</a></div>
<div style="color:#868e96;font-size:13px">${escapeHtml(newsCategoryLabels[post.category])}, ${escapeHtml(dayOf(post.publishAt, input.schedule.timeZone))}</div>
${post.excerpt ? `<div style="font-size:14px;color:#343a40;margin-top:4px">${escapeHtml(post.excerpt)}</div>` : ""}${note}
</td></tr>`;
    })
    .join("\n");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#212529;max-width:640px;margin:0 auto;padding:16px">
<p>Hello ${escapeHtml(input.recipientName)},</p>
<p>${count === 1 ? "There is one post" : `There are ${count} posts`} in the ${escapeHtml(input.vendorName)} partner news you have not read yet.</p>
<table role="presentation" style="width:100%;border-collapse:collapse">
${htmlPosts}
</table>
${more > 0 ? `<p><a href="${escapeHtml(newsUrl)}">And ${more} more in the portal</a></p>` : ""}
<p style="color:#868e96;font-size:12px;margin-top:24px">You get this digest ${escapeHtml(describeSchedule(input.schedule))}.
<a href="${escapeHtml(newsUrl)}">Change that in the portal</a> or <a href="${escapeHtml(input.unsubscribeUrl)}">unsubscribe</a>.</p>
</body></html>
`;
  return { subject, text, html };
}
