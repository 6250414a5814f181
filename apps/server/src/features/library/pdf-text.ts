import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Text of a PDF for search: what extractPdfText hands back. */
export interface PdfText {
  text: string;
  pageCount: number;
}

export interface ExtractPdfTextOptions {
  /** Pages read from the start of the document; later pages are not indexed. */
  maxPages?: number;
  /** The text is cut at this many characters. */
  maxChars?: number;
  /** Past this the text read so far is returned, so one odd file cannot hold a job forever. */
  timeoutMs?: number;
}

export const PDF_TEXT_MAX_PAGES = 300;
export const PDF_TEXT_MAX_CHARS = 200_000;
export const PDF_TEXT_TIMEOUT_MS = 20_000;
/** Larger files are not read into memory for indexing (the upload limit is the same). */
export const PDF_TEXT_MAX_FILE_BYTES = 200 * 1024 * 1024;

const EMPTY: PdfText = { text: "", pageCount: 0 };

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsModule: Promise<PdfJs> | undefined;

// Loaded on first use: most requests never need it, and it is a large module.
// In Node pdf.js runs its "worker" in this thread (a fake worker that imports pdf.worker.mjs beside
// pdf.mjs); that is what we want here: no Worker threads, no canvas.
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import("pdfjs-dist/legacy/build/pdf.mjs").catch((error: unknown) => {
    pdfjsModule = undefined; // let the next call try again
    throw error;
  });
  return pdfjsModule;
}

let fontDataDir: string | undefined;

// Pages using the 14 standard fonts without embedding them make pdf.js fetch the font files; without
// this folder it warns and still extracts, with it the widths (and so the word gaps) are right.
function standardFontDataUrl(): string {
  if (fontDataDir === undefined) {
    const require = createRequire(import.meta.url);
    fontDataDir = `${join(dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;
  }
  return fontDataDir;
}

class Timeout extends Error {}

/**
 * The text of a PDF's first pages, for the library search. Never throws: a damaged or unreadable
 * file gives empty text and pageCount 0; past the time limit the text read so far is returned.
 */
export async function extractPdfText(path: string, options: ExtractPdfTextOptions = {}): Promise<PdfText> {
  const maxPages = options.maxPages ?? PDF_TEXT_MAX_PAGES;
  const maxChars = options.maxChars ?? PDF_TEXT_MAX_CHARS;
  const deadline = Date.now() + (options.timeoutMs ?? PDF_TEXT_TIMEOUT_MS);

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), Math.max(0, deadline - Date.now()));
    timer.unref();
  });
  timedOut.catch(() => {});
  // Every await on pdf.js races the deadline, so a promise that never settles cannot hang the caller.
  const withinDeadline = <T>(work: Promise<T>): Promise<T> => Promise.race([work, timedOut]);

  let destroy: (() => Promise<void>) | undefined;
  const pages: string[] = [];
  let pageCount = 0;
  let length = 0;
  try {
    const size = (await stat(path)).size;
    if (size === 0 || size > PDF_TEXT_MAX_FILE_BYTES) return EMPTY;
    const data = new Uint8Array(await withinDeadline(readFile(path)));
    const pdfjs = await withinDeadline(loadPdfJs());
    const task = pdfjs.getDocument({
      data,
      verbosity: pdfjs.VerbosityLevel.ERRORS, // 0, the quietest: a broken file is an expected input here
      standardFontDataUrl: standardFontDataUrl(),
      isEvalSupported: false, // never compile code taken from an uploaded file
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
    });
    destroy = () => task.destroy();
    const doc = await withinDeadline(task.promise);
    pageCount = doc.numPages;
    const last = Math.min(doc.numPages, maxPages);
    for (let number = 1; number <= last && length < maxChars; number++) {
      if (Date.now() > deadline) break;
      const page = await withinDeadline(doc.getPage(number));
      const content = await withinDeadline(page.getTextContent());
      const pageText = joinItems(content.items);
      page.cleanup();
      if (pageText) {
        pages.push(pageText);
        length += pageText.length + 2;
      }
      // pdf.js settles its promises as microtasks: yield to the event loop between pages so requests
      // (and the deadline timer) get a turn during a long document.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (!(error instanceof Timeout)) return EMPTY;
  } finally {
    clearTimeout(timer);
    await destroy?.().catch(() => {});
  }
  return { text: pages.join("\n\n").slice(0, maxChars), pageCount };
}

// Items are runs of text (marked-content markers carry no "str" and are skipped); a run ending a
// line carries hasEOL. pdf.js itself adds " " items where runs on a line have a gap between them,
// so runs are joined as they are: adding spaces would split words set in two fonts.
function joinItems(items: readonly object[]): string {
  let out = "";
  for (const item of items) {
    if (!("str" in item) || typeof item.str !== "string") continue;
    out += item.str;
    if ("hasEOL" in item && item.hasEOL === true) out += "\n";
  }
  return out
    .replace(/[ \t\f\v\u00a0]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Starts loading pdf.js in the background, so the first upload after a start does not wait for it
 * (several seconds under tsx). Failures are left for the first real use to report.
 */
export function warmPdfJs(): void {
  loadPdfJs().catch(() => {});
}
