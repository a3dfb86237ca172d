import { followLogin, startTestIdp, TestIdp, TestTenant, TestUser } from 'libs/test-idp';
import { randomBytes } from 'node:crypto';
import { ExternalIdentity } from 'src/auth/entities/external-identity.entity';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { LoginCodesService } from 'src/auth/login-codes.service';
import { Company } from 'src/companies/entities/company.entity';
import { User } from 'src/users/entities/user.entity';
import request from 'supertest';
import { registerAccount, registrationBody, STRONG_PASSWORD } from 'test/factories/account.factory';
import { auditEntries } from 'test/support/audit';
import { waitForMail } from 'test/support/mail-links';
import { SmtpSink, startSmtpSink } from 'test/support/smtp-sink';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const CLIENT = { clientId: 'patchworks-google', clientSecret: 'google-client-secret' };
const PUBLIC_URL = 'http://identity.test';
const DASHBOARD_URL = 'http://dashboard.test/app';
const COOKIE = 'pwi_google_login';

interface Started {
  location: string;
  cookie: string;
}

describe('Google sign-in and registration', () => {
  let idp: TestIdp;
  let google: TestTenant;
  let smtp: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    idp = await startTestIdp();
    google = await idp.addTenant({ type: 'okta' });
    google.addClient({ ...CLIENT, redirectUris: [`${PUBLIC_URL}/auth/google/callback`] });
    smtp = await startSmtpSink();
    t = await startTestApp({
      GOOGLE_CLIENT_ID: CLIENT.clientId,
      GOOGLE_CLIENT_SECRET: CLIENT.clientSecret,
      GOOGLE_ISSUER: google.issuer,
      SSO_ALLOW_INSECURE_ISSUERS: 'true',
      PUBLIC_URL,
      DASHBOARD_URL,
      SMTP_URL: smtp.url,
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await idp.close();
  });

  const db = () => t.app.get(DataSource);

  function googleUser(overrides: Partial<TestUser> = {}): TestUser {
    const tag = randomBytes(4).toString('hex');
    const user = {
      email: `grace.${tag}@gmail.test`,
      password: 'google-pass',
      sub: `google-${tag}`,
      givenName: 'Grace',
      familyName: 'Hopper',
      picture: `https://photos.example.test/${tag}.png`,
      ...overrides,
    };
    google.addUser(user);

    return user;
  }

  async function start(path = '/auth/google'): Promise<Started> {
    const res = await request(t.url).get(path).expect(302);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith(`${COOKIE}=`),
    );

    return { location: res.headers.location, cookie: cookie?.split(';')[0] ?? '' };
  }

  /** Our callback as the browser would call it, after signing in at the IdP. */
  async function callback(started: Started, user: TestUser, cookie = started.cookie) {
    const back = new URL(
      await followLogin(started.location, { login: user.email, password: user.password }),
    );

    return {
      back,
      res: await request(t.url)
        .get(back.pathname + back.search)
        .set('cookie', cookie),
    };
  }

  async function signIn(user: TestUser, path?: string) {
    const { res } = await callback(await start(path), user);
    expect(res.status).toBe(302);

    return new URL(res.headers.location);
  }

  const errorOf = (location: URL): string | null =>
    location.href.startsWith(`${DASHBOARD_URL}/login?`) ? location.searchParams.get('error') : null;

  function tradeCode(location: URL) {
    expect(`${location.origin}${location.pathname}`).toBe(DASHBOARD_URL);
    const code = location.searchParams.get('code') ?? '';

    return request(t.url).post('/api/v1/login/sso').send({ code });
  }

  describe('GET /auth/google', () => {
    it('redirects to the issuer: code flow, state, nonce, PKCE S256, browser cookie', async () => {
      const res = await request(t.url).get('/auth/google').expect(302);
      const url = new URL(res.headers.location);

      expect(url.href.startsWith(`${google.issuer}/`)).toBe(true);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        response_type: 'code',
        client_id: CLIENT.clientId,
        redirect_uri: `${PUBLIC_URL}/auth/google/callback`,
        scope: 'openid email profile',
        state: expect.stringMatching(/^[\w-]{43}$/),
        nonce: expect.stringMatching(/^[\w-]{43}$/),
        code_challenge: expect.stringMatching(/^[\w-]{43}$/),
        code_challenge_method: 'S256',
      });
      const cookie = (res.headers['set-cookie'] as unknown as string[]).join('\n');
      expect(cookie).toMatch(new RegExp(`^${COOKIE}=[\\w-]{43}; .*Path=/auth/google`, 'm'));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
    });
  });

  describe('signing in', () => {
    it('links an account by its verified email; a one-time code signs it in', async () => {
      const gUser = googleUser();
      const account = await registerAccount(t.url, { email: gUser.email });
      const location = await signIn(gUser);

      const traded = await tradeCode(location).expect(200);
      expect(traded.body).toEqual({
        message: expect.any(String),
        token: expect.any(String),
        expires_in: 86400,
      });
      const me = await request(t.url)
        .get('/api/v1/me')
        .auth(traded.body.token, { type: 'bearer' })
        .expect(200);
      expect(me.body.id).toBe(account.userId);

      const identity = await db()
        .getRepository(ExternalIdentity)
        .findOneByOrFail({ userId: account.userId });
      expect(identity).toMatchObject({
        provider: 'google',
        subject: gUser.sub,
        email: gUser.email,
        name: 'Grace Hopper',
        avatarUrl: gUser.picture,
      });
      expect(await auditEntries(t, 'auth.google.linked', account.userId)).toHaveLength(1);
      expect(await auditEntries(t, 'auth.google.signed_in', account.userId)).toHaveLength(1);
      const [login] = (await auditEntries(t, 'auth.login.succeeded', account.userId)).slice(-1);
      expect(login.changes).toEqual({ method: 'google' });

      // the attacker's side: the same code again
      const replay = await tradeCode(location).expect(401);
      expect(replay.body.code).toBe('LOGIN_CODE_INVALID');
    });

    it('recognises a linked account by its Google id, whatever its email has become', async () => {
      const gUser = googleUser();
      const account = await registerAccount(t.url, { email: gUser.email });
      await tradeCode(await signIn(gUser)).expect(200);
      await request(t.url)
        .patch('/api/v1/me')
        .auth(account.token, { type: 'bearer' })
        .send({ email: `renamed.${gUser.sub}@acme.test` })
        .expect(200);

      const traded = await tradeCode(await signIn(gUser)).expect(200);
      const me = await request(t.url).get('/api/v1/me').auth(traded.body.token, { type: 'bearer' });
      expect(me.body.id).toBe(account.userId);
    });

    it('works while password sign-in is locked', async () => {
      const gUser = googleUser();
      const account = await registerAccount(t.url, { email: gUser.email });
      for (let i = 0; i < 10; i++) {
        await request(t.url)
          .post('/api/v1/login')
          .send({ email: account.email, password: 'Wr0ng!pass' })
          .expect(401);
      }
      await request(t.url)
        .post('/api/v1/login')
        .send({ email: account.email, password: STRONG_PASSWORD })
        .expect(429);

      await tradeCode(await signIn(gUser)).expect(200);
    });

    it('refuses an unknown Google account: registration starts with an email link', async () => {
      const gUser = googleUser();
      const location = await signIn(gUser);

      expect(errorOf(location)).toBe('google_not_registered');
      expect(await db().getRepository(User).countBy({ email: gUser.email })).toBe(0);
    });

    it('refuses to link by an email Google has not verified', async () => {
      const gUser = googleUser({ emailVerified: false });
      await registerAccount(t.url, { email: gUser.email });

      expect(errorOf(await signIn(gUser))).toBe('email_not_verified');
      expect(await db().getRepository(ExternalIdentity).countBy({ subject: gUser.sub })).toBe(0);
    });

    it('refuses an inactive account', async () => {
      const gUser = googleUser();
      const account = await registerAccount(t.url, { email: gUser.email });
      await db()
        .getRepository(User)
        .update({ id: account.userId }, { status: 'inactive' as never });

      expect(errorOf(await signIn(gUser))).toBe('account_inactive');
    });
  });

  describe('registering with Google', () => {
    async function requestRegistration(email: string, companyName = 'Hopper Labs') {
      await request(t.url)
        .post('/api/v1/register/google')
        .send({ company_name: companyName, email: email.toUpperCase(), accept_terms: true })
        .expect(202);
      const mail = await waitForMail(smtp, email, /Finish registering with Google/);
      const link = new URL(
        mail.links.find((l) => l.includes('/auth/google/register?token=')) ?? '',
      );
      expect(link.origin).toBe(PUBLIC_URL);

      return link.pathname + link.search;
    }

    it('emails a link to Google, then creates the company and its administrator', async () => {
      const gUser = googleUser();
      const linkPath = await requestRegistration(gUser.email);
      const started = await start(linkPath);
      expect(new URL(started.location).searchParams.get('login_hint')).toBe(gUser.email);

      const { res } = await callback(started, gUser);
      const traded = await tradeCode(new URL(res.headers.location)).expect(200);
      const me = await request(t.url)
        .get('/api/v1/me')
        .auth(traded.body.token, { type: 'bearer' })
        .expect(200);
      expect(me.body).toMatchObject({
        email: gUser.email,
        first_name: 'Grace',
        last_name: 'Hopper',
        role: 'administrator',
        company: { name: 'Hopper Labs' },
        mfa_enabled: false,
      });
      const user = await db().getRepository(User).findOneByOrFail({ email: gUser.email });
      expect(user.passwordHash).toBeNull();
      expect(await auditEntries(t, 'auth.registered')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actorId: user.id,
            changes: expect.objectContaining({ method: 'google' }),
          }),
        ]),
      );

      // the link works once
      const again = await request(t.url).get(linkPath).expect(302);
      expect(errorOf(new URL(again.headers.location))).toBe('registration_invalid');
    });

    it('refuses a Google account other than the link’s email, keeping the link', async () => {
      const gUser = googleUser();
      const intruder = googleUser();
      const linkPath = await requestRegistration(gUser.email, 'Mismatch Inc');
      const { res } = await callback(await start(linkPath), intruder);

      expect(errorOf(new URL(res.headers.location))).toBe('registration_email_mismatch');
      expect(await db().getRepository(Company).countBy({ name: 'Mismatch Inc' })).toBe(0);
      await tradeCode(await signIn(gUser, linkPath)).expect(200);
    });

    it('answers 409 for a registered email and 422 for bad input', async () => {
      const account = await registerAccount(t.url);
      const taken = await request(t.url)
        .post('/api/v1/register/google')
        .send({ company_name: 'X', email: account.email, accept_terms: true })
        .expect(409);
      expect(taken.body.code).toBe('EMAIL_TAKEN');
      for (const body of [
        { company_name: 'X', email: 'a@b.test', accept_terms: false },
        { company_name: 'X', email: 'nope', accept_terms: true },
        { email: 'a@b.test', accept_terms: true },
        { ...registrationBody(), accept_terms: true },
      ]) {
        await request(t.url).post('/api/v1/register/google').send(body).expect(422);
      }
    });
  });

  describe('the attacker’s side of the callback', () => {
    it('refuses an unknown state, a replayed callback and another browser’s callback', async () => {
      const gUser = googleUser();
      await registerAccount(t.url, { email: gUser.email });

      const forged = await request(t.url)
        .get('/auth/google/callback?code=x&state=forged')
        .expect(302);
      expect(errorOf(new URL(forged.headers.location))).toBe('invalid_state');

      const started = await start();
      const { back, res } = await callback(started, gUser);
      expect(res.headers.location.startsWith(`${DASHBOARD_URL}?code=`)).toBe(true);
      const replay = await request(t.url)
        .get(back.pathname + back.search)
        .set('cookie', started.cookie);
      expect(errorOf(new URL(replay.headers.location))).toBe('invalid_state');

      const victim = await start();
      const csrf = await callback(victim, gUser, `${COOKIE}=${'A'.repeat(43)}`);
      expect(errorOf(new URL(csrf.res.headers.location))).toBe('invalid_state');
      const noCookie = await callback(await start(), gUser, '');
      expect(errorOf(new URL(noCookie.res.headers.location))).toBe('invalid_state');
    });

    it('passes the IdP’s error on, and refuses a callback without a code', async () => {
      const started = await start();
      const state = new URL(started.location).searchParams.get('state');
      const denied = await request(t.url)
        .get(`/auth/google/callback?error=access_denied&state=${state}`)
        .set('cookie', started.cookie);
      expect(errorOf(new URL(denied.headers.location))).toBe('access_denied');

      const other = await start();
      const otherState = new URL(other.location).searchParams.get('state');
      const bare = await request(t.url)
        .get(`/auth/google/callback?state=${otherState}`)
        .set('cookie', other.cookie);
      expect(errorOf(new URL(bare.headers.location))).toBe('invalid_request');
    });

    it.each([
      'wrong-issuer',
      'wrong-audience',
      'wrong-nonce',
      'expired',
      'bad-signature',
      'unsigned',
      'hmac',
      'future-iat',
      'missing-azp-multi-aud',
    ] as const)('refuses an ID token with %s, signing nobody in', async (kind) => {
      const gUser = googleUser();
      const account = await registerAccount(t.url, { email: gUser.email });
      google.setMisbehaviour({ kind });
      try {
        expect(errorOf(await signIn(gUser))).toBe('invalid_id_token');
      } finally {
        google.setMisbehaviour(null);
      }
      expect(await db().getRepository(ExternalIdentity).countBy({ subject: gUser.sub })).toBe(0);
      expect(await db().getRepository(LoginCode).countBy({ userId: account.userId })).toBe(0);
    });
  });

  describe('POST /api/v1/login/sso', () => {
    it('refuses unknown, expired and malformed codes, and codes of inactive users', async () => {
      const account = await registerAccount(t.url);
      const codes = t.app.get(LoginCodesService);
      await request(t.url).post('/api/v1/login/sso').send({ code: 'nope' }).expect(401);
      await request(t.url).post('/api/v1/login/sso').send({ code: 42 }).expect(422);
      await request(t.url).post('/api/v1/login/sso').send({}).expect(422);

      const { code: expired } = await codes.issue(
        { id: account.userId, companyId: account.companyId },
        'sso',
      );
      await db()
        .getRepository(LoginCode)
        .update({ userId: account.userId }, { expiresAt: new Date(Date.now() - 1000) });
      await request(t.url).post('/api/v1/login/sso').send({ code: expired }).expect(401);

      const subject = { id: account.userId, companyId: account.companyId };
      const { code: fresh } = await codes.issue(subject, 'sso');
      await db()
        .getRepository(User)
        .update({ id: account.userId }, { status: 'inactive' as never });
      const res = await request(t.url).post('/api/v1/login/sso').send({ code: fresh }).expect(401);
      expect(res.body.code).toBe('LOGIN_CODE_INVALID');
    });

    it('lets only one of two simultaneous trades of a code through', async () => {
      const account = await registerAccount(t.url);
      const { code } = await t.app
        .get(LoginCodesService)
        .issue({ id: account.userId, companyId: account.companyId }, 'sso');
      const results = await Promise.all([
        request(t.url).post('/api/v1/login/sso').send({ code }),
        request(t.url).post('/api/v1/login/sso').send({ code }),
      ]);

      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });
  });
});

describe('Google sign-in when no client id is configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 404 on every Google route', async () => {
    await request(t.url).get('/auth/google').expect(404);
    await request(t.url).get('/auth/google/callback?code=x&state=y').expect(404);
    await request(t.url).get('/auth/google/register?token=x').expect(404);
    await request(t.url)
      .post('/api/v1/register/google')
      .send({ company_name: 'X', email: 'a@b.test', accept_terms: true })
      .expect(404);
  });
});
