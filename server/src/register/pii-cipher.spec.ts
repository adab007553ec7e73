import { randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher.js';

describe('PiiCipher', () => {
  const c = new PiiCipher(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = c.encrypt('person.id_number', '11010519491231002X');
    const b = c.encrypt('person.id_number', '11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('11010519491231002X');
    expect(c.decrypt('person.id_number', a)).toBe('11010519491231002X');
  });

  it('refuses a value moved to another field, tampered with, or made with another key', () => {
    const a = c.encrypt('person.phone', '13800138000');
    expect(() => c.decrypt('person.id_number', a)).toThrow();
    const [v, kid, body] = a.split('.');
    expect([v, kid]).toEqual(['v2', c.keyId]);
    const raw = Buffer.from(body!, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => c.decrypt('person.phone', `v2.${kid}.${raw.toString('base64')}`)).toThrow();
    expect(() => new PiiCipher(randomBytes(32)).decrypt('person.phone', a)).toThrow();
    expect(() => c.decrypt('person.phone', 'plain')).toThrow(/version/);
  });

  it('hashes deterministically per key and per field', () => {
    expect(c.hash('person.phone', '13800138000')).toEqual(c.hash('person.phone', '13800138000'));
    expect(c.hash('person.phone', '13800138000')).toHaveLength(16);
    expect(c.hash('person.phone', '13800138000')).not.toEqual(c.hash('person.id_number', '13800138000'));
    expect(new PiiCipher(randomBytes(32)).hash('person.phone', '13800138000')).not.toEqual(c.hash('person.phone', '13800138000'));
  });

  it('takes the key from config, hex or base64, and refuses production without one', () => {
    const key = randomBytes(32);
    const hex = PiiCipher.fromConfig({ PII_KEY: key.toString('hex'), JWT_SECRET: 'x'.repeat(32), NODE_ENV: 'development' });
    const b64 = PiiCipher.fromConfig({ PII_KEY: key.toString('base64'), JWT_SECRET: 'y'.repeat(32), NODE_ENV: 'production' });
    expect(b64.decrypt('person.phone', hex.encrypt('person.phone', '13800138000'))).toBe('13800138000');
    expect(() => PiiCipher.fromConfig({ JWT_SECRET: 'x'.repeat(32), NODE_ENV: 'production' })).toThrow(/PII_KEY/);
    expect(() => new PiiCipher(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('during a rotation reads and finds values of the previous key, and writes under the new one', () => {
    const keyA = randomBytes(32);
    const a = new PiiCipher(keyA);
    const b = new PiiCipher(randomBytes(32));
    const rotating = new PiiCipher(randomBytes(32), keyA);
    const old = a.encrypt('person.phone', '13800138000');
    expect(rotating.decrypt('person.phone', old)).toBe('13800138000');
    expect(rotating.isCurrent(old)).toBe(false);
    expect(rotating.isCurrent(rotating.encrypt('person.phone', '1'))).toBe(true);
    expect(rotating.lookupHashes('person.phone', '13800138000')).toEqual([rotating.hash('person.phone', '13800138000'), a.hash('person.phone', '13800138000')]);
    expect(a.lookupHashes('person.phone', '13800138000')).toEqual([a.hash('person.phone', '13800138000')]);
    expect(() => b.decrypt('person.phone', old)).toThrow(/neither PII_KEY nor PII_KEY_PREVIOUS/);
    expect(() => new PiiCipher(keyA, keyA)).toThrow(/previous PII key is the current key/);
  });

  it('still reads the first stored form (v1, no key id) with either key', () => {
    const keyA = randomBytes(32);
    // "v1.<base64>" as written before key ids: the same bytes without the id.
    const legacy = (c2: PiiCipher, plain: string) => `v1.${c2.encrypt('person.id_number', plain).split('.')[2]}`;
    const v1 = legacy(new PiiCipher(keyA), '11010519491231002X');
    expect(new PiiCipher(keyA).decrypt('person.id_number', v1)).toBe('11010519491231002X');
    expect(new PiiCipher(randomBytes(32), keyA).decrypt('person.id_number', v1)).toBe('11010519491231002X');
    expect(new PiiCipher(keyA).isCurrent(v1)).toBe(false);
    expect(() => new PiiCipher(randomBytes(32)).decrypt('person.id_number', v1)).toThrow();
  });
});
