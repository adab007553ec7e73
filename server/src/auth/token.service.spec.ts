import { loadConfig } from '../config/config.js';
import { AppError } from '../common/app-error.js';
import { TokenService } from './token.service.js';

const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'unit-secret-unit-secret-unit-secret-0123', JWT_TTL_SECONDS: '60' });

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

describe('TokenService', () => {
  const realNow = Date.now;
  afterEach(() => {
    Date.now = realNow;
  });

  it('remembers a verified token but still expires it on time', async () => {
    const tokens = new TokenService(config);
    const t = await tokens.sign({ userId: 7, sessionId: 9 });
    expect(await tokens.verify(t)).toEqual({ userId: 7, sessionId: 9 });
    expect(await tokens.verify(t)).toEqual({ userId: 7, sessionId: 9 }); // from memory
    const now = Date.now();
    Date.now = () => now + 61_000;
    expect(await code(tokens.verify(t))).toBe('TOKEN_EXPIRED');
  });

  it('does not let a remembered token vouch for an altered one', async () => {
    const tokens = new TokenService(config);
    const t = await tokens.sign({ userId: 7, sessionId: 9 });
    await tokens.verify(t);
    const [h, p, s] = t.split('.') as [string, string, string];
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: '1' })).toString('base64url')}.${s}`;
    expect(await code(tokens.verify(forged))).toBe('UNAUTHENTICATED');
    const other = new TokenService(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'another-secret-another-secret-another-0' }));
    expect(await code(other.verify(t))).toBe('UNAUTHENTICATED');
  });
});
