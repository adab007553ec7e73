/**
 * PII_KEY / PII_KEY_PREVIOUS as bytes: 64 hex characters or base64 (validated by the config).
 * Here rather than in register/pii-cipher.ts so the config does not import register (issue 17).
 */
export function parsePiiKey(v: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
}
