import { OAuthClient } from 'src/auth/entities/oauth-client.entity';
import { MachineTokenService } from 'src/auth/machine-token.service';
import { TokenService } from 'src/auth/token.service';
import { hashToken } from 'src/common/crypto/tokens';
import { newId } from 'src/common/ids';
import { Company } from 'src/companies/entities/company.entity';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import { createMembers, Member } from 'test/factories/members-by-role.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const PROBLEM = /application\/problem\+json/;

interface CreatedClient {
  id: string;
  name: string;
  client_id: string;
  client_secret: string;
}

describe('OAuth machine clients', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let admin: RegisteredAccount;
  let members: Awaited<ReturnType<typeof createMembers>>;
  let other: RegisteredAccount;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
    admin = await registerAccount(t.url);
    members = await createMembers(t, admin.companyId);
    other = await registerAccount(t.url);
  });
  afterAll(() => t.close());

  const as = (authorization: string) => ({
    get: (path: string) => request(t.url).get(path).set('authorization', authorization),
    post: (path: string, body: object = {}) =>
      request(t.url).post(path).set('authorization', authorization).send(body),
    delete: (path: string) => request(t.url).delete(path).set('authorization', authorization),
  });
  const bearer = (token: string) => as(`Bearer ${token}`);
  const createClient = async (token = admin.token, name = 'ERP connector') =>
    (await bearer(token).post('/api/v1/oauth-clients', { name }).expect(201)).body as CreatedClient;
  const tokenRequest = () => request(t.url).post('/api/v1/oauth/token');
  const form = (fields: Record<string, string>) =>
    tokenRequest().type('form').send(new URLSearchParams(fields).toString());
  const accessTokenOf = async (client: CreatedClient): Promise<string> =>
    (
      await form({
        grant_type: 'client_credentials',
        client_id: client.client_id,
        client_secret: client.client_secret,
      }).expect(200)
    ).body.access_token;
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

  describe('who may manage them', () => {
    it('lets administrators and managers list, create and delete clients', async () => {
      for (const token of [admin.token, members.manager.token]) {
        const client = await createClient(token);
        const list = await bearer(token).get('/api/v1/oauth-clients').expect(200);
        expect(list.body.data.map((c: { id: string }) => c.id)).toContain(client.id);
        await bearer(token).delete(`/api/v1/oauth-clients/${client.id}`).expect(204);
      }
    });

    it('refuses users and read-only users, changing nothing', async () => {
      const client = await createClient();
      for (const member of [members.user, members.read_only] as Member[]) {
        for (const attempt of [
          bearer(member.token).get('/api/v1/oauth-clients'),
          bearer(member.token).post('/api/v1/oauth-clients', { name: 'Nope' }),
          bearer(member.token).delete(`/api/v1/oauth-clients/${client.id}`),
        ]) {
          const res = await attempt;
          expect(res.status).toBe(403);
          expect(res.body).toMatchObject({ code: 'FORBIDDEN', refused_by: 'role' });
        }
      }
      await request(t.url).get('/api/v1/oauth-clients').expect(401);
      await accessTokenOf(client);
    });

    it("answers 404 for another company's client and leaves it working", async () => {
      const theirs = await createClient(other.token, 'Their client');

      for (const id of [theirs.id, newId()]) {
        const res = await bearer(admin.token).delete(`/api/v1/oauth-clients/${id}`).expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }

      const mine = await bearer(admin.token).get('/api/v1/oauth-clients?per_page=100').expect(200);
      expect(mine.body.data.map((c: { id: string }) => c.id)).not.toContain(theirs.id);
      await accessTokenOf(theirs);
    });
  });

  describe('POST /api/v1/oauth-clients', () => {
    it('returns the secret once and stores only its SHA-256', async () => {
      const res = await bearer(admin.token)
        .post('/api/v1/oauth-clients', { name: ' ERP connector ' })
        .expect(201);

      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'ERP connector',
        client_id: expect.stringMatching(/^pwc_[A-Za-z0-9_-]{22}$/),
        client_secret: expect.stringMatching(/^pws_[A-Za-z0-9_-]{43}$/),
      });
      const row = await dataSource.getRepository(OAuthClient).findOneByOrFail({ id: res.body.id });
      expect(row.secretHash).toBe(hashToken(res.body.client_secret));
      expect(JSON.stringify(row)).not.toContain(res.body.client_secret.slice(4));
      const list = await bearer(admin.token).get('/api/v1/oauth-clients?per_page=100').expect(200);
      expect(list.body.data.find((c: { id: string }) => c.id === res.body.id)).toEqual({
        id: res.body.id,
        name: 'ERP connector',
        client_id: res.body.client_id,
        created_at: expect.any(String),
      });
      expect(JSON.stringify(list.body)).not.toContain(res.body.client_secret);
    });

    it('answers 422 for a bad name or unknown fields', async () => {
      for (const body of [
        {},
        { name: '' },
        { name: 5 },
        { name: 'x'.repeat(101) },
        { name: 'a', secret: 'b' },
      ]) {
        await bearer(admin.token).post('/api/v1/oauth-clients', body).expect(422);
      }
    });
  });

  describe('POST /api/v1/oauth/token', () => {
    it('grants a Bearer token for client_credentials sent as a form, as JSON or with HTTP Basic', async () => {
      const client = await createClient();
      const grants = [
        form({
          grant_type: 'client_credentials',
          client_id: client.client_id,
          client_secret: client.client_secret,
          scope: 'anything',
        }),
        tokenRequest().send({
          grant_type: 'client_credentials',
          client_id: client.client_id,
          client_secret: client.client_secret,
        }),
        form({ grant_type: 'client_credentials' }).set(
          'authorization',
          basic(client.client_id, client.client_secret),
        ),
        form({ grant_type: 'client_credentials', client_id: client.client_id }).set(
          'authorization',
          basic(client.client_id, client.client_secret),
        ),
      ];
      for (const grant of grants) {
        const res = await grant.expect(200);
        expect(res.body).toEqual({
          access_token: expect.any(String),
          token_type: 'Bearer',
          expires_in: 3600,
        });
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers.pragma).toBe('no-cache');
        await bearer(res.body.access_token).get('/api/v1/oauth-clients').expect(200);
      }
    });

    it('answers 401 invalid_client, the same for an unknown client as for a wrong secret', async () => {
      const client = await createClient();
      const attempts = [
        form({
          grant_type: 'client_credentials',
          client_id: client.client_id,
          client_secret: 'pws_wrong',
        }),
        form({
          grant_type: 'client_credentials',
          client_id: 'pwc_unknown',
          client_secret: client.client_secret,
        }),
        form({ grant_type: 'client_credentials', client_id: client.client_id }),
        form({ grant_type: 'client_credentials' }),
        tokenRequest().send({
          grant_type: 'client_credentials',
          client_id: client.client_id,
          client_secret: '',
        }),
      ];
      const bodies = [];
      for (const attempt of attempts) {
        const res = await attempt.expect(401);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['www-authenticate']).toBeUndefined();
        bodies.push({ ...res.body, correlation_id: undefined });
      }
      expect(bodies[0]).toStrictEqual({
        correlation_id: undefined,
        type: 'urn:patchworks-identity:problem:invalid-client',
        title: 'Unauthorized',
        status: 401,
        detail: 'Client authentication failed',
        code: 'INVALID_CLIENT',
        error: 'invalid_client',
        error_description: 'Client authentication failed',
      });
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    });

    it('challenges a failed HTTP Basic attempt with WWW-Authenticate', async () => {
      const client = await createClient();
      for (const authorization of [
        basic(client.client_id, 'pws_wrong'),
        `Basic ${Buffer.from('no-colon').toString('base64')}`,
        `Basic ${Buffer.from(`${client.client_id}:%E0%A4%A`).toString('base64')}`,
      ]) {
        const res = await form({ grant_type: 'client_credentials' })
          .set('authorization', authorization)
          .expect(401);
        expect(res.body.error).toBe('invalid_client');
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm="patchworks-identity"/);
      }
    });

    it('answers 400 invalid_request or unsupported_grant_type for a malformed request', async () => {
      const client = await createClient();
      const creds = { client_id: client.client_id, client_secret: client.client_secret };
      const cases: Array<[request.Test, string]> = [
        [form(creds), 'invalid_request'],
        [tokenRequest().send({ ...creds, grant_type: 42 }), 'invalid_request'],
        [
          tokenRequest().send({ ...creds, grant_type: 'client_credentials', client_secret: ['a'] }),
          'invalid_request',
        ],
        [
          tokenRequest()
            .type('form')
            .send(
              `grant_type=client_credentials&grant_type=client_credentials&client_id=${creds.client_id}`,
            ),
          'invalid_request',
        ],
        [
          form({ grant_type: 'client_credentials', ...creds }).set(
            'authorization',
            basic(client.client_id, client.client_secret),
          ),
          'invalid_request',
        ],
        [form({ grant_type: 'password', ...creds }), 'unsupported_grant_type'],
        [form({ grant_type: 'authorization_code', ...creds }), 'unsupported_grant_type'],
      ];
      for (const [attempt, error] of cases) {
        const res = await attempt;
        expect([res.status, res.body.error]).toEqual([400, error]);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });
  });

  describe('authenticating with an access token', () => {
    it('acts with manager rights: never on administrator-only routes, never on credentials', async () => {
      const client = await createClient();
      const token = await accessTokenOf(client);

      await bearer(token).get('/api/v1/api-keys').expect(200);
      for (const path of ['/api/v1/audit-logs', '/api/v1/notification-groups']) {
        const res = await bearer(token).get(path).expect(403);
        expect(res.body.refused_by).toBe('role');
      }
      for (const attempt of [
        bearer(token).post('/api/v1/oauth-clients', { name: 'Spawned' }),
        bearer(token).delete(`/api/v1/oauth-clients/${client.id}`),
        bearer(token).post('/api/v1/api-keys', { name: 'Spawned' }),
      ]) {
        const res = await attempt.expect(403);
        expect(res.body.refused_by).toBe('credential');
      }
      const list = await bearer(token).get('/api/v1/oauth-clients?per_page=100').expect(200);
      expect(list.body.data.map((c: { name: string }) => c.name)).not.toContain('Spawned');
    });

    it('stops at once when the client is deleted', async () => {
      const client = await createClient();
      const token = await accessTokenOf(client);
      await bearer(token).get('/api/v1/oauth-clients').expect(200);

      await bearer(admin.token).delete(`/api/v1/oauth-clients/${client.id}`).expect(204);

      const res = await bearer(token).get('/api/v1/oauth-clients').expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      await form({
        grant_type: 'client_credentials',
        client_id: client.client_id,
        client_secret: client.client_secret,
      }).expect(401);
      await bearer(admin.token).delete(`/api/v1/oauth-clients/${client.id}`).expect(404);
    });

    it('stops when the company is deleted, and refuses tampered tokens', async () => {
      const account = await registerAccount(t.url);
      const client = await createClient(account.token);
      const token = await accessTokenOf(client);
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: newId() })).toString('base64url')}.${signature}`;

      await bearer(forged).get('/api/v1/oauth-clients').expect(401);
      await bearer(`${token.slice(0, -2)}xx`)
        .get('/api/v1/oauth-clients')
        .expect(401);
      await bearer(token).get('/api/v1/oauth-clients').expect(200);
      await dataSource
        .getRepository(Company)
        .update({ id: account.companyId }, { deletedAt: new Date() });
      await bearer(token).get('/api/v1/oauth-clients').expect(401);
      await form({
        grant_type: 'client_credentials',
        client_id: client.client_id,
        client_secret: client.client_secret,
      }).expect(401);
    });

    it('is no login token, and a login token is no access token', async () => {
      const client = await createClient();
      const token = await accessTokenOf(client);

      expect(await t.app.get(TokenService).verify(token)).toBeNull();
      expect(await t.app.get(MachineTokenService).verify(admin.token)).toBeNull();
      expect(await t.app.get(MachineTokenService).verify(token)).toBe(client.id);
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ sub: client.id, client_id: client.client_id });
      expect(claims.aud).not.toBe('patchworks-identity');
    });
  });

  it('records creation, tokens, refusals and deletion in the audit log', async () => {
    const client = await createClient(admin.token, 'Audited client');
    await accessTokenOf(client);
    await form({
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: 'pws_x',
    }).expect(401);
    await bearer(admin.token).delete(`/api/v1/oauth-clients/${client.id}`).expect(204);

    const res = await bearer(admin.token)
      .get(`/api/v1/audit-logs?filter[search]=${client.id}&sort=created_at`)
      .expect(200);

    expect(res.body.data.map((e: { event: string }) => e.event)).toEqual([
      'auth.oauth_client.created',
      'auth.oauth.token_issued',
      'auth.oauth.token_refused',
      'auth.oauth_client.deleted',
    ]);
    expect(res.body.data[1].actor).toEqual({
      type: 'machine',
      id: client.id,
      name: 'Audited client',
    });
    expect(JSON.stringify(res.body)).not.toContain(client.client_secret);
  });
});
