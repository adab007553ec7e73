import { ERRORS, ERROR_CODES, isErrorEnvelope, statusOf, userMessage } from '../errors.js';

describe('error codes', () => {
  it('map every code to a 4xx/5xx status and a Chinese message', () => {
    for (const code of ERROR_CODES) {
      expect(statusOf(code)).toBeGreaterThanOrEqual(400);
      expect(statusOf(code)).toBeLessThan(600);
      expect(ERRORS[code].zh.length).toBeGreaterThan(0);
    }
  });
  it('recognise an envelope and fall back for unknown codes', () => {
    expect(isErrorEnvelope({ code: 'NOT_FOUND', message: 'x' })).toBe(true);
    expect(isErrorEnvelope({ code: 'NOPE', message: 'x' })).toBe(false);
    expect(userMessage({ code: 'RATE_LIMITED' })).toBe(ERRORS.RATE_LIMITED.zh);
    expect(userMessage(undefined)).toBe(ERRORS.INTERNAL.zh);
  });
});
