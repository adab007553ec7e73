import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';

/** A stand-in H5 build: index.html and a hashed 60 KB chunk, as Taro writes them. */
function fakeBuild(): { dir: string; js: string } {
  const dir = mkdtempSync(join(tmpdir(), 'weigrid-h5-'));
  mkdirSync(join(dir, 'js'));
  writeFileSync(join(dir, 'index.html'), `<!DOCTYPE html><html lang="zh-CN"><body>${'<p>微网格</p>'.repeat(200)}</body></html>`);
  const js = 'js/app.0a1b2c3d.js';
  writeFileSync(join(dir, js), `console.log(${JSON.stringify('x'.repeat(60_000))});`);
  return { dir, js };
}

/** A GET that keeps the bytes as sent (fetch would decode them). */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

// The H5 files never touch the database; both drivers still boot the whole app as users do.
describe.each(testDbKinds())('H5 static files on %s', (kind) => {
  let t: TestApp;
  const build = fakeBuild();
  beforeAll(async () => {
    t = await bootTestApp(kind, { H5_DIR: build.dir });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends hashed files brotli-compressed and cacheable for a year, unchanged once decoded', async () => {
    const r = await rawGet(`${t.base}/${build.js}`, 'br, gzip');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.body.length).toBeLessThan(6_000);
    expect(brotliDecompressSync(r.body).toString()).toContain('console.log');
  });

  it('falls back to gzip, and index.html is revalidated on every visit so a new build shows', async () => {
    const r = await rawGet(`${t.base}/index.html`, 'gzip');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it('leaves API responses as they were', async () => {
    const r = await rawGet(`${t.base}/api/v1/overview`, 'br, gzip');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(r.body.toString()).appName).toBeTruthy();
  });
});
