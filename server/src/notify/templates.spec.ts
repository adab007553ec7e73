import { buildTemplateData, fitValue, parseTemplates, TemplateConfigError } from './templates.js';

describe('subscribe templates', () => {
  it('truncates values to WeChat limits instead of failing', () => {
    expect(fitValue('thing', '锦江区春熙路街道红星社区第三网格东大街五十号院门口')).toBe('锦江区春熙路街道红星社区第三网格东大街…');
    expect([...fitValue('thing', 'x'.repeat(50))]).toHaveLength(20);
    expect(fitValue('phrase', '处置中已派单')).toBe('处置中已派');
    expect(fitValue('character_string', 'EV-2026-000123 编号')).toBe('EV-2026-000123');
    expect(fitValue('character_string', 'A'.repeat(40))).toHaveLength(32);
    expect(fitValue('thing', '')).toBe('—');
    expect(fitValue('time', '2026-11-27T02:05:00Z')).toBe('2026-11-27 10:05');
    expect(fitValue('thing', '🏮'.repeat(25))).toBe('🏮'.repeat(19) + '…');
  });

  it('maps configured fields to values', () => {
    const t = parseTemplates(JSON.stringify({ task_new: { id: 'TMPL_1', fields: { thing7: 'category', time2: 'time' } } })).task_new;
    expect(buildTemplateData(t, { category: '占道经营', time: '2026-11-27T00:00:00Z' })).toEqual({ thing7: { value: '占道经营' }, time2: { value: '2026-11-27 08:00' } });
  });

  it.each([
    ['{', /not valid JSON/],
    ['{"nope":{"id":"x"}}', /unknown template "nope"/],
    ['{"task_new":{"id":"bad id!"}}', /task_new.id/],
    ['{"task_new":{"id":"x","fields":{"title1":"category"}}}', /not a WeChat field name/],
    ['{"task_new":{"id":"x","fields":{"thing1":"salary"}}}', /"salary" is not a value of task_new/],
  ])('rejects bad config %s', (json, re) => {
    expect(() => parseTemplates(json)).toThrow(TemplateConfigError);
    expect(() => parseTemplates(json)).toThrow(re);
  });
});
