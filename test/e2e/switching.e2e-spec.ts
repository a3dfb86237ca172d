import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { CompanyTier, Role } from 'src/common/auth/principal';
import request from 'supertest';
import { RegisteredAccount, STRONG_PASSWORD } from 'test/factories/account.factory';
import {
  addMember,
  addSupport,
  lastLinkToken,
  SignedInMember,
} from 'test/factories/member.factory';
import { createLinkedCompany, grantAccess, registerPartner } from 'test/factories/partner.factory';
import { SmtpSink, startSmtpSink } from 'test/support/smtp-sink';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource, FindOptionsWhere } from 'typeorm';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('switching into a linked company', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let support: { token: string };

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
    put: (path: string, body: object = {}) =>
      request(t.url).put(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
    delete: (path: string) =>
      request(t.url).delete(`/api/v1${path}`).auth(token, { type: 'bearer' }),
  });
  const switchTo = (token: string, companyId: string) =>
    api(token).post('/switch', { company_id: companyId });
  const switched = async (token: string, companyId: string): Promise<string> =>
    (await switchTo(token, companyId).expect(200)).body.token as string;
  const audit = (where: FindOptionsWhere<AuditLog>) =>
    t.app.get(DataSource).getRepository(AuditLog).findBy(where);

  interface Setup {
    admin: RegisteredAccount;
    manager: SignedInMember;
    linkedId: string;
    native: SignedInMember;
  }

  /** A partner, one linked company with a native administrator, a manager granted it. */
  async function setup(tier = CompanyTier.Standard): Promise<Setup> {
    const admin = await registerPartner(t, support.token, tier);
    const manager = await addMember(t, admin.companyId, Role.Manager);
    const linkedId = await createLinkedCompany(t, admin.token, { name: 'Globex' });
    await grantAccess(t, admin.token, manager.userId, linkedId);
    const native = await addMember(t, linkedId, Role.Administrator);

    return { admin, manager, linkedId, native };
  }

  describe('POST /api/v1/switch and /api/v1/switch/original', () => {
    it('acts in the linked company with the member’s own role, and comes back', async () => {
      const { admin, manager, linkedId, native } = await setup();
      const res = await switchTo(manager.token, linkedId).expect(200);
      expect(res.body).toEqual({
        message: 'Now acting in Globex',
        token: expect.any(String),
        expires_in: 86400,
      });
      const token = res.body.token as string;

      const me = (await api(token).get('/me').expect(200)).body;
      expect(me).toMatchObject({
        id: manager.userId,
        role: 'manager',
        company: { id: admin.companyId },
        acting_company: { id: linkedId, name: 'Globex' },
      });
      expect((await api(token).get('/company').expect(200)).body).toMatchObject({
        id: linkedId,
        parent_company_id: admin.companyId,
      });
      const users = (await api(token).get('/users').expect(200)).body.data;
      expect(users.map((u: { id: string }) => u.id)).toEqual([native.userId]);

      const back = await api(token).post('/switch/original').expect(200);
      expect((await api(back.body.token).get('/me')).body.acting_company.id).toBe(admin.companyId);
      // the token switched from stays valid, in the home company
      expect((await api(manager.token).get('/me')).body.acting_company.id).toBe(admin.companyId);
    });

    it('records the switch and every later change with the actor’s and the acting company', async () => {
      const { admin, manager, linkedId } = await setup();
      const token = await switched(manager.token, linkedId);
      await api(token).patch('/company', { website: 'https://globex.test' }).expect(200);

      const [switchEntry] = await audit({
        event: 'auth.company.switched',
        actorId: manager.userId,
      });
      expect(switchEntry).toMatchObject({ companyId: linkedId, actorCompanyId: admin.companyId });
      const [update] = await audit({ event: 'company.updated', targetId: linkedId });
      expect(update).toMatchObject({
        companyId: linkedId,
        actorId: manager.userId,
        actorCompanyId: admin.companyId,
        changes: { website: { from: null, to: 'https://globex.test' } },
      });
      expect((await api(admin.token).get('/company')).body.website).toBeNull();
    });

    it('refuses a manager without the grant, and a user holding one', async () => {
      const { admin, linkedId } = await setup();
      const other = await addMember(t, admin.companyId, Role.Manager);
      const refused = await switchTo(other.token, linkedId).expect(403);
      expect(refused.body.code).toBe('LINKED_COMPANY_NOT_GRANTED');
      expect(refused.body.token).toBeUndefined();

      await grantAccess(t, admin.token, other.userId, linkedId);
      await api(admin.token).put(`/users/${other.userId}/role`, { role: 'user' }).expect(200);
      const res = await switchTo(other.token, linkedId).expect(403);
      expect(res.body).toMatchObject({ permission: 'linked_companies.switch', refused_by: 'role' });
    });

    it('answers 404 for another parent’s linked company, the parent itself, or none', async () => {
      const mine = await setup();
      const theirs = await setup();
      await switchTo(mine.manager.token, theirs.linkedId).expect(404);
      await switchTo(mine.manager.token, theirs.admin.companyId).expect(404);
      await switchTo(mine.manager.token, UNKNOWN_ID).expect(404);
      // a linked company's own administrator cannot enter the parent
      await switchTo(mine.native.token, mine.admin.companyId).expect(404);
      const bad = await switchTo(mine.manager.token, 'not-a-uuid').expect(422);
      expect(bad.body.errors).toEqual([{ field: 'company_id', message: expect.any(String) }]);
    });
  });

  describe('a switched token', () => {
    it('stops at once when the grant is revoked; the member keeps their login', async () => {
      const { admin, manager, linkedId } = await setup();
      const token = await switched(manager.token, linkedId);
      await api(token).get('/users').expect(200);

      await api(admin.token)
        .delete(`/team-members/${manager.userId}/companies/${linkedId}`)
        .expect(204);
      for (const path of ['/users', '/company', '/me']) {
        const res = await api(token).get(path).expect(401);
        expect(res.body.code).toBe('SWITCHED_ACCESS_ENDED');
      }
      await api(token).post('/switch/original').expect(401);
      await api(manager.token).get('/me').expect(200);
      expect((await switchTo(manager.token, linkedId).expect(403)).body.code).toBe(
        'LINKED_COMPANY_NOT_GRANTED',
      );
    });

    it('stops when the member is made a user, deleted, or the company unlinked', async () => {
      const demoted = await setup();
      const token = await switched(demoted.manager.token, demoted.linkedId);
      await api(demoted.admin.token)
        .put(`/users/${demoted.manager.userId}/role`, { role: 'user' })
        .expect(200);
      expect((await api(token).get('/users').expect(401)).body.code).toBe('SWITCHED_ACCESS_ENDED');

      const deleted = await setup();
      const deletedToken = await switched(deleted.manager.token, deleted.linkedId);
      await api(deleted.admin.token).delete(`/users/${deleted.manager.userId}`).expect(204);
      await api(deletedToken).get('/users').expect(401);

      const unlinked = await setup();
      const unlinkedToken = await switched(unlinked.manager.token, unlinked.linkedId);
      await api(support.token).delete(`/linked-companies/${unlinked.linkedId}`).expect(204);
      await api(unlinkedToken).get('/users').expect(401);
      await api(unlinked.native.token).get('/users').expect(200);
    });

    it('manages the linked company’s native users through the ordinary users routes', async () => {
      const { admin, manager, linkedId } = await setup();
      const token = await switched(manager.token, linkedId);
      const email = `native.${Date.now()}@globex.test`;
      const created = await api(token)
        .post('/users', { first_name: 'Nat', last_name: 'Ive', email })
        .expect(201);
      const id = created.body.id as string;
      expect((await sink.waitFor(email)).subject).toMatch(/Globex/);

      await api(token).put(`/users/${id}/role`, { role: 'read_only' }).expect(200);
      await api(token).patch(`/users/${id}`, { first_name: 'Natalie' }).expect(200);
      await request(t.url)
        .post('/api/v1/password/reset')
        .send({ token: lastLinkToken(sink, email), password: STRONG_PASSWORD })
        .expect(200);
      const login = await request(t.url)
        .post('/api/v1/login')
        .send({ email, password: STRONG_PASSWORD })
        .expect(200);
      const me = (await api(login.body.token).get('/me').expect(200)).body;
      expect(me).toMatchObject({
        first_name: 'Natalie',
        role: 'read_only',
        company: { id: linkedId },
        acting_company: { id: linkedId },
      });
      await api(token).delete(`/users/${id}`).expect(204);
      await api(login.body.token).get('/me').expect(401);

      const [entry] = await audit({ event: 'users.created', targetId: id });
      expect(entry).toMatchObject({ companyId: linkedId, actorCompanyId: admin.companyId });
      // the parent's users are out of reach of the switched token
      await api(token).get(`/users/${admin.userId}`).expect(404);
      await api(token).patch(`/users/${admin.userId}`, { first_name: 'X' }).expect(404);
    });

    it('keeps the member’s role limits: a manager cannot rename the linked company', async () => {
      const { admin, manager, linkedId } = await setup();
      const token = await switched(manager.token, linkedId);
      const res = await api(token).patch('/company', { name: 'Hijacked' }).expect(403);
      expect(res.body.code).toBe('COMPANY_FIELD_FORBIDDEN');

      const adminToken = await switched(admin.token, linkedId);
      await api(adminToken).patch('/company', { name: 'Globex Ltd' }).expect(200);
      expect((await api(adminToken).get('/me')).body.acting_company.name).toBe('Globex Ltd');
    });

    it('leaves the member’s custom role at home: it applies in their own company only', async () => {
      const { admin, manager, linkedId } = await setup(CompanyTier.Enterprise);
      const role = await api(admin.token)
        .post('/roles', { name: 'No users', permissions: [{ area: 'users', view: false }] })
        .expect(201);
      await api(admin.token)
        .put(`/roles/${role.body.id}/users`, { user_ids: [manager.userId] })
        .expect(200);

      const home = await api(manager.token).get('/users').expect(403);
      expect(home.body.refused_by).toBe('custom_role');
      const token = await switched(manager.token, linkedId);
      await api(token).get('/users').expect(200);
    });
  });

  describe('a linked company’s native administrator', () => {
    it('cannot see or reach the parent', async () => {
      const { admin, manager, linkedId, native } = await setup();
      await api(native.token).get(`/users/${admin.userId}`).expect(404);
      await api(native.token).put(`/users/${manager.userId}/role`, { role: 'user' }).expect(404);
      await api(native.token).delete(`/users/${manager.userId}`).expect(404);
      await api(native.token)
        .put(`/team-members/${manager.userId}/companies/${linkedId}`)
        .expect(404);
      await api(native.token)
        .delete(`/team-members/${manager.userId}/companies/${linkedId}`)
        .expect(404);

      expect((await api(native.token).get('/linked-companies').expect(200)).body.data).toEqual([]);
      const team = (await api(native.token).get('/team-members').expect(200)).body.data;
      expect(team.map((u: { id: string }) => u.id)).toEqual([native.userId]);
      const csv = (await api(native.token).get('/linked-companies/summary.csv').expect(200)).text;
      expect(csv.trim().split('\r\n')).toHaveLength(2);
      expect(csv).not.toContain(admin.companyId);
      // the manager still holds the grant
      await switchTo(manager.token, linkedId).expect(200);
    });
  });
});
