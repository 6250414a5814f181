import { type NewsCategory, newsCategories, newsCategoryLabels, type PartnerRole, partnerRoles } from "@trellis/shared";
import type { PostState } from "../../api/types";

export const categoryOptions = newsCategories.map((value) => ({ value, label: newsCategoryLabels[value] }));

export const categoryColors: Record<NewsCategory, string> = {
  company: "indigo",
  products: "teal",
  target_markets: "grape",
  installed_base: "cyan",
  promotions: "orange",
  training: "lime",
  support_notices: "red",
};

export const postStates: readonly PostState[] = ["draft", "scheduled", "published", "expired", "archived"];

export const postStateLabels: Record<PostState, string> = {
  draft: "Drafts",
  scheduled: "Scheduled",
  published: "Published",
  expired: "Expired",
  archived: "Archived",
};

export const postStateColors: Record<PostState, string> = {
  draft: "gray",
  scheduled: "blue",
  published: "teal",
  expired: "orange",
  archived: "dark",
};

export const partnerRoleLabels: Record<PartnerRole, string> = {
  partner_admin: "Partner admins",
  sales_rep: "Sales reps",
  technician: "Technicians",
};

export const weekdayLabels = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const percentFormat = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });

/** 0.425 -> "43%"; null -> "—". */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? "—" : percentFormat.format(rate);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Where a post stands, from its status and its dates (the server says the same in the editors' list). */
export function stateOf(post: { status: string; publishAt: string | null; expiresAt: string | null }, now = Date.now()): PostState {
  if (post.status === "draft") return "draft";
  if (post.status === "archived") return "archived";
  if (post.publishAt && Date.parse(post.publishAt) > now) return "scheduled";
  if (post.expiresAt && Date.parse(post.expiresAt) <= now) return "expired";
  return "published";
}

function or(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

/** The audience in one sentence, so the editor reads back what the choices mean. */
export function describeAudience(
  values: { tierIds: string[]; regions: string[]; partnerIds: string[]; roles: PartnerRole[] },
  tierName: (id: string) => string,
): string {
  const who: string[] = [];
  if (values.tierIds.length) who.push(`${or(values.tierIds.map(tierName))} partners`);
  if (values.regions.length) who.push(`${values.tierIds.length ? "in" : "partners in"} ${or(values.regions)}`);
  let text = who.length ? who.join(" ") : values.partnerIds.length ? "" : "Every partner";
  if (values.partnerIds.length) {
    const named = `${values.partnerIds.length} named partner${values.partnerIds.length === 1 ? "" : "s"}`;
    text = text ? `${text}, plus ${named}` : `Only ${named}`;
  }
  const roles =
    values.roles.length && values.roles.length < partnerRoles.length
      ? `; ${or(values.roles.map((role) => partnerRoleLabels[role].toLowerCase()))} only`
      : "; every role";
  return `${text}${roles}.`;
}
