import type { ArticleStatus, AssetAudience } from "@trellis/shared";
import type { ArticleDetail, ArticleInput, ArticlePatch } from "../../api/types";

/** Every input of the article form; audience targets are flattened for the inputs. */
export interface ArticleFormValues {
  title: string;
  summary: string;
  bodyMarkdown: string;
  status: ArticleStatus;
  productIds: string[];
  audience: AssetAudience;
  tierIds: string[];
  regions: string[];
  partnerIds: string[];
}

/** What a new article may start with (from a ticket, say): `/support/knowledge/new?title=…&productIds=a,b&sourceTicketId=…`. */
export interface ArticleSeed {
  title?: string;
  summary?: string;
  productIds?: string[];
}

export function valuesOf(article: ArticleDetail | null, seed: ArticleSeed = {}): ArticleFormValues {
  return {
    title: article?.title ?? seed.title ?? "",
    summary: article?.summary ?? seed.summary ?? "",
    bodyMarkdown: article?.bodyMarkdown ?? "",
    status: article?.status ?? "draft",
    productIds: article?.productIds ?? seed.productIds ?? [],
    audience: article?.audience ?? "all",
    tierIds: article?.audienceTargets.tierIds ?? [],
    regions: article?.audienceTargets.regions ?? [],
    partnerIds: article?.audienceTargets.partnerIds ?? [],
  };
}

/** Only the picker of the chosen audience counts; the others are sent empty so nothing hidden lingers. */
export function inputOf(values: ArticleFormValues): ArticleInput {
  return {
    title: values.title.trim(),
    summary: values.summary.trim(),
    bodyMarkdown: values.bodyMarkdown,
    status: values.status,
    productIds: values.productIds,
    audience: values.audience,
    audienceTargets: {
      tierIds: values.audience === "tiers" ? values.tierIds : [],
      regions: values.audience === "regions" ? values.regions : [],
      partnerIds: values.audience === "partners" ? values.partnerIds : [],
    },
  };
}

/** The fields that differ from the saved article: a PATCH carries only what the user changed. */
export function patchOf(article: ArticleDetail, values: ArticleFormValues): ArticlePatch {
  const before = inputOf(valuesOf(article));
  const after = inputOf(values);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof ArticleInput)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch as ArticlePatch;
}

/** Checks the server would make, said before the round trip. */
export function formErrors(values: ArticleFormValues): Partial<Record<keyof ArticleFormValues, string>> {
  const errors: Partial<Record<keyof ArticleFormValues, string>> = {};
  if (!values.title.trim()) errors.title = "Enter a title";
  if (values.status === "published" && !values.bodyMarkdown.trim()) errors.bodyMarkdown = "Write the article before publishing it";
  if (values.audience === "tiers" && values.tierIds.length === 0) errors.tierIds = "Choose at least one tier";
  if (values.audience === "regions" && values.regions.length === 0) errors.regions = "Choose at least one region";
  if (values.audience === "partners" && values.partnerIds.length === 0) errors.partnerIds = "Choose at least one partner";
  return errors;
}

/** API field paths onto the form's inputs: "audienceTargets.tierIds" -> "tierIds". */
export function formKey(path: string): string {
  if (path.startsWith("audienceTargets.")) return path.slice("audienceTargets.".length).split(".")[0] ?? path;
  if (path === "audienceTargets") return "audience";
  return path.split(".")[0] ?? path;
}
