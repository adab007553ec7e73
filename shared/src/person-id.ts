/**
 * Chinese resident identity numbers (GB 11643-1999, 公民身份号码): 6-digit region code, 8-digit
 * birth date, 3-digit sequence (odd = male, even = female), and a check character computed with
 * ISO 7064 MOD 11-2. The check catches every single-digit typo and most transpositions, which
 * is why imports reject a bad checksum instead of storing a number nobody can match later.
 */
export type IdNumberProblem = 'format' | 'region' | 'birth_date' | 'checksum';

export interface IdNumberInfo {
  /** Normalized: 18 characters, upper-case X. */
  value: string;
  regionCode: string;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  gender: 'male' | 'female';
}

export type IdNumberCheck = { ok: true; info: IdNumberInfo } | { ok: false; problem: IdNumberProblem; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Province-level prefixes in use (incl. 71 台湾, 81 香港, 82 澳门 and 83 for residence permits). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Validates an 18-character resident ID number; `today` bounds the birth date (no future births). */
export function checkIdNumber(input: unknown, today: Date = new Date()): IdNumberCheck {
  if (typeof input !== 'string') return { ok: false, problem: 'format', reason: 'must be a string' };
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format', reason: 'must be 17 digits followed by a digit or X' };
  if (!PROVINCES.has(value.slice(0, 2))) return { ok: false, problem: 'region', reason: `unknown province code ${value.slice(0, 2)}` };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > today.getTime()) {
    return { ok: false, problem: 'birth_date', reason: `impossible birth date ${value.slice(6, 14)}` };
  }
  if (idNumberCheckChar(value) !== value[17]) return { ok: false, problem: 'checksum', reason: 'check character does not match (GB 11643)' };
  return {
    ok: true,
    info: { value, regionCode: value.slice(0, 6), birthYear: y, birthMonth: m, birthDay: d, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

export function isValidIdNumber(input: unknown): boolean {
  return checkIdNumber(input).ok;
}

/**
 * Phone numbers are normalized before hashing so that "138 0013 8000", "+86 13800138000" and
 * "13800138000" find the same person. Mobile (11 digits, 1[3-9]…) or landline with area code.
 */
export function normalizePhone(input: unknown): string | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  let s = String(input).replace(/[\s()（）-]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  if (/^0\d{2,3}\d{7,8}$/.test(s)) return s;
  return null;
}

// Phones are masked by maskPhone (dto/accounts.ts): 138****8000.

/** 5101**********123X: province + city visible (it says where, not who), last 4 kept for recognition. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 张*明 / 欧阳** / 李*: the surname stays so a worker can still tell people apart in a list. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
