import { GoogleLogin } from 'src/auth/entities/google-login.entity';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { MfaChallenge } from 'src/auth/entities/mfa-challenge.entity';
import { ExpiredRowsSweeper } from 'src/auth/expired-rows.sweeper';
import { LoginCodesService } from 'src/auth/login-codes.service';
import { DatabaseRateLimitStore } from 'src/common/rate-limit/database-rate-limit.store';
import { RateLimitCounter } from 'src/common/rate-limit/rate-limit-counter.entity';
import { RATE_LIMIT_STORE } from 'src/common/rate-limit/rate-limit.store';
import request from 'supertest';
import { registerAccount } from 'test/factories/account.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

describe('sweeping expired one-time rows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('deletes expired mfa_tokens and Google sign-ins, and login codes a day after', async () => {
    const account = await registerAccount(t.url);
    const codes = t.app.get(LoginCodesService);
    const subject = { id: account.userId, companyId: account.companyId };
    const db = t.app.get(DataSource);
    const stale = await codes.issue(subject, 'sso');
    await db
      .getRepository(LoginCode)
      .update({ id: stale.id }, { expiresAt: new Date(Date.now() - 25 * 3600 * 1000) });
    // an expired code is kept for a day: SSO logout finds the session it was traded for
    const recent = await codes.issue(subject, 'sso');
    await db
      .getRepository(LoginCode)
      .update({ id: recent.id }, { expiresAt: new Date(Date.now() - 1000) });
    await db.getRepository(MfaChallenge).insert({
      id: '00000000-0000-7000-8000-000000000001',
      tokenHash: 'a'.repeat(64),
      userId: account.userId,
      tokenVersion: 0,
      expiresAt: new Date(Date.now() - 1000),
      usedAt: null,
    });
    await db.getRepository(GoogleLogin).insert({
      id: '00000000-0000-7000-8000-000000000002',
      stateHash: 'b'.repeat(64),
      browserHash: 'c'.repeat(64),
      nonce: 'n',
      codeVerifierSealed: 'sealed',
      registrationId: null,
      expiresAt: new Date(Date.now() - 1000),
      usedAt: null,
    });
    const live = await codes.issue(subject, 'sso');

    await t.app.get(ExpiredRowsSweeper).sweep();

    expect((await db.getRepository(LoginCode).find()).map((c) => c.id).sort()).toEqual(
      [recent.id, live.id].sort(),
    );
    expect(await db.getRepository(MfaChallenge).count()).toBe(0);
    expect(await db.getRepository(GoogleLogin).count()).toBe(0);
    await request(t.url).post('/api/v1/login/sso').send({ code: stale.code }).expect(401);
    await request(t.url).post('/api/v1/login/sso').send({ code: recent.code }).expect(401);
    await request(t.url).post('/api/v1/login/sso').send({ code: live.code }).expect(200);
  });

  it('deletes expired rate-limit counters, and keeps live ones', async () => {
    const store = t.app.get<DatabaseRateLimitStore>(RATE_LIMIT_STORE);
    await store.increment('sweep:old', 60);
    await store.increment('sweep:live', 60);
    const counters = t.app.get(DataSource).getRepository(RateLimitCounter);
    await counters.update({ counterKey: 'sweep:old' }, { expiresAt: new Date(Date.now() - 1000) });

    await store.sweep();

    expect(await counters.findOneBy({ counterKey: 'sweep:old' })).toBeNull();
    expect(await counters.findOneBy({ counterKey: 'sweep:live' })).not.toBeNull();
  });
});
