import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Role } from 'src/common/auth/principal';
import { User } from 'src/users/entities/user.entity';
import { UsersService } from 'src/users/users.service';
import request from 'supertest';
import { registerAccount, registrationBody, STRONG_PASSWORD } from 'test/factories/account.factory';
import { auditEntries } from 'test/support/audit';
import { passwordLinkToken, waitForMail } from 'test/support/mail-links';
import { RangeServer, sha1Hex, startRangeServer } from 'test/support/range-server';
import { SmtpSink, startSmtpSink } from 'test/support/smtp-sink';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const BREACHED = 'P@ssw0rd!1';
const PADDED = 'Padd3d!only';
const NEW_PASSWORD = 'N3w!password';

const fieldErrors = (body: { errors?: Array<{ field: string; message: string }> }) =>
  (body.errors ?? []).map((e) => `${e.field}: ${e.message}`);

describe('passwords', () => {
  let range: RangeServer;
  let smtp: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    range = await startRangeServer();
    range.add(BREACHED, 52_000);
    range.add(PADDED, 0);
    smtp = await startSmtpSink();
    t = await startTestApp({ BREACHED_PASSWORDS_URL: range.url, SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await range.close();
  });

  const login = (email: string, password: string) =>
    request(t.url).post('/api/v1/login').send({ email, password });
  const forgot = (email: string) => request(t.url).post('/api/v1/password/forgot').send({ email });
  const reset = (token: string, password: string) =>
    request(t.url).post('/api/v1/password/reset').send({ token, password });
  const change = (token: string, body: Record<string, unknown>) =>
    request(t.url).post('/api/v1/me/password').auth(token, { type: 'bearer' }).send(body);

  describe('the breached-password check', () => {
    it('refuses a breached password at registration; only 5 hex of its SHA-1 leave', async () => {
      const body = registrationBody({ password: BREACHED });
      const before = range.requests.length;
      const res = await request(t.url).post('/api/v1/register').send(body).expect(422);

      expect(fieldErrors(res.body)).toEqual([
        'password: has appeared in a data breach; choose another password',
      ]);
      const sent = range.requests.slice(before);
      expect(sent.map((r) => r.path)).toEqual([`/range/${sha1Hex(BREACHED).slice(0, 5)}`]);
      expect(sent[0].headers['add-padding']).toBe('true');
      await login(body.email as string, BREACHED).expect(401);
    });

    it('accepts a password found only as a padding line, and one not listed', async () => {
      await request(t.url)
        .post('/api/v1/register')
        .send(registrationBody({ password: PADDED }))
        .expect(201);
      await registerAccount(t.url);
    });

    it('does not ask the service about a password that already breaks a rule', async () => {
      const before = range.requests.length;
      await request(t.url)
        .post('/api/v1/register')
        .send(registrationBody({ password: 'weak' }))
        .expect(422);

      expect(range.requests.length).toBe(before);
    });

    it('refuses a breached password at reset (the link stays usable) and at change', async () => {
      const account = await registerAccount(t.url);
      const token = await t.app
        .get(UsersService)
        .issuePasswordToken(account.userId, 'reset' as never);

      const refused = await reset(token, BREACHED).expect(422);
      expect(refused.body.errors[0].field).toBe('password');
      await reset(token, NEW_PASSWORD).expect(200);

      const session = (await login(account.email, NEW_PASSWORD).expect(200)).body.token;
      const changed = await change(session, {
        current_password: NEW_PASSWORD,
        password: BREACHED,
        password_confirmation: BREACHED,
      }).expect(422);
      expect(fieldErrors(changed.body)).toEqual([
        'password: has appeared in a data breach; choose another password',
      ]);
    });
  });

  describe('when the range service cannot be reached', () => {
    it('accepts the password with a warning once a hanging service times out', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      range.setMode('hang');
      const app = await startTestApp({
        BREACHED_PASSWORDS_URL: range.url,
        BREACHED_PASSWORDS_TIMEOUT_MS: '200',
      });
      try {
        const body = registrationBody({ password: BREACHED });
        await request(app.url).post('/api/v1/register').send(body).expect(201);
        await request(app.url)
          .post('/api/v1/login')
          .send({ email: body.email, password: BREACHED })
          .expect(200);
        expect(warn.mock.calls.map((c) => String(c[0]))).toContain(
          'Accepted a password without the breach check: the service is unreachable',
        );
      } finally {
        range.setMode('normal');
        warn.mockRestore();
        await app.close();
      }
    });

    it('refuses with 503 and creates nothing when configured to fail closed', async () => {
      range.setMode('fail');
      const app = await startTestApp({
        BREACHED_PASSWORDS_URL: range.url,
        BREACHED_PASSWORDS_FAIL_CLOSED: 'true',
      });
      try {
        const body = registrationBody();
        const res = await request(app.url).post('/api/v1/register').send(body).expect(503);

        expect(res.body.code).toBe('PASSWORD_CHECK_UNAVAILABLE');
        expect(
          await app.app
            .get(DataSource)
            .getRepository(User)
            .countBy({ email: body.email as string }),
        ).toBe(0);
      } finally {
        range.setMode('normal');
        await app.close();
      }
    });
  });

  describe('POST /api/v1/password/forgot and the emailed link', () => {
    it('mails a 24-hour link that sets the password once and ends every session', async () => {
      const account = await registerAccount(t.url);
      const res = await forgot(account.email.toUpperCase()).expect(202);
      expect(res.body).toEqual({ message: expect.any(String) });

      const mail = await waitForMail(smtp, account.email, /Reset your Patchworks password/);
      const link = mail.links.find((l) => l.includes('/password/reset?token='));
      expect(link?.startsWith(`${t.config.publicUrl}/password/reset?token=`)).toBe(true);
      const token = passwordLinkToken(mail);

      await reset(token, NEW_PASSWORD).expect(200);
      await request(t.url).get('/api/v1/me').auth(account.token, { type: 'bearer' }).expect(401);
      await login(account.email, STRONG_PASSWORD).expect(401);
      await login(account.email, NEW_PASSWORD).expect(200);

      // the attacker's side: the same link again
      const replay = await reset(token, 'An0ther!pass').expect(410);
      expect(replay.body.code).toBe('PASSWORD_LINK_INVALID');
      await login(account.email, 'An0ther!pass').expect(401);
      expect(await auditEntries(t, 'auth.password.forgot', account.userId)).toHaveLength(1);
      expect(await auditEntries(t, 'auth.password.reset', account.userId)).toHaveLength(1);
    });

    it('answers an unknown email exactly like a known one, and mails nobody', async () => {
      const account = await registerAccount(t.url);
      const unknown = `nobody.${randomBytes(4).toString('hex')}@acme.test`;
      const a = await forgot(unknown).expect(202);
      const b = await forgot(account.email).expect(202);

      expect(a.body).toEqual(b.body);
      await waitForMail(smtp, account.email, /Reset/);
      expect(smtp.messages.filter((m) => m.to.includes(unknown))).toEqual([]);
    });

    it('makes the newest link the only one that works', async () => {
      const account = await registerAccount(t.url);
      await forgot(account.email).expect(202);
      const first = passwordLinkToken(await waitForMail(smtp, account.email, /Reset/));
      await forgot(account.email).expect(202);
      const second = passwordLinkToken(await waitForMail(smtp, account.email, /Reset/, 2));

      await reset(first, NEW_PASSWORD).expect(410);
      await reset(second, NEW_PASSWORD).expect(200);
    });

    it('lets an account without a password (Google sign-up) set one through the link', async () => {
      const account = await registerAccount(t.url);
      const email = `google.${randomBytes(4).toString('hex')}@gmail.test`;
      await t.app.get(UsersService).create({
        companyId: account.companyId,
        email,
        firstName: 'Grace',
        lastName: 'Hopper',
        role: Role.User,
      });
      await login(email, NEW_PASSWORD).expect(401);

      await forgot(email).expect(202);
      await reset(passwordLinkToken(await waitForMail(smtp, email, /Reset/)), NEW_PASSWORD).expect(
        200,
      );
      await login(email, NEW_PASSWORD).expect(200);
    });

    it('sends nothing to an inactive account', async () => {
      const account = await registerAccount(t.url);
      const active = await registerAccount(t.url);
      await t.app
        .get(DataSource)
        .getRepository(User)
        .update({ id: account.userId }, { status: 'inactive' as never });

      await forgot(account.email).expect(202);
      await forgot(active.email).expect(202);
      await waitForMail(smtp, active.email, /Reset/);
      expect(smtp.messages.filter((m) => m.to.includes(account.email))).toEqual([]);
    });

    it('answers 422 for a body without an email string', async () => {
      for (const body of [{}, { email: 42 }, { email: 'a@b.test', extra: 1 }]) {
        await request(t.url).post('/api/v1/password/forgot').send(body).expect(422);
      }
    });
  });

  describe('POST /api/v1/me/password', () => {
    it('changes the password, ends every other session and keeps the caller’s', async () => {
      const account = await registerAccount(t.url);
      const other = (await login(account.email, STRONG_PASSWORD).expect(200)).body.token;

      await change(account.token, {
        current_password: STRONG_PASSWORD,
        password: NEW_PASSWORD,
        password_confirmation: NEW_PASSWORD,
      }).expect(204);

      await request(t.url).get('/api/v1/me').auth(account.token, { type: 'bearer' }).expect(200);
      await request(t.url).get('/api/v1/me').auth(other, { type: 'bearer' }).expect(401);
      await login(account.email, STRONG_PASSWORD).expect(401);
      await login(account.email, NEW_PASSWORD).expect(200);
      await waitForMail(smtp, account.email, /password was changed/);
      expect(await auditEntries(t, 'auth.password.changed', account.userId)).toHaveLength(1);
    });

    it('refuses a wrong current password, a mismatch or a weak one; nothing changes', async () => {
      const account = await registerAccount(t.url);
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [
          {
            current_password: 'Wr0ng!pass',
            password: NEW_PASSWORD,
            password_confirmation: NEW_PASSWORD,
          },
          ['current_password: is incorrect'],
        ],
        [
          {
            current_password: STRONG_PASSWORD,
            password: NEW_PASSWORD,
            password_confirmation: 'N3w!passw0rd',
          },
          ['password_confirmation: must match password'],
        ],
        [
          {
            current_password: STRONG_PASSWORD,
            password: 'weakweak',
            password_confirmation: 'weakweak',
          },
          [
            'password: must contain an uppercase letter',
            'password: must contain a digit',
            'password: must contain one of ! $ # %',
          ],
        ],
        [{ current_password: STRONG_PASSWORD, password: NEW_PASSWORD }, expect.any(Array) as never],
        [
          { current_password: 1, password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD },
          expect.any(Array) as never,
        ],
      ];
      for (const [body, errors] of cases) {
        const res = await change(account.token, body).expect(422);
        expect(fieldErrors(res.body)).toEqual(errors);
      }
      await login(account.email, STRONG_PASSWORD).expect(200);
      await request(t.url).post('/api/v1/me/password').send({}).expect(401);
    });

    it('counts wrong current passwords towards the account lock', async () => {
      const account = await registerAccount(t.url);
      const wrong = {
        current_password: 'Wr0ng!pass',
        password: NEW_PASSWORD,
        password_confirmation: NEW_PASSWORD,
      };
      for (let i = 0; i < 10; i++) {
        await change(account.token, wrong).expect(422);
      }
      const locked = await change(account.token, {
        ...wrong,
        current_password: STRONG_PASSWORD,
      }).expect(429);

      expect(locked.body.code).toBe('ACCOUNT_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('PATCH /api/v1/me', () => {
    it('changes the name and the sign-in email, and tells the old address', async () => {
      const account = await registerAccount(t.url);
      const email = `renamed.${randomBytes(4).toString('hex')}@acme.test`;
      const res = await request(t.url)
        .patch('/api/v1/me')
        .auth(account.token, { type: 'bearer' })
        .send({ first_name: 'Augusta', email: email.toUpperCase() })
        .expect(200);

      expect(res.body).toMatchObject({
        id: account.userId,
        first_name: 'Augusta',
        last_name: 'Lovelace',
        email,
      });
      await login(email, STRONG_PASSWORD).expect(200);
      await login(account.email, STRONG_PASSWORD).expect(401);
      const notice = await waitForMail(smtp, account.email, /sign-in email was changed/);
      expect(notice.raw.replace(/=\r?\n/g, '')).toContain(email);
      const [entry] = await auditEntries(t, 'auth.account.updated', account.userId);
      expect(entry.changes).toEqual({
        email: { from: account.email, to: email },
        first_name: { from: 'Ada', to: 'Augusta' },
      });
    });

    it('answers 409 for an email another account uses, changing nothing', async () => {
      const account = await registerAccount(t.url);
      const other = await registerAccount(t.url);
      const res = await request(t.url)
        .patch('/api/v1/me')
        .auth(account.token, { type: 'bearer' })
        .send({ first_name: 'Changed', email: other.email.toUpperCase() })
        .expect(409);

      expect(res.body.code).toBe('EMAIL_TAKEN');
      const me = await request(t.url).get('/api/v1/me').auth(account.token, { type: 'bearer' });
      expect(me.body).toMatchObject({ email: account.email, first_name: 'Ada' });
    });

    it('refuses bad input with 422 and no token with 401', async () => {
      const account = await registerAccount(t.url);
      for (const body of [
        { email: 'nope' },
        { email: null },
        { first_name: '' },
        { last_name: 7 },
        { role: 'administrator' },
      ]) {
        await request(t.url)
          .patch('/api/v1/me')
          .auth(account.token, { type: 'bearer' })
          .send(body)
          .expect(422);
      }
      await request(t.url).patch('/api/v1/me').send({ first_name: 'X' }).expect(401);
      const me = await request(t.url).get('/api/v1/me').auth(account.token, { type: 'bearer' });
      expect(me.body).toMatchObject({
        email: account.email,
        first_name: 'Ada',
        role: 'administrator',
      });
    });
  });
});
