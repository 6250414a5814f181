import { createHash } from "node:crypto";
import { type PDFDocument as Doc, degrees, PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb, StandardFonts } from "pdf-lib";

/**
 * Where the partner's block goes, as a user places it on screen: fractions (0..1) of the page as
 * displayed (after the page's rotation), origin at the top-left corner.
 */
export interface CobrandBox {
  page: "first" | "last" | "all";
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CobrandStamp {
  partnerName: string;
  phone: string;
  website: string;
  repName: string;
  repEmail: string;
  logo?: { bytes: Uint8Array; contentType: string };
}

/** The smallest box side, as a fraction of the page: smaller cannot hold a readable contact block. */
export const COBRAND_MIN_BOX_SIZE = 0.05;
/** Bump when the drawing changes, so copies cached under the old fingerprint are remade. */
const COBRAND_LAYOUT_VERSION = 1;
// Fractions arrive from a UI and JSON: 0.7 + 0.3 is 1.0000000000000002.
const EDGE_TOLERANCE = 1e-4;

export class CobrandError extends Error {
  constructor(
    readonly reason: "invalid_box" | "encrypted_pdf" | "unreadable_pdf",
    message: string,
  ) {
    super(message);
    this.name = "CobrandError";
  }
}

/** What is wrong with a co-brand box, in the user's words, or null when it is usable. */
export function cobrandBoxProblem(box: CobrandBox): string | null {
  const { x, y, width, height } = box;
  if (![x, y, width, height].every(Number.isFinite)) return "the box position and size must be numbers";
  if (x < 0 || y < 0) return "the box must start inside the page";
  if (width < COBRAND_MIN_BOX_SIZE || height < COBRAND_MIN_BOX_SIZE) return "the box is too small to hold a logo and contact details";
  if (x + width > 1 + EDGE_TOLERANCE || y + height > 1 + EDGE_TOLERANCE) return "the box must lie inside the page";
  return null;
}

/** sha256 of everything the stamped copy depends on besides the source file: a cached copy is valid while it is unchanged. */
export function cobrandFingerprint(stamp: CobrandStamp, box: CobrandBox): string {
  // An array keeps the order fixed, so the same inputs always give the same JSON.
  const stable = JSON.stringify([
    COBRAND_LAYOUT_VERSION,
    [stamp.partnerName, stamp.phone, stamp.website, stamp.repName, stamp.repEmail],
    stamp.logo ? [sha256(stamp.logo.bytes), stamp.logo.contentType] : null,
    [box.page, box.x, box.y, box.width, box.height],
  ]);
  return sha256(stable);
}

function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Returns a copy of the PDF with the partner's logo and contact block drawn in the box, as real
 * text (so it can be searched and copied). Throws CobrandError for a bad box or a PDF pdf-lib cannot
 * rewrite (encrypted ones included: rewriting them would leave their content unreadable).
 */
export async function stampPdf(source: Uint8Array, box: CobrandBox, stamp: CobrandStamp): Promise<Uint8Array> {
  const problem = cobrandBoxProblem(box);
  if (problem) throw new CobrandError("invalid_box", problem);
  let doc: Doc;
  try {
    // Loaded with ignoreEncryption only to tell an encrypted file apart: pdf-lib's EncryptedPDFError
    // is an ES5 subclass of Error, so instanceof cannot recognise it.
    doc = await PDFDocument.load(source, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    throw new CobrandError("unreadable_pdf", "the PDF cannot be read");
  }
  if (doc.isEncrypted) throw new CobrandError("encrypted_pdf", "the PDF is encrypted and cannot be co-branded");
  const fonts: Fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const logo = await embedLogo(doc, stamp.logo);
  const text = {
    regular: winAnsiSanitizer(fonts.regular),
    bold: winAnsiSanitizer(fonts.bold),
  };
  const lines: Line[] = [
    { text: text.bold(stamp.partnerName), bold: true },
    { text: text.regular(stamp.phone), bold: false },
    { text: text.regular(stamp.website), bold: false },
    { text: stamp.repName.trim() ? text.regular(`Your contact: ${stamp.repName}`) : "", bold: false },
    { text: text.regular(stamp.repEmail), bold: false },
  ].filter((line) => line.text !== "");

  const pages = doc.getPages();
  const chosen = box.page === "all" ? pages : box.page === "first" ? pages.slice(0, 1) : pages.slice(-1);
  for (const page of chosen) drawBlock(page, box, fonts, lines, logo);

  doc.setProducer("Trellis");
  doc.setCreator("Trellis");
  return doc.save();
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

interface Line {
  text: string;
  bold: boolean;
}

// Only PNG and JPEG can be embedded by pdf-lib. A WebP or GIF logo (allowed for the web pages) is
// skipped silently: the copy still carries the contact block, which is what a customer needs. A
// logo that fails to decode is skipped for the same reason rather than failing the download.
async function embedLogo(doc: Doc, logo: CobrandStamp["logo"]): Promise<PDFImage | null> {
  if (!logo) return null;
  try {
    if (logo.contentType === "image/png") return await doc.embedPng(logo.bytes);
    if (logo.contentType === "image/jpeg" || logo.contentType === "image/jpg") return await doc.embedJpg(logo.bytes);
  } catch {
    return null;
  }
  return null;
}

/**
 * A function that makes text drawable in a standard font: those fonts encode WinAnsi only, so a
 * character outside it (Ł, ź, CJK, emoji) becomes "?" instead of making pdf-lib throw.
 */
export function winAnsiSanitizer(font: PDFFont): (text: string) => string {
  const known = new Map<string, string>();
  return (text) => {
    let out = "";
    for (const char of text.normalize("NFC").replace(/\s+/g, " ").trim()) {
      let safe = known.get(char);
      if (safe === undefined) {
        try {
          font.encodeText(char);
          font.widthOfTextAtSize(char, 10);
          safe = char;
        } catch {
          safe = "?";
        }
        known.set(char, safe);
      }
      out += safe;
    }
    return out;
  };
}

const MAX_TEXT_SIZE = 13;
const MIN_TEXT_SIZE = 5;
const NAME_SCALE = 1.2; // the partner name is set larger than the rest
const LINE_HEIGHT = 1.25;
const BORDER = rgb(0.72, 0.74, 0.78);
const NAME_COLOUR = rgb(0.08, 0.1, 0.14);
const TEXT_COLOUR = rgb(0.24, 0.27, 0.32);

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function drawBlock(page: PDFPage, box: CobrandBox, fonts: Fonts, lines: Line[], logo: PDFImage | null): void {
  const view = pageView(page);
  // The box in display coordinates (origin bottom-left of the page as shown).
  const outer: Rect = {
    x: box.x * view.width,
    y: view.height - (box.y + box.height) * view.height,
    width: box.width * view.width,
    height: box.height * view.height,
  };
  const pad = clamp(Math.min(outer.width, outer.height) * 0.08, 2, 8);
  const inner: Rect = { x: outer.x + pad, y: outer.y + pad, width: outer.width - 2 * pad, height: outer.height - 2 * pad };
  page.drawRectangle({
    ...view.place(outer.x, outer.y),
    width: outer.width,
    height: outer.height,
    color: rgb(1, 1, 1),
    borderColor: BORDER,
    borderWidth: 0.6,
  });

  if (!logo) {
    drawLines(page, view, inner, fonts, lines);
    return;
  }
  // A wide box puts the logo left of the text; a tall, narrow one puts it above, the pair centred.
  const beside = inner.width >= inner.height * 1.2;
  const room = beside ? { width: inner.width * 0.38, height: inner.height } : { width: inner.width, height: inner.height * 0.38 };
  const scale = Math.min(room.width / logo.width, room.height / logo.height);
  const size = { width: logo.width * scale, height: logo.height * scale };
  if (beside) {
    page.drawImage(logo, { ...view.place(inner.x, inner.y + (inner.height - size.height) / 2), ...size });
    const left = size.width + pad;
    drawLines(page, view, { x: inner.x + left, y: inner.y, width: inner.width - left, height: inner.height }, fonts, lines);
    return;
  }
  const below: Rect = { x: inner.x, y: inner.y, width: inner.width, height: inner.height - size.height - pad };
  const used = size.height + pad + fitLines(below, fonts, lines).height;
  const top = inner.y + inner.height - (inner.height - used) / 2;
  page.drawImage(logo, { ...view.place(inner.x + (inner.width - size.width) / 2, top - size.height), ...size });
  drawLines(page, view, { ...below, height: top - size.height - pad - inner.y }, fonts, lines, "top");
}

interface Fit {
  base: number;
  count: number;
  height: number;
}

const fontOf = (fonts: Fonts, line: Line) => (line.bold ? fonts.bold : fonts.regular);
const sizeOf = (line: Line, base: number) => (line.bold ? base * NAME_SCALE : base);
const heightOf = (lines: Line[], base: number) => lines.reduce((sum, line) => sum + sizeOf(line, base) * LINE_HEIGHT, 0);

// The largest size at which every line fits the area, down to MIN_TEXT_SIZE; at that size lines
// too wide are cut with an ellipsis when drawn, and lines too many are left off (the name stays).
function fitLines(area: Rect, fonts: Fonts, lines: Line[]): Fit {
  const fitsAt = (base: number) =>
    heightOf(lines, base) <= area.height && lines.every((line) => fontOf(fonts, line).widthOfTextAtSize(line.text, sizeOf(line, base)) <= area.width);
  let base = MAX_TEXT_SIZE;
  while (base > MIN_TEXT_SIZE && !fitsAt(base)) base -= 0.25;
  base = Math.max(base, MIN_TEXT_SIZE);
  let count = lines.length;
  while (count > 1 && heightOf(lines.slice(0, count), base) > area.height) count--;
  return { base, count, height: heightOf(lines.slice(0, count), base) };
}

function drawLines(page: PDFPage, view: PageView, area: Rect, fonts: Fonts, lines: Line[], align: "middle" | "top" = "middle"): void {
  if (area.width <= 0 || area.height <= 0 || lines.length === 0) return;
  const fit = fitLines(area, fonts, lines);
  let top = area.y + area.height - (align === "middle" ? (area.height - fit.height) / 2 : 0);
  for (const line of lines.slice(0, fit.count)) {
    const size = sizeOf(line, fit.base);
    const font = fontOf(fonts, line);
    const text = truncateToWidth(line.text, font, size, area.width);
    // Helvetica's ascender is 0.718 em; the line's extra leading is split above and below.
    const baseline = top - size * ((LINE_HEIGHT - 1) / 2 + 0.718);
    page.drawText(text, { ...view.place(area.x, baseline), size, font, color: line.bold ? NAME_COLOUR : TEXT_COLOUR });
    top -= size * LINE_HEIGHT;
  }
}

function truncateToWidth(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (font.widthOfTextAtSize(`${chars.slice(0, mid).join("").trimEnd()}…`, size) <= width) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? "" : `${chars.slice(0, low).join("").trimEnd()}…`;
}

interface PageView {
  width: number;
  height: number;
  /** Page-space position and rotation for a point given in display coordinates. */
  place: (x: number, y: number) => { x: number; y: number; rotate: ReturnType<typeof degrees> };
}

// A page with /Rotate is shown turned; the user placed the box on the turned page. Map display
// coordinates back to page space and turn what we draw by the same angle, so it reads upright.
function pageView(page: PDFPage): PageView {
  const crop = page.getCropBox();
  const angle = (((Math.round(page.getRotation().angle / 90) * 90) % 360) + 360) % 360;
  const rotate = degrees(angle);
  const turned = angle === 90 || angle === 270;
  const width = turned ? crop.height : crop.width;
  const height = turned ? crop.width : crop.height;
  const place = (x: number, y: number) => {
    if (angle === 90) return { x: crop.x + crop.width - y, y: crop.y + x, rotate };
    if (angle === 180) return { x: crop.x + crop.width - x, y: crop.y + crop.height - y, rotate };
    if (angle === 270) return { x: crop.x + y, y: crop.y + crop.height - x, rotate };
    return { x: crop.x + x, y: crop.y + y, rotate };
  };
  return { width, height, place };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
