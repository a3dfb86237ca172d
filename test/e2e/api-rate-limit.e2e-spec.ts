import request from 'supertest';
import { registerAccount } from 'test/factories/account.factory';
import { startTestApp, TestApp } from 'test/support/test-app';

const LIMIT = 5;

describe('the per-company API budget', () => {
  let t: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ API_RATE_LIMIT_PER_COMPANY: String(LIMIT) });
    // a second process on the same database: the budget lives in the shared store
    other = await startTestApp({ API_RATE_LIMIT_PER_COMPANY: String(LIMIT) }, t.database);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('counts tokens and API keys together, in every process, and says where it stands', async () => {
    const account = await registerAccount(t.url);
    const created = await request(t.url)
      .post('/api/v1/api-keys')
      .auth(account.token, { type: 'bearer' })
      .send({ name: 'ci' })
      .expect(201);
    expect(created.headers['ratelimit-limit']).toBe(String(LIMIT));
    expect(created.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));

    const key = created.body.key as string;
    const calls = [
      () => request(t.url).get('/api/v1/me').auth(account.token, { type: 'bearer' }),
      () => request(other.url).get('/api/v1/company').set('authorization', key),
      () => request(t.url).get('/api/v1/users').set('authorization', `Bearer ${key}`),
      () => request(other.url).get('/api/v1/me').auth(account.token, { type: 'bearer' }),
    ];
    const remaining: string[] = [];
    for (const call of calls) {
      const res = await call().expect(200);
      remaining.push(res.headers['ratelimit-remaining']);
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
    }
    expect(remaining).toEqual(['3', '2', '1', '0']);

    const refused = await request(other.url)
      .get('/api/v1/company')
      .set('authorization', key)
      .expect(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    await request(t.url).get('/api/v1/me').auth(account.token, { type: 'bearer' }).expect(429);
  });

  it('leaves other companies, sign-in and health alone', async () => {
    const busy = await registerAccount(t.url);
    for (let i = 0; i < LIMIT; i += 1) {
      await request(t.url).get('/api/v1/me').auth(busy.token, { type: 'bearer' }).expect(200);
    }
    await request(t.url).get('/api/v1/me').auth(busy.token, { type: 'bearer' }).expect(429);

    const calm = await registerAccount(t.url);
    await request(t.url).get('/api/v1/me').auth(calm.token, { type: 'bearer' }).expect(200);
    await request(t.url)
      .post('/api/v1/login')
      .send({ email: busy.email, password: busy.password })
      .expect(200);
    const health = await request(t.url).get('/health/live').expect(200);
    expect(health.headers['ratelimit-limit']).toBeUndefined();
  });
});
