import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { BlobStorage } from './storage.js';

export interface S3Options {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (`endpoint/bucket/key`): MinIO and most self-hosted servers need it. */
  forcePathStyle: boolean;
  /** Keys are stored under this prefix (several deployments can share a bucket). */
  prefix: string;
}

/**
 * Photos in an S3-compatible object store — AWS S3, MinIO, Aliyun OSS, Tencent COS (their S3
 * endpoints) — so that several API instances see the same photos. Bytes are streamed to viewers
 * through the API, which checks each viewer's grant first; the bucket stays private (no public
 * or pre-signed URLs to leak).
 */
export class S3BlobStorage implements BlobStorage {
  private readonly s3: S3Client;

  constructor(private readonly o: S3Options) {
    this.s3 = new S3Client({
      region: o.region,
      endpoint: o.endpoint || undefined,
      forcePathStyle: o.forcePathStyle,
      credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
      // A photo upload must not hang a request for minutes when the store is unreachable.
      requestHandler: { requestTimeout: 10_000, connectionTimeout: 2_000 },
      maxAttempts: 3,
    });
  }

  private key(key: string): string {
    return `${this.o.prefix}${key}`;
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.o.bucket, Key: this.key(key), Body: data, ContentType: contentType }));
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const r = await this.s3.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: this.key(key) }));
      return r.Body ? Buffer.from(await r.Body.transformToByteArray()) : null;
    } catch (e) {
      if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey' || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.key(key) }));
  }

  destroy(): void {
    this.s3.destroy();
  }
}
