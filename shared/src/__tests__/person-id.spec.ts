import { checkIdNumber, idNumberCheckChar, isValidIdNumber, maskIdNumber, maskName, normalizePhone } from '../person-id.js';
import { maskPhone } from '../dto/accounts.js';
import { isPlausibleBirthYear } from '../register.js';

describe('GB 11643 resident ID numbers', () => {
  // The two examples printed in GB 11643-1999 itself.
  it.each(['11010519491231002X', '440524188001010014'])('accepts the standard example %s', (id) => {
    expect(isValidIdNumber(id)).toBe(true);
  });

  it('parses birth date and gender', () => {
    const r = checkIdNumber('11010519491231002x');
    expect(r).toEqual({ ok: true, info: { value: '11010519491231002X', regionCode: '110105', birthYear: 1949, birthMonth: 12, birthDay: 31, gender: 'female' } });
    const m = checkIdNumber('440524188001010014');
    expect(m.ok && m.info.gender).toBe('male');
  });

  it('computes the check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });

  it('rejects every single-digit typo of a valid number', () => {
    const good = '440524188001010014';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[i]) continue;
        const bad = good.slice(0, i) + d + good.slice(i + 1);
        expect(isValidIdNumber(bad)).toBe(false);
      }
    }
  });

  it.each([
    ['11010519491231002', 'format'],
    ['1101051949123100211', 'format'],
    ['11010519491231002Y', 'format'],
    ['99010519491231002X', 'region'],
    ['110105194902300021', 'birth_date'],
    ['110105299901010021', 'birth_date'],
    ['110105194912310021', 'checksum'],
  ])('rejects %s (%s)', (id, problem) => {
    const r = checkIdNumber(id, new Date('2026-01-01'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toBe(problem);
  });

  it('rejects a birth date in the future', () => {
    const id = '110105202601020021'.slice(0, 17);
    const full = id + idNumberCheckChar(id);
    expect(checkIdNumber(full, new Date('2026-01-01')).ok).toBe(false);
    expect(checkIdNumber(full, new Date('2026-06-01')).ok).toBe(true);
  });
});

describe('phones and masking', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['028-85551234', '02885551234'],
    ['12345', null],
    ['10086000000', null],
  ])('normalizes %s', (input, out) => expect(normalizePhone(input)).toBe(out));

  it('masks', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('02885551234')).toBe('028****1234');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName(null)).toBeNull();
  });

  it('bounds birth years', () => {
    const now = new Date('2026-05-01');
    expect(isPlausibleBirthYear(1950, now)).toBe(true);
    expect(isPlausibleBirthYear(1889, now)).toBe(false);
    expect(isPlausibleBirthYear(2027, now)).toBe(false);
    expect(isPlausibleBirthYear(1950.5, now)).toBe(false);
  });
});
