import 'reflect-metadata';
import { AppError } from './app-error.js';
import { CursorQueryDto, LimitQueryDto, TokenCursorQueryDto } from './cursor-query.dto.js';
import { createValidationPipe } from './validation.js';
import { InboxQueryDto } from '../notify/dto.js';
import { CampaignListQuery } from '../campaigns/dto.js';

/** What a client gets back for a query string, through the app's own validation pipe. */
async function parse(metatype: new () => object, query: Record<string, unknown>): Promise<Record<string, unknown> | Record<string, string>> {
  try {
    return (await createValidationPipe().transform(query, { type: 'query', metatype })) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof AppError) return { rejected: Object.keys((e.details as { fields: Record<string, string> }).fields).join(',') };
    throw e;
  }
}

describe('CursorQueryDto (the one ?cursor=&limit= of every list)', () => {
  it('turns digits into numbers and treats a missing or empty value as absent', async () => {
    expect(await parse(CursorQueryDto, { cursor: '42', limit: '20' })).toEqual({ cursor: 42, limit: 20 });
    expect(await parse(CursorQueryDto, {})).toEqual({});
    expect({ ...(await parse(CursorQueryDto, { cursor: '' })) }).toEqual({ cursor: undefined });
  });

  it.each([['abc'], ['1.5'], ['1e3'], ['0x10'], ['-1'], ['0'], [['1', '2']]])('rejects cursor %j with 422 naming the field', async (v) => {
    expect(await parse(CursorQueryDto, { cursor: v })).toEqual({ rejected: 'cursor' });
  });

  it('allows 1…200 per page', async () => {
    expect(await parse(LimitQueryDto, { limit: '200' })).toEqual({ limit: 200 });
    expect(await parse(LimitQueryDto, { limit: '201' })).toEqual({ rejected: 'limit' });
    expect(await parse(LimitQueryDto, { limit: '0' })).toEqual({ rejected: 'limit' });
  });

  it('keeps the lower limits of lists that set one (inbox, campaigns: 100)', async () => {
    expect(await parse(InboxQueryDto, { limit: '100', unread: 'true' })).toEqual({ limit: 100, unread: true });
    expect(await parse(InboxQueryDto, { limit: '101' })).toEqual({ rejected: 'limit' });
    expect(await parse(CampaignListQuery, { limit: '101' })).toEqual({ rejected: 'limit' });
  });

  it('passes an opaque token cursor through as text, bounded in length', async () => {
    expect(await parse(TokenCursorQueryDto, { cursor: 'NTEwMTA0' })).toEqual({ cursor: 'NTEwMTA0' });
    expect(await parse(TokenCursorQueryDto, { cursor: 'x'.repeat(201) })).toEqual({ rejected: 'cursor' });
  });

  it('rejects parameters a list does not know', async () => {
    expect(await parse(CursorQueryDto, { offset: '10' })).toEqual({ rejected: 'offset' });
  });
});
