import request from 'supertest';
import { rmSync } from 'node:fs';
import sharp from 'sharp';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs } from '../helpers/auth.js';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';

const GRID = '510104001001001';
const OTHER_GRID = '510104001002001';

async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam', Model: 'GPS-1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '104/1 4/1 0/1' } })
    .toBuffer();
}

describe.each(testDbKinds())('uploads over HTTP on %s', (kind) => {
  let t: TestApp;
  let auth: string;
  let other: string;
  beforeAll(async () => {
    t = await bootTestApp(kind, { UPLOAD_DIR: `/tmp/weigrid-uploads-${process.pid}-${kind}` });
    auth = (await loginAs(t)).auth;
    other = (await loginAs(t)).auth;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(t.config.UPLOAD_DIR, { recursive: true, force: true });
  });

  it('stores a JPEG without its EXIF location and serves it and a thumbnail', async () => {
    const input = await jpegWithGps();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const res = await request(t.base).post('/api/v1/uploads').set('authorization', auth).attach('file', input, { filename: 'x.jpg', contentType: 'image/jpeg' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mime: 'image/jpeg', width: 800, height: 600, held: false });
    expect(res.body.id).toMatch(/^[0-9a-f]{24}$/);
    const got = await request(t.base).get(res.body.url).set('authorization', auth).buffer(true).parse((r, cb) => { const c: Buffer[] = []; r.on('data', (d: Buffer) => c.push(d)); r.on('end', () => cb(null, Buffer.concat(c))); });
    expect(got.status).toBe(200);
    // Someone else with the bare id: not theirs and not shown to them with a grant.
    expect((await request(t.base).get(res.body.url).set('authorization', other)).status).toBe(404);
    expect(got.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(got.body as Buffer).metadata();
    expect(meta.exif).toBeUndefined();
    expect((got.body as Buffer).includes(Buffer.from('GPS-1'))).toBe(false);
    const th = await request(t.base).get(res.body.thumbUrl).set('authorization', auth).buffer(true).parse((r, cb) => { const c: Buffer[] = []; r.on('data', (d: Buffer) => c.push(d)); r.on('end', () => cb(null, Buffer.concat(c))); });
    expect(th.status).toBe(200);
    const tm = await sharp(th.body as Buffer).metadata();
    expect(tm.format).toBe('webp');
    expect(Math.max(tm.width!, tm.height!)).toBe(320);
  });

  it('accepts PNG and WebP, judged by content not by the declared type', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#00ff0080' } }).png().toBuffer();
    const webp = await sharp({ create: { width: 50, height: 20, channels: 3, background: '#0000ff' } }).webp().toBuffer();
    const r1 = await request(t.base).post('/api/v1/uploads').set('authorization', auth).attach('file', png, { filename: 'a.jpg', contentType: 'image/jpeg' });
    expect(r1.status).toBe(201);
    expect(r1.body.mime).toBe('image/png');
    const r2 = await request(t.base).post('/api/v1/uploads').set('authorization', auth).attach('file', webp, { filename: 'b.bin', contentType: 'application/octet-stream' });
    expect(r2.status).toBe(201);
    expect(r2.body).toMatchObject({ mime: 'image/webp', width: 50, height: 20 });
  });

  it('refuses non-images, corrupt images, empty and oversized files, and anonymous callers, storing nothing', async () => {
    const before = await t.ds.query('SELECT COUNT(*) AS n FROM upload');
    const post = (buf: Buffer, name = 'f.jpg', type = 'image/jpeg') => request(t.base).post('/api/v1/uploads').set('authorization', auth).attach('file', buf, { filename: name, contentType: type });
    const svg = await post(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.svg', 'image/svg+xml');
    expect([svg.status, svg.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const gif = await post(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'x.gif', 'image/gif');
    expect(gif.status).toBe(415);
    const corrupt = await post(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]));
    expect([corrupt.status, corrupt.body.code]).toEqual([422, 'VALIDATION_FAILED']);
    const empty = await post(Buffer.alloc(0));
    expect(empty.status).toBe(422);
    const big = await post(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(11 * 1024 * 1024)]));
    expect([big.status, big.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const json = await request(t.base).post('/api/v1/uploads').set('authorization', auth).send({ file: 'x' });
    expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const anon = await request(t.base).post('/api/v1/uploads').attach('file', await jpegWithGps(), 'x.jpg');
    expect([anon.status, anon.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const wrongField = await request(t.base).post('/api/v1/uploads').set('authorization', auth).attach('photo', await jpegWithGps(), 'x.jpg');
    expect(wrongField.status).toBe(422);
    expect(await t.ds.query('SELECT COUNT(*) AS n FROM upload')).toEqual(before);
    const missing = await request(t.base).get('/api/v1/uploads/../../etc/passwd').set('authorization', auth);
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.status).toBeLessThan(500);
    const nf = await request(t.base).get('/api/v1/uploads/0123456789abcdef01234567').set('authorization', auth);
    expect([nf.status, nf.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('serves someone else’s photo only through the grant in an event detail shown to that viewer', async () => {
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    const reporter = await loginAs(t, { grants: [{ role: 'resident', nodeCode: `${GRID}001` }] });
    const worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: GRID }] });
    const outsider = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: OTHER_GRID }] });
    const up = await request(t.base).post('/api/v1/uploads').set('authorization', reporter.auth).attach('file', await jpegWithGps(), 'x.jpg').expect(201);
    const ev = await request(t.base).post('/api/v1/events').set('authorization', reporter.auth).send({ requestId: randomUUID(), category: 'road', description: '井盖缺失', gridCode: `${GRID}001`, photos: [up.body.id] });
    expect(ev.status).toBe(201);
    const detail = await request(t.base).get(`/api/v1/events/${ev.body.id}`).set('authorization', worker.auth).expect(200);
    const { url, thumbUrl } = detail.body.photos[0] as { url: string; thumbUrl: string };
    expect(url).toMatch(/\?g=\d+\.[\w-]{32}$/);
    expect((await request(t.base).get(url).set('authorization', worker.auth)).status).toBe(200);
    expect((await request(t.base).get(thumbUrl).set('authorization', worker.auth)).status).toBe(200);
    // The same URL in another account, the bare id, a grant for another photo or a tampered one: 404.
    expect((await request(t.base).get(url).set('authorization', outsider.auth)).status).toBe(404);
    expect((await request(t.base).get(`/api/v1/uploads/${up.body.id}`).set('authorization', worker.auth)).status).toBe(404);
    expect((await request(t.base).get(`/api/v1/uploads/${up.body.id}?g=${url.split('?g=')[1]!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`).set('authorization', worker.auth)).status).toBe(404);
    expect((await request(t.base).get(`/api/v1/events/${ev.body.id}`).set('authorization', outsider.auth)).status).toBe(404);
    // The reporter's own URLs need no grant.
    const own = await request(t.base).get(`/api/v1/events/${ev.body.id}`).set('authorization', reporter.auth).expect(200);
    expect(own.body.photos[0].url).toBe(`/api/v1/uploads/${up.body.id}`);
  });
});
