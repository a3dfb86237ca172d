import { parse } from 'csv-parse/sync';
import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { CompanyAddOn, CompanyTier, Role } from 'src/common/auth/principal';
import { UsersService } from 'src/users/users.service';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import { addMember, addSupport, setSubscription } from 'test/factories/member.factory';
import { createLinkedCompany, grantAccess, registerPartner } from 'test/factories/partner.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const LINKED_FIELDS = [
  'can_manage',
  'created_at',
  'email',
  'id',
  'name',
  'parent_company_id',
  'telephone',
  'tier',
  'website',
];
const CSV_HEADER = 'id,name,plans,tiers,parent,"created at","last login",score,"last flow run"';
const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('linked companies', () => {
  let t: TestApp;
  let support: { token: string };

  beforeAll(async () => {
    t = await startTestApp({ LINKED_COMPANY_ALLOWANCE: 'standard:3,professional:4' });
    support = await addSupport(t);
  });
  afterAll(() => t.close());

  const api = (token: string) => ({
    get: (path: string) => request(t.url).get(`/api/v1${path}`).auth(token, { type: 'bearer' }),
    post: (path: string, body: object = {}) =>
      request(t.url).post(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body),
    delete: (path: string) =>
      request(t.url).delete(`/api/v1${path}`).auth(token, { type: 'bearer' }),
  });
  const listIds = async (token: string, query = '') =>
    ((await api(token).get(`/linked-companies${query}`).expect(200)).body.data as object[]).map(
      (c) => (c as { id: string }).id,
    );
  const audit = (event: string, targetId: string) =>
    t.app.get(DataSource).getRepository(AuditLog).findBy({ event, targetId });

  describe('POST /api/v1/linked-companies', () => {
    it('creates a trial company linked to the parent, and grants it to its creator', async () => {
      const admin = await registerPartner(t, support.token);
      const body = {
        name: 'Globex Retail',
        email: 'ops@globex.test',
        website: 'https://globex.test',
        telephone: '+44 161 123 4567',
      };
      const res = await api(admin.token).post('/linked-companies', body).expect(201);

      expect(Object.keys(res.body).sort()).toEqual(LINKED_FIELDS);
      expect(res.body).toMatchObject({
        ...body,
        tier: 'trial',
        parent_company_id: admin.companyId,
        can_manage: true,
      });
      const team = await api(admin.token).get('/team-members').expect(200);
      expect(team.body.data).toEqual([
        expect.objectContaining({ id: admin.userId, managed_company_ids: [res.body.id] }),
      ]);
      const [entry] = await audit('linked_companies.created', res.body.id);
      expect(entry).toMatchObject({
        companyId: admin.companyId,
        actorId: admin.userId,
        actorCompanyId: admin.companyId,
        changes: { name: 'Globex Retail', granted_to: [admin.userId] },
      });
    });

    it('needs the partner features add-on and the administrator role, creating nothing', async () => {
      const plain = await registerAccount(t.url);
      const refused = await api(plain.token)
        .post('/linked-companies', { name: 'X', email: 'x@x.test' })
        .expect(403);
      expect(refused.body).toMatchObject({
        permission: 'linked_companies.create',
        refused_by: 'add_on',
      });

      const admin = await registerPartner(t, support.token);
      const manager = await addMember(t, admin.companyId, Role.Manager);
      const res = await api(manager.token)
        .post('/linked-companies', { name: 'X', email: 'x@x.test' })
        .expect(403);
      expect(res.body.refused_by).toBe('role');
      expect(await listIds(admin.token)).toEqual([]);
      expect(await listIds(plain.token)).toEqual([]);
    });

    it('counts against the allowance of the tier, answering 403 with the figures', async () => {
      const admin = await registerPartner(t, support.token);
      for (let i = 0; i < 3; i++) {
        await createLinkedCompany(t, admin.token);
      }
      const res = await api(admin.token)
        .post('/linked-companies', { name: 'One too many', email: 'x@x.test' })
        .expect(403);

      expect(res.body).toMatchObject({
        code: 'LINKED_COMPANY_ALLOWANCE_EXCEEDED',
        tier: 'standard',
        allowance: 3,
        linked: 3,
      });
      expect(await listIds(admin.token)).toHaveLength(3);
      await setSubscription(t, support.token, admin.companyId, { tier: 'professional' });
      await createLinkedCompany(t, admin.token);
      expect(await listIds(admin.token)).toHaveLength(4);
    });

    it('gives the trial tier no allowance by default', async () => {
      const admin = await registerPartner(t, support.token, CompanyTier.Trial);
      const res = await api(admin.token)
        .post('/linked-companies', { name: 'Trial child', email: 'x@x.test' })
        .expect(403);
      expect(res.body).toMatchObject({ code: 'LINKED_COMPANY_ALLOWANCE_EXCEEDED', allowance: 0 });
    });

    it('lets only one of several racing requests take the last place', async () => {
      const admin = await registerPartner(t, support.token);
      await createLinkedCompany(t, admin.token);
      await createLinkedCompany(t, admin.token);
      const statuses = await Promise.all(
        [1, 2, 3, 4].map(async (i) => {
          const res = await api(admin.token).post('/linked-companies', {
            name: `Racer ${i}`,
            email: 'race@x.test',
          });

          return res.status;
        }),
      );

      expect(statuses.sort()).toEqual([201, 403, 403, 403]);
      expect(await listIds(admin.token)).toHaveLength(3);
    });

    it('answers 422 for bad input, creating nothing', async () => {
      const admin = await registerPartner(t, support.token);
      const bodies = [
        {},
        { name: 'No email' },
        { name: '  ', email: 'a@b.test' },
        { name: 'Bad', email: 'not-an-email' },
        { name: 'Bad', email: 'a@b.test', website: 'not a url' },
        { name: 'Bad', email: 'a@b.test', telephone: 'call me' },
        { name: 42, email: 'a@b.test' },
        { name: 'Bad', email: 'a@b.test', tier: 'enterprise' },
      ];
      for (const body of bodies) {
        const res = await api(admin.token).post('/linked-companies', body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({
          body,
          status: 422,
          code: 'VALIDATION_FAILED',
        });
      }
      expect(await listIds(admin.token)).toEqual([]);
    });

    it('refuses a linked company linked companies of its own', async () => {
      const admin = await registerPartner(t, support.token);
      const linkedId = await createLinkedCompany(t, admin.token);
      await setSubscription(t, support.token, linkedId, {
        add_ons: [CompanyAddOn.PartnerFeatures],
      });
      const native = await addMember(t, linkedId, Role.Administrator);

      const res = await api(native.token)
        .post('/linked-companies', { name: 'Grandchild', email: 'g@x.test' })
        .expect(403);
      expect(res.body.code).toBe('LINKED_COMPANY_CANNOT_BE_PARENT');
      expect(await listIds(native.token)).toEqual([]);
    });
  });

  describe('GET /api/v1/linked-companies', () => {
    it('shows managers every linked company, can_manage only where they hold a grant', async () => {
      const admin = await registerPartner(t, support.token);
      const manager = await addMember(t, admin.companyId, Role.Manager);
      const a = await createLinkedCompany(t, admin.token, { name: 'Alpha' });
      const b = await createLinkedCompany(t, admin.token, { name: 'beta' });
      await grantAccess(t, admin.token, manager.userId, b);

      const res = await api(manager.token).get('/linked-companies').expect(200);
      expect(res.body).toEqual({
        data: [
          expect.objectContaining({ id: a, name: 'Alpha', can_manage: false }),
          expect.objectContaining({ id: b, name: 'beta', can_manage: true }),
        ],
        meta: { page: 1, per_page: 25, total: 2 },
      });
      expect(await listIds(admin.token, '?sort=-name')).toEqual([b, a]);
      expect(await listIds(admin.token, '?page=2&per_page=1')).toEqual([b]);
    });

    it('searches by name without regard to case, taking % and _ literally', async () => {
      const admin = await registerPartner(t, support.token);
      const globex = await createLinkedCompany(t, admin.token, { name: 'Globex Retail' });
      const percent = await createLinkedCompany(t, admin.token, { name: '100% Fruit' });
      await createLinkedCompany(t, admin.token, { name: 'Initech' });

      expect(await listIds(admin.token, '?filter[search]=gLoBeX')).toEqual([globex]);
      expect(await listIds(admin.token, '?filter[search]=retail%20glob')).toEqual([globex]);
      expect(await listIds(admin.token, '?filter[search]=%25')).toEqual([percent]);
      expect(await listIds(admin.token, '?filter[search]=_')).toEqual([]);
      expect(await listIds(admin.token, '?filter[search]=')).toHaveLength(3);
    });

    it('never shows another parent’s companies', async () => {
      const mine = await registerPartner(t, support.token);
      const theirs = await registerPartner(t, support.token);
      const own = await createLinkedCompany(t, mine.token);
      await createLinkedCompany(t, theirs.token);

      expect(await listIds(mine.token)).toEqual([own]);
    });

    it('refuses users and read-only users, and bad list parameters', async () => {
      const admin = await registerPartner(t, support.token);
      for (const role of [Role.User, Role.ReadOnly]) {
        const member = await addMember(t, admin.companyId, role);
        const res = await api(member.token).get('/linked-companies').expect(403);
        expect(res.body).toMatchObject({ permission: 'linked_companies.view', refused_by: 'role' });
      }
      for (const query of ['?page=0', '?per_page=101', '?sort=tier', '?filter[tier]=trial']) {
        const res = await api(admin.token).get(`/linked-companies${query}`).expect(422);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('GET /api/v1/linked-companies/summary.csv', () => {
    it('lists the parent first with parent empty, then its linked companies, as proper CSV', async () => {
      const admin = await registerPartner(t, support.token);
      const tricky = 'Smith, "Jones" & Co';
      const first = await createLinkedCompany(t, admin.token, { name: tricky });
      const second = await createLinkedCompany(t, admin.token, { name: 'Zeta' });
      const native = await addMember(t, second, Role.User);
      const loginAt = new Date('2024-05-06T07:08:09.500Z');
      await t.app.get(UsersService).recordLogin(native.userId, loginAt);

      const res = await api(admin.token).get('/linked-companies/summary.csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename=/);
      expect(res.text.split('\r\n')[0]).toBe(CSV_HEADER);

      const rows = parse<Record<string, string>>(res.text, { columns: true });
      const company = (await api(admin.token).get('/company').expect(200)).body;
      expect(rows.map((r) => [r.id, r.name, r.parent])).toEqual([
        [admin.companyId, company.name, ''],
        [first, tricky, company.name],
        [second, 'Zeta', company.name],
      ]);
      expect(rows[0]).toMatchObject({
        plans: 'partner_features',
        tiers: 'standard',
        'created at': company.created_at.slice(0, 19).replace('T', ' '),
        score: '',
        'last flow run': '',
      });
      expect(rows[0]['last login']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(rows[1]).toMatchObject({ plans: '', tiers: 'trial', 'last login': '' });
      expect(rows[2]['last login']).toBe('2024-05-06 07:08:09');
    });

    it('is for managers and up', async () => {
      const admin = await registerPartner(t, support.token);
      const manager = await addMember(t, admin.companyId, Role.Manager);
      const user = await addMember(t, admin.companyId, Role.User);

      await api(manager.token).get('/linked-companies/summary.csv').expect(200);
      const res = await api(user.token).get('/linked-companies/summary.csv').expect(403);
      expect(res.body.refused_by).toBe('role');
    });
  });

  describe('DELETE /api/v1/linked-companies/{id}', () => {
    async function linkedWithTeam(): Promise<{
      admin: RegisteredAccount;
      linkedId: string;
      manager: { userId: string; token: string };
      native: { userId: string; email: string; token: string };
    }> {
      const admin = await registerPartner(t, support.token);
      const linkedId = await createLinkedCompany(t, admin.token);
      const manager = await addMember(t, admin.companyId, Role.Manager);
      await grantAccess(t, admin.token, manager.userId, linkedId);
      const native = await addMember(t, linkedId, Role.Administrator);

      return { admin, linkedId, manager, native };
    }

    it('is refused to everyone but platform support, changing nothing', async () => {
      const { admin, linkedId, manager, native } = await linkedWithTeam();
      for (const token of [admin.token, manager.token, native.token]) {
        const res = await api(token).delete(`/linked-companies/${linkedId}`).expect(403);
        expect(res.body).toMatchObject({
          permission: 'support.linked_companies.unlink',
          refused_by: 'support',
        });
      }
      expect(await listIds(admin.token)).toEqual([linkedId]);
      const team = await api(admin.token).get(`/team-members?filter[role]=manager`).expect(200);
      expect(team.body.data[0].managed_company_ids).toEqual([linkedId]);
    });

    it('makes the company standalone, removes every grant and keeps its own users', async () => {
      const { admin, linkedId, native } = await linkedWithTeam();
      await api(support.token).delete(`/linked-companies/${linkedId}`).expect(204);

      expect(await listIds(admin.token)).toEqual([]);
      const team = await api(admin.token).get('/team-members').expect(200);
      expect(
        team.body.data.map((u: { managed_company_ids: string[] }) => u.managed_company_ids),
      ).toEqual([[], []]);
      const grants = await t.app
        .get(DataSource)
        .query('SELECT user_id FROM team_member_grants WHERE company_id = ?', [linkedId]);
      expect(grants).toEqual([]);

      const login = await request(t.url)
        .post('/api/v1/login')
        .send({ email: native.email, password: 'Str0ng!pass' })
        .expect(200);
      const profile = await api(login.body.token).get('/company').expect(200);
      expect(profile.body).toMatchObject({ id: linkedId, parent_company_id: null });
      const [entry] = (await audit('linked_companies.unlinked', linkedId)).filter(
        (e) => e.companyId === admin.companyId,
      );
      expect(entry.changes).toMatchObject({
        parent_company_id: { from: admin.companyId, to: null },
        revoked_user_ids: expect.arrayContaining([admin.userId]),
      });
    });

    it('answers 404 for a company that is not linked, unknown, or already unlinked', async () => {
      const { linkedId } = await linkedWithTeam();
      const standalone = await registerAccount(t.url);
      await api(support.token).delete(`/linked-companies/${standalone.companyId}`).expect(404);
      await api(support.token).delete(`/linked-companies/${UNKNOWN_ID}`).expect(404);
      await api(support.token).delete(`/linked-companies/${linkedId}`).expect(204);
      await api(support.token).delete(`/linked-companies/${linkedId}`).expect(404);
    });
  });
});
