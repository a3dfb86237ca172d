import { parse } from 'csv-parse/sync';
import { AuditRetentionService } from 'src/audit/audit-retention.service';
import { AuditService } from 'src/audit/audit.service';
import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { sqlDatetime } from 'src/audit/sql-datetime';
import { Role } from 'src/common/auth/principal';
import { newId } from 'src/common/ids';
import { CompaniesService } from 'src/companies/companies.service';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import { seedAuditEntries } from 'test/factories/audit.factory';
import { createMember, createMembers, Member } from 'test/factories/members-by-role.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const PROBLEM = /application\/problem\+json/;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Entry {
  id: string;
  company_id: string;
  event: string;
  actor: { type: string; id: string | null; name: string | null };
  created_at: string;
}

describe('audit logs', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let admin: RegisteredAccount;
  let members: Awaited<ReturnType<typeof createMembers>>;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
    admin = await registerAccount(t.url);
    members = await createMembers(t, admin.companyId);
  });
  afterAll(() => t.close());

  const list = (token: string, query = '') =>
    request(t.url).get(`/api/v1/audit-logs${query}`).auth(token, { type: 'bearer' });
  const csv = (token: string, query = '') =>
    request(t.url).get(`/api/v1/audit-logs.csv${query}`).auth(token, { type: 'bearer' });
  const rowsOf = (text: string): Array<Record<string, string>> =>
    parse(text, { columns: true, skip_empty_lines: true });

  /** A company of its own with an administrator, so entries can be counted exactly. */
  const freshCompany = async (): Promise<{ account: RegisteredAccount; at: Date }> => {
    const account = await registerAccount(t.url);

    return { account, at: new Date() };
  };

  describe('who may read them', () => {
    it('lets administrators read the list and the CSV, and no other role', async () => {
      await list(admin.token).expect(200);
      await csv(admin.token).expect(200);
      for (const member of Object.values<Member>(members)) {
        const refused = await list(member.token).expect(403);
        expect(refused.headers['content-type']).toMatch(PROBLEM);
        expect(refused.body).toMatchObject({ code: 'FORBIDDEN', refused_by: 'role' });
        const refusedCsv = await request(t.url)
          .get('/api/v1/audit-logs.csv')
          .auth(member.token, { type: 'bearer' })
          .expect(403);
        expect(refusedCsv.body.code).toBe('FORBIDDEN');
      }
      await request(t.url).get('/api/v1/audit-logs').expect(401);
      await request(t.url).get('/api/v1/audit-logs.csv').expect(401);
    });

    it('offers no route that changes or deletes an entry', async () => {
      const { body } = await list(admin.token).expect(200);
      const id = body.data[0].id as string;
      const attempts = [
        request(t.url).delete(`/api/v1/audit-logs/${id}`),
        request(t.url).patch(`/api/v1/audit-logs/${id}`).send({ event: 'x' }),
        request(t.url).put(`/api/v1/audit-logs/${id}`).send({ event: 'x' }),
        request(t.url).post('/api/v1/audit-logs').send({ event: 'x' }),
        request(t.url).delete('/api/v1/audit-logs'),
      ];
      for (const attempt of attempts) {
        const res = await attempt.auth(admin.token, { type: 'bearer' });
        expect(res.status).toBe(404);
      }
      const after = await list(admin.token, `?filter[search]=${id}`).expect(200);
      expect(after.body.data.map((e: Entry) => e.id)).toEqual([id]);
    });
  });

  describe('GET /api/v1/audit-logs', () => {
    it('shows the acting company’s entries newest first, with actor, target, IP and agent', async () => {
      const { account } = await freshCompany();
      await request(t.url)
        .post('/api/v1/login')
        .set('user-agent', 'audit-test/1.0')
        .send({ email: account.email, password: account.password })
        .expect(200);

      const res = await list(account.token).expect(200);

      expect(res.body.meta).toEqual({ page: 1, per_page: 25, total: 3 });
      expect(res.body.data.map((e: Entry) => e.event)).toEqual([
        'auth.login.succeeded',
        'auth.login.succeeded',
        'auth.registered',
      ]);
      expect(res.body.data[0]).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        company_id: account.companyId,
        actor: { type: 'user', id: account.userId, name: 'Ada Lovelace' },
        event: 'auth.login.succeeded',
        action: 'login',
        target: { type: 'user', id: account.userId },
        changes: { method: 'password' },
        ip: expect.stringMatching(/127\.0\.0\.1$/),
        user_agent: 'audit-test/1.0',
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
      expect(res.body.data.every((e: Entry) => e.company_id === account.companyId)).toBe(true);
    });

    it('pages with page and per_page, and sorts oldest first on request', async () => {
      const { account } = await freshCompany();
      const start = Date.now() - 60 * 60 * 1000;
      const seeded = await seedAuditEntries(
        dataSource,
        Array.from({ length: 30 }, (_, i) => ({
          companyId: account.companyId,
          createdAt: new Date(start + i * 1000),
          event: `test.seq.${i}`,
        })),
      );

      const page2 = await list(account.token, '?page=2&per_page=10').expect(200);
      const all = await list(account.token, '?per_page=100').expect(200);
      const oldest = await list(account.token, '?sort=created_at&per_page=5').expect(200);
      const beyond = await list(account.token, '?page=9&per_page=10').expect(200);

      // 30 seeded (older) + registration and login (newer) = 32
      expect(page2.body.meta).toEqual({ page: 2, per_page: 10, total: 32 });
      expect(all.body.data).toHaveLength(32);
      const ids = all.body.data.map((e: Entry) => e.id);
      expect(ids).toEqual([...ids].sort().reverse());
      expect(page2.body.data.map((e: Entry) => e.id)).toEqual(ids.slice(10, 20));
      expect(oldest.body.data.map((e: Entry) => e.id)).toEqual(seeded.slice(0, 5));
      expect(beyond.body.data).toEqual([]);
    });

    it('answers 422 for bad paging, sorting, unknown or repeated parameters', async () => {
      const cases: Array<[string, string]> = [
        ['?per_page=101', 'per_page'],
        ['?per_page=0', 'per_page'],
        ['?page=0', 'page'],
        ['?page=one', 'page'],
        ['?page=1&page=2', 'page'],
        ['?sort=event', 'sort'],
        ['?filter[unknown]=1', 'filter[unknown]'],
        ['?limit=5', 'limit'],
        ['?filter[action]=explode', 'filter[action]'],
        ['?filter[from]=2026-02-30', 'filter[from]'],
        ['?filter[from]=yesterday', 'filter[from]'],
        ['?filter[to]=2026-03-01T25:00:00Z', 'filter[to]'],
        ['?filter[from]=2026-03-02&filter[to]=2026-03-01', 'filter[to]'],
        ['?filter[company]=not-a-uuid', 'filter[company]'],
        [`?filter[search]=${'x'.repeat(256)}`, 'filter[search]'],
      ];
      for (const [query, field] of cases) {
        const res = await list(admin.token, query);
        expect([query, res.status]).toEqual([query, 422]);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        const asCsv = await request(t.url)
          .get(`/api/v1/audit-logs.csv${query}`)
          .auth(admin.token, { type: 'bearer' });
        expect([query, asCsv.status]).toEqual([query, 422]);
      }
    });

    it('searches event and actor names, case-insensitively and literally', async () => {
      const { account } = await freshCompany();
      const at = new Date(Date.now() - 60_000);
      const base = { companyId: account.companyId, createdAt: at };
      await seedAuditEntries(dataSource, [
        { ...base, event: 'roles.role.created', actorName: 'Conor Byrne' },
        { ...base, event: 'auth.login.failed', actorName: 'Mallory' },
        { ...base, event: 'users.user.updated', actorName: '100% Sure' },
      ]);
      const events = async (search: string): Promise<string[]> => {
        const res = await list(account.token, `?filter[search]=${encodeURIComponent(search)}`);
        expect(res.status).toBe(200);

        return res.body.data.map((e: Entry) => e.event).sort();
      };

      expect(await events('conor')).toEqual(['roles.role.created']);
      expect(await events('Role Created')).toEqual(['roles.role.created']);
      expect(await events('LOGIN failed')).toEqual(['auth.login.failed']);
      expect(await events('100%')).toEqual(['users.user.updated']);
      expect(await events('%')).toEqual(['users.user.updated']);
      expect(await events('_')).toEqual([]);
      expect(await events('ada lovelace')).toEqual(['auth.login.succeeded', 'auth.registered']);
      expect(await events(account.userId)).toEqual(['auth.login.succeeded', 'auth.registered']);
    });

    it('filters by action and by a date range whose days are both included', async () => {
      const { account } = await freshCompany();
      const base = { companyId: account.companyId, action: 'update' };
      const utc = (s: string) => new Date(`${s}Z`);
      await seedAuditEntries(dataSource, [
        { ...base, createdAt: utc('2026-02-28T23:59:59'), event: 'test.before' },
        { ...base, createdAt: utc('2026-03-01T00:00:00'), event: 'test.first' },
        { ...base, createdAt: utc('2026-03-01T12:30:00'), event: 'test.middle' },
        { ...base, createdAt: utc('2026-03-02T23:59:59'), event: 'test.last' },
        { ...base, createdAt: utc('2026-03-03T00:00:00'), event: 'test.after' },
      ]);
      const events = async (query: string): Promise<string[]> => {
        const res = await list(account.token, query).expect(200);

        return res.body.data.map((e: Entry) => e.event);
      };

      expect(await events('?filter[from]=2026-03-01&filter[to]=2026-03-02')).toEqual([
        'test.last',
        'test.middle',
        'test.first',
      ]);
      expect(await events('?filter[from]=2026-03-01T12:30:00Z&filter[to]=2026-03-02')).toEqual([
        'test.last',
        'test.middle',
      ]);
      expect(await events('?filter[to]=2026-03-01T12:30:00')).toEqual([
        'test.middle',
        'test.first',
        'test.before',
      ]);
      // 01:00 at +02:00 is 23:00 UTC the day before
      expect(
        await events(`?filter[from]=${encodeURIComponent('2026-03-03T01:00:00+02:00')}`),
      ).toEqual(expect.arrayContaining(['test.after']));
      expect(await events('?filter[from]=2026-03-03&filter[action]=update')).toEqual([
        'test.after',
      ]);
      expect(await events('?filter[action]=login')).toEqual(['auth.login.succeeded']);
    });
  });

  describe('filter[company]', () => {
    let parent: RegisteredAccount;
    let child: { id: string };
    let otherChild: { id: string };
    let stranger: RegisteredAccount;

    beforeAll(async () => {
      const companies = t.app.get(CompaniesService);
      const audit = t.app.get(AuditService);
      parent = await registerAccount(t.url);
      stranger = await registerAccount(t.url);
      child = await companies.create({ name: 'Child', parentCompanyId: parent.companyId });
      otherChild = await companies.create({ name: 'Theirs', parentCompanyId: stranger.companyId });
      for (const companyId of [child.id, otherChild.id]) {
        await audit.record({
          companyId,
          actor: { type: 'system' },
          event: 'test.child.event',
          action: 'other',
        });
      }
    });

    const companiesIn = async (query: string): Promise<string[]> => {
      const res = await list(parent.token, query).expect(200);

      return [...new Set<string>(res.body.data.map((e: Entry) => e.company_id))].sort();
    };

    it('defaults to the acting company, and `all` adds its linked companies only', async () => {
      expect(await companiesIn('')).toEqual([parent.companyId]);
      expect(await companiesIn('?filter[company]=')).toEqual([parent.companyId]);
      expect(await companiesIn('?filter[company]=all')).toEqual(
        [parent.companyId, child.id].sort(),
      );
    });

    it('reads chosen companies among those, in the list and in the CSV', async () => {
      expect(await companiesIn(`?filter[company]=${child.id}`)).toEqual([child.id]);
      expect(
        await companiesIn(`?filter[company]=${child.id},${parent.companyId.toUpperCase()}`),
      ).toEqual([parent.companyId, child.id].sort());
      const res = await csv(parent.token, `?filter[company]=${child.id}`).expect(200);
      expect(rowsOf(res.text).map((row) => row.company_id)).toEqual([child.id]);
    });

    it('answers 404 for a company that is not the caller’s or linked to it', async () => {
      for (const id of [stranger.companyId, otherChild.id, newId()]) {
        for (const query of [`?filter[company]=${id}`, `?filter[company]=${child.id},${id}`]) {
          const res = await list(parent.token, query).expect(404);
          expect(res.body.code).toBe('NOT_FOUND');
          await csv(parent.token, query).expect(404);
        }
      }
      // a linked company cannot look up at its parent
      const childAdmin = await createMember(t, child.id, Role.Administrator);
      await list(childAdmin.token, `?filter[company]=${parent.companyId}`).expect(404);
      const own = await list(childAdmin.token, '?filter[company]=all').expect(200);
      expect(new Set(own.body.data.map((e: Entry) => e.company_id))).toEqual(new Set([child.id]));
    });
  });

  describe('GET /api/v1/audit-logs.csv', () => {
    it('streams every entry of the selection, across pages, newest first', async () => {
      const { account } = await freshCompany();
      const start = Date.now() - 10 * DAY_MS;
      const seeded = await seedAuditEntries(
        dataSource,
        Array.from({ length: 2345 }, (_, i) => ({
          companyId: account.companyId,
          createdAt: new Date(start + i * 10),
          event: 'test.bulk',
        })),
      );

      const res = await csv(account.token).expect(200);

      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="audit-logs.csv"');
      const rows = rowsOf(res.text);
      expect(Object.keys(rows[0])).toEqual([
        'id',
        'created_at',
        'company_id',
        'actor_type',
        'actor_id',
        'actor_name',
        'event',
        'action',
        'target_type',
        'target_id',
        'changes',
        'ip',
        'user_agent',
      ]);
      expect(rows).toHaveLength(2345 + 2);
      const ids = rows.map((row) => row.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort().reverse());
      expect(ids.slice(2)).toEqual([...seeded].sort().reverse());
      const listed = await list(account.token, '?per_page=1').expect(200);
      expect(listed.body.meta.total).toBe(rows.length);
    });

    it('applies the same filters as the list', async () => {
      const { account } = await freshCompany();
      const query = '?filter[search]=login&sort=created_at';

      const listed = await list(account.token, query).expect(200);
      const exported = rowsOf((await csv(account.token, query).expect(200)).text);

      expect(exported.map((row) => row.id)).toEqual(listed.body.data.map((e: Entry) => e.id));
      expect(exported[0]).toMatchObject({
        event: 'auth.login.succeeded',
        actor_name: 'Ada Lovelace',
        changes: '{"method":"password"}',
      });
    });

    it('quotes commas, quotes and line breaks, and defuses formulas', async () => {
      const { account } = await freshCompany();
      const names = ['Smith, "Jo"\nJr', '=HYPERLINK("http://evil.test")', '-2+3', 'Émile Zola'];
      await seedAuditEntries(
        dataSource,
        names.map((actorName, i) => ({
          companyId: account.companyId,
          createdAt: new Date(Date.now() - 60_000 + i * 1000),
          actorName,
          event: 'test.quoting',
        })),
      );

      const res = await csv(account.token, '?filter[search]=test.quoting').expect(200);

      expect(rowsOf(res.text).map((row) => row.actor_name)).toEqual([
        'Émile Zola',
        "'-2+3",
        '\'=HYPERLINK("http://evil.test")',
        'Smith, "Jo"\nJr',
      ]);
    });

    it('answers with only the header when nothing matches', async () => {
      const res = await csv(admin.token, '?filter[search]=nothing-matches-this').expect(200);

      expect(res.text).toBe(
        'id,created_at,company_id,actor_type,actor_id,actor_name,event,action,target_type,' +
          'target_id,changes,ip,user_agent\r\n',
      );
    });
  });

  describe('retention', () => {
    it('deletes only the entries older than AUDIT_RETENTION_DAYS, in batches, idempotently', async () => {
      const { account } = await freshCompany();
      const now = new Date();
      const ago = (days: number, extraMs = 0) => new Date(now.getTime() - days * DAY_MS - extraMs);
      const old = Array.from({ length: 2500 }, (_, i) => ({
        companyId: account.companyId,
        createdAt: ago(400, i * 1000),
        event: 'test.retention.old',
      }));
      const kept = await seedAuditEntries(dataSource, [
        { companyId: account.companyId, createdAt: ago(364), event: 'test.retention.kept' },
        {
          companyId: account.companyId,
          createdAt: ago(365, -60_000),
          event: 'test.retention.kept',
        },
      ]);
      await seedAuditEntries(dataSource, [
        ...old,
        { companyId: account.companyId, createdAt: ago(365, 60_000), event: 'test.retention.old' },
      ]);
      const retention = t.app.get(AuditRetentionService);
      const repo = dataSource.getRepository(AuditLog);
      const before = await repo.count();
      const expired = await repo
        .createQueryBuilder('a')
        .where('a.createdAt < :cutoff', { cutoff: sqlDatetime(ago(365)) })
        .getCount();

      // two processes' jobs at once: together they delete each old entry exactly once
      const deleted = await Promise.all([retention.purgeExpired(now), retention.purgeExpired(now)]);

      expect(expired).toBeGreaterThanOrEqual(2501);
      expect(deleted[0] + deleted[1]).toBe(expired);
      expect(await repo.count()).toBe(before - expired);
      const left = await list(account.token, '?per_page=100').expect(200);
      expect(left.body.data.map((e: Entry) => e.event).sort()).toEqual([
        'auth.login.succeeded',
        'auth.registered',
        'test.retention.kept',
        'test.retention.kept',
      ]);
      expect(left.body.data.map((e: Entry) => e.id)).toEqual(expect.arrayContaining(kept));
      expect(await retention.purgeExpired(now)).toBe(0);
    });
  });
});
