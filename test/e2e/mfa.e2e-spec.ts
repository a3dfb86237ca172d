import { Secret, TOTP } from 'otpauth';
import { MfaChallenge } from 'src/auth/entities/mfa-challenge.entity';
import { MfaFactor } from 'src/auth/entities/mfa-factor.entity';
import { Clock } from 'src/common/clock';
import { User } from 'src/users/entities/user.entity';
import { PasswordTokenPurpose, UsersService } from 'src/users/users.service';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import { auditEntries } from 'test/support/audit';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const STEP_MS = 30_000;

describe('two-factor authentication', () => {
  let t: TestApp;
  /** The service's clock, moved by the tests: every code needs a later time step. */
  let now = Date.UTC(2026, 5, 1, 9, 0, 5);

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '100000' });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(() => t.close());

  const codeFor = (secret: string, at = now) =>
    TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });
  const nextStep = () => {
    now += STEP_MS;
  };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const login = (account: RegisteredAccount, password = account.password) =>
    request(t.url).post('/api/v1/login').send({ email: account.email, password });
  const loginMfa = (body: Record<string, unknown>) =>
    request(t.url).post('/api/v1/login/mfa').send(body);
  const me = (token: string) => request(t.url).get('/api/v1/me').set(auth(token));

  /** An account with 2FA on: its secret and recovery codes. */
  async function accountWithMfa() {
    const account = await registerAccount(t.url);
    const setup = await request(t.url).post('/api/v1/me/mfa').set(auth(account.token)).expect(200);
    nextStep();
    const confirmed = await request(t.url)
      .post('/api/v1/me/mfa/confirm')
      .set(auth(account.token))
      .send({ code: codeFor(setup.body.secret) })
      .expect(200);

    return {
      account,
      secret: setup.body.secret as string,
      recoveryCodes: confirmed.body.recovery_codes as string[],
    };
  }

  async function mfaToken(account: RegisteredAccount): Promise<string> {
    const res = await login(account).expect(200);

    return res.body.mfa_token;
  }

  describe('setup and confirmation', () => {
    it('returns a secret, otpauth URL and QR code, and stays off until confirmed', async () => {
      const account = await registerAccount(t.url);
      const res = await request(t.url).post('/api/v1/me/mfa').set(auth(account.token)).expect(200);

      expect(Object.keys(res.body).sort()).toEqual(['otpauth_url', 'qr_code', 'secret']);
      expect(res.body.secret).toMatch(/^[A-Z2-7]{32}$/);
      const url = new URL(res.body.otpauth_url);
      expect(url.protocol).toBe('otpauth:');
      expect(url.searchParams.get('secret')).toBe(res.body.secret);
      expect(decodeURIComponent(url.pathname)).toBe(`/Patchworks:${account.email}`);
      expect(res.body.qr_code).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]{200,}={0,2}$/);

      expect((await me(account.token)).body.mfa_enabled).toBe(false);
      const signIn = await login(account).expect(200);
      expect(signIn.body.token).toEqual(expect.any(String));
      // the secret is sealed at rest
      const row = await t.app
        .get(DataSource)
        .getRepository(MfaFactor)
        .findOneByOrFail({ userId: account.userId });
      expect(row.secretSealed).not.toContain(res.body.secret);
    });

    it('turns on only with a correct code, showing 10 recovery codes once', async () => {
      const account = await registerAccount(t.url);
      const setup = await request(t.url).post('/api/v1/me/mfa').set(auth(account.token));
      nextStep();
      const wrong = await request(t.url)
        .post('/api/v1/me/mfa/confirm')
        .set(auth(account.token))
        .send({ code: codeFor(setup.body.secret, now - 2 * STEP_MS) })
        .expect(422);
      expect(wrong.body.errors).toEqual([{ field: 'code', message: 'is incorrect' }]);
      expect((await me(account.token)).body.mfa_enabled).toBe(false);

      const res = await request(t.url)
        .post('/api/v1/me/mfa/confirm')
        .set(auth(account.token))
        .send({ code: codeFor(setup.body.secret) })
        .expect(200);
      expect(res.body.recovery_codes).toHaveLength(10);
      expect(new Set(res.body.recovery_codes).size).toBe(10);
      expect((await me(account.token)).body.mfa_enabled).toBe(true);
      const user = await t.app
        .get(DataSource)
        .getRepository(User)
        .findOneByOrFail({ id: account.userId });
      expect(user.mfaEnabled).toBe(true);
      expect(await auditEntries(t, 'auth.mfa.enabled', account.userId)).toHaveLength(1);
    });

    it('refuses setup or confirmation once on, and confirmation before setup', async () => {
      const { account } = await accountWithMfa();
      const again = await request(t.url)
        .post('/api/v1/me/mfa')
        .set(auth(account.token))
        .expect(409);
      expect(again.body.code).toBe('MFA_ALREADY_ENABLED');
      await request(t.url)
        .post('/api/v1/me/mfa/confirm')
        .set(auth(account.token))
        .send({ code: '123456' })
        .expect(409);

      const fresh = await registerAccount(t.url);
      const early = await request(t.url)
        .post('/api/v1/me/mfa/confirm')
        .set(auth(fresh.token))
        .send({ code: '123456' })
        .expect(409);
      expect(early.body.code).toBe('MFA_SETUP_REQUIRED');
    });

    it('answers 401 without a token and 422 for a bad body', async () => {
      const account = await registerAccount(t.url);
      await request(t.url).post('/api/v1/me/mfa').expect(401);
      await request(t.url).post('/api/v1/me/mfa/confirm').send({ code: '123456' }).expect(401);
      await request(t.url).delete('/api/v1/me/mfa').send({ code: '123456' }).expect(401);
      for (const body of [{}, { code: 123456 }, { code: '123456', extra: true }]) {
        await request(t.url)
          .post('/api/v1/me/mfa/confirm')
          .set(auth(account.token))
          .send(body)
          .expect(422);
      }
    });
  });

  describe('signing in with 2FA', () => {
    it('answers an mfa_token for the password, then a token for a code', async () => {
      const { account, secret } = await accountWithMfa();
      const first = await login(account).expect(200);

      expect(first.body).toEqual({
        message: expect.any(String),
        mfa_required: true,
        mfa_token: expect.any(String),
        expires_in: 300,
      });
      nextStep();
      const second = await loginMfa({
        mfa_token: first.body.mfa_token,
        code: codeFor(secret),
      }).expect(200);
      expect(second.body).toEqual({
        message: expect.any(String),
        token: expect.any(String),
        expires_in: 86400,
      });
      expect((await me(second.body.token).expect(200)).body.id).toBe(account.userId);
      const [success] = (await auditEntries(t, 'auth.login.succeeded', account.userId)).slice(-1);
      expect(success.changes).toEqual({ method: 'mfa', second_factor: 'totp' });
    });

    it('still refuses a wrong password without revealing that 2FA is on', async () => {
      const { account } = await accountWithMfa();
      const res = await login(account, 'Wr0ng!pass').expect(401);

      expect(res.body.code).toBe('INVALID_CREDENTIALS');
      expect(res.body).not.toHaveProperty('mfa_token');
    });

    it('refuses a replayed mfa_token', async () => {
      const { account, secret } = await accountWithMfa();
      const token = await mfaToken(account);
      nextStep();
      await loginMfa({ mfa_token: token, code: codeFor(secret) }).expect(200);
      nextStep();
      const replay = await loginMfa({ mfa_token: token, code: codeFor(secret) }).expect(401);

      expect(replay.body.code).toBe('MFA_TOKEN_INVALID');
    });

    it('accepts every TOTP code once, and no code of an earlier step', async () => {
      const { account, secret } = await accountWithMfa();
      nextStep();
      const code = codeFor(secret);
      await loginMfa({ mfa_token: await mfaToken(account), code }).expect(200);

      const reused = await loginMfa({ mfa_token: await mfaToken(account), code }).expect(401);
      expect(reused.body.code).toBe('INVALID_CREDENTIALS');
      // one step back is inside the ±1 window, but older than the code already used
      await loginMfa({
        mfa_token: await mfaToken(account),
        code: codeFor(secret, now - STEP_MS),
      }).expect(401);
      // one step ahead (a fast phone clock) is accepted once
      await loginMfa({
        mfa_token: await mfaToken(account),
        code: codeFor(secret, now + STEP_MS),
      }).expect(200);
    });

    it('lets only one of two simultaneous sign-ins with the same code through', async () => {
      const { account, secret } = await accountWithMfa();
      const [a, b] = [await mfaToken(account), await mfaToken(account)];
      nextStep();
      const code = codeFor(secret);
      const results = await Promise.all([
        loginMfa({ mfa_token: a, code }),
        loginMfa({ mfa_token: b, code }),
      ]);

      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('accepts each recovery code once, typed in any case and without dashes', async () => {
      const { account, recoveryCodes } = await accountWithMfa();
      const [code, other] = recoveryCodes;
      const typed = code.toUpperCase().replaceAll('-', '');
      const res = await loginMfa({
        mfa_token: await mfaToken(account),
        recovery_code: typed,
      }).expect(200);
      expect((await me(res.body.token)).status).toBe(200);

      await loginMfa({ mfa_token: await mfaToken(account), recovery_code: code }).expect(401);
      await loginMfa({ mfa_token: await mfaToken(account), recovery_code: other }).expect(200);
      const [success] = (await auditEntries(t, 'auth.login.succeeded', account.userId)).slice(-1);
      expect(success.changes).toEqual({ method: 'mfa', second_factor: 'recovery_code' });
    });

    it('locks the account after 10 guessed codes, for codes and passwords alike', async () => {
      const { account, secret } = await accountWithMfa();
      const token = await mfaToken(account);
      for (let guess = 0; guess < 10; guess++) {
        await loginMfa({ mfa_token: token, code: String(100000 + guess) }).expect(401);
      }
      nextStep();
      const locked = await loginMfa({ mfa_token: token, code: codeFor(secret) }).expect(429);

      expect(locked.body.code).toBe('ACCOUNT_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      await login(account).expect(429);
      const failures = await auditEntries(t, 'auth.login.failed', account.userId);
      expect(
        failures.filter((f) => (f.changes as { reason: string }).reason === 'mfa_code'),
      ).toHaveLength(10);
      expect(await auditEntries(t, 'auth.login.locked', account.userId)).toHaveLength(1);
    });

    it('refuses an expired mfa_token, and one from before a password reset', async () => {
      const { account, secret } = await accountWithMfa();
      const expired = await mfaToken(account);
      await t.app
        .get(DataSource)
        .getRepository(MfaChallenge)
        .update({ userId: account.userId }, { expiresAt: new Date(Date.now() - 1000) });
      nextStep();
      await loginMfa({ mfa_token: expired, code: codeFor(secret) }).expect(401);

      const beforeReset = await mfaToken(account);
      const users = t.app.get(UsersService);
      const link = await users.issuePasswordToken(account.userId, PasswordTokenPurpose.Reset);
      await request(t.url)
        .post('/api/v1/password/reset')
        .send({ token: link, password: 'N3w!password' })
        .expect(200);
      nextStep();
      const res = await loginMfa({ mfa_token: beforeReset, code: codeFor(secret) }).expect(401);
      expect(res.body.code).toBe('MFA_TOKEN_INVALID');
    });

    it('answers 422 unless one of code or recovery_code is sent; 401 for a bad token', async () => {
      const { account } = await accountWithMfa();
      const token = await mfaToken(account);
      for (const body of [
        { mfa_token: token },
        { mfa_token: token, code: '123456', recovery_code: 'abcd-efgh-jkmn' },
        { mfa_token: token, code: 123456 },
        { mfa_token: token, code: null },
        { code: '123456' },
      ]) {
        await loginMfa(body).expect(422);
      }
      await loginMfa({ mfa_token: 'not-a-token', code: '123456' }).expect(401);
    });
  });

  describe('turning 2FA off', () => {
    it('needs a correct code; then sign-in needs only the password', async () => {
      const { account, secret } = await accountWithMfa();
      nextStep();
      await request(t.url)
        .delete('/api/v1/me/mfa')
        .set(auth(account.token))
        .send({ code: '000000' })
        .expect(422);
      expect((await me(account.token)).body.mfa_enabled).toBe(true);

      await request(t.url)
        .delete('/api/v1/me/mfa')
        .set(auth(account.token))
        .send({ code: codeFor(secret) })
        .expect(204);
      expect((await me(account.token)).body.mfa_enabled).toBe(false);
      expect((await login(account).expect(200)).body.token).toEqual(expect.any(String));
      expect(await auditEntries(t, 'auth.mfa.disabled', account.userId)).toHaveLength(1);
      const off = await request(t.url)
        .delete('/api/v1/me/mfa')
        .set(auth(account.token))
        .send({ code: '123456' })
        .expect(409);
      expect(off.body.code).toBe('MFA_NOT_ENABLED');
    });

    it('accepts a recovery code, and not the code that turned 2FA on', async () => {
      const { account, secret, recoveryCodes } = await accountWithMfa();
      await request(t.url)
        .delete('/api/v1/me/mfa')
        .set(auth(account.token))
        .send({ code: codeFor(secret) })
        .expect(422);
      await request(t.url)
        .delete('/api/v1/me/mfa')
        .set(auth(account.token))
        .send({ code: recoveryCodes[3] })
        .expect(204);
    });

    it('refuses more than 10 wrong codes in a row with 429', async () => {
      const { account, secret } = await accountWithMfa();
      for (let guess = 0; guess < 10; guess++) {
        await request(t.url)
          .delete('/api/v1/me/mfa')
          .set(auth(account.token))
          .send({ code: String(200000 + guess) })
          .expect(422);
      }
      nextStep();
      const res = await request(t.url)
        .delete('/api/v1/me/mfa')
        .set(auth(account.token))
        .send({ code: codeFor(secret) })
        .expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect((await me(account.token)).body.mfa_enabled).toBe(true);
    });
  });
});
