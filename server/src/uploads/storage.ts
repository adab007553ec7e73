import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Where photo bytes live. The database keeps only keys; a deployment picks the driver (local disk
 * by default; an S3-compatible driver implements the same three calls).
 */
export interface BlobStorage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when the key does not exist. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

export const BLOB_STORAGE = Symbol('BLOB_STORAGE');

/** Keys are ours ("ab/abcdef….jpg"); anything else is refused so a key can never escape the root. */
const KEY = /^[a-z0-9]{2}\/[a-z0-9]{16,64}(_t)?\.(jpg|png|webp)$/;

export class LocalDiskStorage implements BlobStorage {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`bad storage key ${JSON.stringify(key)}`);
    const p = resolve(join(this.root, key));
    if (!p.startsWith(this.root + sep)) throw new Error('storage key escapes the root');
    return p;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    // Write then rename: a reader never sees half a file, a crash leaves only a temp file.
    const tmp = `${p}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, p);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
