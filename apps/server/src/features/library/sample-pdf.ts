import { PDFDocument, type PDFFont, PDFName, PDFString, rgb, StandardFonts } from "pdf-lib";
import { winAnsiSanitizer } from "./pdf-stamp.js";

export interface SamplePdfOptions {
  title: string;
  pages: number;
  /**
   * Body paragraphs, laid out in order and split evenly over the pages (page n gets the n-th share;
   * with fewer lines than pages, line n goes on page n). Pages left without one get generated text.
   */
  lines?: string[];
  /** Vocabulary for the generated sentences; a surveillance-equipment one by default. */
  words?: string[];
}

const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = 56;
const BAND_HEIGHT = 54;
const BODY_SIZE = 10.5;
const BODY_LEADING = 15;
const BAND_COLOUR = rgb(0.09, 0.32, 0.47);
const ACCENT = rgb(0.96, 0.62, 0.13);

const defaultWords = (
  "camera dome bullet turret lens sensor night vision infrared analytics recorder storage retention stream bandwidth " +
  "encryption firmware installer site perimeter motion detection alert operator console licence channel warranty " +
  "outdoor rated housing mount cable power ethernet resolution frame rate compression archive playback evidence " +
  "integration access control partner support training certified reliable scalable secure"
).split(" ");

/**
 * A brochure-like PDF: a coloured header band, the title on page 1, paragraphs on every page and
 * page numbers. The same options always give the same bytes (no dates, seeded text), so demo data,
 * benchmarks and tests can rely on it.
 */
export async function makeSamplePdf(options: SamplePdfOptions): Promise<Uint8Array> {
  const pageTotal = Math.max(1, Math.floor(options.pages));
  const doc = await PDFDocument.create({ updateMetadata: false });
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const safe = winAnsiSanitizer(regular);
  const safeBold = winAnsiSanitizer(bold);
  const title = safeBold(options.title);
  const words = options.words?.length ? options.words : defaultWords;
  const shares = splitLines(options.lines ?? [], pageTotal);

  for (let number = 1; number <= pageTotal; number++) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    page.drawRectangle({ x: 0, y: PAGE.height - BAND_HEIGHT, width: PAGE.width, height: BAND_HEIGHT, color: BAND_COLOUR });
    page.drawRectangle({ x: 0, y: PAGE.height - BAND_HEIGHT - 4, width: PAGE.width, height: 4, color: ACCENT });
    page.drawText(fitWidth(title, bold, 11, PAGE.width - 2 * MARGIN - 90), {
      x: MARGIN,
      y: PAGE.height - 33,
      size: 11,
      font: bold,
      color: rgb(1, 1, 1),
    });
    page.drawText("DATA SHEET", {
      x: PAGE.width - MARGIN - bold.widthOfTextAtSize("DATA SHEET", 9),
      y: PAGE.height - 32,
      size: 9,
      font: bold,
      color: ACCENT,
    });

    let y = PAGE.height - BAND_HEIGHT - 40;
    if (number === 1) {
      for (const line of wrap(title, bold, 24, PAGE.width - 2 * MARGIN).slice(0, 3)) {
        page.drawText(line, { x: MARGIN, y: y - 24, size: 24, font: bold, color: rgb(0.08, 0.1, 0.14) });
        y -= 30;
      }
      page.drawRectangle({ x: MARGIN, y: y - 14, width: 60, height: 3, color: ACCENT });
      y -= 36;
    }

    const share = shares[number - 1] ?? [];
    const random = seededRandom(`${options.title}|${number}`);
    const paragraphs = share.length > 0 ? share.map(safe) : Array.from({ length: 6 }, () => paragraph(words, random)).map(safe);
    for (const text of paragraphs) {
      for (const line of wrap(text, regular, BODY_SIZE, PAGE.width - 2 * MARGIN)) {
        if (y - BODY_LEADING < MARGIN + 20) break; // the page is full: the rest of this page's text is dropped
        page.drawText(line, { x: MARGIN, y: y - BODY_LEADING, size: BODY_SIZE, font: regular, color: rgb(0.2, 0.22, 0.26) });
        y -= BODY_LEADING;
      }
      y -= BODY_LEADING * 0.6;
    }

    const footer = `Page ${number} of ${pageTotal}`;
    page.drawLine({ start: { x: MARGIN, y: MARGIN }, end: { x: PAGE.width - MARGIN, y: MARGIN }, thickness: 0.5, color: rgb(0.8, 0.8, 0.8) });
    page.drawText(footer, {
      x: (PAGE.width - regular.widthOfTextAtSize(footer, 8)) / 2,
      y: MARGIN - 16,
      size: 8,
      font: regular,
      color: rgb(0.45, 0.45, 0.45),
    });
  }

  doc.setTitle(options.title);
  doc.setProducer("Trellis");
  doc.setCreator("Trellis");
  return doc.save();
}

/** A small PDF whose /OpenAction runs JavaScript: active content the library must refuse. */
export async function makePdfWithJavaScript(options: { useObjectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await documentWithOnePage("Price list");
  const action = doc.context.register(doc.context.obj({ Type: "Action", S: "JavaScript", JS: PDFString.of("app.alert(1)") }));
  doc.catalog.set(PDFName.of("OpenAction"), action);
  return doc.save({ useObjectStreams: options.useObjectStreams ?? true });
}

/** A small PDF whose /OpenAction launches a program. */
export async function makePdfWithLaunchAction(options: { useObjectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await documentWithOnePage("Installer guide");
  const action = doc.context.register(doc.context.obj({ Type: "Action", S: "Launch", F: PDFString.of("setup.exe") }));
  doc.catalog.set(PDFName.of("OpenAction"), action);
  return doc.save({ useObjectStreams: options.useObjectStreams ?? true });
}

async function documentWithOnePage(title: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([PAGE.width, PAGE.height]).drawText(title, { x: MARGIN, y: PAGE.height - 100, size: 20, font });
  return doc;
}

function splitLines(lines: string[], pageTotal: number): string[][] {
  const per = Math.max(1, Math.ceil(lines.length / pageTotal));
  return Array.from({ length: pageTotal }, (_, index) => lines.slice(index * per, (index + 1) * per));
}

function paragraph(words: string[], random: () => number): string {
  const sentences = 3 + Math.floor(random() * 3);
  return Array.from({ length: sentences }, () => {
    const length = 8 + Math.floor(random() * 9);
    const picked = Array.from({ length }, () => words[Math.floor(random() * words.length)] ?? "");
    const sentence = picked.join(" ");
    return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
  }).join(" ");
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(current);
      current = fitWidth(word, font, size, width);
    } else {
      current = font.widthOfTextAtSize(candidate, size) > width ? fitWidth(candidate, font, size, width) : candidate;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function fitWidth(text: string, font: PDFFont, size: number, width: number): string {
  let out = text;
  while (out.length > 1 && font.widthOfTextAtSize(out, size) > width) out = out.slice(0, -1);
  return out;
}

// mulberry32 seeded with FNV-1a of the key: the same title and page always give the same text.
function seededRandom(key: string): () => number {
  let seed = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) seed = Math.imul(seed ^ key.charCodeAt(index), 0x01000193);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
