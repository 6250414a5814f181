import type { NewsCategory, PartnerRole } from "@trellis/shared";
import type { PostDetail, PostInput, PostPatch } from "../../api/types";

/** Every input of the post form. Times are the browser's local wall time, as <input type="datetime-local"> holds them. */
export interface PostFormValues {
  title: string;
  bodyMarkdown: string;
  category: NewsCategory | null;
  tierIds: string[];
  regions: string[];
  partnerIds: string[];
  roles: PartnerRole[];
  /** now: published when saved as published; schedule: at publishAt. */
  when: "now" | "schedule";
  publishAt: string;
  expiresAt: string;
  pinned: boolean;
  mustRead: boolean;
  commentsEnabled: boolean;
  productIds: string[];
  assetIds: string[];
}

const pad = (value: number) => String(value).padStart(2, "0");

/** An ISO instant as the local "YYYY-MM-DDTHH:mm" (seconds only when there are any) a datetime-local input shows. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const base = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return date.getSeconds() ? `${base}:${pad(date.getSeconds())}` : base;
}

/** A datetime-local value (the browser's wall time) as an ISO instant; null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  // Without an offset, Date reads a date-time string as local time: the zone the editor sees.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function valuesOf(post: PostDetail | null): PostFormValues {
  return {
    title: post?.title ?? "",
    bodyMarkdown: post?.bodyMarkdown ?? "",
    category: post?.category ?? null,
    tierIds: post?.audience.tierIds ?? [],
    regions: post?.audience.regions ?? [],
    partnerIds: post?.audience.partnerIds ?? [],
    roles: (post?.audience.roles ?? []) as PartnerRole[],
    when: post && (post.state === "scheduled" || (post.state === "draft" && post.publishAt)) ? "schedule" : "now",
    publishAt: toLocalInput(post?.publishAt),
    expiresAt: toLocalInput(post?.expiresAt),
    pinned: post?.pinned ?? false,
    mustRead: post?.mustRead ?? false,
    commentsEnabled: post?.commentsEnabled ?? true,
    productIds: post?.products.map((product) => product.id) ?? [],
    assetIds: post?.assets.map((asset) => asset.id) ?? [],
  };
}

/** Publish time sent for "now": a post that is already out keeps the time it went out. */
function publishAtOf(values: PostFormValues, post: PostDetail | null): string | null {
  if (values.when === "schedule") return fromLocalInput(values.publishAt);
  if (post && (post.state === "published" || post.state === "expired")) return post.publishAt;
  return null;
}

export function inputOf(values: PostFormValues, status: PostInput["status"], post: PostDetail | null = null): PostInput {
  return {
    title: values.title.trim(),
    bodyMarkdown: values.bodyMarkdown,
    category: values.category ?? "company",
    audience: { tierIds: values.tierIds, regions: values.regions, partnerIds: values.partnerIds, roles: values.roles },
    publishAt: publishAtOf(values, post),
    expiresAt: fromLocalInput(values.expiresAt),
    pinned: values.pinned,
    mustRead: values.mustRead,
    commentsEnabled: values.commentsEnabled,
    productIds: values.productIds,
    assetIds: values.assetIds,
    status,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

/** Only what the editor changed, plus the status when it moves: a PATCH never rewrites untouched fields. */
export function patchOf(post: PostDetail, values: PostFormValues, status: PostDetail["status"]): PostPatch {
  const before = inputOf(valuesOf(post), post.status === "archived" ? "draft" : post.status, post);
  const after = inputOf(values, status === "archived" ? "draft" : status, post);
  const patch: PostPatch = {};
  if (after.title !== before.title) patch.title = after.title;
  if (after.bodyMarkdown !== before.bodyMarkdown) patch.bodyMarkdown = after.bodyMarkdown;
  if (after.category !== before.category) patch.category = after.category;
  const audience = after.audience;
  if (
    !sameSet(audience.tierIds, before.audience.tierIds) ||
    !sameSet(audience.regions, before.audience.regions) ||
    !sameSet(audience.partnerIds, before.audience.partnerIds) ||
    !sameSet(audience.roles, before.audience.roles)
  )
    patch.audience = audience;
  if (after.publishAt !== before.publishAt) patch.publishAt = after.publishAt;
  if (after.expiresAt !== before.expiresAt) patch.expiresAt = after.expiresAt;
  if (after.pinned !== before.pinned) patch.pinned = after.pinned;
  if (after.mustRead !== before.mustRead) patch.mustRead = after.mustRead;
  if (after.commentsEnabled !== before.commentsEnabled) patch.commentsEnabled = after.commentsEnabled;
  if (!sameSet(after.productIds, before.productIds)) patch.productIds = after.productIds;
  if (!sameSet(after.assetIds, before.assetIds)) patch.assetIds = after.assetIds;
  if (status !== post.status) patch.status = status;
  return patch;
}

/** Checks the server would make, said before the round trip; `publishing` also asks for a body and a sensible time. */
export function formErrors(values: PostFormValues, publishing: boolean, now = Date.now()): Partial<Record<keyof PostFormValues, string>> {
  const errors: Partial<Record<keyof PostFormValues, string>> = {};
  if (!values.title.trim()) errors.title = "Enter a title";
  if (!values.category) errors.category = "Choose a category";
  if (publishing && !values.bodyMarkdown.trim()) errors.bodyMarkdown = "Write the post before publishing it";
  const publishAt = values.when === "schedule" ? fromLocalInput(values.publishAt) : null;
  if (values.when === "schedule" && !publishAt) errors.publishAt = "Choose when it goes out";
  const expiresAt = values.expiresAt ? fromLocalInput(values.expiresAt) : null;
  if (values.expiresAt && !expiresAt) errors.expiresAt = "Enter a date and time, or leave it empty";
  const start = publishAt ? Date.parse(publishAt) : now;
  if (expiresAt && Date.parse(expiresAt) <= start) errors.expiresAt = "The post must expire after it goes out";
  return errors;
}

/** API field paths onto the form's inputs: "audience.tierIds" -> "tierIds". */
export function formKey(path: string): string {
  if (path.startsWith("audience.")) return path.slice("audience.".length).split(".")[0] ?? path;
  return path.split(".")[0] ?? path;
}
