import request from 'supertest';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';

describe.each(testDbKinds())('HTTP basics on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers liveness and readiness (ready checks the database)', async () => {
    await request(t.base).get('/api/v1/health/live').expect(200, { status: 'ok' });
    const ready = await request(t.base).get('/api/v1/health/ready').expect(200);
    expect(ready.body.checks.database.ok).toBe(true);
  });

  it('echoes or creates a request id', async () => {
    const a = await request(t.base).get('/api/v1/health/live').set('x-request-id', 'abc-123');
    expect(a.headers['x-request-id']).toBe('abc-123');
    const b = await request(t.base).get('/api/v1/health/live');
    expect(b.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves OpenAPI JSON and UI', async () => {
    const json = await request(t.base).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/health/ready');
    const ui = await request(t.base).get('/api/docs').redirects(1);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('uses the error envelope for unknown routes', async () => {
    const r = await request(t.base).get('/api/v1/nope').expect(404);
    expect(r.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    expect(r.body.message).toContain('/api/v1/nope');
  });

  it('serves the overview the home page shows', async () => {
    const r = await request(t.base).get('/api/v1/overview').expect(200);
    expect(r.body).toMatchObject({ appName: '微网格', categories: [], region: null });
  });
});
