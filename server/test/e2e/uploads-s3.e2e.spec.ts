import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import S3rver from 's3rver';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs } from '../helpers/auth.js';
import { loadConfig } from '../../src/config/config.js';

/**
 * STORAGE=s3 against s3rver (an S3-compatible server that runs in-process here): two API
 * instances on one database and one bucket serve each other's photos (issue 23). What s3rver does
 * not cover — real S3 signing quirks of Aliyun OSS / Tencent COS, multipart uploads, lifecycle rules
 * — is listed in docs/deployment.md.
 */
describe('photos in S3-compatible object storage', () => {
  let s3server: S3rver;
  let dir: string;
  let a: TestApp;
  let b: TestApp;
  const bucket = 'weigrid-photos';
  let endpoint: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wg-s3-'));
    s3server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
    const { port } = await s3server.run();
    endpoint = `http://127.0.0.1:${port}`;
    const env = { STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_PREFIX: 'wg/' };
    a = await bootTestApp('sqlite', env);
    // The second instance on the same database (a shared SQLite file here; MariaDB in production).
    b = await bootTestApp('sqlite', env, a.db);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await s3server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the photo in the bucket, and another instance serves it to its owner only', async () => {
    const owner = await loginAs(a);
    const other = await loginAs(a);
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c04040' } }).jpeg().toBuffer();
    const up = await request(a.base).post('/api/v1/uploads').set('authorization', owner.auth).attach('file', jpeg, { filename: 'p.jpg', contentType: 'image/jpeg' }).expect(201);
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'wg/' }));
    client.destroy();
    // The photo and its thumbnail, under the prefix; nothing on local disk.
    expect((listed.Contents ?? []).map((o) => o.Key)).toHaveLength(2);
    const bin = (r: request.Test) => r.buffer(true).parse((res, cb) => { const c: Buffer[] = []; res.on('data', (d: Buffer) => c.push(d)); res.on('end', () => cb(null, Buffer.concat(c))); });
    const got = await bin(request(b.base).get(up.body.url).set('authorization', owner.auth));
    expect(got.status).toBe(200);
    expect((await sharp(got.body as Buffer).metadata()).width).toBe(640);
    const thumb = await bin(request(b.base).get(up.body.thumbUrl).set('authorization', owner.auth));
    expect(thumb.status).toBe(200);
    expect((await request(b.base).get(up.body.url).set('authorization', other.auth)).status).toBe(404);
  });

  it('refuses to start with STORAGE=s3 and no bucket, naming what is missing', () => {
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(32), STORAGE: 's3' })).toThrow(/STORAGE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/);
  });
});
