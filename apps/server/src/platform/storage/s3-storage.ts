import { createReadStream, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { assertRange, assertStorageKey, type FileStorage, isStorageKey, type SpooledFile, type StoredFile, spoolToTempFile } from "./storage.js";

export interface S3StorageOptions {
  /** Omit for AWS itself; set for MinIO, Ceph, R2 and other S3-compatible servers. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Uploads are spooled to DATA_DIR/tmp (hashed and metered) before they go to the bucket. */
  dataDir: string;
}

/** Content-addressed storage in an S3-compatible bucket, under `files/<sha256>`: several app nodes share it. */
export function createS3Storage(options: S3StorageOptions): FileStorage {
  const tmp = join(options.dataDir, "tmp");
  mkdirSync(tmp, { recursive: true });
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // The SDK's default streams uploads as aws-chunked with a trailing CRC32, which several
    // S3-compatible servers store verbatim; we send our own SHA-256 checksum instead.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = options.bucket;
  const objectKey = (key: string) => {
    assertStorageKey(key);
    return `files/${key}`;
  };
  const head = async (key: string): Promise<{ size: number } | null> => {
    try {
      const found = await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
      return { size: found.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return null;
      throw error;
    }
  };
  const upload = async (key: string, path: string, size: number) => {
    const body = createReadStream(path);
    try {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: objectKey(key),
          Body: body,
          ContentLength: size,
          ContentType: "application/octet-stream",
          // Servers that know the header verify the bytes arrived intact; others ignore it.
          ChecksumSHA256: Buffer.from(key, "hex").toString("base64"),
        }),
      );
    } finally {
      body.destroy();
    }
  };

  const adopt = async (spooled: SpooledFile): Promise<StoredFile> => {
    try {
      if (!(await head(spooled.key))) await upload(spooled.key, spooled.path, spooled.size);
      return { key: spooled.key, size: spooled.size };
    } finally {
      rmSync(spooled.path, { force: true });
    }
  };

  return {
    driver: "s3",
    async put(source, { maxBytes }) {
      return adopt(await spoolToTempFile(source, tmp, maxBytes));
    },
    adopt,
    async get(key, range) {
      if (range) assertRange(range);
      const found = await client.send(
        new GetObjectCommand({ Bucket, Key: objectKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      if (!(found.Body instanceof Readable)) throw new Error("S3 GetObject returned no Node stream");
      return found.Body;
    },
    async stat(key) {
      return isStorageKey(key) ? head(key) : null;
    },
    async exists(key) {
      return isStorageKey(key) ? (await head(key)) !== null : false;
    },
  };
}
