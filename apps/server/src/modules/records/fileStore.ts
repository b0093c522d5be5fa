import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type * as S3 from '@aws-sdk/client-s3';
import type { Config, S3Config } from '../../config.js';
import { DomainError } from '../../http/errors.js';

/**
 * The AWS SDK (~13 MB of RSS) is loaded when the first S3 store is built, not by a server that
 * keeps its files on local disk (docs/architecture.md "Lazy loading"). Synchronously, through its
 * CommonJS build, so that building a store stays synchronous.
 */
let sdk: typeof S3 | undefined;
const s3Sdk = (): typeof S3 => {
  sdk ??= createRequire(import.meta.url)('@aws-sdk/client-s3') as typeof S3;
  return sdk;
};

/** A byte range, both ends inclusive (as in an HTTP Range header). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where the bytes of evidence and AV records live (DESIGN.md "Files"). Keys are content
 * addresses (`storageKeyFor`), so a write of an existing key writes the same bytes again and
 * two uploads of one file share one object. Every method streams: nothing holds a file in memory.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  write(key: string, source: Readable): Promise<void>;
  /**
   * Stores a file that is already on local disk (a finished upload). The local store links it
   * in without copying a byte when both directories are on one file system.
   */
  writeFromFile(key: string, path: string): Promise<void>;
  read(key: string, range?: ByteRange): Promise<Readable>;
  size(key: string): Promise<number>;
  remove(key: string): Promise<void>;
}

/** The file store and the directory where resumable uploads are staged until they are verified. */
export interface FileStorage {
  store: FileStore;
  uploadsDir: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `sha256/ab/cd/abcd…`: content-addressed, two directory levels so no directory grows huge. */
export function storageKeyFor(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 digest: ${sha256}`);
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

const KEY = /^[a-z0-9]+(\/[a-z0-9][a-z0-9._-]*)*$/;

function assertKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
}

const missing = () => new DomainError('FILE_CONTENT_MISSING', '文件内容在存储中不存在，请联系管理员核查', 404);

/** A directory on local disk (default `${DATA_DIR}/files`). */
export class LocalFileStore implements FileStore {
  readonly kind = 'local';
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  pathOf(key: string): string {
    assertKey(key);
    const path = join(this.dir, ...key.split('/'));
    if (!path.startsWith(this.dir + sep)) throw new Error(`invalid storage key: ${key}`);
    return path;
  }

  /** A temporary name next to the target: renamed into place only once complete and on disk. */
  private async tempFor(path: string): Promise<string> {
    await mkdir(dirname(path), { recursive: true });
    return `${path}.${randomBytes(6).toString('hex')}.part`;
  }

  /** Makes a finished file and its directory entry durable before anyone records that it exists. */
  private async commit(temp: string, path: string): Promise<void> {
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    const dir = await open(dirname(path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  async write(key: string, source: Readable): Promise<void> {
    const path = this.pathOf(key);
    const temp = await this.tempFor(path);
    try {
      await pipeline(source, createWriteStream(temp, { flags: 'wx' }));
      await this.commit(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async writeFromFile(key: string, from: string): Promise<void> {
    const path = this.pathOf(key);
    const temp = await this.tempFor(path);
    try {
      try {
        // A hard link costs nothing whatever the size; the staged upload stays until the caller removes it.
        await link(from, temp);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw err;
        await copyFile(from, temp);
      }
      await this.commit(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    // Open first so that a missing file is an error here, not on the response stream.
    const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? missing() : err;
    });
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async size(key: string): Promise<number> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (err) {
      throw (err as NodeJS.ErrnoException).code === 'ENOENT' ? missing() : err;
    }
  }

  async remove(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}

/** Part size of multipart uploads: memory per upload in flight is one part. S3 allows 10,000 parts (160 GB). */
const PART_SIZE = 16 * 1024 * 1024;

/**
 * An S3-compatible object store, configured by S3_ENDPOINT, S3_BUCKET, S3_REGION,
 * S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY. Large objects go up as multipart uploads, one part
 * buffered at a time; reads pass the range on to the store.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3';
  readonly client: S3.S3Client;
  private readonly sdk = s3Sdk();
  readonly bucket: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.client = new this.sdk.S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
      ...(config.accessKeyId && config.secretAccessKey
        ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
        : {}),
      // Newer SDKs add CRC32 checksums to every upload by default, which several S3-compatible
      // stores (older MinIO, Ceph RGW) refuse; the files carry their own SM3 and SHA-256.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async write(key: string, source: Readable): Promise<void> {
    assertKey(key);
    let uploadId: string | undefined;
    const parts: { ETag: string | undefined; PartNumber: number }[] = [];
    let buffered: Buffer[] = [];
    let bufferedBytes = 0;
    const flush = async () => {
      const body = Buffer.concat(buffered, bufferedBytes);
      buffered = [];
      bufferedBytes = 0;
      if (!uploadId) {
        const created = await this.client.send(
          new this.sdk.CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key }),
        );
        uploadId = created.UploadId;
        if (!uploadId) throw new Error('S3 did not return an UploadId');
      }
      const PartNumber = parts.length + 1;
      const res = await this.client.send(
        new this.sdk.UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber, Body: body }),
      );
      parts.push({ ETag: res.ETag, PartNumber });
    };
    try {
      for await (const chunk of source) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        buffered.push(buf);
        bufferedBytes += buf.length;
        if (bufferedBytes >= PART_SIZE) await flush();
      }
      if (!uploadId) {
        // Small enough for one request.
        await this.client.send(
          new this.sdk.PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: Buffer.concat(buffered, bufferedBytes),
          }),
        );
        return;
      }
      if (bufferedBytes > 0) await flush();
      await this.client.send(
        new this.sdk.CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (err) {
      if (uploadId) {
        await this.client
          .send(new this.sdk.AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw err;
    }
  }

  async writeFromFile(key: string, path: string): Promise<void> {
    await this.write(key, createReadStream(path, { highWaterMark: 1024 * 1024 }));
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertKey(key);
    try {
      const res = await this.client.send(
        new this.sdk.GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      // In Node.js the SDK's body is an http.IncomingMessage, a Readable.
      return res.Body as Readable;
    } catch (err) {
      throw isNotFound(err) ? missing() : err;
    }
  }

  async size(key: string): Promise<number> {
    assertKey(key);
    try {
      const res = await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return res.ContentLength ?? 0;
    } catch (err) {
      throw isNotFound(err) ? missing() : err;
    }
  }

  async remove(key: string): Promise<void> {
    assertKey(key);
    await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

/** The configured storage: S3 when S3_BUCKET is set, else FILES_DIR; uploads are staged in UPLOADS_DIR. */
export function fileStorageFromConfig(config: Pick<Config, 'filesDir' | 'uploadsDir' | 's3'>): FileStorage {
  return {
    store: config.s3 ? new S3FileStore(config.s3) : new LocalFileStore(config.filesDir),
    uploadsDir: config.uploadsDir,
  };
}

/**
 * Storage in a fresh temporary directory, removed by `dispose`: for tests and benchmarks that
 * build the app without configuring storage. The server itself (main.ts) always passes the
 * configured storage.
 */
export async function temporaryFileStorage(): Promise<FileStorage & { dispose(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'sanxiang-files-'));
  return {
    store: new LocalFileStore(join(root, 'files')),
    uploadsDir: join(root, 'uploads'),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
