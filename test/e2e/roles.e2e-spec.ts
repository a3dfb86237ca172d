import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { Role } from 'src/common/auth/principal';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import {
  addMember,
  addSupport,
  setSubscription,
  SignedInMember,
} from 'test/factories/member.factory';
import { SmtpSink, startSmtpSink } from 'test/support/smtp-sink';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('roles and the role manager', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let support: SignedInMember;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url });
    support = await addSupport(t);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const api = (token: string) => ({
    get: (path: string) => request(t.url).get(`/api/v1${path}`).auth(token, { type: 'bearer' }),
    post: (path: string, body: object = {}) =>
      request(t.url).post(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) =>
      request(t.url).patch(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
    put: (path: string, body: object) =>
      request(t.url).put(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
    delete: (path: string) =>
      request(t.url).delete(`/api/v1${path}`).auth(token, { type: 'bearer' }),
  });
  const newUser = (tag: string) => ({
    first_name: 'New',
    last_name: 'User',
    email: `${tag}.${Math.random().toString(16).slice(2)}@acme.test`,
    role: 'read_only',
  });

  interface Team {
    admin: RegisteredAccount;
    manager: SignedInMember;
    user: SignedInMember;
    readOnly: SignedInMember;
  }

  async function enterpriseTeam(): Promise<Team> {
    const admin = await registerAccount(t.url);
    await setSubscription(t, support.token, admin.companyId, { tier: 'enterprise' });
    const [manager, user, readOnly] = await Promise.all(
      [Role.Manager, Role.User, Role.ReadOnly].map((role) => addMember(t, admin.companyId, role)),
    );

    return { admin, manager, user, readOnly };
  }

  async function customRole(admin: RegisteredAccount, body: object): Promise<string> {
    const res = await api(admin.token)
      .post('/roles', { name: `Role ${Math.random()}`, ...body })
      .expect(201);

    return res.body.id as string;
  }

  describe('GET /api/v1/roles', () => {
    it('shows every role the built-in roles with the permissions of the matrix', async () => {
      const admin = await registerAccount(t.url);
      const readOnly = await addMember(t, admin.companyId, Role.ReadOnly);
      const res = await api(readOnly.token).get('/roles').expect(200);

      expect(res.body.meta).toEqual({ page: 1, per_page: 25, total: 4 });
      expect(res.body.data.map((r: { id: string }) => r.id)).toEqual([
        'administrator',
        'manager',
        'user',
        'read_only',
      ]);
      const [administrator, manager, , reader] = res.body.data;
      expect(administrator).toMatchObject({
        name: 'administrator',
        built_in: true,
        permissions: [
          { area: 'company', view: true, edit: true },
          { area: 'users', view: true, edit: true },
        ],
      });
      expect(administrator.actions).toEqual(
        expect.arrayContaining(['company.delete', 'roles.manage', 'users.change_role']),
      );
      expect(manager.actions).toContain('users.create');
      expect(manager.actions).not.toContain('company.delete');
      expect(reader.permissions).toEqual([
        { area: 'company', view: true, edit: false },
        { area: 'users', view: true, edit: false },
      ]);
      expect(reader.actions).not.toContain('users.create');
      expect(JSON.stringify(res.body)).not.toContain('support.');
    });

    it("lists the company's custom roles after the built-in ones, and no one else's", async () => {
      const { admin, user } = await enterpriseTeam();
      const other = await enterpriseTeam();
      await api(admin.token).post('/roles', { name: 'Zeta', permissions: [] }).expect(201);
      await api(admin.token).post('/roles', { name: 'alpha', permissions: [] }).expect(201);
      await api(other.admin.token).post('/roles', { name: 'Theirs', permissions: [] }).expect(201);

      const res = await api(user.token).get('/roles').expect(200);
      expect(res.body.data.map((r: { name: string }) => r.name).slice(4)).toEqual([
        'alpha',
        'Zeta',
      ]);
      const desc = await api(user.token).get('/roles?sort=-name&per_page=2&page=3').expect(200);
      expect(desc.body).toMatchObject({
        data: [{ name: 'Zeta' }, { name: 'alpha' }],
        meta: { page: 3, per_page: 2, total: 6 },
      });
      await api(user.token).get('/roles?filter[name]=x').expect(422);
    });
  });

  describe('POST, PATCH and DELETE /api/v1/roles', () => {
    it('is for administrators of enterprise companies only', async () => {
      const trial = await registerAccount(t.url);
      const tier = await api(trial.token)
        .post('/roles', { name: 'X', permissions: [] })
        .expect(403);
      expect(tier.body).toMatchObject({ permission: 'roles.manage', refused_by: 'tier' });

      const { manager } = await enterpriseTeam();
      const role = await api(manager.token)
        .post('/roles', { name: 'X', permissions: [] })
        .expect(403);
      expect(role.body.refused_by).toBe('role');
    });

    it('creates a role with view and edit per area, edit implying view', async () => {
      const { admin } = await enterpriseTeam();
      const res = await api(admin.token)
        .post('/roles', {
          name: 'User admins',
          description: 'Looks after users',
          permissions: [
            { area: 'users', edit: true },
            { area: 'company', view: false },
          ],
        })
        .expect(201);

      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'User admins',
        description: 'Looks after users',
        built_in: false,
        permissions: [
          { area: 'company', view: false, edit: false },
          { area: 'users', view: true, edit: true },
        ],
        user_ids: [],
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const [entry] = await t.app
        .get(DataSource)
        .getRepository(AuditLog)
        .findBy({ event: 'roles.created', targetId: res.body.id });
      expect(entry).toMatchObject({ companyId: admin.companyId, actorId: admin.userId });
    });

    it('refuses taken names, contradictions and bad bodies, creating nothing', async () => {
      const { admin } = await enterpriseTeam();
      await api(admin.token).post('/roles', { name: 'Auditors', permissions: [] }).expect(201);
      for (const name of ['AUDITORS', 'Manager', 'read_only']) {
        const res = await api(admin.token).post('/roles', { name, permissions: [] }).expect(409);
        expect(res.body.code).toBe('ROLE_NAME_TAKEN');
      }
      const bad: Array<[object, string]> = [
        [{ permissions: [{ area: 'users', view: false, edit: true }] }, 'permissions.0.view'],
        [
          {
            permissions: [
              { area: 'users', view: true },
              { area: 'users', edit: true },
            ],
          },
          'permissions.1.area',
        ],
        [{ permissions: [{ area: 'flows', view: true }] }, 'permissions.0.area'],
        [{ permissions: [{ area: 'users', view: 'yes' }] }, 'permissions.0.view'],
        [{ permissions: [{ area: 'users', admin: true }] }, 'permissions.0.admin'],
        [{ permissions: 'all' }, 'permissions'],
        [{ permissions: undefined }, 'permissions'],
        [{ name: '' }, 'name'],
        [{ name: 'x'.repeat(101) }, 'name'],
        [{ description: 5 }, 'description'],
      ];
      for (const [override, field] of bad) {
        const res = await api(admin.token)
          .post('/roles', { name: 'Bad', permissions: [], ...override })
          .expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const roles = await api(admin.token).get('/roles').expect(200);
      expect(roles.body.meta.total).toBe(5);
    });

    it('renames and re-permissions a role, and deletes it, only in its own company', async () => {
      const { admin } = await enterpriseTeam();
      const other = await enterpriseTeam();
      const id = await customRole(admin, { permissions: [{ area: 'users', view: true }] });
      await api(admin.token).post('/roles', { name: 'Taken', permissions: [] }).expect(201);

      const res = await api(admin.token)
        .patch(`/roles/${id}`, { name: 'Renamed', permissions: [{ area: 'company', edit: true }] })
        .expect(200);
      expect(res.body).toMatchObject({
        name: 'Renamed',
        permissions: [{ area: 'company', view: true, edit: true }],
      });
      const clash = await api(admin.token).patch(`/roles/${id}`, { name: 'taken' }).expect(409);
      expect(clash.body.code).toBe('ROLE_NAME_TAKEN');
      await api(admin.token).patch(`/roles/${id}`, { name: 'RENAMED' }).expect(200);

      await api(other.admin.token).patch(`/roles/${id}`, { name: 'Mine' }).expect(404);
      await api(other.admin.token).delete(`/roles/${id}`).expect(404);
      await api(admin.token).delete(`/roles/${UNKNOWN_ID}`).expect(404);
      await api(admin.token).delete(`/roles/${id}`).expect(204);
      const roles = await api(admin.token).get('/roles');
      expect(roles.body.data.map((r: { name: string }) => r.name)).not.toContain('RENAMED');
      await api(admin.token).delete(`/roles/${id}`).expect(404);
    });
  });

  describe('PUT /api/v1/roles/{id}/users and its effect', () => {
    it('grants an area beyond the built-in role at once, and takes it back', async () => {
      const { admin, user, readOnly } = await enterpriseTeam();
      await api(user.token).delete(`/users/${readOnly.userId}`).expect(403);
      const id = await customRole(admin, { permissions: [{ area: 'users', edit: true }] });

      const res = await api(admin.token).put(`/roles/${id}/users`, { user_ids: [user.userId] });
      expect(res.status).toBe(200);
      expect(res.body.user_ids).toEqual([user.userId]);
      const shown = await api(admin.token).get(`/users/${user.userId}`).expect(200);
      expect(shown.body.custom_role_id).toBe(id);

      await api(user.token).delete(`/users/${readOnly.userId}`).expect(204);
      await api(user.token).post(`/users/${readOnly.userId}/restore`).expect(200);
      // the built-in role still sets whom the user may manage and which roles they may give
      const above = await api(user.token).delete(`/users/${admin.userId}`).expect(403);
      expect(above.body.code).toBe('USER_NOT_BELOW_YOU');
      const create = await api(user.token).post('/users', newUser('by-user')).expect(403);
      expect(create.body.code).toBe('ROLE_CHANGE_ABOVE_LIMIT');
      await api(user.token).put(`/users/${readOnly.userId}/role`, { role: 'user' }).expect(403);

      await api(admin.token).put(`/roles/${id}/users`, { user_ids: [] }).expect(200);
      await api(user.token).post(`/users/${readOnly.userId}/password-reset`).expect(403);
      expect((await api(admin.token).get(`/users/${user.userId}`)).body.custom_role_id).toBeNull();
    });

    it('restricts an area below the built-in role, until the role is deleted', async () => {
      const { admin, manager } = await enterpriseTeam();
      const id = await customRole(admin, {
        permissions: [
          { area: 'users', view: true },
          { area: 'company', view: false },
        ],
      });
      await api(admin.token)
        .put(`/roles/${id}/users`, { user_ids: [manager.userId] })
        .expect(200);

      const create = await api(manager.token).post('/users', newUser('restricted')).expect(403);
      expect(create.body).toMatchObject({ code: 'FORBIDDEN', refused_by: 'custom_role' });
      await api(manager.token).get('/users').expect(200);
      const company = await api(manager.token).get('/company').expect(403);
      expect(company.body.refused_by).toBe('custom_role');
      await api(manager.token).get('/roles').expect(200);

      await api(admin.token).delete(`/roles/${id}`).expect(204);
      await api(manager.token).post('/users', newUser('restored')).expect(201);
      await api(manager.token).get('/company').expect(200);
    });

    it('applies on the enterprise tier only', async () => {
      const { admin, manager } = await enterpriseTeam();
      const id = await customRole(admin, { permissions: [{ area: 'company', view: false }] });
      await api(admin.token)
        .put(`/roles/${id}/users`, { user_ids: [manager.userId] })
        .expect(200);
      await api(manager.token).get('/company').expect(403);

      await setSubscription(t, support.token, admin.companyId, { tier: 'professional' });
      await api(manager.token).get('/company').expect(200);
      const refused = await api(admin.token).put(`/roles/${id}/users`, { user_ids: [] });
      expect(refused.body.refused_by).toBe('tier');
    });

    it('moves a user from one custom role to another', async () => {
      const { admin, user, readOnly } = await enterpriseTeam();
      const first = await customRole(admin, { permissions: [] });
      const second = await customRole(admin, { permissions: [] });
      await api(admin.token)
        .put(`/roles/${first}/users`, { user_ids: [user.userId, readOnly.userId] })
        .expect(200);
      await api(admin.token)
        .put(`/roles/${second}/users`, { user_ids: [user.userId] })
        .expect(200);

      const roles = (await api(admin.token).get('/roles')).body.data;
      const holders = (id: string) => roles.find((r: { id: string }) => r.id === id).user_ids;
      expect(holders(first)).toEqual([readOnly.userId]);
      expect(holders(second)).toEqual([user.userId]);
      const entries = await t.app
        .get(DataSource)
        .getRepository(AuditLog)
        .findBy({ event: 'roles.users.assigned', targetId: second });
      expect(entries.map((e) => e.changes)).toEqual([{ added: [user.userId], removed: [] }]);
    });

    it('refuses yourself, administrators, other companies and bad lists', async () => {
      const { admin, manager, user } = await enterpriseTeam();
      const other = await enterpriseTeam();
      const id = await customRole(admin, { permissions: [{ area: 'users', view: true }] });
      await api(admin.token)
        .put(`/roles/${id}/users`, { user_ids: [user.userId] })
        .expect(200);
      await api(support.token).put(`/support/users/${manager.userId}/role`, {
        role: 'administrator',
      });

      const self = await api(admin.token)
        .put(`/roles/${id}/users`, { user_ids: [user.userId, admin.userId] })
        .expect(403);
      expect(self.body.code).toBe('ROLE_CHANGE_OWN_ROLE');
      const peer = await api(admin.token)
        .put(`/roles/${id}/users`, { user_ids: [manager.userId] })
        .expect(403);
      expect(peer.body.code).toBe('ROLE_CHANGE_TARGET_NOT_BELOW');
      const foreign = await api(admin.token)
        .put(`/roles/${id}/users`, { user_ids: [other.user.userId, UNKNOWN_ID] })
        .expect(422);
      expect(foreign.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'user_ids.0',
        'user_ids.1',
      ]);
      for (const body of [
        { user_ids: ['nope'] },
        { user_ids: [user.userId, user.userId] },
        { user_ids: user.userId },
        {},
      ]) {
        await api(admin.token).put(`/roles/${id}/users`, body).expect(422);
      }
      await api(other.admin.token).put(`/roles/${id}/users`, { user_ids: [] }).expect(404);

      const roles = (await api(admin.token).get('/roles')).body.data;
      expect(roles.find((r: { id: string }) => r.id === id).user_ids).toEqual([user.userId]);
    });

    it('leaves a user promoted to administrator without a custom role', async () => {
      const { admin, manager } = await enterpriseTeam();
      const id = await customRole(admin, { permissions: [{ area: 'company', view: false }] });
      await api(admin.token)
        .put(`/roles/${id}/users`, { user_ids: [manager.userId] })
        .expect(200);

      const res = await api(support.token)
        .put(`/support/users/${manager.userId}/role`, { role: 'administrator' })
        .expect(200);
      expect(res.body).toMatchObject({ role: 'administrator', custom_role_id: null });
      await api(manager.token).get('/company').expect(200);
    });
  });
});
