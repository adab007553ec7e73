/**
 * Grid codes follow the national unit-grid convention (GB/T 30428 style):
 *   6-digit county (区县) + 3 street (街道) + 3 community (社区) + 3 grid (网格) = 15 digits,
 * and micro-grids add 3 more (18 digits). Levels above the county use the administrative
 * division codes: a city is 4 digits (e.g. 5101 成都), a province 2.
 */
export const GRID_LEVELS = ['city', 'district', 'street', 'community', 'grid', 'micro'] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

export const GRID_LEVEL_LABEL: Record<GridLevel, string> = {
  city: '市',
  district: '区县',
  street: '街道',
  community: '社区',
  grid: '网格',
  micro: '微网格',
};

/** Code length of each level. */
export const GRID_CODE_LENGTH: Record<GridLevel, number> = {
  city: 4,
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
  micro: 18,
};

export function isGridLevel(value: unknown): value is GridLevel {
  return typeof value === 'string' && (GRID_LEVELS as readonly string[]).includes(value);
}

export function levelIndex(level: GridLevel): number {
  return GRID_LEVELS.indexOf(level);
}

export type GridCodeProblem =
  | 'not_a_string'
  | 'not_digits'
  | 'wrong_length'
  | 'zero_segment'
  | 'not_under_parent';

export interface GridCodeCheck {
  ok: boolean;
  problem?: GridCodeProblem;
  reason?: string;
}

/** The level a code's length implies, or undefined. */
export function levelOfCode(code: string): GridLevel | undefined {
  return GRID_LEVELS.find((l) => GRID_CODE_LENGTH[l] === code.length);
}

/** The code of the parent a code implies by its prefix (e.g. a grid's community), or undefined for a city. */
export function parentCodeOf(code: string): string | undefined {
  const level = levelOfCode(code);
  if (!level) return undefined;
  const i = levelIndex(level);
  if (i === 0) return undefined;
  return code.slice(0, GRID_CODE_LENGTH[GRID_LEVELS[i - 1]!]);
}

/**
 * Validates a code for a level and, when given, its parent's code. The segment a level adds
 * must not be all zeros (000 is reserved for "the level itself" in the division standard).
 * A deployment may skip levels (e.g. no city node above a district), so the parent check is
 * a prefix check, not a length check.
 */
export function checkGridCode(code: unknown, level: GridLevel, parentCode?: string): GridCodeCheck {
  if (typeof code !== 'string') return { ok: false, problem: 'not_a_string', reason: '编码必须是字符串' };
  if (!/^\d+$/.test(code)) return { ok: false, problem: 'not_digits', reason: '编码只能包含数字' };
  const want = GRID_CODE_LENGTH[level];
  if (code.length !== want) {
    return { ok: false, problem: 'wrong_length', reason: `${GRID_LEVEL_LABEL[level]}编码应为${want}位，实际${code.length}位` };
  }
  const i = levelIndex(level);
  const prevLen = i === 0 ? 2 : GRID_CODE_LENGTH[GRID_LEVELS[i - 1]!];
  if (/^0+$/.test(code.slice(prevLen))) {
    return { ok: false, problem: 'zero_segment', reason: `${GRID_LEVEL_LABEL[level]}段不能全为0` };
  }
  if (parentCode !== undefined && !code.startsWith(parentCode)) {
    return { ok: false, problem: 'not_under_parent', reason: `编码${code}不以上级编码${parentCode}开头` };
  }
  return { ok: true };
}

export function isValidGridCode(code: unknown, level: GridLevel, parentCode?: string): boolean {
  return checkGridCode(code, level, parentCode).ok;
}

/**
 * Codes of every level above a code that the code's prefix implies, from the top (a city or
 * province-level prefix that exists in the table is the caller's business).
 */
export function impliedAncestorCodes(code: string): string[] {
  const out: string[] = [];
  for (let c = parentCodeOf(code); c !== undefined; c = parentCodeOf(c)) out.unshift(c);
  return out;
}

/** A level is strictly above another (city is above district, …). */
export function isAbove(upper: GridLevel, lower: GridLevel): boolean {
  return levelIndex(upper) < levelIndex(lower);
}
