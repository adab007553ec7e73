import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/config.js';

/** Which column a ciphertext belongs to; bound into the GCM tag so a value cannot be moved to another column. */
export type PiiField = 'person.id_number' | 'person.phone';

const VERSION = 'v1';
const IV_LEN = 12;
const TAG_LEN = 16;

/**
 * Field-level encryption for personal data (PIPL): AES-256-GCM with a fresh 96-bit IV per value,
 * and an HMAC-SHA-256 keyed hash ("blind index") of the normalized value for exact lookups, so a
 * phone or ID number can be found without being stored in clear. Both keys are derived from one
 * master key with HKDF, so a leaked hash key cannot decrypt and vice versa.
 *
 * Stored form: "v1.<base64(iv | tag | ciphertext)>" — the version prefix leaves room for key
 * rotation (decrypt with the old key, re-encrypt with the new one, row by row).
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('PII master key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'weigrid pii aes-256-gcm', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'weigrid pii hmac-sha256', 32));
  }

  static fromConfig(cfg: Pick<AppConfig, 'PII_KEY' | 'JWT_SECRET' | 'NODE_ENV'>): PiiCipher {
    if (cfg.PII_KEY) {
      const k = /^[0-9a-fA-F]{64}$/.test(cfg.PII_KEY) ? Buffer.from(cfg.PII_KEY, 'hex') : Buffer.from(cfg.PII_KEY, 'base64');
      return new PiiCipher(k);
    }
    if (cfg.NODE_ENV === 'production') throw new Error('PII_KEY is required in production');
    // Development/test only: derived from the (secret, per-install) JWT secret, never a constant.
    return new PiiCipher(Buffer.from(hkdfSync('sha256', Buffer.from(cfg.JWT_SECRET), Buffer.alloc(0), 'weigrid dev pii key', 32)));
  }

  /** IVs are cut from one 4 KiB block of CSPRNG output: one randomFillSync per 341 values instead of one each. */
  private ivPool = Buffer.alloc(0);
  private ivAt = 0;

  private nextIv(): Buffer {
    if (this.ivAt + IV_LEN > this.ivPool.length) {
      this.ivPool = randomBytes(IV_LEN * 341);
      this.ivAt = 0;
    }
    // A view is enough: createCipheriv copies the IV, and no byte of the pool is handed out twice.
    const iv = this.ivPool.subarray(this.ivAt, this.ivAt + IV_LEN);
    this.ivAt += IV_LEN;
    return iv;
  }

  encrypt(field: PiiField, plain: string): string {
    const iv = this.nextIv();
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    c.setAAD(Buffer.from(field));
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${VERSION}.${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')}`;
  }

  /** Throws if the value was tampered with, belongs to another field, or was made with another key. */
  decrypt(field: PiiField, stored: string): string {
    if (!stored.startsWith(`${VERSION}.`)) throw new Error('unknown PII ciphertext version');
    const raw = Buffer.from(stored.slice(VERSION.length + 1), 'base64');
    if (raw.length < IV_LEN + TAG_LEN) throw new Error('PII ciphertext too short');
    const d = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, IV_LEN));
    d.setAAD(Buffer.from(field));
    d.setAuthTag(raw.subarray(IV_LEN, IV_LEN + TAG_LEN));
    return Buffer.concat([d.update(raw.subarray(IV_LEN + TAG_LEN)), d.final()]).toString('utf8');
  }

  /**
   * Keyed hash of a normalized value: the first 128 bits of the HMAC (collisions need ~2^64
   * values), as 16 bytes for the `binary(16)` columns — the same bytes the hex form had.
   */
  hash(field: PiiField, normalized: string): Buffer {
    return createHmac('sha256', this.macKey).update(field).update('\0').update(normalized).digest().subarray(0, 16);
  }
}
