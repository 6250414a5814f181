import { readFile } from "node:fs/promises";
import { PDFArray, PDFDict, PDFDocument, PDFInvalidObject, PDFName, type PDFObject, PDFStream } from "pdf-lib";

export {
  COBRAND_MIN_BOX_SIZE,
  type CobrandBox,
  CobrandError,
  type CobrandStamp,
  cobrandBoxProblem,
  cobrandFingerprint,
  stampPdf,
} from "./pdf-stamp.js";
export { type ExtractPdfTextOptions, extractPdfText, type PdfText, warmPdfJs } from "./pdf-text.js";

export const PDF_CARRIES_JAVASCRIPT = "the PDF carries JavaScript";
export const PDF_CARRIES_LAUNCH = "the PDF carries a launch action";
export const PDF_UNREADABLE = "the PDF cannot be read";

/**
 * Why a PDF must not go into the library, or null when it may. The library serves PDFs inline to
 * partners' browsers and viewers, so a file that would run script or start a program is refused.
 */
export async function findPdfActiveContent(path: string): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return PDF_UNREADABLE;
  }
  return findPdfActiveContentInBytes(bytes);
}

/** findPdfActiveContent for bytes already in memory. */
export async function findPdfActiveContentInBytes(bytes: Uint8Array): Promise<string | null> {
  // The raw scan sees objects pdf-lib cannot parse; it cannot see inside compressed object streams,
  // which the parsed walk does (pdf-lib unpacks object streams while loading).
  const raw = scanRawBytes(bytes);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return raw ?? PDF_UNREADABLE;
  }
  let unreadableObjectStream = false;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const found = activeContentIn(object);
    if (found) return found;
    if (object instanceof PDFInvalidObject && isObjectStream(object)) unreadableObjectStream = true;
  }
  if (raw) return raw;
  // An object stream pdf-lib could not unpack (encrypted, or damaged) hides its objects from the walk
  // and the scan alike: we cannot say it is clean.
  return unreadableObjectStream ? PDF_UNREADABLE : null;
}

const JS = PDFName.of("JS");
const JAVASCRIPT = PDFName.of("JavaScript");
const LAUNCH = PDFName.of("Launch");
const S = PDFName.of("S");

// Walks one indirect object and everything nested in it (not following references: every
// indirect object is walked on its own). Catches a JavaScript or Launch action anywhere: in
// /OpenAction, /AA, link and widget annotations, outlines, and the /Names JavaScript tree.
function activeContentIn(root: PDFObject): string | null {
  const pending: PDFObject[] = [root];
  for (let object = pending.pop(); object !== undefined; object = pending.pop()) {
    if (object instanceof PDFStream) {
      pending.push(object.dict);
      continue;
    }
    if (object instanceof PDFArray) {
      pending.push(...object.asArray());
      continue;
    }
    if (!(object instanceof PDFDict)) continue;
    if (object.has(JS) || object.has(JAVASCRIPT)) return PDF_CARRIES_JAVASCRIPT;
    const subtype = object.get(S);
    if (subtype === JAVASCRIPT) return PDF_CARRIES_JAVASCRIPT;
    if (subtype === LAUNCH) return PDF_CARRIES_LAUNCH;
    pending.push(...object.values());
  }
  return null;
}

function isObjectStream(object: PDFInvalidObject): boolean {
  const data = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(data, 0);
  return Buffer.from(data.buffer).includes("/ObjStm", 0, "latin1");
}

const rawNames: { name: string; reason: string }[] = [
  { name: "/JavaScript", reason: PDF_CARRIES_JAVASCRIPT },
  { name: "/JS", reason: PDF_CARRIES_JAVASCRIPT },
  { name: "/Launch", reason: PDF_CARRIES_LAUNCH },
];

// A name ends at whitespace or a delimiter; "/JSFont" is not "/JS".
const NAME_ENDS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

function scanRawBytes(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const { name, reason } of rawNames) {
    for (let at = buffer.indexOf(name, 0, "latin1"); at !== -1; at = buffer.indexOf(name, at + 1, "latin1")) {
      const next = buffer[at + name.length];
      if (next === undefined || NAME_ENDS.has(next)) return reason;
    }
  }
  return null;
}
