import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { Role } from 'src/common/auth/principal';
import { PasswordToken } from 'src/users/entities/password-token.entity';
import request from 'supertest';
import {
  registerAccount,
  RegisteredAccount,
  STRONG_PASSWORD,
} from 'test/factories/account.factory';
import {
  addMember,
  addSupport,
  inviteMember,
  lastLinkToken,
  SignedInMember,
} from 'test/factories/member.factory';
import { SmtpSink, startSmtpSink } from 'test/support/smtp-sink';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const USER_FIELDS = [
  'created_at',
  'custom_role_id',
  'deleted_at',
  'email',
  'first_name',
  'id',
  'last_login_at',
  'last_name',
  'mfa_enabled',
  'role',
  'status',
];
const NEW_PASSWORD = 'N3w!password';
const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('users of a company', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url, PUBLIC_URL: 'https://id.acme.test' });
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
  const login = (email: string, password = STRONG_PASSWORD) =>
    request(t.url).post('/api/v1/login').send({ email, password });
  const setPassword = (token: string, password = NEW_PASSWORD) =>
    request(t.url).post('/api/v1/password/reset').send({ token, password });
  const audit = (event: string, targetId: string) =>
    t.app.get(DataSource).getRepository(AuditLog).findBy({ event, targetId });
  const mailsTo = (email: string) => sink.messages.filter((m) => m.to.includes(email));

  interface Team {
    admin: RegisteredAccount;
    manager: SignedInMember;
    user: SignedInMember;
    readOnly: SignedInMember;
  }

  async function team(): Promise<Team> {
    const admin = await registerAccount(t.url);
    const [manager, user, readOnly] = await Promise.all(
      [Role.Manager, Role.User, Role.ReadOnly].map((role) => addMember(t, admin.companyId, role)),
    );

    return { admin, manager, user, readOnly };
  }

  describe('GET /api/v1/users', () => {
    it('lists the acting company only, for every role, with the fields of api.md', async () => {
      const { admin, manager, user, readOnly } = await team();
      const other = await registerAccount(t.url);
      for (const token of [admin.token, manager.token, user.token, readOnly.token]) {
        const res = await api(token).get('/users').expect(200);
        expect(res.body.meta).toEqual({ page: 1, per_page: 25, total: 4 });
        expect(res.body.data.map((u: { id: string }) => u.id).sort()).toEqual(
          [admin.userId, manager.userId, user.userId, readOnly.userId].sort(),
        );
        for (const item of res.body.data) {
          expect(Object.keys(item).sort()).toEqual(USER_FIELDS);
        }
      }
      const theirs = await api(other.token).get('/users').expect(200);
      expect(theirs.body.data.map((u: { id: string }) => u.id)).toEqual([other.userId]);
    });

    it('sorts by name regardless of case, and by every key either way', async () => {
      const admin = await registerAccount(t.url, { first_name: 'Dora', last_name: 'Zed' });
      for (const firstName of ['bob', 'Alice', 'carol']) {
        await addMember(t, admin.companyId, Role.User, { firstName });
      }
      const names = async (sort: string) =>
        (await api(admin.token).get(`/users?sort=${sort}`).expect(200)).body.data.map(
          (u: { first_name: string }) => u.first_name,
        );
      expect(await names('name')).toEqual(['Alice', 'bob', 'carol', 'Dora']);
      expect(await names('-name')).toEqual(['Dora', 'carol', 'bob', 'Alice']);
      expect((await names('-role'))[0]).toBe('Dora');
      expect((await names('role'))[3]).toBe('Dora');

      for (const key of ['email', 'role', 'status', 'created_at', 'last_login_at']) {
        for (const sort of [key, `-${key}`]) {
          const res = await api(admin.token).get(`/users?sort=${sort}`).expect(200);
          expect(res.body.data).toHaveLength(4);
          for (const item of res.body.data) {
            expect(Object.keys(item).sort()).toEqual(USER_FIELDS);
          }
        }
      }
      const emails = (await api(admin.token).get('/users?sort=-email')).body.data.map(
        (u: { email: string }) => u.email,
      );
      expect(emails).toEqual([...emails].sort().reverse());
    });

    it('filters by words of the name or email, by role and by status', async () => {
      const admin = await registerAccount(t.url, { first_name: 'Ada', last_name: 'Lovelace' });
      const grace = await addMember(t, admin.companyId, Role.Manager, {
        firstName: 'Grace',
        lastName: 'Hopper',
        email: `grace.${admin.companyId.slice(-8)}@navy.test`,
      });
      const reader = await addMember(t, admin.companyId, Role.ReadOnly, { firstName: 'Rita' });
      await api(admin.token).delete(`/users/${reader.userId}`).expect(204);
      const ids = async (query: string) =>
        (await api(admin.token).get(`/users?${query}`).expect(200)).body.data.map(
          (u: { id: string }) => u.id,
        );

      expect(await ids('filter[search]=hop')).toEqual([grace.userId]);
      expect(await ids('filter[search]=NAVY.TEST')).toEqual([grace.userId]);
      expect(await ids('filter[search]=ada%20love')).toEqual([admin.userId]);
      expect(await ids('filter[search]=ada%20hopper')).toEqual([]);
      expect(await ids('filter[search]=%25')).toEqual([]);
      expect(await ids('filter[search]=a_a')).toEqual([]);
      expect(await ids('filter[search]=a%25a')).toEqual([]);
      expect(await ids('filter[role]=manager')).toEqual([grace.userId]);
      expect(await ids('filter[status]=inactive')).toEqual([reader.userId]);
      expect((await ids('filter[status]=active')).sort()).toEqual(
        [admin.userId, grace.userId].sort(),
      );
      expect(await ids('filter[search]=&filter[role]=&filter[status]=')).toHaveLength(3);
    });

    it('pages with page and per_page', async () => {
      const admin = await registerAccount(t.url, { first_name: 'Aaron' });
      for (const firstName of ['Bea', 'Cid', 'Dot', 'Eve']) {
        await addMember(t, admin.companyId, Role.User, { firstName });
      }
      const page2 = await api(admin.token).get('/users?per_page=2&page=2').expect(200);
      expect(page2.body.meta).toEqual({ page: 2, per_page: 2, total: 5 });
      expect(page2.body.data.map((u: { first_name: string }) => u.first_name)).toEqual([
        'Cid',
        'Dot',
      ]);
      const past = await api(admin.token).get('/users?per_page=2&page=4').expect(200);
      expect(past.body).toEqual({ data: [], meta: { page: 4, per_page: 2, total: 5 } });
      await api(admin.token).get('/users?per_page=100').expect(200);
    });

    it('answers 422 naming each bad parameter', async () => {
      const admin = await registerAccount(t.url);
      const cases: Array<[string, string]> = [
        ['page=0', 'page'],
        ['page=abc', 'page'],
        ['page=1.5', 'page'],
        ['per_page=101', 'per_page'],
        ['per_page=0', 'per_page'],
        ['per_page=-1', 'per_page'],
        ['sort=password_hash', 'sort'],
        ['sort=--name', 'sort'],
        ['filter[role]=owner', 'filter[role]'],
        ['filter[status]=deleted', 'filter[status]'],
        ['filter[company]=x', 'filter[company]'],
        [`filter[search]=${'x'.repeat(256)}`, 'filter[search]'],
        ['page=1&page=2', 'page'],
        ['include=password', 'include'],
      ];
      for (const [query, field] of cases) {
        const res = await api(admin.token).get(`/users?${query}`).expect(422);
        expect([query, res.body.errors.map((e: { field: string }) => e.field)]).toEqual([
          query,
          [field],
        ]);
      }
    });
  });

  describe('POST /api/v1/users', () => {
    it('creates a user with role user and emails a 24 h set-password link that works', async () => {
      const admin = await registerAccount(t.url);
      const email = `new.${admin.companyId.slice(-8)}@acme.test`;
      const res = await api(admin.token)
        .post('/users', { first_name: 'New', last_name: 'Person', email: email.toUpperCase() })
        .expect(201);

      expect(res.body).toMatchObject({
        email,
        role: 'user',
        status: 'active',
        last_login_at: null,
      });
      const [mail] = mailsTo(email);
      expect(mail.links[0]).toMatch(/^https:\/\/id\.acme\.test\/password\/reset\?token=[\w-]+$/);
      const [row] = await t.app
        .get(DataSource)
        .getRepository(PasswordToken)
        .findBy({ userId: res.body.id });
      expect(row.purpose).toBe('set_password');
      expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(86_390_000);
      expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(86_401_000);

      await login(email, NEW_PASSWORD).expect(401);
      await setPassword(lastLinkToken(sink, email)).expect(200);
      await login(email, NEW_PASSWORD).expect(200);
      const [entry] = await audit('users.created', res.body.id);
      expect(entry).toMatchObject({ actorId: admin.userId, companyId: admin.companyId });
      expect(entry.changes).toEqual({
        email,
        first_name: 'New',
        last_name: 'Person',
        role: 'user',
      });
    });

    it('gives the roles the creator may assign, refusing others and creating nothing', async () => {
      const { admin, manager } = await team();
      const tag = admin.companyId.slice(-8);
      const create = (token: string, role: string, name: string) =>
        api(token).post('/users', {
          first_name: 'X',
          last_name: 'Y',
          email: `${name}.${tag}@acme.test`,
          role,
        });

      await create(admin.token, 'manager', 'm1').expect(201);
      await create(admin.token, 'read_only', 'r1').expect(201);
      await create(manager.token, 'user', 'u2').expect(201);
      await create(manager.token, 'read_only', 'r2').expect(201);
      const refusals: Array<[string, string, string]> = [
        [admin.token, 'administrator', 'ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY'],
        [manager.token, 'administrator', 'ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY'],
        [manager.token, 'manager', 'ROLE_CHANGE_ABOVE_LIMIT'],
      ];
      for (const [token, role, code] of refusals) {
        const email = `refused.${role}.${tag}@acme.test`;
        const res = await create(token, role, `refused.${role}`).expect(403);
        expect(res.body.code).toBe(code);
        expect(mailsTo(email)).toEqual([]);
        await login(email).expect(401);
      }
      const list = await api(admin.token).get('/users').expect(200);
      expect(list.body.meta.total).toBe(8);
    });

    it('refuses users and read-only users, a taken email and bad bodies', async () => {
      const { admin, user, readOnly } = await team();
      for (const token of [user.token, readOnly.token]) {
        const res = await api(token)
          .post('/users', { first_name: 'A', last_name: 'B', email: 'x@acme.test' })
          .expect(403);
        expect(res.body).toMatchObject({ code: 'FORBIDDEN', permission: 'users.create' });
      }
      const other = await registerAccount(t.url);
      const taken = await api(admin.token)
        .post('/users', { first_name: 'A', last_name: 'B', email: other.email.toUpperCase() })
        .expect(409);
      expect(taken.body.code).toBe('EMAIL_TAKEN');

      const good = { first_name: 'A', last_name: 'B', email: `bad.${admin.userId}@acme.test` };
      const bad: Array<[Record<string, unknown>, string]> = [
        [{ last_name: undefined }, 'last_name'],
        [{ first_name: ' ' }, 'first_name'],
        [{ email: 'nope' }, 'email'],
        [{ role: 'owner' }, 'role'],
        [{ role: null }, 'role'],
        [{ password: STRONG_PASSWORD }, 'password'],
        [{ status: 'active' }, 'status'],
      ];
      for (const [override, field] of bad) {
        const res = await api(admin.token)
          .post('/users', { ...good, ...override })
          .expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await api(admin.token).get('/users')).body.meta.total).toBe(4);
      expect(mailsTo(good.email)).toEqual([]);
    });
  });

  describe('GET and PATCH /api/v1/users/{id}', () => {
    it('reads a user of the company and answers 404 for anyone else', async () => {
      const { admin, readOnly, user } = await team();
      const other = await registerAccount(t.url);
      const res = await api(readOnly.token).get(`/users/${user.userId}`).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(USER_FIELDS);
      expect(res.body).toMatchObject({ id: user.userId, role: 'user' });

      for (const id of [other.userId, UNKNOWN_ID, 'not-a-uuid']) {
        const miss = await api(admin.token).get(`/users/${id}`).expect(404);
        expect(miss.body.code).toBe('NOT_FOUND');
      }
    });

    it('changes details of users below the caller, and of the caller', async () => {
      const { admin, manager, user } = await team();
      const email = `renamed.${user.userId}@acme.test`;
      const res = await api(manager.token)
        .patch(`/users/${user.userId}`, { first_name: 'Re', last_name: 'Named', email })
        .expect(200);
      expect(res.body).toMatchObject({ first_name: 'Re', last_name: 'Named', email });
      await login(email).expect(200);
      const [entry] = await audit('users.updated', user.userId);
      expect(entry.changes).toMatchObject({
        first_name: { from: 'Member', to: 'Re' },
        email: { from: user.email, to: email },
      });

      await api(manager.token).patch(`/users/${manager.userId}`, { first_name: 'Me' }).expect(200);
      await api(admin.token).patch(`/users/${manager.userId}`, { last_name: 'Boss' }).expect(200);
      await api(admin.token).patch(`/users/${admin.userId}`, { last_name: 'Self' }).expect(200);
    });

    it('refuses a peer or a superior, a taken email, another company and bad values', async () => {
      const { admin, manager, user } = await team();
      const peer = await addMember(t, admin.companyId, Role.Manager);
      for (const id of [peer.userId, admin.userId]) {
        const res = await api(manager.token)
          .patch(`/users/${id}`, { email: `takeover.${id}@evil.test` })
          .expect(403);
        expect(res.body.code).toBe('USER_NOT_BELOW_YOU');
      }
      const taken = await api(admin.token)
        .patch(`/users/${user.userId}`, { email: manager.email })
        .expect(409);
      expect(taken.body.code).toBe('EMAIL_TAKEN');
      const other = await registerAccount(t.url);
      await api(admin.token).patch(`/users/${other.userId}`, { first_name: 'Hacked' }).expect(404);
      for (const body of [{ email: 'nope' }, { first_name: '' }, { role: 'manager' }]) {
        await api(admin.token).patch(`/users/${user.userId}`, body).expect(422);
      }
      await api(user.token).patch(`/users/${user.userId}`, { first_name: 'Me' }).expect(403);

      await login(peer.email).expect(200);
      await login(other.email).expect(200);
      const unchanged = await api(admin.token).get(`/users/${user.userId}`);
      expect(unchanged.body).toMatchObject({ first_name: 'Member', email: user.email });
      expect(await audit('users.updated', user.userId)).toEqual([]);
    });
  });

  describe('PUT /api/v1/users/{id}/role', () => {
    it('follows the role-change rules of product.md, changing nothing on a refusal', async () => {
      const { admin, manager } = await team();
      const peer = await addMember(t, admin.companyId, Role.Manager);
      const subject = await addMember(t, admin.companyId, Role.ReadOnly);
      const roleOf = async (id: string) => (await api(admin.token).get(`/users/${id}`)).body.role;
      const steps: Array<[string, string, string, number, string?]> = [
        [manager.token, subject.userId, 'user', 200],
        [manager.token, subject.userId, 'read_only', 200],
        [manager.token, subject.userId, 'manager', 403, 'ROLE_CHANGE_ABOVE_LIMIT'],
        [manager.token, peer.userId, 'user', 403, 'ROLE_CHANGE_TARGET_NOT_BELOW'],
        [manager.token, admin.userId, 'user', 403, 'ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY'],
        [manager.token, manager.userId, 'read_only', 403, 'ROLE_CHANGE_OWN_ROLE'],
        [admin.token, subject.userId, 'manager', 200],
        [admin.token, subject.userId, 'user', 200],
        [admin.token, peer.userId, 'read_only', 200],
        [
          admin.token,
          subject.userId,
          'administrator',
          403,
          'ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY',
        ],
        [admin.token, admin.userId, 'manager', 403, 'ROLE_CHANGE_OWN_ROLE'],
      ];
      for (const [token, id, role, status, code] of steps) {
        const before = await roleOf(id);
        const res = await api(token).put(`/users/${id}/role`, { role });
        expect([id, role, res.status, res.body.code]).toEqual([id, role, status, code]);
        expect(await roleOf(id)).toBe(status === 200 ? role : before);
      }
      const entries = await audit('users.role.changed', subject.userId);
      expect(entries.map((e) => e.changes)).toEqual(
        expect.arrayContaining([{ role: { from: 'manager', to: 'user' } }]),
      );
      expect(entries).toHaveLength(4);
    });

    it('takes effect at once, on the tokens already issued', async () => {
      const { admin, user } = await team();
      const body = { first_name: 'A', last_name: 'B', email: `fast.${user.userId}@acme.test` };
      await api(user.token).post('/users', body).expect(403);
      await api(admin.token).put(`/users/${user.userId}/role`, { role: 'manager' }).expect(200);
      await api(user.token).post('/users', body).expect(201);
      await api(admin.token).put(`/users/${user.userId}/role`, { role: 'read_only' }).expect(200);
      await api(user.token).get('/users').expect(200);
      await api(user.token).put(`/users/${admin.userId}/role`, { role: 'user' }).expect(403);
    });

    it('refuses users, other companies and bad roles', async () => {
      const { admin, user, readOnly } = await team();
      const res = await api(user.token)
        .put(`/users/${readOnly.userId}/role`, { role: 'read_only' })
        .expect(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', permission: 'users.change_role' });
      const other = await registerAccount(t.url);
      const them = await addMember(t, other.companyId, Role.User);
      await api(admin.token).put(`/users/${them.userId}/role`, { role: 'manager' }).expect(404);
      for (const body of [{ role: 'owner' }, { role: 1 }, {}, { role: 'user', extra: 1 }]) {
        await api(admin.token).put(`/users/${user.userId}/role`, body).expect(422);
      }
      expect((await api(other.token).get(`/users/${them.userId}`)).body.role).toBe('user');
    });
  });

  describe('POST /api/v1/users/{id}/password-reset', () => {
    it('emails a reset link; the old password works until it is used', async () => {
      const { admin, user } = await team();
      await api(admin.token).post(`/users/${user.userId}/password-reset`).expect(202);

      await login(user.email).expect(200);
      await setPassword(lastLinkToken(sink, user.email)).expect(200);
      await login(user.email).expect(401);
      await login(user.email, NEW_PASSWORD).expect(200);
      await api(user.token).get('/users').expect(401);
      expect(await audit('users.password_reset.requested', user.userId)).toHaveLength(1);
    });

    it('refuses a superior, another company, and users', async () => {
      const { admin, manager, user } = await team();
      const res = await api(manager.token)
        .post(`/users/${admin.userId}/password-reset`)
        .expect(403);
      expect(res.body.code).toBe('USER_NOT_BELOW_YOU');
      const other = await registerAccount(t.url);
      await api(admin.token).post(`/users/${other.userId}/password-reset`).expect(404);
      await api(user.token).post(`/users/${user.userId}/password-reset`).expect(403);
      expect(mailsTo(admin.email)).toEqual([]);
      expect(mailsTo(other.email)).toEqual([]);
    });
  });

  describe('DELETE /api/v1/users/{id} and POST /api/v1/users/{id}/restore', () => {
    it('deactivates at once: tokens, sign-in and earlier links stop', async () => {
      const { admin, user } = await team();
      await api(admin.token).post(`/users/${user.userId}/password-reset`).expect(202);
      const earlierLink = lastLinkToken(sink, user.email);

      await api(admin.token).delete(`/users/${user.userId}`).expect(204);
      expect((await api(user.token).get('/users').expect(401)).body.code).toBe('UNAUTHENTICATED');
      await login(user.email).expect(401);
      await setPassword(earlierLink).expect(410);
      const shown = await api(admin.token).get(`/users/${user.userId}`).expect(200);
      expect(shown.body).toMatchObject({ status: 'inactive', deleted_at: expect.any(String) });
      const reset = await api(admin.token).post(`/users/${user.userId}/password-reset`).expect(409);
      expect(reset.body.code).toBe('USER_DELETED');

      await api(admin.token).delete(`/users/${user.userId}`).expect(204);
      expect(await audit('users.deleted', user.userId)).toHaveLength(1);
    });

    it('restores the email but not the password: inactive until a password is set', async () => {
      const { admin, manager, user } = await team();
      await api(manager.token).delete(`/users/${user.userId}`).expect(204);
      const res = await api(manager.token).post(`/users/${user.userId}/restore`).expect(200);
      expect(res.body).toMatchObject({ email: user.email, status: 'inactive', deleted_at: null });

      await login(user.email).expect(401);
      const mail = mailsTo(user.email).at(-1);
      expect(mail?.subject).toMatch(/restored/);
      await setPassword(lastLinkToken(sink, user.email)).expect(200);
      await login(user.email, NEW_PASSWORD).expect(200);
      expect((await api(admin.token).get(`/users/${user.userId}`)).body.status).toBe('active');
      expect(await audit('users.restored', user.userId)).toHaveLength(1);

      const again = await api(admin.token).post(`/users/${user.userId}/restore`).expect(409);
      expect(again.body.code).toBe('USER_NOT_DELETED');
    });

    it('refuses yourself, peers and superiors, users and other companies', async () => {
      const { admin, manager, user, readOnly } = await team();
      const self = await api(admin.token).delete(`/users/${admin.userId}`).expect(403);
      expect(self.body.code).toBe('USER_DELETE_SELF');
      const peer = await addMember(t, admin.companyId, Role.Manager);
      for (const id of [peer.userId, admin.userId]) {
        const res = await api(manager.token).delete(`/users/${id}`).expect(403);
        expect(res.body.code).toBe('USER_NOT_BELOW_YOU');
      }
      await api(user.token).delete(`/users/${readOnly.userId}`).expect(403);
      const other = await registerAccount(t.url);
      await api(admin.token).delete(`/users/${other.userId}`).expect(404);
      await api(admin.token).post(`/users/${other.userId}/restore`).expect(404);
      await api(admin.token).delete(`/users/${manager.userId}`).expect(204);
      await api(user.token).post(`/users/${manager.userId}/restore`).expect(403);

      for (const member of [admin, peer, readOnly, other]) {
        await login(member.email, STRONG_PASSWORD).expect(200);
      }
    });
  });

  describe('invitation end to end', () => {
    it('lets a manager invite a read-only user who then signs in', async () => {
      const admin = await registerAccount(t.url);
      const manager = await inviteMember(t, sink, admin.token, Role.Manager);
      const reader = await inviteMember(t, sink, manager.token, Role.ReadOnly);
      const me = await request(t.url).get('/api/v1/me').auth(reader.token, { type: 'bearer' });
      expect(me.body).toMatchObject({ role: 'read_only', company: { id: admin.companyId } });
    });
  });
});

describe('users when mail cannot be sent', () => {
  let t: TestApp;

  beforeAll(async () => {
    // a port nothing listens on: every send fails
    const closed = await startSmtpSink();
    await closed.close();
    t = await startTestApp({ SMTP_URL: closed.url });
  });
  afterAll(() => t.close());

  it('creates no user and changes nothing when the email fails', async () => {
    const admin = await registerAccount(t.url);
    const user = await addMember(t, admin.companyId, Role.User);
    const auth = { type: 'bearer' } as const;
    const res = await request(t.url)
      .post('/api/v1/users')
      .auth(admin.token, auth)
      .send({ first_name: 'No', last_name: 'Mail', email: `nomail.${user.userId}@acme.test` })
      .expect(503);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');

    await request(t.url).delete(`/api/v1/users/${user.userId}`).auth(admin.token, auth).expect(204);
    await request(t.url)
      .post(`/api/v1/users/${user.userId}/restore`)
      .auth(admin.token, auth)
      .expect(503);
    const list = await request(t.url).get('/api/v1/users').auth(admin.token, auth).expect(200);
    expect(list.body.meta.total).toBe(2);
    expect(list.body.data.find((u: { id: string }) => u.id === user.userId).deleted_at).toEqual(
      expect.any(String),
    );
  });
});

describe('PUT /api/v1/support/users/{id}/role', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const put = (token: string, id: string, body: object) =>
    request(t.url)
      .put(`/api/v1/support/users/${id}/role`)
      .auth(token, { type: 'bearer' })
      .send(body);

  it('makes and unmakes administrators in any company', async () => {
    const support = await addSupport(t);
    const admin = await registerAccount(t.url);
    const manager = await addMember(t, admin.companyId, Role.Manager);

    const res = await put(support.token, manager.userId, { role: 'administrator' }).expect(200);
    expect(res.body).toMatchObject({ id: manager.userId, role: 'administrator' });
    await request(t.url)
      .put(`/api/v1/users/${admin.userId}/role`)
      .auth(manager.token, { type: 'bearer' })
      .send({ role: 'manager' })
      .expect(403);
    await put(support.token, admin.userId, { role: 'manager' }).expect(200);
    const me = await request(t.url).get('/api/v1/me').auth(admin.token, { type: 'bearer' });
    expect(me.body.role).toBe('manager');

    const [entry] = await t.app
      .get(DataSource)
      .getRepository(AuditLog)
      .findBy({ event: 'users.role.changed', targetId: admin.userId });
    expect(entry).toMatchObject({
      companyId: admin.companyId,
      actorId: support.userId,
      changes: { role: { from: 'administrator', to: 'manager' } },
    });
  });

  it('is refused to company roles, and to support on its own role', async () => {
    const support = await addSupport(t);
    const admin = await registerAccount(t.url);
    const user = await addMember(t, admin.companyId, Role.User);
    const res = await put(admin.token, user.userId, { role: 'administrator' }).expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', refused_by: 'support' });
    const own = await put(support.token, support.userId, { role: 'read_only' }).expect(403);
    expect(own.body.code).toBe('ROLE_CHANGE_OWN_ROLE');
    await put(support.token, UNKNOWN_ID, { role: 'user' }).expect(404);
    await put(support.token, user.userId, { role: 'root' }).expect(422);
    const me = await request(t.url).get('/api/v1/me').auth(user.token, { type: 'bearer' });
    expect(me.body.role).toBe('user');
  });
});
