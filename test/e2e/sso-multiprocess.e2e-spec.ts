import { followLogin, startTestIdp, type TestIdp, type TestTenant } from 'libs/test-idp';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import {
  enabledProvider,
  pathOf,
  ProviderJson,
  SSO_ENV,
  tradeCode,
  withCookies,
} from 'test/factories/sso.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { createTestDatabase, TestDatabase } from 'test/support/test-database';

const PASSWORD = 'idp-Passw0rd';

/**
 * Two instances of the service on one database, as behind a load balancer: nothing about a
 * login or a provider may live in one process's memory only.
 */
describe('SSO across two processes on one database', () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let idp: TestIdp;
  let tenant: TestTenant;
  let admin: RegisteredAccount;
  let provider: ProviderJson;

  beforeAll(async () => {
    database = await createTestDatabase();
    idp = await startTestIdp();
    // every process shares the keys, as production configuration requires
    const env = { ...SSO_ENV, ENCRYPTION_KEYS: `shared:${randomBytes(32).toString('base64')}` };
    a = await startTestApp(env, database);
    b = await startTestApp(env, database);
    admin = await registerAccount(a.url);
    tenant = await idp.addTenant({ type: 'pingone' });
    provider = await enabledProvider(a, admin.token, tenant, { jit_provisioning: true });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
    await idp.close();
  });

  function person() {
    const email = `p.${randomBytes(4).toString('hex')}@example.com`;
    tenant.addUser({ sub: email, email, password: PASSWORD });

    return { email, credentials: { login: email, password: PASSWORD } };
  }

  /** Starts a login on `app`; returns the IdP's callback URL and the browser's cookies. */
  async function beginOn(app: TestApp, credentials: { login: string; password: string }) {
    const start = await request(app.url).get(`/sso/${provider.id}/login`).expect(302);
    const callbackUrl = await followLogin(start.headers.location, credentials);

    return { callbackUrl, cookies: withCookies('', start.headers['set-cookie']) };
  }

  it('finishes on one process a login begun on the other', async () => {
    const someone = person();
    const begun = await beginOn(a, someone.credentials);

    const done = await request(b.url)
      .get(pathOf(begun.callbackUrl))
      .set('cookie', begun.cookies)
      .expect(302);
    const token = await tradeCode(a, done.headers.location);

    for (const app of [a, b]) {
      const me = await request(app.url)
        .get('/api/v1/me')
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(me.body.email).toBe(someone.email);
    }
  });

  it("rebuilds a process's cached strategy when the other one edits the provider", async () => {
    await beginOn(b, person().credentials);
    const clientId = `rotated-${randomBytes(4).toString('hex')}`;
    const clientSecret = randomBytes(16).toString('hex');
    tenant.addClient({ clientId, clientSecret, redirectUris: [provider.urls.callback] });

    await request(a.url)
      .patch(`/api/v1/sso/providers/${provider.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ client_id: clientId, client_secret: clientSecret })
      .expect(200);

    const start = await request(b.url).get(`/sso/${provider.id}/login`).expect(302);
    expect(new URL(start.headers.location).searchParams.get('client_id')).toBe(clientId);
    const someone = person();
    const callbackUrl = await followLogin(start.headers.location, someone.credentials);
    const done = await request(b.url)
      .get(pathOf(callbackUrl))
      .set('cookie', withCookies('', start.headers['set-cookie']))
      .expect(302);
    expect(new URL(done.headers.location).searchParams.has('code')).toBe(true);
  });

  it('refuses on one process a provider disabled on the other', async () => {
    const pending = await beginOn(b, person().credentials);

    await request(a.url)
      .patch(`/api/v1/sso/providers/${provider.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ enabled: false })
      .expect(200);

    await request(b.url).get(`/sso/${provider.id}/login`).expect(404);
    const refused = await request(b.url)
      .get(pathOf(pending.callbackUrl))
      .set('cookie', pending.cookies)
      .expect(302);
    expect(refused.headers.location).toBe(
      'http://identity.test/dashboard/login?error=provider_unavailable',
    );
  });
});
