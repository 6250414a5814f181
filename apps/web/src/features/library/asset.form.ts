import type { AssetAudience, AssetFormat, AssetType, Market } from "@trellis/shared";
import type { AssetDetail, AssetInput, AssetPatch, CobrandBox } from "../../api/types";
import { defaultCobrandBox } from "./library.labels";

/** Every input of the asset form; audience targets and the co-brand box are flattened for the inputs. */
export interface AssetFormValues {
  title: string;
  summary: string;
  type: AssetType | null;
  format: AssetFormat;
  language: string;
  productIds: string[];
  markets: string[];
  tags: string[];
  ownerId: string | null;
  audience: AssetAudience;
  tierIds: string[];
  regions: string[];
  partnerIds: string[];
  reviewBy: string;
  coBrandable: boolean;
  cobrandBox: CobrandBox;
  bodyMarkdown: string;
}

export function valuesOf(asset: AssetDetail | null): AssetFormValues {
  return {
    title: asset?.title ?? "",
    summary: asset?.summary ?? "",
    type: asset?.type ?? null,
    format: asset?.format ?? "file",
    language: asset?.language ?? "en",
    productIds: asset?.productIds ?? [],
    markets: asset?.markets ?? [],
    tags: asset?.tags ?? [],
    ownerId: asset?.ownerId ?? null,
    audience: asset?.audience ?? "all",
    tierIds: asset?.audienceTargets.tierIds ?? [],
    regions: asset?.audienceTargets.regions ?? [],
    partnerIds: asset?.audienceTargets.partnerIds ?? [],
    reviewBy: asset?.reviewBy ?? "",
    coBrandable: asset?.coBrandable ?? false,
    cobrandBox: asset?.cobrandBox ?? defaultCobrandBox,
    bodyMarkdown: "",
  };
}

/** Only the picker of the chosen audience counts; the others are sent empty so nothing hidden lingers. */
export function inputOf(values: AssetFormValues): AssetInput {
  const input: AssetInput = {
    title: values.title.trim(),
    summary: values.summary.trim(),
    type: values.type ?? "brochure",
    format: values.format,
    language: values.language,
    productIds: values.productIds,
    markets: values.markets as Market[],
    tags: values.tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean),
    audience: values.audience,
    audienceTargets: {
      tierIds: values.audience === "tiers" ? values.tierIds : [],
      regions: values.audience === "regions" ? values.regions : [],
      partnerIds: values.audience === "partners" ? values.partnerIds : [],
    },
    reviewBy: values.reviewBy || null,
    coBrandable: values.format === "file" && values.coBrandable,
    cobrandBox: values.format === "file" && values.coBrandable ? values.cobrandBox : null,
  };
  if (values.ownerId) input.ownerId = values.ownerId;
  if (values.format === "page" && values.bodyMarkdown.trim()) input.bodyMarkdown = values.bodyMarkdown;
  return input;
}

/** The fields that differ from the saved asset: a PATCH carries only what the user changed. */
export function patchOf(asset: AssetDetail, values: AssetFormValues): AssetPatch {
  const before = inputOf(valuesOf(asset));
  const after = inputOf(values);
  const patch: Record<string, unknown> = {};
  const keys = Object.keys(after).filter((key) => key !== "format" && key !== "bodyMarkdown") as (keyof AssetInput)[];
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  if (!asset.ownerId && !after.ownerId) delete patch.ownerId;
  return patch as AssetPatch;
}

const tagPattern = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;

export function tagError(tags: string[]): string | undefined {
  if (tags.length > 30) return "At most 30 tags";
  const bad = tags.find((tag) => tag.length > 40 || !tagPattern.test(tag));
  return bad ? `"${bad}": letters, digits, spaces, '.', '_' and '-' only, up to 40 characters` : undefined;
}

export function boxError(box: CobrandBox): string | undefined {
  if (box.width < 0.05) return "Make the box at least 5% wide";
  if (box.height < 0.03) return "Make the box at least 3% high";
  if (box.x < 0 || box.y < 0) return "The box must lie inside the page";
  if (box.x + box.width > 1.0001 || box.y + box.height > 1.0001)
    return "The box must lie inside the page: left + width and top + height at most 100%";
  return undefined;
}

/** API field paths onto the form's inputs: "audienceTargets.tierIds" -> "tierIds", "cobrandBox.x" -> "cobrandBox". */
export function formKey(path: string): string {
  if (path.startsWith("audienceTargets.")) return path.slice("audienceTargets.".length).split(".")[0] ?? path;
  if (path.startsWith("cobrandBox")) return "cobrandBox";
  return path.split(".")[0] ?? path;
}
