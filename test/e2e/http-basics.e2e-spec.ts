import request from 'supertest';
import { startTestApp, TestApp } from 'test/support/test-app';

describe('HTTP basics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers live and ready', async () => {
    await request(t.url).get('/health/live').expect(200, { status: 'ok' });
    await request(t.url).get('/health/ready').expect(200, { status: 'ok' });
  });

  it('renders an unknown route as a problem with a stable code', async () => {
    const res = await request(t.url).get('/api/v1/nothing-here').expect(404);

    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: expect.stringContaining('route-not-found'),
      title: 'Not Found',
      status: 404,
      code: 'ROUTE_NOT_FOUND',
    });
  });

  it('answers 422 for malformed JSON and 413 for a body over 8 MB', async () => {
    const malformed = await request(t.url)
      .post('/api/v1/login')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(422);
    expect(malformed.body.code).toBe('MALFORMED_BODY');

    const huge = JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(8 * 1024 * 1024) });
    const tooLarge = await request(t.url)
      .post('/api/v1/login')
      .set('content-type', 'application/json')
      .send(huge)
      .expect(413);
    expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('echoes a given correlation id and makes one otherwise', async () => {
    const given = await request(t.url).get('/health/live').set('x-correlation-id', 'abc-123');
    expect(given.headers['x-correlation-id']).toBe('abc-123');

    const made = await request(t.url).get('/api/v1/nothing');
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.correlation_id).toBe(made.headers['x-correlation-id']);
  });

  it('sends helmet headers', async () => {
    const res = await request(t.url).get('/health/live');

    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('serves Swagger UI and a document with the bearer scheme and every route', async () => {
    await request(t.url).get('/docs').expect(200).expect('content-type', /html/);
    const doc = await request(t.url).get('/docs-json').expect(200);

    expect(doc.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const path of ['/api/v1/register', '/api/v1/login', '/api/v1/me', '/api/v1/logout']) {
      expect(doc.body.paths[path]).toBeDefined();
    }
  });
});
