import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { degrees, PDFDocument, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type CobrandBox,
  CobrandError,
  type CobrandStamp,
  cobrandBoxProblem,
  cobrandFingerprint,
  extractPdfText,
  findPdfActiveContent,
  findPdfActiveContentInBytes,
  PDF_CARRIES_JAVASCRIPT,
  PDF_CARRIES_LAUNCH,
  PDF_UNREADABLE,
  stampPdf,
} from "./pdf.js";
import { makePdfWithJavaScript, makePdfWithLaunchAction, makeSamplePdf } from "./sample-pdf.js";

let dir: string;
let fileNumber = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "trellis-pdf-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function saved(bytes: Uint8Array): Promise<string> {
  const path = join(dir, `file-${++fileNumber}.pdf`);
  await writeFile(path, bytes);
  return path;
}

async function textOf(bytes: Uint8Array, options?: { maxPages?: number }): Promise<string> {
  return (await extractPdfText(await saved(bytes), options)).text;
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}

// A real PNG (RGB, four colour blocks) made with zlib, so no fixture file is needed.
function makePng(width: number, height: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (data: Buffer) => {
    let crc = 0xffffffff;
    for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Array.from({ length: height }, (_, y) => {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([x < width / 2 ? 200 : 20, y < height / 2 ? 40 : 160, 90], 1 + x * 3);
    return row;
  });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const stamp: CobrandStamp = {
  partnerName: "Northwind Security",
  phone: "+44 20 7946 0018",
  website: "www.northwind.example",
  repName: "Ann Rep",
  repEmail: "ann.rep@northwind.example",
};
const cornerBox: CobrandBox = { page: "first", x: 0.5, y: 0.82, width: 0.45, height: 0.12 };

describe("extractPdfText", () => {
  it("finds a word placed on page 3 and counts the pages", async () => {
    const lines = ["Opening page about domes.", "Second page about recorders.", "Third page mentions zanzibarite lenses.", "Fourth.", "Fifth."];
    const path = await saved(await makeSamplePdf({ title: "Dome camera data sheet", pages: 5, lines }));

    const all = await extractPdfText(path);
    expect(all.pageCount).toBe(5);
    expect(all.text).toContain("zanzibarite");
    expect(all.text).toContain("Dome camera data sheet");

    const firstTwo = await extractPdfText(path, { maxPages: 2 });
    expect(firstTwo.pageCount).toBe(5);
    expect(firstTwo.text).toContain("Second page about recorders.");
    expect(firstTwo.text).not.toContain("zanzibarite");
  });

  it("cuts the text at maxChars", async () => {
    const path = await saved(await makeSamplePdf({ title: "Long brochure", pages: 4 }));
    const full = await extractPdfText(path);
    const cut = await extractPdfText(path, { maxChars: 100 });
    expect(full.text.length).toBeGreaterThan(1000);
    expect(cut.text).toHaveLength(100);
    expect(full.text.startsWith(cut.text)).toBe(true);
  });

  it("returns empty text for damaged or missing files instead of throwing", async () => {
    const garbage = await saved(new Uint8Array(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)));
    const headerOnly = await saved(new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF"));
    expect(await extractPdfText(garbage)).toEqual({ text: "", pageCount: 0 });
    expect(await extractPdfText(headerOnly)).toEqual({ text: "", pageCount: 0 });
    expect(await extractPdfText(join(dir, "no-such-file.pdf"))).toEqual({ text: "", pageCount: 0 });
    expect(await extractPdfText(await saved(new Uint8Array()))).toEqual({ text: "", pageCount: 0 });
  });

  it("stops at the time limit with the text read so far", async () => {
    const lines = Array.from({ length: 60 }, (_, index) => (index === 59 ? "The last page says quetzalcoatl." : `Page ${index + 1} text.`));
    const path = await saved(await makeSamplePdf({ title: "Slow read", pages: 60, lines }));
    const started = performance.now();
    const result = await extractPdfText(path, { timeoutMs: 1 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.text).not.toContain("quetzalcoatl");
    expect((await extractPdfText(path)).text).toContain("quetzalcoatl");
  });
});

describe("findPdfActiveContent", () => {
  it("finds an OpenAction JavaScript hidden in a compressed object stream", async () => {
    const bytes = await makePdfWithJavaScript({ useObjectStreams: true });
    // The raw scan cannot see it: only the parsed walk can.
    expect(latin1(bytes)).not.toContain("/JavaScript");
    expect(latin1(bytes)).not.toContain("/JS");
    expect(await findPdfActiveContent(await saved(bytes))).toBe(PDF_CARRIES_JAVASCRIPT);
  });

  it("finds an OpenAction JavaScript in a plain file", async () => {
    const bytes = await makePdfWithJavaScript({ useObjectStreams: false });
    expect(latin1(bytes)).toContain("/JavaScript");
    expect(await findPdfActiveContent(await saved(bytes))).toBe(PDF_CARRIES_JAVASCRIPT);
  });

  it("finds a launch action, with and without object streams", async () => {
    expect(await findPdfActiveContent(await saved(await makePdfWithLaunchAction()))).toBe(PDF_CARRIES_LAUNCH);
    expect(await findPdfActiveContent(await saved(await makePdfWithLaunchAction({ useObjectStreams: false })))).toBe(PDF_CARRIES_LAUNCH);
  });

  it("finds JavaScript in a page annotation's additional actions", async () => {
    const doc = await PDFDocument.load(await makeSamplePdf({ title: "Annotated", pages: 2 }));
    const action = doc.context.obj({ S: "JavaScript", JS: "this.print()" });
    const link = doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [0, 0, 10, 10], AA: doc.context.obj({ E: action }) });
    doc.getPage(1).node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(link)]));
    expect(await findPdfActiveContentInBytes(await doc.save())).toBe(PDF_CARRIES_JAVASCRIPT);
  });

  it("passes a clean brochure", async () => {
    expect(await findPdfActiveContent(await saved(await makeSamplePdf({ title: "Clean", pages: 3 })))).toBeNull();
  });

  it("passes a stamped brochure (the stamp adds no active content)", async () => {
    const stamped = await stampPdf(await makeSamplePdf({ title: "Clean", pages: 2 }), cornerBox, {
      ...stamp,
      logo: { bytes: makePng(40, 20), contentType: "image/png" },
    });
    expect(await findPdfActiveContentInBytes(stamped)).toBeNull();
  });

  it("refuses what cannot be read, unless the raw bytes already name an action", async () => {
    expect(await findPdfActiveContent(join(dir, "missing.pdf"))).toBe(PDF_UNREADABLE);
    expect(await findPdfActiveContentInBytes(new TextEncoder().encode("not a PDF at all"))).toBe(PDF_UNREADABLE);
    expect(await findPdfActiveContentInBytes(new TextEncoder().encode("not a PDF << /S /Launch /F (x.exe) >>"))).toBe(PDF_CARRIES_LAUNCH);
  });

  it("does not take a longer name for /JS", async () => {
    const doc = await PDFDocument.load(await makeSamplePdf({ title: "Fonts", pages: 1 }));
    doc.catalog.set(PDFName.of("JSFontCache"), doc.context.obj({ Size: 1 }));
    expect(await findPdfActiveContentInBytes(await doc.save({ useObjectStreams: false }))).toBeNull();
  });

  it("refuses a file whose object stream cannot be unpacked (as in an encrypted file)", async () => {
    const bytes = Buffer.from(await makePdfWithJavaScript({ useObjectStreams: true }));
    const text = bytes.toString("latin1");
    const objectStream = text.indexOf("/Type /ObjStm");
    const dataStart = text.indexOf("stream", objectStream) + "stream\n".length;
    for (let at = dataStart + 2; at < dataStart + 40; at++) bytes[at] = 0x41; // wreck the compressed data
    const quiet = vi.spyOn(console, "warn").mockImplementation(() => {}); // pdf-lib reports the broken object on the console
    try {
      expect(await findPdfActiveContentInBytes(bytes)).toBe(PDF_UNREADABLE);
    } finally {
      quiet.mockRestore();
    }
  });
});

describe("stampPdf", () => {
  it("puts the contact block into the first page's text only", async () => {
    const stamped = await stampPdf(await makeSamplePdf({ title: "Three pages", pages: 3 }), cornerBox, stamp);
    const firstPage = await textOf(stamped, { maxPages: 1 });
    for (const value of [stamp.partnerName, stamp.phone, stamp.website, `Your contact: ${stamp.repName}`, stamp.repEmail]) {
      expect(firstPage).toContain(value);
    }
    const all = await textOf(stamped);
    expect(occurrences(all, stamp.partnerName)).toBe(1);
    expect(occurrences(all, stamp.repEmail)).toBe(1);
  });

  it("stamps every page for 'all' and only the last page for 'last'", async () => {
    const source = await makeSamplePdf({ title: "Three pages", pages: 3 });
    const everyPage = await textOf(await stampPdf(source, { ...cornerBox, page: "all" }, stamp));
    expect(occurrences(everyPage, stamp.partnerName)).toBe(3);
    expect(occurrences(everyPage, stamp.repEmail)).toBe(3);

    const lastOnly = await stampPdf(source, { ...cornerBox, page: "last" }, stamp);
    expect(occurrences(await textOf(lastOnly), stamp.repEmail)).toBe(1);
    expect(await textOf(lastOnly, { maxPages: 2 })).not.toContain(stamp.repEmail);
  });

  it("embeds a PNG logo as an image and skips a WebP one without failing", async () => {
    const source = await makeSamplePdf({ title: "Logo", pages: 1 });
    const plain = await stampPdf(source, cornerBox, stamp);
    const withLogo = await stampPdf(source, cornerBox, { ...stamp, logo: { bytes: makePng(120, 60), contentType: "image/png" } });
    const withWebp = await stampPdf(source, cornerBox, {
      ...stamp,
      logo: { bytes: new Uint8Array([0x52, 0x49, 0x46, 0x46]), contentType: "image/webp" },
    });
    expect(latin1(plain)).not.toContain("/Subtype /Image");
    expect(latin1(withLogo)).toContain("/Subtype /Image");
    expect(withLogo.length).toBeGreaterThan(plain.length);
    expect(latin1(withWebp)).not.toContain("/Subtype /Image");
    expect(await textOf(withWebp)).toContain(stamp.repEmail);
    // A tall, narrow box puts the logo above the text; the text is still all there.
    const tall = await stampPdf(
      source,
      { page: "first", x: 0.05, y: 0.3, width: 0.2, height: 0.35 },
      { ...stamp, logo: { bytes: makePng(120, 60), contentType: "image/png" } },
    );
    expect(await textOf(tall)).toContain(stamp.repEmail);
  });

  it("replaces characters the standard fonts cannot encode instead of throwing", async () => {
    const stamped = await stampPdf(await makeSamplePdf({ title: "Names", pages: 1 }), cornerBox, {
      ...stamp,
      partnerName: "Zoë Łódź Security",
      repName: "東京 Rep 📷",
    });
    const text = await textOf(stamped);
    expect(text).toContain("Zoë ?ód? Security");
    expect(text).toContain("Your contact: ?? Rep ?");
  });

  it("shrinks, then cuts with an ellipsis, text too long for a small box", async () => {
    const longEmail = `${"very-long-mailbox-name".repeat(4)}@northwind.example`;
    const stamped = await stampPdf(
      await makeSamplePdf({ title: "Small", pages: 1 }),
      { page: "first", x: 0.1, y: 0.1, width: 0.2, height: 0.08 },
      { ...stamp, repEmail: longEmail },
    );
    const text = await textOf(stamped);
    expect(text).toContain(stamp.partnerName);
    expect(text).not.toContain(longEmail);
    expect(text).toMatch(/\nvery-long-mailbox-name[\w-]*…/);
  });

  it("stamps a rotated page so the text is still extractable", async () => {
    const doc = await PDFDocument.load(await makeSamplePdf({ title: "Landscape", pages: 1 }));
    doc.getPage(0).setRotation(degrees(90));
    const text = await textOf(await stampPdf(await doc.save(), cornerBox, stamp));
    expect(text).toContain(stamp.partnerName);
    expect(text).toContain(stamp.repEmail);
  });

  it("sets Producer and Creator to Trellis and keeps the title", async () => {
    const stamped = await PDFDocument.load(await stampPdf(await makeSamplePdf({ title: "Kept title", pages: 1 }), cornerBox, stamp), {
      updateMetadata: false,
    });
    expect(stamped.getTitle()).toBe("Kept title");
    expect(stamped.getProducer()).toBe("Trellis");
    expect(stamped.getCreator()).toBe("Trellis");
  });

  it("validates the box", async () => {
    expect(cobrandBoxProblem(cornerBox)).toBeNull();
    expect(cobrandBoxProblem({ page: "all", x: 0.7, y: 0.7, width: 0.3, height: 0.3 })).toBeNull(); // 0.7 + 0.3 in floating point
    expect(cobrandBoxProblem({ ...cornerBox, x: 0.6 })).toMatch(/inside the page/);
    expect(cobrandBoxProblem({ ...cornerBox, y: 0.9 })).toMatch(/inside the page/);
    expect(cobrandBoxProblem({ ...cornerBox, width: 0.04 })).toMatch(/too small/);
    expect(cobrandBoxProblem({ ...cornerBox, height: 0.049 })).toMatch(/too small/);
    expect(cobrandBoxProblem({ ...cornerBox, x: -0.1 })).toMatch(/inside the page/);
    expect(cobrandBoxProblem({ ...cornerBox, width: Number.NaN })).toMatch(/numbers/);
    const error = await stampPdf(await makeSamplePdf({ title: "Box", pages: 1 }), { ...cornerBox, width: 0.01 }, stamp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CobrandError);
    expect((error as CobrandError).reason).toBe("invalid_box");
  });

  it("refuses encrypted and unreadable PDFs with a reason", async () => {
    const doc = await PDFDocument.load(await makeSamplePdf({ title: "Locked", pages: 1 }));
    doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: "Standard", V: 1, R: 2 }));
    const encrypted = await stampPdf(await doc.save({ useObjectStreams: false }), cornerBox, stamp).catch((e: unknown) => e);
    expect((encrypted as CobrandError).reason).toBe("encrypted_pdf");
    const unreadable = await stampPdf(new TextEncoder().encode("not a pdf"), cornerBox, stamp).catch((e: unknown) => e);
    expect((unreadable as CobrandError).reason).toBe("unreadable_pdf");
  });

  it("stamps every page of a 20-page brochure in under 2 s", async () => {
    const source = await makeSamplePdf({ title: "Benchmark brochure", pages: 20 });
    const logo = { bytes: makePng(200, 100), contentType: "image/png" };
    const started = performance.now();
    const stamped = await stampPdf(source, { ...cornerBox, page: "all" }, { ...stamp, logo });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000);
    expect(occurrences(await textOf(stamped), stamp.repEmail)).toBe(20);
  });
});

describe("cobrandFingerprint", () => {
  it("is stable for the same inputs and changes with any of them", () => {
    const logo = { bytes: makePng(10, 10), contentType: "image/png" };
    const base = cobrandFingerprint({ ...stamp, logo }, cornerBox);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(cobrandFingerprint({ ...stamp, logo: { ...logo, bytes: makePng(10, 10) } }, { ...cornerBox })).toBe(base);
    expect(cobrandFingerprint({ ...stamp, logo, phone: "+44 20 7946 0019" }, cornerBox)).not.toBe(base);
    expect(cobrandFingerprint({ ...stamp, logo: { ...logo, bytes: makePng(11, 10) } }, cornerBox)).not.toBe(base);
    expect(cobrandFingerprint(stamp, cornerBox)).not.toBe(base);
    expect(cobrandFingerprint({ ...stamp, logo }, { ...cornerBox, page: "all" })).not.toBe(base);
  });
});

describe("makeSamplePdf", () => {
  it("gives the same bytes for the same input and uses the given words", async () => {
    const options = { title: "Thermal bullet camera", pages: 2, words: ["thermal", "bullet", "ranger"] };
    const first = await makeSamplePdf(options);
    expect(Buffer.from(await makeSamplePdf(options)).equals(Buffer.from(first))).toBe(true);
    const text = await textOf(first);
    expect(text).toContain("Ranger");
    expect(text).toContain("Page 2 of 2");
    expect(text).not.toContain("firmware");
  });
});
