import { exportJWK, generateKeyPair } from 'jose';
import { startTestIdp, type TestIdp } from 'libs/test-idp';
import { randomUUID } from 'node:crypto';
import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { Role } from 'src/common/auth/principal';
import { UsersService } from 'src/users/users.service';
import request from 'supertest';
import {
  registerAccount,
  RegisteredAccount,
  STRONG_PASSWORD,
} from 'test/factories/account.factory';
import { createProvider, enabledProvider, SSO_ENV, userWithRole } from 'test/factories/sso.factory';
import { JsonServer, startJsonServer } from 'test/support/json-server';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const PROBLEM = /application\/problem\+json/;

describe('SSO provider administration', () => {
  let t: TestApp;
  let idp: TestIdp;
  let fake: JsonServer;
  let admin: RegisteredAccount;
  const logs: string[] = [];

  beforeAll(async () => {
    idp = await startTestIdp();
    fake = await startJsonServer();
    t = await startTestApp({ ...SSO_ENV, LOG_LEVEL: 'debug' }, undefined, { logs });
    admin = await registerAccount(t.url);
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
    await fake.close();
  });

  const api = (token: string) => ({
    get: (path: string) => request(t.url).get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body?: object) =>
      request(t.url).post(path).auth(token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) =>
      request(t.url).patch(path).auth(token, { type: 'bearer' }).send(body),
    delete: (path: string) => request(t.url).delete(path).auth(token, { type: 'bearer' }),
  });
  const auditRows = () => t.app.get(DataSource).getRepository(AuditLog).find();

  describe('POST /api/v1/sso/providers', () => {
    it('creates a disabled PingOne provider without /as, with its three URLs', async () => {
      const env = randomUUID();
      const res = await api(admin.token)
        .post('/api/v1/sso/providers', {
          type: 'pingone',
          base_url: `https://auth.pingone.eu/${env}/as/`,
        })
        .expect(201);

      const id = res.body.id as string;
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'pingone',
        name: 'PingOne',
        base_url: `https://auth.pingone.eu/${env}`,
        issuer: `https://auth.pingone.eu/${env}/as`,
        client_id: null,
        client_secret_set: false,
        enabled: false,
        jit_provisioning: false,
        default_role: 'user',
        enforce_sso: false,
        domains: [],
        urls: {
          initiate_sign_in: `http://identity.test/sso/${id}/login`,
          callback: `http://identity.test/sso/${id}/callback`,
          logout: `http://identity.test/sso/${id}/logout`,
        },
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
    });

    it('names several providers of one type apart, and refuses a name twice', async () => {
      const account = await registerAccount(t.url);
      const first = await createProvider(t, account.token, {
        type: 'okta',
        base_url: 'https://acme.okta.com/',
      });
      const second = await createProvider(t, account.token, {
        type: 'okta',
        base_url: 'https://acme.okta.com/oauth2/default/',
      });
      const named = await createProvider(t, account.token, {
        type: 'okta',
        base_url: 'https://acme-admin.okta.com',
        name: 'Okta (staff)',
      });

      expect([first.name, second.name, named.name]).toEqual(['Okta', 'Okta 2', 'Okta (staff)']);
      expect([first.issuer, second.issuer, named.issuer]).toEqual([
        'https://acme.okta.com',
        'https://acme.okta.com/oauth2/default',
        'https://acme.okta.com',
      ]);
      const again = await api(account.token)
        .post('/api/v1/sso/providers', {
          type: 'okta',
          base_url: 'https://acme.okta.com',
          name: 'okta (STAFF)',
        })
        .expect(409);
      expect(again.body.code).toBe('SSO_PROVIDER_NAME_TAKEN');
      const list = await api(account.token).get('/api/v1/sso/providers').expect(200);
      expect(list.body.meta.total).toBe(3);
    });

    it('takes an Entra tenant id or authority, and refuses multi-tenant ones', async () => {
      const tenant = randomUUID();
      const byId = await createProvider(t, admin.token, {
        type: 'entra',
        base_url: tenant.toUpperCase(),
      });
      const byAuthority = await createProvider(t, admin.token, {
        type: 'entra',
        base_url: `https://login.microsoftonline.com/${tenant}/v2.0/`,
      });

      expect(byId).toMatchObject({ name: 'Microsoft Entra ID', base_url: tenant });
      expect(byId.issuer).toBe(`https://login.microsoftonline.com/${tenant}/v2.0`);
      expect(byAuthority.issuer).toBe(byId.issuer);
      for (const base_url of [
        'common',
        'organizations',
        'https://login.microsoftonline.com/consumers',
      ]) {
        const res = await api(admin.token)
          .post('/api/v1/sso/providers', { type: 'entra', base_url })
          .expect(422);
        expect(res.body.errors[0].field).toBe('base_url');
      }
    });

    it('answers 422 for bad input, naming the field, and creates nothing', async () => {
      const account = await registerAccount(t.url);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ type: 'google', base_url: 'https://accounts.google.com' }, 'type'],
        [{ type: 'okta', base_url: 42 }, 'base_url'],
        [{ type: 'okta', base_url: 'https://acme.okta.com', is_admin: true }, 'is_admin'],
        [{ type: 'okta', base_url: 'https://acme.okta.com', name: '  ' }, 'name'],
        [{ type: 'okta', base_url: 'https://acme.okta.com', name: null }, 'name'],
        [{ type: 'okta', base_url: 'not a url' }, 'base_url'],
        [{ type: 'okta', base_url: 'https://acme.okta.com/app/UserHome' }, 'base_url'],
        [{ type: 'pingone', base_url: 'http://auth.pingone.eu/env' }, 'base_url'],
        [{ type: 'pingone', base_url: 'https://10.1.2.3/env' }, 'base_url'],
        [{ type: 'pingone', base_url: 'https://169.254.169.254/latest' }, 'base_url'],
        [{ type: 'pingone', base_url: 'https://user:pw@auth.pingone.eu/env' }, 'base_url'],
      ];
      for (const [body, field] of cases) {
        const res = await api(account.token).post('/api/v1/sso/providers', body).expect(422);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const list = await api(account.token).get('/api/v1/sso/providers').expect(200);
      expect(list.body.data).toEqual([]);
    });
  });

  describe('GET /api/v1/sso/providers', () => {
    it('pages, sorts and filters, and refuses unknown or out-of-range parameters', async () => {
      const account = await registerAccount(t.url);
      for (const name of ['Charlie', 'Alpha', 'Bravo']) {
        await createProvider(t, account.token, {
          type: 'okta',
          base_url: 'https://acme.okta.com',
          name,
        });
      }
      await createProvider(t, account.token, {
        type: 'entra',
        base_url: randomUUID(),
        name: 'Delta',
      });

      const page = await api(account.token).get(
        '/api/v1/sso/providers?sort=name&per_page=2&page=2',
      );
      expect(page.status).toBe(200);
      expect(page.body.data.map((p: { name: string }) => p.name)).toEqual(['Charlie', 'Delta']);
      expect(page.body.meta).toEqual({ page: 2, per_page: 2, total: 4 });
      const desc = await api(account.token).get(
        '/api/v1/sso/providers?sort=-name&filter[type]=okta',
      );
      expect(desc.body.data.map((p: { name: string }) => p.name)).toEqual([
        'Charlie',
        'Bravo',
        'Alpha',
      ]);

      for (const query of [
        'page=0',
        'per_page=101',
        'per_page=x',
        'sort=secret',
        'filter[type]=saml',
        'foo=1',
      ]) {
        const res = await api(account.token).get(`/api/v1/sso/providers?${query}`).expect(422);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('PATCH /api/v1/sso/providers/{id}', () => {
    it('enables with credentials and a matching discovery; never returns the secret', async () => {
      const tenant = await idp.addTenant({ type: 'pingone' });
      const provider = await enabledProvider(t, admin.token, tenant, {
        jit_provisioning: true,
        default_role: 'read_only',
        domains: ['Example.COM', 'example.com', 'acme-sso.test'],
      });

      expect(provider).toMatchObject({
        enabled: true,
        client_secret_set: true,
        jit_provisioning: true,
        default_role: 'read_only',
        domains: ['example.com', 'acme-sso.test'],
        issuer: tenant.issuer,
        base_url: tenant.baseUrl,
      });
      const read = await api(admin.token).get(`/api/v1/sso/providers/${provider.id}`).expect(200);
      const { clientSecret, ...patched } = provider;
      expect(JSON.stringify([read.body, patched])).not.toContain(clientSecret);
      expect(read.body).not.toHaveProperty('client_secret');
    });

    it('refuses to enable without credentials or an answering IdP, changing nothing', async () => {
      const account = await registerAccount(t.url);
      const created = await createProvider(t, account.token, {
        type: 'pingone',
        base_url: `${idp.url}/nowhere`,
      });
      const path = `/api/v1/sso/providers/${created.id}`;

      const bare = await api(account.token)
        .patch(path, { enabled: true, name: 'Renamed' })
        .expect(422);
      expect(bare.body).toMatchObject({ code: 'SSO_PROVIDER_NOT_READY' });
      expect(bare.body.errors[0].field).toBe('client_id');
      const unreachable = await api(account.token)
        .patch(path, { enabled: true, client_id: 'abc', client_secret: 'shh-unreachable' })
        .expect(422);
      expect(unreachable.body.detail).toMatch(/discovery document answered HTTP 404/);

      const after = await api(account.token).get(path).expect(200);
      expect(after.body).toMatchObject({
        name: 'PingOne',
        enabled: false,
        client_id: null,
        client_secret_set: false,
      });
    });

    it('refuses a discovery document naming another issuer', async () => {
      fake.serve('/mixup/as/.well-known/openid-configuration', {
        issuer: `${fake.url}/someone-else/as`,
        authorization_endpoint: `${fake.url}/authorize`,
        token_endpoint: `${fake.url}/token`,
        jwks_uri: `${fake.url}/jwks`,
      });
      const created = await createProvider(t, admin.token, {
        type: 'pingone',
        base_url: `${fake.url}/mixup`,
      });
      const res = await api(admin.token)
        .patch(`/api/v1/sso/providers/${created.id}`, {
          enabled: true,
          client_id: 'a',
          client_secret: 'b',
        })
        .expect(422);

      expect(res.body.code).toBe('SSO_PROVIDER_NOT_READY');
      expect(res.body.detail).toContain('names the issuer');
    });

    it("keeps the GUID issuer that an Entra domain's discovery document names", async () => {
      const guid = randomUUID();
      const { publicKey } = await generateKeyPair('RS256');
      fake.serve('/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration', {
        issuer: `${fake.url}/${guid}/v2.0`,
        authorization_endpoint: `${fake.url}/${guid}/oauth2/v2.0/authorize`,
        token_endpoint: `${fake.url}/${guid}/oauth2/v2.0/token`,
        jwks_uri: `${fake.url}/${guid}/discovery/v2.0/keys`,
      });
      fake.serve(`/${guid}/discovery/v2.0/keys`, { keys: [await exportJWK(publicKey)] });
      const created = await createProvider(t, admin.token, {
        type: 'entra',
        base_url: `${fake.url}/contoso.onmicrosoft.com`,
      });
      expect(created.issuer).toBe(`${fake.url}/contoso.onmicrosoft.com/v2.0`);

      const res = await api(admin.token)
        .patch(`/api/v1/sso/providers/${created.id}`, {
          enabled: true,
          client_id: 'a',
          client_secret: 'b',
        })
        .expect(200);
      expect(res.body).toMatchObject({ enabled: true, issuer: `${fake.url}/${guid}/v2.0` });
    });

    it('answers 422 for bad fields, including an administrator default role', async () => {
      const created = await createProvider(t, admin.token, {
        type: 'okta',
        base_url: 'https://acme.okta.com',
      });
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ default_role: 'administrator' }, 'default_role'],
        [{ enabled: 'true' }, 'enabled'],
        [{ domains: 'acme.com' }, 'domains'],
        [{ domains: ['not a domain'] }, 'domains'],
        [{ client_secret: '' }, 'client_secret'],
        [{ client_id: null }, 'client_id'],
        [{ type: 'entra' }, 'type'],
      ];
      for (const [body, field] of cases) {
        const res = await api(admin.token)
          .patch(`/api/v1/sso/providers/${created.id}`, body)
          .expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });

  describe('POST /api/v1/sso/providers/{id}/test', () => {
    it('reports the endpoints of a working IdP and the reason of a broken one', async () => {
      const tenant = await idp.addTenant({ type: 'okta' });
      const provider = await enabledProvider(t, admin.token, tenant);
      const ok = await api(admin.token)
        .post(`/api/v1/sso/providers/${provider.id}/test`)
        .expect(200);
      expect(ok.body).toEqual({
        ok: true,
        issuer: tenant.issuer,
        authorization_endpoint: `${tenant.issuer}/v1/authorize`,
        token_endpoint: `${tenant.issuer}/v1/token`,
        jwks_uri: `${tenant.issuer}/v1/keys`,
      });

      const broken = await createProvider(t, admin.token, {
        type: 'okta',
        base_url: `${idp.url}/okta-x/oauth2/none`,
      });
      const none = await api(admin.token)
        .post(`/api/v1/sso/providers/${broken.id}/test`)
        .expect(200);
      expect(none.body).toEqual({ ok: false, detail: expect.stringMatching(/client id/) });
    });
  });

  describe('who may do what', () => {
    it('lets only administrators of the acting company near the routes', async () => {
      const owner = await registerAccount(t.url);
      const created = await createProvider(t, owner.token, {
        type: 'okta',
        base_url: 'https://acme.okta.com',
      });
      const other = await registerAccount(t.url);
      const routes = (token: string) => [
        api(token).get('/api/v1/sso/providers'),
        api(token).post('/api/v1/sso/providers', { type: 'okta', base_url: 'https://x.okta.com' }),
        api(token).get(`/api/v1/sso/providers/${created.id}`),
        api(token).patch(`/api/v1/sso/providers/${created.id}`, { name: 'Mine now' }),
        api(token).delete(`/api/v1/sso/providers/${created.id}`),
        api(token).post(`/api/v1/sso/providers/${created.id}/test`),
      ];

      for (const role of [Role.Manager, Role.User, Role.ReadOnly]) {
        const member = await userWithRole(t, owner.companyId, role);
        for (const call of routes(member.token)) {
          const res = await call;
          expect([role, res.status, res.body.code]).toEqual([role, 403, 'FORBIDDEN']);
        }
      }
      for (const call of routes('not-a-token')) {
        expect((await call).status).toBe(401);
      }
      // in parallel; the other company's own create may land before its list is read
      const [list, , ...byId] = await Promise.all(routes(other.token));
      expect(list.body.data.map((p: { id: string }) => p.id)).not.toContain(created.id);
      expect(byId.map((res) => res.status)).toEqual([404, 404, 404, 404]);
      expect(byId.every((res) => res.body.code === 'NOT_FOUND')).toBe(true);

      const unchanged = await api(owner.token)
        .get(`/api/v1/sso/providers/${created.id}`)
        .expect(200);
      expect(unchanged.body.name).toBe('Okta');
    });
  });

  describe('domains, discovery and deletion', () => {
    it('finds an enabled provider by domain, one owner per domain, gone when deleted', async () => {
      const tenant = await idp.addTenant({ type: 'entra' });
      const domain = `d${randomUUID().slice(0, 8)}.test`;
      const created = await createProvider(t, admin.token, {
        type: 'entra',
        base_url: tenant.baseUrl,
      });
      await api(admin.token)
        .patch(`/api/v1/sso/providers/${created.id}`, { domains: [domain] })
        .expect(200);

      const discover = (email: string) =>
        request(t.url).get('/api/v1/sso/discover').query({ email });
      expect((await discover(`anyone@${domain}`)).status).toBe(404);
      const provider = await enabledProvider(
        t,
        admin.token,
        await idp.addTenant({ type: 'entra' }),
        {
          domains: [`other-${domain}`],
        },
      );
      const found = await discover(`Someone@OTHER-${domain.toUpperCase()}`).expect(200);
      expect(found.body).toEqual({ sso_url: provider.urls.initiate_sign_in });
      await discover('not-an-email').expect(422);

      const rival = await registerAccount(t.url);
      const theirs = await createProvider(t, rival.token, {
        type: 'okta',
        base_url: 'https://r.okta.com',
      });
      const taken = await api(rival.token)
        .patch(`/api/v1/sso/providers/${theirs.id}`, { domains: ['free.test', `other-${domain}`] })
        .expect(409);
      expect(taken.body.code).toBe('SSO_DOMAIN_TAKEN');
      expect(
        (await api(rival.token).get(`/api/v1/sso/providers/${theirs.id}`)).body.domains,
      ).toEqual([]);

      await api(admin.token).delete(`/api/v1/sso/providers/${provider.id}`).expect(204);
      await api(admin.token).get(`/api/v1/sso/providers/${provider.id}`).expect(404);
      await discover(`someone@other-${domain}`).expect(404);
      await api(rival.token)
        .patch(`/api/v1/sso/providers/${theirs.id}`, { domains: [`other-${domain}`] })
        .expect(200);
    });
  });

  describe('enforce_sso', () => {
    it("answers a non-administrator's right password with 403 and the SSO URL", async () => {
      const account = await registerAccount(t.url);
      const email = `member.${randomUUID().slice(0, 8)}@acme.test`;
      await t.app.get(UsersService).create({
        companyId: account.companyId,
        email,
        firstName: 'Mem',
        lastName: 'Ber',
        role: Role.User,
        passwordHash: await t.app.get(PasswordHasher).hash(STRONG_PASSWORD),
      });
      const login = (who: string, password = STRONG_PASSWORD) =>
        request(t.url).post('/api/v1/login').send({ email: who, password });
      await login(email).expect(200);

      const provider = await enabledProvider(
        t,
        account.token,
        await idp.addTenant({ type: 'pingone' }),
        {
          enforce_sso: true,
        },
      );
      const refused = await login(email).expect(403);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
      expect(refused.body).toMatchObject({
        code: 'SSO_REQUIRED',
        sso_url: provider.urls.initiate_sign_in,
      });
      expect(refused.body.detail).toEqual(expect.any(String));
      expect((await login(email, 'Wr0ng!pass').expect(401)).body).not.toHaveProperty('sso_url');
      await login(account.email, account.password).expect(200);

      await api(account.token)
        .patch(`/api/v1/sso/providers/${provider.id}`, { enabled: false })
        .expect(200);
      await login(email).expect(200);
    });
  });

  it('documents every SSO route in Swagger, with no client_secret in any response schema', async () => {
    const doc = await request(t.url).get('/docs-json').expect(200);

    for (const path of [
      '/api/v1/sso/providers',
      '/api/v1/sso/providers/{id}',
      '/api/v1/sso/providers/{id}/test',
      '/api/v1/sso/discover',
      '/api/v1/login/sso',
      '/sso/{id}/login',
      '/sso/{id}/callback',
      '/sso/{id}/logout',
    ]) {
      expect([path, doc.body.paths[path]]).toEqual([path, expect.any(Object)]);
    }
    const schemas = doc.body.components.schemas;
    expect(schemas.SsoProviderResponseDto.properties).not.toHaveProperty('client_secret');
    expect(schemas.SsoProviderResponseDto.properties).toHaveProperty('client_secret_set');
    expect(schemas.UpdateSsoProviderDto.properties.client_secret.writeOnly).toBe(true);
  });

  it('records every change without the secret, and never logs it', async () => {
    const account = await registerAccount(t.url);
    const provider = await enabledProvider(
      t,
      account.token,
      await idp.addTenant({ type: 'pingone' }),
    );
    await api(account.token)
      .patch(`/api/v1/sso/providers/${provider.id}`, { client_secret: 'rotated-secret-value-123' })
      .expect(200);

    const rows = (await auditRows()).filter((row) => row.targetId === provider.id);
    expect(rows.map((row) => row.event)).toEqual([
      'sso.provider.created',
      'sso.provider.updated',
      'sso.provider.updated',
    ]);
    expect(rows[1]?.changes).toMatchObject({
      enabled: { from: false, to: true },
      client_secret_changed: true,
    });
    const stored = JSON.stringify(await auditRows());
    expect(stored).not.toContain(provider.clientSecret);
    expect(stored).not.toContain('rotated-secret-value-123');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(provider.clientSecret);
    expect(logs.join('\n')).not.toContain('rotated-secret-value-123');
  });
});
