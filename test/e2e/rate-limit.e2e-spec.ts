import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RateLimitCounter } from 'src/common/rate-limit/rate-limit-counter.entity';
import { RATE_LIMIT_STORE, RateLimitStore } from 'src/common/rate-limit/rate-limit.store';
import { RedisRateLimitStore } from 'src/common/rate-limit/redis-rate-limit.store';
import request from 'supertest';
import { describeWithRedis, TEST_REDIS_URL } from 'test/support/redis';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const key = (): string => `test:${randomBytes(8).toString('hex')}`;

/** The behaviour every store must have; `expire` ends a key's window at once. */
function storeContract(
  make: () => { store: RateLimitStore; expire: (key: string) => Promise<void> },
): void {
  it('counts hits in a window that ends windowSeconds after the first', async () => {
    const { store } = make();
    const k = key();
    const before = Date.now();
    const first = await store.increment(k, 60);
    const second = await store.increment(k, 60);

    expect([first.hits, second.hits]).toEqual([1, 2]);
    expect(first.resetAt.getTime()).toBeGreaterThanOrEqual(before + 59_000);
    expect(first.resetAt.getTime()).toBeLessThanOrEqual(Date.now() + 61_000);
    expect(Math.abs(second.resetAt.getTime() - first.resetAt.getTime())).toBeLessThan(1500);
    expect((await store.get(k))?.hits).toBe(2);
  });

  it('gives each of many concurrent increments a distinct count', async () => {
    const { store } = make();
    const k = key();
    const results = await Promise.all(Array.from({ length: 30 }, () => store.increment(k, 60)));

    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });

  it('starts a new window once the old one has ended, and forgets deleted keys', async () => {
    const { store, expire } = make();
    const k = key();
    await store.increment(k, 60);
    await store.increment(k, 60);
    await expire(k);

    expect(await store.get(k)).toBeNull();
    expect((await store.increment(k, 60)).hits).toBe(1);
    await store.delete(k);
    expect(await store.get(k)).toBeNull();
    expect(await store.get(key())).toBeNull();
  });
}

const login = (url: string, ip: string) =>
  request(url)
    .post('/api/v1/login')
    .set('x-forwarded-for', ip)
    .send({ email: 'nobody@acme.test', password: 'Wr0ng!pass' });

describe('rate limits', () => {
  describe('the database store', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    storeContract(() => ({
      store: t.app.get<RateLimitStore>(RATE_LIMIT_STORE),
      expire: async (k) => {
        await t.app
          .get(DataSource)
          .getRepository(RateLimitCounter)
          .update({ counterKey: k }, { expiresAt: new Date(Date.now() - 1000) });
      },
    }));

    it('keeps no subject in clear', async () => {
      await login(t.url, '198.51.100.77').expect(401);
      const rows = await t.app.get(DataSource).getRepository(RateLimitCounter).find();

      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toMatch(/198\.51|nobody/);
    });
  });

  describe('per IP on the sign-in routes', () => {
    let t: TestApp;
    let other: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '3' });
      other = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '3' }, t.database);
    });
    afterAll(async () => {
      await other.close();
      await t.close();
    });

    it('answers 429 with Retry-After past the limit, on every process, for that IP', async () => {
      const ip = '203.0.113.10';
      for (let i = 0; i < 3; i++) {
        await login(t.url, ip).expect(401);
      }
      const refused = await login(t.url, ip).expect(429);

      expect(refused.body.code).toBe('RATE_LIMITED');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // the routes share one per-IP budget, and another process sees the same count
      await request(other.url)
        .post('/api/v1/password/reset')
        .set('x-forwarded-for', ip)
        .send({ token: 'x', password: 'N3w!password' })
        .expect(429);
      await request(other.url)
        .post('/api/v1/register')
        .set('x-forwarded-for', ip)
        .send({})
        .expect(429);
      await login(other.url, '203.0.113.11').expect(401);
    });

    it('documents 429 on every rate-limited route in Swagger', async () => {
      const doc = await request(t.url).get('/docs-json').expect(200);
      const limited: Array<[string, string]> = [
        ['/api/v1/register', 'post'],
        ['/api/v1/login', 'post'],
        ['/api/v1/login/mfa', 'post'],
        ['/api/v1/login/sso', 'post'],
        ['/api/v1/password/forgot', 'post'],
        ['/api/v1/password/reset', 'post'],
        ['/api/v1/me/password', 'post'],
        ['/api/v1/me/mfa', 'post'],
        ['/api/v1/me/mfa/confirm', 'post'],
        ['/api/v1/me/mfa', 'delete'],
        ['/api/v1/register/google', 'post'],
        ['/auth/google', 'get'],
        ['/auth/google/callback', 'get'],
      ];
      for (const [path, method] of limited) {
        const operation = doc.body.paths[path]?.[method];
        expect({
          path,
          method,
          summary: operation?.summary,
          has429: !!operation?.responses?.['429'],
        }).toEqual({ path, method, summary: expect.any(String), has429: true });
      }
    });

    it('leaves routes without the policy alone', async () => {
      const ip = '203.0.113.12';
      for (let i = 0; i < 4; i++) {
        await request(t.url).get('/health/live').set('x-forwarded-for', ip).expect(200);
      }
      await login(t.url, ip).expect(401);
    });
  });
});

describe('rate limits when the Redis store is away', () => {
  let t: TestApp;
  beforeAll(async () => {
    // a loopback port nothing listens on
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:9' });
  });
  afterAll(() => t.close());

  it('fails closed with 503 rather than letting sign-ins through unlimited', async () => {
    const res = await login(t.url, '198.51.100.200').expect(503);

    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  });
});

describeWithRedis('rate limits in Redis', () => {
  const prefix = `pwi-test:${randomBytes(6).toString('hex')}:`;
  // made in beforeAll: a skipped describe still runs its body, and must not connect
  let redis: Redis;
  let store: RedisRateLimitStore;
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { keyPrefix: prefix, maxRetriesPerRequest: 1 });
    store = new RedisRateLimitStore({ url: TEST_REDIS_URL, keyPrefix: prefix });
  });
  afterAll(async () => {
    await store.onModuleDestroy();
    redis.disconnect();
  });

  describe('the Redis store', () => {
    storeContract(() => ({
      store,
      expire: async (k) => {
        await redis.del(k);
      },
    }));

    it('never leaves a counter without an expiry', async () => {
      const k = key();
      await store.increment(k, 60);
      const ttl = await redis.pttl(k);

      expect(ttl).toBeGreaterThan(58_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });
  });

  describe('per IP through Redis, across processes with separate databases', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      const env = {
        AUTH_RATE_LIMIT_PER_IP: '2',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
      };
      a = await startTestApp(env);
      b = await startTestApp(env);
    });
    afterAll(async () => {
      await a.close();
      await b.close();
    });

    it('shares the count: the third request from one IP is refused by the other app', async () => {
      const ip = '192.0.2.44';
      await login(a.url, ip).expect(401);
      await login(b.url, ip).expect(401);
      const refused = await login(a.url, ip).expect(429);

      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const rows = await a.app.get(DataSource).getRepository(RateLimitCounter).count();
      expect(rows).toBe(0);
    });
  });
});
