import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { Role } from 'src/common/auth/principal';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import { addMember, addSupport, SignedInMember } from 'test/factories/member.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const PROFILE_FIELDS = [
  'banner',
  'created_at',
  'email',
  'id',
  'name',
  'parent_company_id',
  'telephone',
  'tier',
  'website',
];

describe('company profile', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = (token: string) =>
    request(t.url).get('/api/v1/company').auth(token, { type: 'bearer' });
  const patch = (token: string, body: unknown) =>
    request(t.url)
      .patch('/api/v1/company')
      .auth(token, { type: 'bearer' })
      .send(body as object);
  const auditOf = (companyId: string, event: string) =>
    t.app.get(DataSource).getRepository(AuditLog).findBy({ companyId, event });

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

  describe('GET /api/v1/company', () => {
    it('shows the acting company to every role', async () => {
      const { admin, manager, user, readOnly } = await team();
      for (const token of [admin.token, manager.token, user.token, readOnly.token]) {
        const res = await get(token).expect(200);
        expect(Object.keys(res.body).sort()).toEqual(PROFILE_FIELDS);
        expect(res.body).toMatchObject({
          id: admin.companyId,
          banner: null,
          parent_company_id: null,
          tier: 'trial',
        });
      }
    });

    it('answers 401 without a token', async () => {
      const res = await request(t.url).get('/api/v1/company').expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('PATCH /api/v1/company', () => {
    it('lets an administrator change every field and records the before and after', async () => {
      const { admin } = await team();
      const body = {
        name: 'Renamed Ltd',
        website: 'https://renamed.test',
        telephone: '+44 161 123 4567',
        email: 'hello@renamed.test',
        banner: 'Maintenance tonight',
      };
      const res = await patch(admin.token, body).expect(200);

      expect(res.body).toMatchObject(body);
      expect((await get(admin.token)).body).toMatchObject(body);
      const [entry] = await auditOf(admin.companyId, 'company.updated');
      expect(entry).toMatchObject({ actorId: admin.userId, targetId: admin.companyId });
      expect(entry.changes).toMatchObject({
        name: { from: expect.stringMatching(/^Acme /), to: 'Renamed Ltd' },
        banner: { from: null, to: 'Maintenance tonight' },
      });
    });

    it('lets a manager change the contact fields only, and refuses the rest changing nothing', async () => {
      const { admin, manager } = await team();
      const before = (await get(admin.token)).body;

      await patch(manager.token, { website: 'https://acme.test', email: 'a@acme.test' }).expect(
        200,
      );
      for (const [field, value] of [
        ['name', 'Hijacked'],
        ['banner', 'Hello'],
      ]) {
        const res = await patch(manager.token, { telephone: '0161 000', [field]: value }).expect(
          403,
        );
        expect(res.body).toMatchObject({ code: 'COMPANY_FIELD_FORBIDDEN', fields: [field] });
      }

      expect((await get(admin.token)).body).toEqual({
        ...before,
        website: 'https://acme.test',
        email: 'a@acme.test',
      });
    });

    it('refuses users and read-only users at the door', async () => {
      const { admin, user, readOnly } = await team();
      const before = (await get(admin.token)).body;
      for (const token of [user.token, readOnly.token]) {
        const res = await patch(token, { website: 'https://evil.test' }).expect(403);
        expect(res.body).toMatchObject({
          code: 'FORBIDDEN',
          permission: 'company.update',
          refused_by: 'role',
        });
      }
      expect((await get(admin.token)).body).toEqual(before);
    });

    it('shows the banner to everyone until it is cleared', async () => {
      const { admin, readOnly } = await team();
      await patch(admin.token, { banner: 'Welcome aboard' }).expect(200);
      expect((await get(readOnly.token)).body.banner).toBe('Welcome aboard');

      await patch(admin.token, { banner: '' }).expect(200);
      expect((await get(readOnly.token)).body.banner).toBeNull();
      await patch(admin.token, { banner: 'Again' }).expect(200);
      await patch(admin.token, { banner: null }).expect(200);
      expect((await get(readOnly.token)).body.banner).toBeNull();
    });

    it('clears optional contact fields with null', async () => {
      const { admin } = await team();
      await patch(admin.token, { website: 'https://acme.test' }).expect(200);
      const res = await patch(admin.token, { website: null }).expect(200);
      expect(res.body.website).toBeNull();
    });

    it('answers 422 for bad values and unknown fields, changing nothing', async () => {
      const { admin } = await team();
      const before = (await get(admin.token)).body;
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ name: null }, 'name'],
        [{ name: '' }, 'name'],
        [{ name: '   ' }, 'name'],
        [{ name: 42 }, 'name'],
        [{ email: 'not-an-email' }, 'email'],
        [{ website: 'not a url' }, 'website'],
        [{ telephone: 'call me' }, 'telephone'],
        [{ banner: 'x'.repeat(2001) }, 'banner'],
        [{ tier: 'enterprise' }, 'tier'],
        [{ name: 'Fine', parent_company_id: null }, 'parent_company_id'],
      ];
      for (const [body, field] of cases) {
        const res = await patch(admin.token, body).expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await get(admin.token)).body).toEqual(before);
      expect(await auditOf(admin.companyId, 'company.updated')).toEqual([]);
    });
  });

  describe('DELETE /api/v1/company', () => {
    it('is for administrators only', async () => {
      const { admin, manager, user } = await team();
      for (const token of [manager.token, user.token]) {
        const res = await request(t.url)
          .delete('/api/v1/company')
          .auth(token, { type: 'bearer' })
          .expect(403);
        expect(res.body.permission).toBe('company.delete');
      }
      await get(admin.token).expect(200);
    });

    it("stops every user's tokens and sign-ins, and leaves other companies alone", async () => {
      const { admin, manager } = await team();
      const other = await registerAccount(t.url);
      await request(t.url)
        .delete('/api/v1/company')
        .auth(admin.token, { type: 'bearer' })
        .expect(204);

      for (const token of [admin.token, manager.token]) {
        expect((await get(token).expect(401)).body.code).toBe('UNAUTHENTICATED');
      }
      for (const email of [admin.email, manager.email]) {
        await request(t.url)
          .post('/api/v1/login')
          .send({ email, password: admin.password })
          .expect(401);
      }
      await get(other.token).expect(200);
      const [entry] = await auditOf(admin.companyId, 'company.deleted');
      expect(entry).toMatchObject({ actorId: admin.userId, action: 'delete' });
    });
  });
});

describe('PATCH /api/v1/support/companies/{id}', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const update = (token: string, id: string, body: unknown) =>
    request(t.url)
      .patch(`/api/v1/support/companies/${id}`)
      .auth(token, { type: 'bearer' })
      .send(body as object);

  it('sets the tier and add-ons, which the company then sees', async () => {
    const support = await addSupport(t);
    const admin = await registerAccount(t.url);
    const res = await update(support.token, admin.companyId, {
      tier: 'enterprise',
      add_ons: ['partner_features'],
    }).expect(200);

    expect(res.body).toMatchObject({
      id: admin.companyId,
      tier: 'enterprise',
      add_ons: ['partner_features'],
    });
    const profile = await request(t.url)
      .get('/api/v1/company')
      .auth(admin.token, { type: 'bearer' })
      .expect(200);
    expect(profile.body.tier).toBe('enterprise');

    const cleared = await update(support.token, admin.companyId, { add_ons: [] }).expect(200);
    expect(cleared.body).toMatchObject({ tier: 'enterprise', add_ons: [] });
    const entries = await t.app
      .get(DataSource)
      .getRepository(AuditLog)
      .findBy({ companyId: admin.companyId, event: 'company.subscription.updated' });
    expect(entries.map((e) => e.changes)).toEqual(
      expect.arrayContaining([
        {
          tier: { from: 'trial', to: 'enterprise' },
          add_ons: { from: [], to: ['partner_features'] },
        },
        { add_ons: { from: ['partner_features'], to: [] } },
      ]),
    );
  });

  it('is refused to every company role, administrators included', async () => {
    const admin = await registerAccount(t.url);
    const res = await update(admin.token, admin.companyId, { tier: 'enterprise' }).expect(403);

    expect(res.body).toMatchObject({ code: 'FORBIDDEN', refused_by: 'support' });
    const profile = await request(t.url)
      .get('/api/v1/company')
      .auth(admin.token, { type: 'bearer' });
    expect(profile.body.tier).toBe('trial');
  });

  it('answers 404 for an unknown or deleted company and 422 for bad values', async () => {
    const support = await addSupport(t);
    const admin = await registerAccount(t.url);
    await update(support.token, '01900000-0000-7000-8000-000000000000', {
      tier: 'standard',
    }).expect(404);
    for (const body of [
      { tier: 'platinum' },
      { tier: null },
      { add_ons: ['unknown'] },
      { add_ons: 'partner_features' },
      { add_ons: ['partner_features', 'partner_features'] },
      { name: 'x' },
    ]) {
      await update(support.token, admin.companyId, body).expect(422);
    }
    await request(t.url)
      .delete('/api/v1/company')
      .auth(admin.token, { type: 'bearer' })
      .expect(204);
    await update(support.token, admin.companyId, { tier: 'standard' }).expect(404);
  });
});
