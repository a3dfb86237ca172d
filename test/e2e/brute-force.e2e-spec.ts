import { randomBytes } from 'node:crypto';
import { RateLimitCounter } from 'src/common/rate-limit/rate-limit-counter.entity';
import request from 'supertest';
import { registerAccount, STRONG_PASSWORD } from 'test/factories/account.factory';
import { auditEntries } from 'test/support/audit';
import { passwordLinkToken, waitForMail } from 'test/support/mail-links';
import { describeWithRedis, TEST_REDIS_URL } from 'test/support/redis';
import { SmtpSink, startSmtpSink } from 'test/support/smtp-sink';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const WRONG = 'Wr0ng!pass';
let ipCounter = 0;
/** A fresh client address per use, sent as X-Forwarded-For (trusted from loopback). */
const newIp = (): string => `198.51.100.${++ipCounter}`;

const loginFrom = (url: string, ip: string, email: string, password: string) =>
  request(url).post('/api/v1/login').set('x-forwarded-for', ip).send({ email, password });

async function failTenTimes(url: string, ip: string, email: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await loginFrom(url, ip, email, WRONG).expect(401);
  }
}

describe('brute-force limits on password sign-in', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: smtp.url });
    other = await startTestApp({}, t.database);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
    await smtp.close();
  });

  it('locks the account 15 minutes after 10 failures, even for the right password', async () => {
    const account = await registerAccount(t.url);
    const attacker = newIp();
    await failTenTimes(t.url, attacker, account.email);

    const locked = await loginFrom(t.url, attacker, account.email, STRONG_PASSWORD).expect(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // a stranger elsewhere, and the other process, are refused too
    await loginFrom(t.url, newIp(), account.email, STRONG_PASSWORD).expect(429);
    await loginFrom(other.url, newIp(), account.email, STRONG_PASSWORD).expect(429);

    const failures = await auditEntries(t, 'auth.login.failed', account.userId);
    expect(failures).toHaveLength(10);
    expect(failures[0].changes).toEqual({ reason: 'password' });
    expect(await auditEntries(t, 'auth.login.locked', account.userId)).toHaveLength(1);
  });

  it('keeps the owner in: from a known place, or after using a reset link', async () => {
    const account = await registerAccount(t.url);
    const home = newIp();
    await loginFrom(t.url, home, account.email, STRONG_PASSWORD).expect(200);
    const attacker = newIp();
    await failTenTimes(t.url, attacker, account.email);

    await loginFrom(t.url, home, account.email, STRONG_PASSWORD).expect(200);
    const travelling = newIp();
    await loginFrom(t.url, travelling, account.email, STRONG_PASSWORD).expect(429);

    await request(t.url)
      .post('/api/v1/password/forgot')
      .set('x-forwarded-for', travelling)
      .send({ email: account.email })
      .expect(202);
    const token = passwordLinkToken(await waitForMail(smtp, account.email, /Reset/));
    await request(t.url)
      .post('/api/v1/password/reset')
      .set('x-forwarded-for', travelling)
      .send({ token, password: 'N3w!password' })
      .expect(200);
    await loginFrom(t.url, travelling, account.email, 'N3w!password').expect(200);
    // the attacker is still locked out, right password or not
    await loginFrom(t.url, attacker, account.email, 'N3w!password').expect(429);
  });

  it('locks a known place that keeps failing', async () => {
    const account = await registerAccount(t.url);
    const home = newIp();
    await loginFrom(t.url, home, account.email, STRONG_PASSWORD).expect(200);
    await failTenTimes(t.url, home, account.email);

    const res = await loginFrom(t.url, home, account.email, STRONG_PASSWORD).expect(429);
    expect(res.body.code).toBe('ACCOUNT_LOCKED');
  });

  it('treats an unknown email exactly like a known one', async () => {
    const email = `nobody.${randomBytes(4).toString('hex')}@acme.test`;
    const ip = newIp();
    await failTenTimes(t.url, ip, email);
    const res = await loginFrom(t.url, ip, email, WRONG).expect(429);

    expect(res.body.code).toBe('ACCOUNT_LOCKED');
    const locks = await auditEntries(t, 'auth.login.locked');
    expect(locks.filter((e) => e.targetId === null && e.actorType === 'anonymous')).toHaveLength(1);
  });

  it('lifts the lock when its window ends', async () => {
    const account = await registerAccount(t.url);
    const ip = newIp();
    await failTenTimes(t.url, ip, account.email);
    await loginFrom(t.url, ip, account.email, STRONG_PASSWORD).expect(429);

    await t.app
      .get(DataSource)
      .getRepository(RateLimitCounter)
      .createQueryBuilder()
      .update()
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .execute();
    await loginFrom(t.url, ip, account.email, STRONG_PASSWORD).expect(200);
  });
});

describeWithRedis('brute-force limits with the Redis store', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `pwi-test:${randomBytes(6).toString('hex')}:`,
    };
    a = await startTestApp(env);
    b = await startTestApp(env, a.database);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('locks the account on every process, with nothing in the database', async () => {
    const account = await registerAccount(a.url);
    const ip = newIp();
    await failTenTimes(a.url, ip, account.email);

    const res = await loginFrom(b.url, ip, account.email, STRONG_PASSWORD).expect(429);
    expect(res.body.code).toBe('ACCOUNT_LOCKED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(await a.app.get(DataSource).getRepository(RateLimitCounter).count()).toBe(0);
  });
});
