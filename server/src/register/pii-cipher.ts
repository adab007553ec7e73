import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/config.js';
import { parsePiiKey } from '../config/pii-key.js';

export { parsePiiKey };

/** Which column a ciphertext belongs to; bound into the GCM tag so a value cannot be moved to another column. */
export type PiiField = 'person.id_number' | 'person.phone' | 'open311.contact' | 'event.caller_name' | 'event.caller_phone';

/** Stored form: `v2.<key id>.<base64(iv | tag | ciphertext)>`; `v1.<base64…>` (no key id) is still read. */
const VERSION = 'v2';
const LEGACY = 'v1.';
const IV_LEN = 12;
const TAG_LEN = 16;

/** One master key's derived keys and its public id. */
interface PiiKey {
  /** 8 hex characters derived from the key (HKDF): names the key in each ciphertext, reveals nothing about it. */
  id: string;
  encKey: Buffer;
  macKey: Buffer;
}

function deriveKey(master: Buffer): PiiKey {
  if (master.length !== 32) throw new Error('PII master key must be 32 bytes');
  const d = (info: string, len: number) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, len));
  return { id: d('weigrid pii key id', 4).toString('hex'), encKey: d('weigrid pii aes-256-gcm', 32), macKey: d('weigrid pii hmac-sha256', 32) };
}


/**
 * Field-level encryption for personal data (PIPL): AES-256-GCM with a fresh 96-bit IV per value,
 * and an HMAC-SHA-256 keyed hash ("blind index") of the normalized value for exact lookups, so a
 * phone or ID number can be found without being stored in clear. Both keys are derived from one
 * master key with HKDF, so a leaked hash key cannot decrypt and vice versa.
 *
 * Key rotation (docs/privacy.md): with a previous key configured, values written under it still
 * decrypt (the key id in the stored form picks the key) and lookups hash with both keys
 * (`lookupHashes`), while everything new is written under the current key; `register:rotate-key`
 * then rewrites the old rows. Stored form: "v2.<key id>.<base64(iv | tag | ciphertext)>"; the
 * older "v1.<base64…>" has no key id and is tried with the current key, then the previous one.
 */
export class PiiCipher {
  private readonly current: PiiKey;
  private readonly previous: PiiKey | null;

  constructor(masterKey: Buffer, previousKey: Buffer | null = null) {
    this.current = deriveKey(masterKey);
    this.previous = previousKey ? deriveKey(previousKey) : null;
    if (this.previous && this.previous.id === this.current.id) throw new Error('the previous PII key is the current key');
  }

  static fromConfig(cfg: Pick<AppConfig, 'PII_KEY' | 'PII_KEY_PREVIOUS' | 'JWT_SECRET' | 'NODE_ENV'>): PiiCipher {
    if (cfg.PII_KEY) return new PiiCipher(parsePiiKey(cfg.PII_KEY), cfg.PII_KEY_PREVIOUS ? parsePiiKey(cfg.PII_KEY_PREVIOUS) : null);
    if (cfg.NODE_ENV === 'production') throw new Error('PII_KEY is required in production');
    if (cfg.PII_KEY_PREVIOUS) throw new Error('PII_KEY_PREVIOUS needs PII_KEY (the key to rotate to)');
    // Development/test only: derived from the (secret, per-install) JWT secret, never a constant.
    return new PiiCipher(Buffer.from(hkdfSync('sha256', Buffer.from(cfg.JWT_SECRET), Buffer.alloc(0), 'weigrid dev pii key', 32)));
  }

  /** The current key's id, as it appears in stored values ("v2.<id>."). */
  get keyId(): string {
    return this.current.id;
  }

  /** True when a stored value is already in the current form (current key, current version). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${VERSION}.${this.current.id}.`);
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
    const c = createCipheriv('aes-256-gcm', this.current.encKey, iv);
    c.setAAD(Buffer.from(field));
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${VERSION}.${this.current.id}.${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')}`;
  }

  /** Throws if the value was tampered with, belongs to another field, or was made with a key this cipher does not hold. */
  decrypt(field: PiiField, stored: string): string {
    if (stored.startsWith(LEGACY)) {
      const raw = Buffer.from(stored.slice(LEGACY.length), 'base64');
      // No key id: the current key, then the previous one (GCM's tag tells a wrong key apart).
      try {
        return open(this.current, field, raw);
      } catch (e) {
        if (!this.previous) throw e;
        return open(this.previous, field, raw);
      }
    }
    const [version, kid, body] = stored.split('.');
    if (version !== VERSION || body === undefined) throw new Error('unknown PII ciphertext version');
    const key = kid === this.current.id ? this.current : kid === this.previous?.id ? this.previous : null;
    if (!key) throw new Error(`PII ciphertext made with key ${kid}, which is neither PII_KEY nor PII_KEY_PREVIOUS`);
    return open(key, field, Buffer.from(body, 'base64'));
  }

  /**
   * Keyed hash of a normalized value under the current key, as stored: the first 128 bits of the
   * HMAC (collisions need ~2^64 values), 16 bytes for the `binary(16)` columns.
   */
  hash(field: PiiField, normalized: string): Buffer {
    return hmac(this.current, field, normalized);
  }

  /** Every hash a stored row may carry for this value: current key first, then the previous one during a rotation. */
  lookupHashes(field: PiiField, normalized: string): Buffer[] {
    return this.previous ? [hmac(this.current, field, normalized), hmac(this.previous, field, normalized)] : [hmac(this.current, field, normalized)];
  }
}

function hmac(k: PiiKey, field: PiiField, normalized: string): Buffer {
  return createHmac('sha256', k.macKey).update(field).update('\0').update(normalized).digest().subarray(0, 16);
}

function open(k: PiiKey, field: PiiField, raw: Buffer): string {
  if (raw.length < IV_LEN + TAG_LEN) throw new Error('PII ciphertext too short');
  const d = createDecipheriv('aes-256-gcm', k.encKey, raw.subarray(0, IV_LEN));
  d.setAAD(Buffer.from(field));
  d.setAuthTag(raw.subarray(IV_LEN, IV_LEN + TAG_LEN));
  return Buffer.concat([d.update(raw.subarray(IV_LEN + TAG_LEN)), d.final()]).toString('utf8');
}
