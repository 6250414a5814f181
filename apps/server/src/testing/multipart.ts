import { randomBytes } from "node:crypto";

export interface MultipartFile {
  bytes: Uint8Array;
  fileName: string;
  /** What the client claims; the server decides the type from the bytes. */
  contentType?: string;
  /** The form field; `file` unless a test sends it under another name. */
  field?: string;
}

/**
 * A multipart/form-data body built by hand (no form-data package): the plain fields first, then
 * the file. Returns the bytes and the Content-Type header with its boundary, ready for inject or fetch.
 */
export function multipartBody(fields: Record<string, string>, file?: MultipartFile): { body: Buffer; headers: { "content-type": string } } {
  const boundary = `----trellis-test-${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; filename="${file.fileName}"\r\n` +
          `Content-Type: ${file.contentType ?? "application/octet-stream"}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
