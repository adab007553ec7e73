import { checkGridCode, levelOfCode, parentCodeOf } from '../grid-code.js';

describe('grid codes', () => {
  it('accepts codes of the right length under their parent', () => {
    expect(checkGridCode('510104', 'district', '5101').ok).toBe(true);
    expect(checkGridCode('510104001', 'street', '510104').ok).toBe(true);
    expect(checkGridCode('510104001002003', 'grid').ok).toBe(true);
    expect(checkGridCode('510104001002003004', 'micro', '510104001002003').ok).toBe(true);
  });

  it('names the problem with a bad code', () => {
    expect(checkGridCode('51010400', 'street').problem).toBe('wrong_length');
    expect(checkGridCode('51010400a', 'street').problem).toBe('not_digits');
    expect(checkGridCode(510104001, 'street').problem).toBe('not_a_string');
    expect(checkGridCode('510104000', 'street').problem).toBe('zero_segment');
    expect(checkGridCode('510105001', 'street', '510104').problem).toBe('not_under_parent');
    expect(checkGridCode('51010400', 'street').reason).toContain('9位');
  });

  it('derives level and parent from a code', () => {
    expect(levelOfCode('510104001002')).toBe('community');
    expect(parentCodeOf('510104001002003004')).toBe('510104001002003');
    expect(parentCodeOf('5101')).toBeUndefined();
    expect(levelOfCode('12345')).toBeUndefined();
  });
});
