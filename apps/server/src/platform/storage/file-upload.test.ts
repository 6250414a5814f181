import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import multipart from "@fastify/multipart";
import Fastify from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import S3rver from "s3rver";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZipFile } from "yazl";
import { loadConfig } from "../../config.js";
import { registerErrorHandling } from "../http/error-handler.js";
import { describeBytes, type LibraryUploadLimits, receiveLibraryFile } from "./file-upload.js";
import { createS3Storage } from "./s3-storage.js";
import { createLocalStorage, type FileStorage } from "./storage.js";

const KB = 1024;
const MB = 1024 * 1024;
const small: LibraryUploadLimits = { videoMaxBytes: 256 * KB, otherMaxBytes: 64 * KB };
/** Above the app-wide 5 MB multipart limit, to prove receiveLibraryFile lifts it. */
const big: LibraryUploadLimits = { videoMaxBytes: 8 * MB, otherMaxBytes: 1 * MB };

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const padded = (head: Buffer, total: number) => Buffer.concat([head, Buffer.alloc(Math.max(0, total - head.length), 7)]);

// ---- sample files, each made here so the test shows what makes it what it is ----

async function makePdf(activeContent = false): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText("Price list", { x: 20, y: 100, size: 20, font: await doc.embedFont(StandardFonts.Helvetica) });
  if (activeContent) doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert(1)") }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
/** An `ftyp` box with brand isom/iso2 is what file-type reads as MP4. */
const mp4 = (size: number) => padded(Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex"), size);
const mov = padded(Buffer.from("00000014667479707174202000000200717420200000", "hex"), 2000);
/** An EBML header (version, read version, max id/size lengths, DocType, DocType versions) and a Segment id. */
function ebml(docType: string): Buffer {
  const body = Buffer.concat([
    Buffer.from("4286810142f7810142f2810442f381084282", "hex"),
    Buffer.from([0x80 | docType.length]),
    Buffer.from(docType),
    Buffer.from("4287810442858102", "hex"),
  ]);
  return Buffer.concat([Buffer.from("1a45dfa3", "hex"), Buffer.from([0x80 | body.length]), body, Buffer.from("18538067", "hex"), Buffer.alloc(200)]);
}
const webm = ebml("webm");

function zip(entries: Record<string, string>): Promise<Buffer> {
  const file = new ZipFile();
  for (const [name, text] of Object.entries(entries)) file.addBuffer(Buffer.from(text), name);
  file.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    file.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    file.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    file.outputStream.on("error", reject);
  });
}

const wordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const docx = () =>
  zip({
    "[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${wordMain}"/></Types>`,
    "word/document.xml": `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`,
  });
const odt = () => zip({ mimetype: "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>" });

/**
 * A minimal Compound File (MS-CFB, 512-byte sectors): header, one FAT sector, one directory sector
 * with the root entry and the given streams/storages. Legacy .doc/.xls/.ppt and .msi all look like this.
 */
function compoundFile(entries: { name: string; type: 1 | 2 }[], rootClsid = "00".repeat(16)): Buffer {
  const header = Buffer.alloc(512, 0);
  Buffer.from("d0cf11e0a1b11ae1", "hex").copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // directory starts at sector 1
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(0xfffffffe, 60);
  header.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 76); // the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(0xffffffff, 76 + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 holds the FAT
  fat.writeUInt32LE(0xfffffffe, 4); // the directory is one sector long
  const directory = Buffer.alloc(512, 0);
  const all = [{ name: "Root Entry", type: 5 }, ...entries];
  all.forEach((entry, i) => {
    const at = i * 128;
    const name = Buffer.from(`${entry.name}\u0000`, "utf16le");
    name.copy(directory, at);
    directory.writeUInt16LE(name.length, at + 64);
    directory[at + 66] = entry.type;
    if (entry.type === 5) Buffer.from(rootClsid, "hex").copy(directory, at + 80);
    directory.writeUInt32LE(0xfffffffe, at + 116);
  });
  return Buffer.concat([header, fat, directory]);
}

// ---- the app under test ----

type Part = { name: string; value: string } | { name: string; filename: string; type: string; data: Buffer };

function form(parts: Part[]) {
  const boundary = "----trellis-upload-test";
  const chunks = parts.map((part) =>
    "data" in part
      ? Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`,
          ),
          part.data,
          Buffer.from("\r\n"),
        ])
      : Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
  );
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

const file = (filename: string, data: Buffer, type = "application/octet-stream"): Part => ({ name: "file", filename, type, data });

/** Stands in for the library feature's PDF check: refuses a PDF that names JavaScript. */
const inspected: string[] = [];
async function inspectPdf(path: string): Promise<string | null> {
  inspected.push(path);
  return readFileSync(path, "latin1").includes("/JavaScript") ? "PDFs with JavaScript are not accepted" : null;
}

async function startS3() {
  const directory = mkdtempSync(join(tmpdir(), "trellis-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true });
  const { port } = await server.run();
  const settings = { endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", bucket: "library", accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  const client = new S3Client({ ...settings, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  return {
    settings,
    storedCount: async () => (await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: "files/" }))).KeyCount ?? 0,
    stop: async () => {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((n, entry) => n + (entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1), 0);
}

describe.each(["local", "s3"] as const)("receiveLibraryFile with %s storage", (driver) => {
  let dataDir: string;
  let tmpDir: string;
  let storage: FileStorage;
  let storedCount: () => Promise<number>;
  let stopS3: (() => Promise<void>) | undefined;
  const app = Fastify().withTypeProvider<ZodTypeProvider>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "trellis-upload-"));
    tmpDir = join(dataDir, "tmp");
    if (driver === "local") {
      storage = createLocalStorage(dataDir);
      storedCount = async () => countFiles(join(dataDir, "files"));
    } else {
      const s3 = await startS3();
      storage = createS3Storage({ ...s3.settings, forcePathStyle: true, dataDir });
      storedCount = s3.storedCount;
      stopS3 = s3.stop;
    }
    registerErrorHandling(app);
    // As in app.ts: the app-wide limit is 5 MB.
    await app.register(multipart, { limits: { fileSize: 5 * MB, files: 1 } });
    app.post("/upload", async (request) => receiveLibraryFile(request, storage, small, tmpDir, { inspectPdf }));
    app.post("/upload-big", async (request) => receiveLibraryFile(request, storage, big, tmpDir));
    await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
    await stopS3?.();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    inspected.length = 0;
  });

  const upload = (parts: Part[], url = "/upload") => app.inject({ method: "POST", url, ...form(parts) });

  async function expectRefused(parts: Part[], status: number, code: string, detail: RegExp | string, url = "/upload") {
    const before = await storedCount();
    const response = await upload(parts, url);
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ status, code, detail: expect.stringMatching(detail) });
    expect(readdirSync(tmpDir)).toEqual([]);
    expect(await storedCount()).toBe(before);
  }

  it.each([
    ["a PDF", "prices.pdf", makePdf, "pdf", "application/pdf", "pdf"],
    ["a PNG", "logo.png", async () => png, "image", "image/png", "png"],
    ["an MP4", "demo.mp4", async () => mp4(4000), "video", "video/mp4", "mp4"],
    ["a QuickTime movie", "demo.mov", async () => mov, "video", "video/quicktime", "mov"],
    ["a WebM video", "demo.webm", async () => webm, "video", "video/webm", "webm"],
    ["a docx", "terms.docx", docx, "office", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"],
    ["an odt", "terms.odt", odt, "office", "application/vnd.oasis.opendocument.text", "odt"],
    ["a legacy Word file", "old.doc", async () => compoundFile([{ name: "WordDocument", type: 2 }]), "office", "application/msword", "doc"],
    ["a legacy Excel file", "old.xls", async () => compoundFile([{ name: "Workbook", type: 2 }]), "office", "application/vnd.ms-excel", "xls"],
  ])("accepts %s with its kind, type and extension from the bytes", async (_label, name, make, kind, contentType, extension) => {
    const bytes = await make();
    // The declared type is deliberately wrong: only the bytes count.
    const response = await upload([file(name, bytes, "text/plain"), { name: "note", value: "for Q3" }]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      key: sha256(bytes),
      size: bytes.length,
      contentType,
      kind,
      extension,
      originalName: name,
      fields: { note: "for Q3" },
    });
    expect(await storage.exists(sha256(bytes))).toBe(true);
    expect(readdirSync(tmpDir)).toEqual([]);
    expect(inspected.length).toBe(kind === "pdf" ? 1 : 0);
  });

  it("stores identical uploads once, under the same key", async () => {
    const bytes = Buffer.concat([await makePdf(), Buffer.from(`%${driver} dedupe\n`)]);
    const before = await storedCount();
    const first = (await upload([file("a.pdf", bytes)])).json();
    const second = (await upload([file("copy of a.pdf", bytes)])).json();
    expect(second.key).toBe(first.key);
    expect(second.originalName).toBe("copy of a.pdf");
    expect(await storedCount()).toBe(before + 1);
    const changed = (await upload([file("b.pdf", Buffer.concat([bytes, Buffer.from("\n")]))])).json();
    expect(changed.key).not.toBe(first.key);
    expect(await storedCount()).toBe(before + 2);
  });

  it.each([
    ["an ELF binary", "tool.pdf", padded(Buffer.from("7f454c46020101", "hex"), 500), /executable files are not accepted/],
    ["a Windows executable", "setup.png", padded(Buffer.from("4d5a9000", "hex"), 500), /executable files are not accepted/],
    ["a shell script", "run.docx", Buffer.from("#!/bin/sh\nrm -rf ~\n"), /executable files are not accepted/],
    ["an MSI installer", "setup.doc", compoundFile([{ name: "Summary", type: 2 }], "84100c0000000000c000000000000046"), /executable/],
    ["an HTML page", "page.pdf", Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), /HTML and SVG/],
    ["an SVG with script", "logo.svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /HTML and SVG/],
    ["an SVG with an XML declaration", "logo.svg", Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), /HTML and SVG/],
    [
      "a legacy Word file with macros",
      "m.doc",
      compoundFile([
        { name: "WordDocument", type: 2 },
        { name: "Macros", type: 1 },
      ]),
      /macros/,
    ],
    ["a plain ZIP", "archive.zip", padded(Buffer.from("504b0506", "hex"), 22), /Upload a PDF, image, video or office document/],
    ["a Matroska video", "film.mkv", ebml("matroska"), /Upload a PDF/],
  ])("refuses %s with 415 and a message naming why", async (_label, name, bytes, detail) => {
    await expectRefused([file(name, bytes)], 415, "unsupported_media_type", detail);
  });

  it("refuses a text file named .pdf and declared application/pdf", async () => {
    await expectRefused(
      [file("brochure.pdf", Buffer.from("not really a PDF\n"), "application/pdf")],
      415,
      "unsupported_media_type",
      "Upload a PDF, image, video or office document",
    );
  });

  it("refuses a PDF the PDF check objects to, naming its reason, after handing it the temp file", async () => {
    await expectRefused([file("active.pdf", await makePdf(true))], 415, "unsupported_media_type", "PDFs with JavaScript are not accepted");
    expect(inspected).toHaveLength(1);
    expect(inspected[0]?.startsWith(tmpDir)).toBe(true);
  });

  it("applies the smaller limit to non-videos and the larger one to videos", async () => {
    const overOther = 100 * KB;
    await expectRefused([file("big.png", padded(png, overOther))], 413, "payload_too_large", "Files other than videos may be at most 64 KB");
    const video = await upload([file("clip.mp4", mp4(overOther))]);
    expect(video.statusCode).toBe(200);
    expect(video.json()).toMatchObject({ kind: "video", size: overOther });
    await expectRefused([file("long.mp4", mp4(300 * KB))], 413, "payload_too_large", "Videos may be at most 256 KB, other files at most 64 KB");
  });

  it("lifts the app-wide 5 MB multipart limit for videos, and still stops at the video limit", async () => {
    const video = await upload([file("launch.mp4", mp4(6 * MB))], "/upload-big");
    expect(video.statusCode).toBe(200);
    expect(video.json()).toMatchObject({ kind: "video", size: 6 * MB });
    await expectRefused([file("scan.png", padded(png, 2 * MB))], 413, "payload_too_large", "at most 1 MB", "/upload-big");
    await expectRefused([file("huge.mp4", mp4(9 * MB))], 413, "payload_too_large", "Videos may be at most 8 MB", "/upload-big");
  });

  it("refuses at once when Content-Length is far beyond the limit", async () => {
    const { port } = app.server.address() as { port: number };
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/upload",
        headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(10 * 1024 * MB) },
      });
      request.on("response", (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
        request.destroy();
      });
      request.on("error", reject);
      request.write("--x\r\n");
    });
    expect(status).toBe(413);
    expect(readdirSync(tmpDir)).toEqual([]);
  });

  it("refuses a request that is not multipart, or has no file", async () => {
    const json = await app.inject({ method: "POST", url: "/upload", payload: { file: "x" } });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe("unsupported_media_type");
    const noFile = await upload([{ name: "note", value: "hello" }]);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toMatchObject({ code: "validation_failed", fields: [{ path: "file" }] });
  });

  it("refuses a file under another field name, two files, and an oversized plain field", async () => {
    await expectRefused([{ name: "attachment", filename: "a.png", type: "image/png", data: png }], 400, "validation_failed", "field 'file'");
    await expectRefused(
      [file("a.png", png), { name: "file", filename: "b.png", type: "image/png", data: padded(png, 200) }],
      400,
      "validation_failed",
      /one file/,
    );
    await expectRefused([file("a.png", png), { name: "note", value: "x".repeat(5000) }], 400, "validation_failed", "Field 'note'");
  });

  it("keeps the client's name only for display: control characters dropped, 200 characters at most", async () => {
    const long = `${"Ä".repeat(250)}.png`;
    const body = (await upload([file(long, png)])).json();
    expect(Array.from(body.originalName as string)).toHaveLength(200);
    const odd = (await upload([file("  price\u0007list\u0000 2024.png ", png)])).json();
    expect(odd.originalName).toBe("pricelist 2024.png");
    // busboy already keeps only the base name of a path a client sends.
    expect((await upload([file("../../etc/passwd.png", png)])).json().originalName).toBe("passwd.png");
  });
});

describe("library limits in the configuration", () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), "trellis-config-"));
  it("default to 2 GiB for videos and 200 MB for other files, and can be set", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).library).toEqual({ maxVideoBytes: 2147483648, maxFileBytes: 200 * MB });
    const set = loadConfig({ DATA_DIR: dataDir(), LIBRARY_MAX_VIDEO_BYTES: "1000", LIBRARY_MAX_FILE_BYTES: "500" });
    expect(set.library).toEqual({ maxVideoBytes: 1000, maxFileBytes: 500 });
    expect(() => loadConfig({ DATA_DIR: dataDir(), LIBRARY_MAX_FILE_BYTES: "lots" })).toThrow(/LIBRARY_MAX_FILE_BYTES/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), LIBRARY_MAX_VIDEO_BYTES: "-1" })).toThrow(/LIBRARY_MAX_VIDEO_BYTES/);
  });

  it("describes limits as people read them", () => {
    expect(describeBytes(2147483648)).toBe("2 GiB");
    expect(describeBytes(200 * MB)).toBe("200 MB");
    expect(describeBytes(64 * KB)).toBe("64 KB");
  });
});
