import { ApiKey } from 'src/auth/entities/api-key.entity';
import { hashToken } from 'src/common/crypto/tokens';
import { newId } from 'src/common/ids';
import { Company } from 'src/companies/entities/company.entity';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import { createMembers, Member } from 'test/factories/members-by-role.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const KEY = /^pwk_[A-Za-z0-9_-]{43,}$/;

interface KeyView {
  id: string;
  name: string;
  key_hint: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

describe('API keys', () => {
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

  /** A request with a raw `Authorization` header: a login token as Bearer, or a key as given. */
  const as = (authorization: string) => ({
    get: (path: string) => request(t.url).get(path).set('authorization', authorization),
    post: (path: string, body: object = {}) =>
      request(t.url).post(path).set('authorization', authorization).send(body),
    delete: (path: string) => request(t.url).delete(path).set('authorization', authorization),
  });
  const bearer = (token: string) => as(`Bearer ${token}`);
  const createKey = async (token = admin.token, name = 'Warehouse sync') =>
    (await bearer(token).post('/api/v1/api-keys', { name }).expect(201)).body as {
      id: string;
      name: string;
      key: string;
    };
  const listed = async (token = admin.token): Promise<KeyView[]> =>
    (await bearer(token).get('/api/v1/api-keys?per_page=100').expect(200)).body.data;

  describe('who may manage them', () => {
    it('lets administrators and managers list, create, revoke and delete keys', async () => {
      for (const token of [admin.token, members.manager.token]) {
        const created = await createKey(token, 'Manager key');
        expect((await listed(token)).map((k) => k.id)).toContain(created.id);
        await bearer(token).post(`/api/v1/api-keys/${created.id}/revoke`).expect(200);
        await bearer(token).delete(`/api/v1/api-keys/${created.id}`).expect(204);
      }
    });

    it('refuses users and read-only users on every route, changing nothing', async () => {
      const key = await createKey();
      for (const member of [members.user, members.read_only] as Member[]) {
        const attempts = [
          bearer(member.token).get('/api/v1/api-keys'),
          bearer(member.token).post('/api/v1/api-keys', { name: 'Nope' }),
          bearer(member.token).post(`/api/v1/api-keys/${key.id}/revoke`),
          bearer(member.token).delete(`/api/v1/api-keys/${key.id}`),
        ];
        for (const attempt of attempts) {
          const res = await attempt;
          expect(res.status).toBe(403);
          expect(res.body).toMatchObject({ code: 'FORBIDDEN', refused_by: 'role' });
        }
      }
      await request(t.url).get('/api/v1/api-keys').expect(401);
      const after = (await listed()).find((k) => k.id === key.id);
      expect(after?.revoked_at).toBeNull();
      expect((await listed()).some((k) => k.name === 'Nope')).toBe(false);
    });

    it("answers 404 for another company's key and leaves it working", async () => {
      const theirs = await createKey(other.token, 'Their key');

      for (const id of [theirs.id, newId()]) {
        const revoke = await bearer(admin.token).post(`/api/v1/api-keys/${id}/revoke`).expect(404);
        expect(revoke.body.code).toBe('NOT_FOUND');
        await bearer(admin.token).delete(`/api/v1/api-keys/${id}`).expect(404);
      }

      expect((await listed()).map((k) => k.id)).not.toContain(theirs.id);
      await as(theirs.key).get('/api/v1/api-keys').expect(200);
    });
  });

  describe('POST /api/v1/api-keys', () => {
    it('returns the key once, stores only its SHA-256 and lists a hint', async () => {
      const res = await bearer(admin.token)
        .post('/api/v1/api-keys', { name: '  Warehouse sync ' })
        .expect(201);

      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'Warehouse sync',
        key: expect.any(String),
      });
      const key = res.body.key as string;
      expect(key).toMatch(KEY);
      expect(Buffer.from(key.slice(4), 'base64url').length).toBeGreaterThanOrEqual(32);
      const row = await dataSource.getRepository(ApiKey).findOneByOrFail({ id: res.body.id });
      expect(row.keyHash).toBe(hashToken(key));
      expect(JSON.stringify(row)).not.toContain(key.slice(4, 20));
      const view = (await listed()).find((k) => k.id === res.body.id);
      expect(view).toEqual({
        id: res.body.id,
        name: 'Warehouse sync',
        key_hint: `pwk_…${key.slice(-4)}`,
        created_at: expect.any(String),
        last_used_at: null,
        revoked_at: null,
      });
      expect(JSON.stringify(await listed())).not.toContain(key);
      const again = await createKey();
      expect(again.key).not.toBe(key);
    });

    it('answers 422 for a missing, blank, long or mistyped name and unknown fields', async () => {
      const before = (await listed()).length;
      for (const body of [
        {},
        { name: ' ' },
        { name: 'x'.repeat(101) },
        { name: 7 },
        { name: 'k', scope: 'all' },
      ]) {
        const res = await bearer(admin.token).post('/api/v1/api-keys', body).expect(422);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      expect(await listed()).toHaveLength(before);
    });
  });

  describe('authenticating with a key', () => {
    it('accepts `Authorization: <key>` and `Authorization: Bearer <key>` with manager rights', async () => {
      const { key } = await createKey();

      for (const header of [key, `Bearer ${key}`, `bearer ${key}`]) {
        const res = await as(header).get('/api/v1/api-keys').expect(200);
        expect(res.body.data.length).toBeGreaterThan(0);
      }
    });

    it('never reaches administrator-only routes, nor mints or revokes credentials', async () => {
      const { id, key } = await createKey();

      for (const path of [
        '/api/v1/audit-logs',
        '/api/v1/audit-logs.csv',
        '/api/v1/notification-groups',
      ]) {
        const res = await as(key).get(path).expect(403);
        expect(res.body).toMatchObject({ code: 'FORBIDDEN', refused_by: 'role' });
      }
      const attempts = [
        as(key).post('/api/v1/api-keys', { name: 'Spawned' }),
        as(key).post(`/api/v1/api-keys/${id}/revoke`),
        as(key).delete(`/api/v1/api-keys/${id}`),
      ];
      for (const attempt of attempts) {
        const res = await attempt.expect(403);
        expect(res.body).toMatchObject({ code: 'FORBIDDEN', refused_by: 'credential' });
      }
      const mine = (await listed()).find((k) => k.id === id);
      expect(mine?.revoked_at).toBeNull();
      expect((await listed()).some((k) => k.name === 'Spawned')).toBe(false);
    });

    it('has no user profile: GET /api/v1/me answers 403', async () => {
      const { key } = await createKey();
      const res = await as(key).get('/api/v1/me').expect(403);

      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('sees only its own company', async () => {
      const theirs = await createKey(other.token, 'Their key');
      const mine = await createKey();

      const res = await as(mine.key).get('/api/v1/api-keys?per_page=100').expect(200);

      const ids = res.body.data.map((k: KeyView) => k.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
    });

    it('answers 401 for an unknown, malformed or truncated key', async () => {
      const { key } = await createKey();

      for (const header of [
        'pwk_unknown',
        `Bearer pwk_${'A'.repeat(43)}`,
        key.slice(0, -1),
        `${key}x`,
        `Basic ${key}`,
      ]) {
        const res = await as(header).get('/api/v1/api-keys').expect(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('stops a revoked key at once, in the same second, and keeps it listed', async () => {
      const { id, key } = await createKey();
      await as(key).get('/api/v1/api-keys').expect(200);

      const revoked = await bearer(admin.token).post(`/api/v1/api-keys/${id}/revoke`).expect(200);
      const refused = await as(key).get('/api/v1/api-keys').expect(401);

      expect(refused.body.code).toBe('UNAUTHENTICATED');
      expect(revoked.body).toMatchObject({ id, revoked_at: expect.any(String) });
      const view = (await listed()).find((k) => k.id === id);
      expect(view?.revoked_at).toBe(revoked.body.revoked_at);
      // revoking again changes nothing
      const again = await bearer(admin.token).post(`/api/v1/api-keys/${id}/revoke`).expect(200);
      expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
      const active = await bearer(admin.token).get(
        '/api/v1/api-keys?filter[status]=revoked&per_page=100',
      );
      expect(active.body.data.map((k: KeyView) => k.id)).toContain(id);
    });

    it('refuses a key whatever its revoked_at, even one rounded up into the next second', async () => {
      const { id, key } = await createKey();
      await as(key).get('/api/v1/api-keys').expect(200);

      // MySQL rounds a datetime's fractions, and another process's clock may run ahead: validity
      // must not come from comparing revoked_at with the time of the request
      await dataSource
        .getRepository(ApiKey)
        .update({ id }, { revokedAt: new Date(Date.now() + 30_000) });

      await as(key).get('/api/v1/api-keys').expect(401);
    });

    it('stops a deleted key at once and removes it from the list', async () => {
      const { id, key } = await createKey();
      await as(key).get('/api/v1/api-keys').expect(200);

      await bearer(admin.token).delete(`/api/v1/api-keys/${id}`).expect(204);

      await as(key).get('/api/v1/api-keys').expect(401);
      expect((await listed()).map((k) => k.id)).not.toContain(id);
      await bearer(admin.token).delete(`/api/v1/api-keys/${id}`).expect(404);
    });

    it('stops every key of a deleted company', async () => {
      const account = await registerAccount(t.url);
      const { key } = await createKey(account.token);
      await as(key).get('/api/v1/api-keys').expect(200);

      await dataSource
        .getRepository(Company)
        .update({ id: account.companyId }, { deletedAt: new Date() });

      await as(key).get('/api/v1/api-keys').expect(401);
    });

    it('records last_used_at without a write on every request', async () => {
      const { id, key } = await createKey();
      const keys = dataSource.getRepository(ApiKey);
      expect((await keys.findOneByOrFail({ id })).lastUsedAt).toBeNull();

      await as(key).get('/api/v1/api-keys').expect(200);
      const first = (await keys.findOneByOrFail({ id })).lastUsedAt;
      await as(key).get('/api/v1/api-keys').expect(200);
      await as(key).get('/api/v1/api-keys').expect(200);

      expect(first).toBeInstanceOf(Date);
      expect((await keys.findOneByOrFail({ id })).lastUsedAt).toEqual(first);
      // once the stored time is more than a minute old, the next request moves it
      const stale = new Date(Date.now() - 61_000);
      await keys.update({ id }, { lastUsedAt: stale });
      await as(key).get('/api/v1/api-keys').expect(200);
      const moved = (await keys.findOneByOrFail({ id })).lastUsedAt as Date;
      expect(moved.getTime()).toBeGreaterThan(stale.getTime() + 60_000);
      const view = (await listed()).find((k) => k.id === id);
      expect(view?.last_used_at).toBe(moved.toISOString());
    });
  });

  describe('GET /api/v1/api-keys', () => {
    it('pages, sorts, searches and filters by status', async () => {
      const account = await registerAccount(t.url);
      const names = ['Beta', 'alpha', 'Gamma 100%'];
      const made = [];
      for (const name of names) {
        made.push(await createKey(account.token, name));
      }
      await bearer(account.token).post(`/api/v1/api-keys/${made[0].id}/revoke`).expect(200);
      const get = async (query: string) =>
        (await bearer(account.token).get(`/api/v1/api-keys${query}`).expect(200)).body;

      expect((await get('')).data.map((k: KeyView) => k.name)).toEqual([
        'Gamma 100%',
        'alpha',
        'Beta',
      ]);
      expect((await get('?per_page=2&page=2')).meta).toEqual({ page: 2, per_page: 2, total: 3 });
      expect((await get('?filter[search]=0%25')).data.map((k: KeyView) => k.name)).toEqual([
        'Gamma 100%',
      ]);
      expect((await get('?filter[status]=revoked')).data.map((k: KeyView) => k.name)).toEqual([
        'Beta',
      ]);
      expect(
        (await get('?filter[status]=active&sort=created_at')).data.map((k: KeyView) => k.name),
      ).toEqual(['alpha', 'Gamma 100%']);
      for (const query of ['?filter[status]=expired', '?sort=key', '?per_page=101', '?key=1']) {
        await bearer(account.token).get(`/api/v1/api-keys${query}`).expect(422);
      }
    });
  });

  it('records creation, revocation, deletion and the key as an actor in the audit log', async () => {
    const { id, key } = await createKey(admin.token, 'Audited key');
    await as(key).post('/api/v1/logout').expect(204);
    await bearer(admin.token).post(`/api/v1/api-keys/${id}/revoke`).expect(200);
    await bearer(admin.token).delete(`/api/v1/api-keys/${id}`).expect(204);

    const res = await bearer(admin.token)
      .get(`/api/v1/audit-logs?filter[search]=${id}&sort=created_at`)
      .expect(200);

    expect(res.body.data.map((e: { event: string }) => e.event)).toEqual([
      'auth.api_key.created',
      'auth.logout',
      'auth.api_key.revoked',
      'auth.api_key.deleted',
    ]);
    expect(res.body.data[0]).toMatchObject({
      actor: { type: 'user', id: admin.userId },
      target: { type: 'api_key', id },
      changes: { name: 'Audited key' },
    });
    expect(res.body.data[1].actor).toEqual({ type: 'api_key', id, name: 'Audited key' });
    expect(JSON.stringify(res.body)).not.toContain(key.slice(4));
  });
});
