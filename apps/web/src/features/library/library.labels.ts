import {
  type AssetAudience,
  type AssetStatus,
  type AssetType,
  assetTypeLabels,
  assetTypes,
  type Market,
  marketLabels,
  markets,
} from "@trellis/shared";
import type { AssetSummary, CobrandBox } from "../../api/types";

export const typeOptions = assetTypes.map((value) => ({ value, label: assetTypeLabels[value] }));
export const marketOptions = markets.map((value) => ({ value, label: marketLabels[value] }));

export function typeLabel(type: AssetType): string {
  return assetTypeLabels[type] ?? type;
}

export function marketLabel(market: string): string {
  return marketLabels[market as Market] ?? market;
}

export const statusLabels: Record<AssetStatus, string> = { draft: "Draft", published: "Published", archived: "Archived" };
export const statusColors: Record<AssetStatus, string> = { draft: "gray", published: "teal", archived: "dark" };

export const audienceLabels: Record<AssetAudience, string> = {
  all: "Every partner",
  tiers: "Partners in chosen tiers",
  regions: "Partners in chosen regions",
  partners: "Chosen partners",
};

/** Languages marketing usually writes in; an asset's own language is added when it is not one of them. */
const commonLanguages = [
  "en",
  "en-GB",
  "en-US",
  "de",
  "fr",
  "es",
  "it",
  "pt",
  "pt-BR",
  "nl",
  "pl",
  "sv",
  "da",
  "fi",
  "no",
  "cs",
  "tr",
  "ar",
  "ja",
  "zh",
];

export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageOptions(current?: string): { value: string; label: string }[] {
  const codes = current && !commonLanguages.includes(current) ? [current, ...commonLanguages] : commonLanguages;
  return codes.map((code) => ({ value: code, label: `${languageName(code)} (${code})` }));
}

const units = ["bytes", "KB", "MB", "GB"] as const;

export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const formatNames: Record<string, string> = {
  "application/pdf": "PDF",
  "video/mp4": "MP4 video",
  "video/webm": "WebM video",
  "video/quicktime": "QuickTime video",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
  "image/webp": "WebP image",
  "image/gif": "GIF image",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
  "application/vnd.oasis.opendocument.text": "OpenDocument text",
  "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
  "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation",
  "application/x-cfb": "Office document",
  "application/zip": "ZIP archive",
};

/** "PDF · 2.4 MB", "Web page", "No file yet". */
export function formatLine(asset: Pick<AssetSummary, "format" | "contentType" | "size" | "currentVersion">): string {
  if (asset.format === "page") return "Web page";
  if (!asset.contentType) return "No file yet";
  const name = formatNames[asset.contentType] ?? asset.contentType.split("/").pop()?.toUpperCase() ?? "File";
  const size = formatSize(asset.size);
  return size ? `${name} · ${size}` : name;
}

export type ViewerKind = "pdf" | "video" | "image" | "page" | "other" | "none";

export function viewerKind(asset: Pick<AssetSummary, "format" | "contentType">): ViewerKind {
  if (asset.format === "page") return "page";
  const type = asset.contentType;
  if (!type) return "none";
  if (type === "application/pdf") return "pdf";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("image/")) return "image";
  return "other";
}

export type CobrandPreset = "bottom strip" | "bottom right" | "top right";

export const cobrandPresets: Record<CobrandPreset, Omit<CobrandBox, "page">> = {
  "bottom strip": { x: 0.05, y: 0.88, width: 0.9, height: 0.08 },
  "bottom right": { x: 0.58, y: 0.84, width: 0.37, height: 0.12 },
  "top right": { x: 0.58, y: 0.04, width: 0.37, height: 0.12 },
};

export const defaultCobrandBox: CobrandBox = { page: "last", ...cobrandPresets["bottom strip"] };
