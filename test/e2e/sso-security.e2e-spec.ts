import {
  followLogin,
  type MisbehaviourKind,
  startTestIdp,
  type TestIdp,
  type TestTenant,
} from 'libs/test-idp';
import { randomBytes } from 'node:crypto';
import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { Session } from 'src/auth/entities/session.entity';
import { SsoIdentity } from 'src/sso/entities/sso-identity.entity';
import { SsoSignIn } from 'src/sso/entities/sso-sign-in.entity';
import { User } from 'src/users/entities/user.entity';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import {
  enabledProvider,
  pathOf,
  ProviderJson,
  signInThroughSso,
  SSO_ENV,
  tradeCode,
  withCookies,
} from 'test/factories/sso.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const PASSWORD = 'idp-Passw0rd';

describe('SSO sign-in against a misbehaving IdP', () => {
  let t: TestApp;
  let idp: TestIdp;
  let admin: RegisteredAccount;

  beforeAll(async () => {
    idp = await startTestIdp();
    t = await startTestApp(SSO_ENV);
    admin = await registerAccount(t.url);
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  const repo = <T extends object>(entity: new () => T) =>
    t.app.get(DataSource).getRepository(entity);
  const me = (token: string) => request(t.url).get('/api/v1/me').auth(token, { type: 'bearer' });

  function person(tenant: TestTenant) {
    const tag = randomBytes(4).toString('hex');
    const email = `p.${tag}@example.com`;
    tenant.addUser({
      sub: `sub-${tag}`,
      email,
      password: PASSWORD,
      givenName: 'P',
      familyName: tag,
    });

    return { email, credentials: { login: email, password: PASSWORD } };
  }

  // what a sign-in leaves behind; a refusal must leave none of it
  const footprint = async () => ({
    users: await repo(User).count(),
    identities: await repo(SsoIdentity).count(),
    codes: await repo(LoginCode).count(),
    sessions: await repo(Session).count(),
    signIns: await repo(SsoSignIn).count(),
  });

  // the reason names the check of ours (jose, or id-token.ts) that refused the token
  const cases: Array<[MisbehaviourKind, string, RegExp]> = [
    ['wrong-issuer', 'invalid_id_token', /ERR_JWT_CLAIM_VALIDATION_FAILED: unexpected "iss"/],
    ['wrong-audience', 'invalid_id_token', /ERR_JWT_CLAIM_VALIDATION_FAILED: unexpected "aud"/],
    ['wrong-nonce', 'invalid_id_token', /^nonce does not match/],
    ['expired', 'invalid_id_token', /^ERR_JWT_EXPIRED: "exp"/],
    ['future-iat', 'invalid_id_token', /"iat" claim timestamp check failed/],
    ['missing-azp-multi-aud', 'invalid_id_token', /^azp is missing/],
    ['bad-signature', 'invalid_id_token', /^ERR_JWS_SIGNATURE_VERIFICATION_FAILED/],
    ['unsigned', 'invalid_id_token', /^ERR_JOSE_ALG_NOT_ALLOWED/],
    ['hmac', 'invalid_id_token', /^ERR_JOSE_ALG_NOT_ALLOWED/],
    ['userinfo-other-sub', 'invalid_userinfo', /another subject/],
  ];

  describe.each(['pingone', 'entra'] as const)('a %s tenant', (type) => {
    let tenant: TestTenant;
    let provider: ProviderJson;

    beforeAll(async () => {
      tenant = await idp.addTenant({ type });
      provider = await enabledProvider(t, admin.token, tenant, { jit_provisioning: true });
    });
    afterEach(() => tenant.setMisbehaviour(null));

    it.each(cases)('refuses %s with %s, and signs nobody in', async (kind, error, reason) => {
      const someone = person(tenant);
      const before = await footprint();
      tenant.setMisbehaviour({ kind });

      const attempt = await signInThroughSso(t, provider, someone.credentials);

      expect(attempt.location).toBe(`http://identity.test/dashboard/login?error=${error}`);
      expect(await footprint()).toEqual(before);
      expect(await repo(User).countBy({ email: someone.email })).toBe(0);
      const refusal = await repo(AuditLog).findOne({
        where: { event: 'sso.login.refused', targetId: provider.id },
        order: { createdAt: 'DESC', id: 'DESC' },
      });
      expect(refusal?.changes).toMatchObject({ error, reason: expect.stringMatching(reason) });

      // the same person, once the IdP behaves, is signed in: the refusal was the defect
      tenant.setMisbehaviour(null);
      const token = await tradeCode(
        t,
        (await signInThroughSso(t, provider, someone.credentials)).location,
      );
      expect((await me(token).expect(200)).body.email).toBe(someone.email);
    });
  });

  it('refetches the keys once when the IdP rotated them', async () => {
    const tenant = await idp.addTenant({ type: 'okta' });
    const provider = await enabledProvider(t, admin.token, tenant, { jit_provisioning: true });
    const first = person(tenant);
    await tradeCode(t, (await signInThroughSso(t, provider, first.credentials)).location);

    await tenant.rotateKeys();
    const second = person(tenant);
    const token = await tradeCode(
      t,
      (await signInThroughSso(t, provider, second.credentials)).location,
    );
    expect((await me(token)).body.email).toBe(second.email);
  });

  it('gives each of two simultaneous callbacks its own person', async () => {
    const tenant = await idp.addTenant({ type: 'pingone' });
    const provider = await enabledProvider(t, admin.token, tenant, { jit_provisioning: true });
    const people = [person(tenant), person(tenant), person(tenant), person(tenant)];
    const pending = await Promise.all(
      people.map(async (someone) => {
        const start = await request(t.url).get(`/sso/${provider.id}/login`).expect(302);
        const callbackUrl = await followLogin(start.headers.location, someone.credentials);

        return { callbackUrl, cookies: withCookies('', start.headers['set-cookie']) };
      }),
    );

    const done = await Promise.all(
      pending.map(({ callbackUrl, cookies }) =>
        request(t.url).get(pathOf(callbackUrl)).set('cookie', cookies).expect(302),
      ),
    );
    const emails = await Promise.all(
      done.map(async (res) => (await me(await tradeCode(t, res.headers.location))).body.email),
    );
    expect(emails).toEqual(people.map((someone) => someone.email));
  });

  it('sends the browser to the login page when discovery fails', async () => {
    const tenant = await idp.addTenant({ type: 'okta' });
    const provider = await enabledProvider(t, admin.token, tenant);
    await t.app
      .get(DataSource)
      .query('UPDATE sso_providers SET issuer = ?, version = version + 1 WHERE id = ?', [
        `${tenant.issuer}-moved`,
        provider.id,
      ]);

    const start = await request(t.url).get(`/sso/${provider.id}/login`).expect(302);
    expect(start.headers.location).toBe(
      'http://identity.test/dashboard/login?error=discovery_failed',
    );
  });
});
