import type { TenantType, TestTenant } from 'libs/test-idp';
import { CookieJar, followLogin, followLogout, startTestIdp, type TestIdp } from 'libs/test-idp';
import { randomBytes } from 'node:crypto';
import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { Role } from 'src/common/auth/principal';
import { SecretBox } from 'src/common/crypto/secret-box';
import { Company } from 'src/companies/entities/company.entity';
import { SsoLoginTransaction } from 'src/sso/entities/sso-login-transaction.entity';
import { SsoSignIn } from 'src/sso/entities/sso-sign-in.entity';
import { User, UserStatus } from 'src/users/entities/user.entity';
import { UsersService } from 'src/users/users.service';
import request from 'supertest';
import { registerAccount } from 'test/factories/account.factory';
import {
  enabledProvider,
  pathOf,
  signInThroughSso,
  SSO_ENV,
  tradeCode,
  withCookies,
} from 'test/factories/sso.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource, IsNull } from 'typeorm';

const DASHBOARD = 'http://identity.test/dashboard';
const PASSWORD = 'idp-Passw0rd';

describe('SSO sign-in through the browser flow', () => {
  let t: TestApp;
  let idp: TestIdp;
  const logs: string[] = [];

  beforeAll(async () => {
    idp = await startTestIdp();
    t = await startTestApp({ ...SSO_ENV, LOG_LEVEL: 'debug' }, undefined, { logs });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  const repo = <T extends object>(entity: new () => T) =>
    t.app.get(DataSource).getRepository(entity);
  const me = (token: string) => request(t.url).get('/api/v1/me').auth(token, { type: 'bearer' });
  const errorOf = (location: string) => {
    expect(location.startsWith(`${DASHBOARD}/login?error=`)).toBe(true);

    return new URL(location).searchParams.get('error');
  };

  /** A fresh company with a provider of `type` on a fresh tenant, and one IdP user. */
  async function setup(type: TenantType, settings: Record<string, unknown> = {}) {
    const admin = await registerAccount(t.url);
    const tenant = await idp.addTenant({ type });
    const provider = await enabledProvider(t, admin.token, tenant, settings);
    const person = idpUser(tenant);

    return { admin, tenant, provider, person };
  }

  function idpUser(
    tenant: TestTenant,
    overrides: Partial<Parameters<TestTenant['addUser']>[0]> = {},
  ) {
    const tag = randomBytes(4).toString('hex');
    const user = {
      sub: `sub-${tag}`,
      email: `person.${tag}@example.com`,
      givenName: 'Grace',
      familyName: `Hopper ${tag}`,
      password: PASSWORD,
      ...overrides,
    };
    tenant.addUser(user);

    return { ...user, credentials: { login: user.email, password: PASSWORD } };
  }

  describe.each<TenantType>(['pingone', 'okta', 'entra'])('with a %s provider', (type) => {
    it('signs a new person in: PKCE, state, nonce, the scopes, JIT, a one-time code', async () => {
      const { admin, provider, person } = await setup(type, {
        jit_provisioning: true,
        default_role: 'manager',
      });

      const attempt = await signInThroughSso(t, provider, person.credentials);

      const authorize = new URL(attempt.authorizeUrl).searchParams;
      expect(Object.fromEntries(authorize)).toMatchObject({
        response_type: 'code',
        scope: 'openid email profile offline_access',
        client_id: expect.any(String),
        redirect_uri: provider.urls.callback,
        code_challenge_method: 'S256',
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        nonce: expect.any(String),
      });
      expect(attempt.location).toMatch(new RegExp(`^${DASHBOARD}\\?code=[A-Za-z0-9_-]{43}$`));
      const token = await tradeCode(t, attempt.location);
      const profile = await me(token).expect(200);
      expect(profile.body).toMatchObject({
        email: person.email,
        first_name: 'Grace',
        last_name: person.familyName,
        role: 'manager',
        company: { id: admin.companyId },
        sso_provider_id: provider.id,
      });

      const again = await request(t.url)
        .post('/api/v1/login/sso')
        .send({ code: new URL(attempt.location).searchParams.get('code') })
        .expect(401);
      expect(again.body.code).toBe('LOGIN_CODE_INVALID');
    });
  });

  describe('finding the person', () => {
    it('links an existing user by verified email, then recognises the subject', async () => {
      const { admin, provider, tenant } = await setup('okta');
      const existing = await t.app.get(UsersService).create({
        companyId: admin.companyId,
        email: `known.${randomBytes(4).toString('hex')}@example.com`,
        firstName: 'Known',
        lastName: 'Person',
        role: Role.User,
      });
      const person = idpUser(tenant, { email: existing.email.toUpperCase() });

      for (const match of ['email', 'linked']) {
        const token = await tradeCode(
          t,
          (await signInThroughSso(t, provider, person.credentials)).location,
        );
        expect((await me(token)).body).toMatchObject({ id: existing.id, first_name: 'Known' });
        const audit = await repo(AuditLog).findOne({
          where: { event: 'sso.login.succeeded', targetId: existing.id },
          order: { createdAt: 'DESC', id: 'DESC' },
        });
        expect(audit?.changes).toMatchObject({ provider_id: provider.id, match });
      }
    });

    it("matches an unverified email only on one of the provider's domains", async () => {
      const { admin, provider, tenant } = await setup('pingone');
      const domain = `d${randomBytes(4).toString('hex')}.test`;
      const existing = await t.app.get(UsersService).create({
        companyId: admin.companyId,
        email: `sam@${domain}`,
        firstName: 'Sam',
        lastName: 'Unverified',
        role: Role.User,
      });
      const person = idpUser(tenant, { email: existing.email, emailVerified: false });

      const refused = await signInThroughSso(t, provider, person.credentials);
      expect(errorOf(refused.location)).toBe('account_not_found');

      await request(t.url)
        .patch(`/api/v1/sso/providers/${provider.id}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ domains: [domain] })
        .expect(200);
      const token = await tradeCode(
        t,
        (await signInThroughSso(t, provider, person.credentials)).location,
      );
      expect((await me(token)).body.id).toBe(existing.id);
    });

    it("links an Entra user only on the provider's domains (no email_verified)", async () => {
      const domain = `e${randomBytes(4).toString('hex')}.test`;
      const { admin, provider, tenant } = await setup('entra');
      const existing = await t.app.get(UsersService).create({
        companyId: admin.companyId,
        email: `ent@${domain}`,
        firstName: 'Ent',
        lastName: 'Ra',
        role: Role.ReadOnly,
      });
      const person = idpUser(tenant, { email: existing.email });
      expect(errorOf((await signInThroughSso(t, provider, person.credentials)).location)).toBe(
        'account_not_found',
      );

      await request(t.url)
        .patch(`/api/v1/sso/providers/${provider.id}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ domains: [domain] })
        .expect(200);
      const token = await tradeCode(
        t,
        (await signInThroughSso(t, provider, person.credentials)).location,
      );
      expect((await me(token)).body).toMatchObject({ id: existing.id, role: 'read_only' });
    });

    it('refuses an unknown person without JIT, and a foreign email even with it', async () => {
      const { provider, person, admin, tenant } = await setup('okta');
      const elsewhere = await registerAccount(t.url);
      const usersBefore = await repo(User).count();

      expect(errorOf((await signInThroughSso(t, provider, person.credentials)).location)).toBe(
        'account_not_found',
      );
      await request(t.url)
        .patch(`/api/v1/sso/providers/${provider.id}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ jit_provisioning: true })
        .expect(200);
      const squatter = idpUser(tenant, { email: elsewhere.email });
      expect(errorOf((await signInThroughSso(t, provider, squatter.credentials)).location)).toBe(
        'account_not_found',
      );
      expect(await repo(User).count()).toBe(usersBefore);
      const refusals = await repo(AuditLog).find({
        where: { event: 'sso.login.refused', targetId: provider.id },
      });
      expect(refusals.map((row) => (row.changes as { error: string }).error)).toEqual([
        'account_not_found',
        'account_not_found',
      ]);
    });

    it('refuses inactive users and deleted companies', async () => {
      const { admin, provider, person } = await setup('pingone', { jit_provisioning: true });
      const token = await tradeCode(
        t,
        (await signInThroughSso(t, provider, person.credentials)).location,
      );
      const userId = (await me(token)).body.id as string;

      await repo(User).update({ id: userId }, { status: UserStatus.Inactive });
      expect(errorOf((await signInThroughSso(t, provider, person.credentials)).location)).toBe(
        'account_inactive',
      );
      await repo(User).update({ id: userId }, { status: UserStatus.Active });
      await repo(Company).update({ id: admin.companyId }, { deletedAt: new Date() });
      expect(errorOf((await signInThroughSso(t, provider, person.credentials)).location)).toBe(
        'company_inactive',
      );
    });
  });

  describe('the one-time code', () => {
    it('is refused when unknown, or older than 60 seconds', async () => {
      const { provider, person } = await setup('okta', { jit_provisioning: true });
      const attempt = await signInThroughSso(t, provider, person.credentials);
      await repo(LoginCode).update(
        { usedAt: IsNull() },
        { expiresAt: new Date(Date.now() - 1000) },
      );

      const code = new URL(attempt.location).searchParams.get('code');
      for (const sent of [code, 'no-such-code']) {
        const res = await request(t.url).post('/api/v1/login/sso').send({ code: sent }).expect(401);
        expect(res.body.code).toBe('LOGIN_CODE_INVALID');
      }
      await request(t.url).post('/api/v1/login/sso').send({ code: 42 }).expect(422);
    });
  });

  describe('the login transaction', () => {
    it('is used once: a replayed callback is refused', async () => {
      const { provider, person } = await setup('pingone', { jit_provisioning: true });
      const attempt = await signInThroughSso(t, provider, person.credentials);

      const replay = await request(t.url)
        .get(pathOf(attempt.callbackUrl))
        .set('cookie', attempt.cookies)
        .expect(302);
      expect(errorOf(replay.headers.location)).toBe('invalid_state');
    });

    it('expires after ten minutes', async () => {
      const { provider, person } = await setup('okta', { jit_provisioning: true });
      const start = await request(t.url).get(`/sso/${provider.id}/login`).expect(302);
      const callbackUrl = await followLogin(start.headers.location, person.credentials);
      await repo(SsoLoginTransaction).update(
        { providerId: provider.id },
        { expiresAt: new Date(Date.now() - 1000) },
      );

      const res = await request(t.url)
        .get(pathOf(callbackUrl))
        .set('cookie', withCookies('', start.headers['set-cookie']))
        .expect(302);
      expect(errorOf(res.headers.location)).toBe('invalid_state');
    });

    it('finishes only in the browser that began it, and only for its provider', async () => {
      const { provider, person } = await setup('entra', { jit_provisioning: true });
      const start = await request(t.url).get(`/sso/${provider.id}/login`).expect(302);
      const callbackUrl = await followLogin(start.headers.location, person.credentials);

      const otherBrowser = await request(t.url)
        .get(pathOf(callbackUrl))
        .set('cookie', `pwi_sso_binding=${randomBytes(32).toString('base64url')}`)
        .expect(302);
      expect(errorOf(otherBrowser.headers.location)).toBe('invalid_state');

      const other = await setup('entra', { jit_provisioning: true });
      const start2 = await request(t.url).get(`/sso/${provider.id}/login`).expect(302);
      const callback2 = new URL(await followLogin(start2.headers.location, person.credentials));
      const cookies2 = withCookies('', start2.headers['set-cookie']);
      const finish = (providerId: string, search: string) =>
        request(t.url)
          .get(`/sso/${providerId}/callback${search}`)
          .set('cookie', cookies2)
          .expect(302);
      // RFC 9207's iss names the other tenant; without it, the state names the other provider
      const named = await finish(other.provider.id, callback2.search);
      expect(errorOf(named.headers.location)).toBe('issuer_mismatch');
      callback2.searchParams.delete('iss');
      const misrouted = await finish(other.provider.id, callback2.search);
      expect(errorOf(misrouted.headers.location)).toBe('invalid_state');
      const burnt = await finish(provider.id, callback2.search);
      expect(errorOf(burnt.headers.location)).toBe('invalid_state');
    });

    it('lets two tabs of one browser sign in at once', async () => {
      const { provider, tenant } = await setup('okta', { jit_provisioning: true });
      const first = idpUser(tenant);
      const second = idpUser(tenant);
      const start1 = await request(t.url).get(`/sso/${provider.id}/login`).expect(302);
      const cookies = withCookies('', start1.headers['set-cookie']);
      const start2 = await request(t.url)
        .get(`/sso/${provider.id}/login`)
        .set('cookie', cookies)
        .expect(302);
      const callback1 = await followLogin(start1.headers.location, first.credentials);
      const callback2 = await followLogin(start2.headers.location, second.credentials);

      const [done2, done1] = await Promise.all([
        request(t.url).get(pathOf(callback2)).set('cookie', cookies),
        request(t.url).get(pathOf(callback1)).set('cookie', cookies),
      ]);
      expect((await me(await tradeCode(t, done1.headers.location))).body.email).toBe(first.email);
      expect((await me(await tradeCode(t, done2.headers.location))).body.email).toBe(second.email);
    });
  });

  describe('callback answers from the IdP', () => {
    it('maps a cancelled login, an IdP error and a bad callback to stable codes', async () => {
      const { provider } = await setup('pingone');
      const callback = (query: string) =>
        request(t.url).get(`/sso/${provider.id}/callback?${query}`).expect(302);

      expect(errorOf((await callback('error=access_denied&state=abc')).headers.location)).toBe(
        'access_denied',
      );
      expect(errorOf((await callback('error=server_error&state=abc')).headers.location)).toBe(
        'idp_error',
      );
      expect(errorOf((await callback('code=abc')).headers.location)).toBe('invalid_request');
      expect(errorOf((await callback('code[]=a&state=b')).headers.location)).toBe(
        'invalid_request',
      );
      expect(errorOf((await callback('code=abc&state=unknown')).headers.location)).toBe(
        'invalid_state',
      );
      expect(
        errorOf((await callback('code=a&state=b&iss=https://evil.test')).headers.location),
      ).toBe('issuer_mismatch');
    });

    it('answers 404 for an unknown or disabled provider, and refuses its callback', async () => {
      const { provider, admin } = await setup('okta');
      await request(t.url).get('/sso/00000000-0000-7000-8000-000000000000/login').expect(404);
      await request(t.url)
        .patch(`/api/v1/sso/providers/${provider.id}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ enabled: false })
        .expect(200);

      const login = await request(t.url).get(`/sso/${provider.id}/login`).expect(404);
      expect(login.body.code).toBe('NOT_FOUND');
      const callback = await request(t.url)
        .get(`/sso/${provider.id}/callback?code=a&state=b`)
        .expect(302);
      expect(errorOf(callback.headers.location)).toBe('provider_unavailable');
    });
  });

  describe('third-party-initiated login', () => {
    it('checks iss, passes login_hint on, keeps target_link_uri on the dashboard', async () => {
      const { provider, person, tenant } = await setup('pingone', { jit_provisioning: true });
      tenant.setAutoLogin(true);

      const mixup = await request(t.url)
        .get(`/sso/${provider.id}/login`)
        .query({ iss: 'https://auth.pingone.eu/someone-else/as' })
        .expect(302);
      expect(errorOf(mixup.headers.location)).toBe('issuer_mismatch');

      // auto-login finishes on the hint alone: the wrong password is never asked for
      const wrongPassword = { login: person.email, password: 'not-asked' };
      const onDashboard = await signInThroughSso(t, provider, wrongPassword, {
        query: {
          iss: provider.issuer,
          login_hint: person.email,
          target_link_uri: `${DASHBOARD}/flows?id=7`,
        },
      });
      expect(new URL(onDashboard.authorizeUrl).searchParams.get('login_hint')).toBe(person.email);
      expect(onDashboard.location).toMatch(new RegExp(`^${DASHBOARD}/flows\\?id=7&code=`));

      const offOrigin = await signInThroughSso(t, provider, wrongPassword, {
        query: { login_hint: person.email, target_link_uri: 'https://evil.test/phish' },
      });
      expect(offOrigin.location).toMatch(new RegExp(`^${DASHBOARD}\\?code=`));
    });

    it('accepts the parameters as a POST form', async () => {
      const { provider, person } = await setup('okta', { jit_provisioning: true });
      const start = await request(t.url)
        .post(`/sso/${provider.id}/login`)
        .type('form')
        .send({ iss: provider.issuer, login_hint: person.email })
        .expect(302);
      expect(new URL(start.headers.location).searchParams.get('login_hint')).toBe(person.email);

      const refused = await request(t.url)
        .post(`/sso/${provider.id}/login`)
        .type('form')
        .send({ iss: 'https://evil.test' })
        .expect(302);
      expect(errorOf(refused.headers.location)).toBe('issuer_mismatch');
    });
  });

  describe('GET /sso/{id}/logout', () => {
    it("ends the session and sends the browser to the IdP's end-session endpoint", async () => {
      const { provider, person } = await setup('okta', { jit_provisioning: true });
      const jar = new CookieJar();
      const attempt = await signInThroughSso(t, provider, person.credentials, { jar });
      const token = await tradeCode(t, attempt.location);
      const signIn = await repo(SsoSignIn).findOneByOrFail({ providerId: provider.id });
      const idToken = t.app.get(SecretBox).open(signIn.idTokenSealed);

      const logout = await request(t.url)
        .get(`/sso/${provider.id}/logout`)
        .set('cookie', attempt.cookies)
        .expect(302);
      const endSession = new URL(logout.headers.location);
      expect(endSession.searchParams.get('id_token_hint')).toBe(idToken);
      expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(provider.urls.logout);
      await me(token).expect(401);
      expect(withCookies(attempt.cookies, logout.headers['set-cookie'])).not.toContain(
        'pwi_sso_sign_in',
      );

      const back = await followLogout(logout.headers.location, { jar });
      expect(back).toBe(provider.urls.logout);
      const landing = await request(t.url).get(pathOf(back)).expect(302);
      expect(landing.headers.location).toBe(`${DASHBOARD}/login`);
      const events = await repo(AuditLog).find({
        where: { event: 'sso.logout', targetId: signIn.userId },
      });
      expect(events).toHaveLength(1);
    });
  });

  it('logs no code, token, ID token or client secret', async () => {
    const { provider, person } = await setup('pingone', { jit_provisioning: true });
    const attempt = await signInThroughSso(t, provider, person.credentials);
    const token = await tradeCode(t, attempt.location);
    const signIn = await repo(SsoSignIn).findOneByOrFail({ providerId: provider.id });
    const secrets = [
      new URL(attempt.location).searchParams.get('code') ?? '',
      new URL(attempt.callbackUrl).searchParams.get('code') ?? '',
      new URL(attempt.callbackUrl).searchParams.get('state') ?? '',
      token,
      t.app.get(SecretBox).open(signIn.idTokenSealed),
      provider.clientSecret,
    ];

    const logged = logs.join('\n');
    expect(logged).toContain(`signed in through SSO provider ${provider.id}`);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(10);
      expect(logged).not.toContain(secret);
    }
    expect(JSON.stringify(await repo(AuditLog).find())).not.toContain(provider.clientSecret);
  });
});
