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
    const raw = Buffer.from(a.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => c.decrypt('person.phone', `v1.${raw.toString('base64')}`)).toThrow();
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
});
