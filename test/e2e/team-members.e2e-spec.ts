import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { CompanyTier, Role } from 'src/common/auth/principal';
import request from 'supertest';
import { RegisteredAccount } from 'test/factories/account.factory';
import { addMember, addSupport, SignedInMember } from 'test/factories/member.factory';
import { createLinkedCompany, grantAccess, registerPartner } from 'test/factories/partner.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

describe('team members and their grants', () => {
  let t: TestApp;
  let support: { token: string };

  beforeAll(async () => {
    t = await startTestApp();
    support = await addSupport(t);
  });
  afterAll(() => t.close());

  const api = (token: string) => ({
    get: (path: string) => request(t.url).get(`/api/v1${path}`).auth(token, { type: 'bearer' }),
    put: (path: string) => request(t.url).put(`/api/v1${path}`).auth(token, { type: 'bearer' }),
    delete: (path: string) =>
      request(t.url).delete(`/api/v1${path}`).auth(token, { type: 'bearer' }),
  });
  const access = (userId: string, companyId: string) =>
    `/team-members/${userId}/companies/${companyId}`;
  /** user id → the linked companies they hold grants for, as the parent's list shows it. */
  const managed = async (token: string): Promise<Record<string, string[]>> => {
    const res = await api(token).get('/team-members?per_page=100').expect(200);

    return Object.fromEntries(
      (res.body.data as Array<{ id: string; managed_company_ids: string[] }>).map((u) => [
        u.id,
        u.managed_company_ids,
      ]),
    );
  };
  const audit = (event: string, targetId: string) =>
    t.app.get(DataSource).getRepository(AuditLog).findBy({ event, targetId });

  interface Parent {
    admin: RegisteredAccount;
    manager: SignedInMember;
    otherManager: SignedInMember;
    user: SignedInMember;
    linkedId: string;
  }

  /** A partner whose administrator created one linked company (and so holds its grant). */
  async function parent(): Promise<Parent> {
    const admin = await registerPartner(t, support.token);
    const [manager, otherManager, user] = await Promise.all(
      [Role.Manager, Role.Manager, Role.User].map((role) => addMember(t, admin.companyId, role)),
    );
    const linkedId = await createLinkedCompany(t, admin.token);

    return { admin, manager, otherManager, user, linkedId };
  }

  describe('GET /api/v1/team-members', () => {
    it('lists the parent’s users with the linked companies each may manage', async () => {
      const { admin, manager, otherManager, user, linkedId } = await parent();
      const second = await createLinkedCompany(t, admin.token);
      await grantAccess(t, admin.token, manager.userId, second);

      const res = await api(manager.token).get('/team-members').expect(200);
      expect(res.body.meta).toEqual({ page: 1, per_page: 25, total: 4 });
      expect(res.body.data[0]).toMatchObject({ role: expect.any(String), status: 'active' });
      expect(await managed(manager.token)).toEqual({
        [admin.userId]: [linkedId, second].sort(),
        [manager.userId]: [second],
        [otherManager.userId]: [],
        [user.userId]: [],
      });
      const filtered = await api(admin.token).get('/team-members?filter[role]=user').expect(200);
      expect(filtered.body.data.map((u: { id: string }) => u.id)).toEqual([user.userId]);
    });

    it('is for managers and administrators', async () => {
      const { user } = await parent();
      const res = await api(user.token).get('/team-members').expect(403);
      expect(res.body).toMatchObject({ permission: 'team_members.view', refused_by: 'role' });
    });

    it('is hidden, like the users list, by a custom role that hides users', async () => {
      const admin = await registerPartner(t, support.token, CompanyTier.Enterprise);
      const manager = await addMember(t, admin.companyId, Role.Manager);
      const role = await request(t.url)
        .post('/api/v1/roles')
        .auth(admin.token, { type: 'bearer' })
        .send({ name: 'No users', permissions: [{ area: 'users', view: false }] })
        .expect(201);
      await request(t.url)
        .put(`/api/v1/roles/${role.body.id}/users`)
        .auth(admin.token, { type: 'bearer' })
        .send({ user_ids: [manager.userId] })
        .expect(200);

      const res = await api(manager.token).get('/team-members').expect(403);
      expect(res.body).toMatchObject({ permission: 'users.view', refused_by: 'custom_role' });
      await api(manager.token).get('/users').expect(403);
    });
  });

  describe('PUT /api/v1/team-members/{user_id}/companies/{company_id}', () => {
    it('lets a holder grant a manager, recording who did it', async () => {
      const { admin, manager, otherManager, linkedId } = await parent();
      await api(admin.token).put(access(manager.userId, linkedId)).expect(204);
      // the new holder may now grant it in turn; granting twice changes nothing
      await api(manager.token).put(access(otherManager.userId, linkedId)).expect(204);
      await api(manager.token).put(access(otherManager.userId, linkedId)).expect(204);

      const grants = await managed(admin.token);
      expect(grants[manager.userId]).toEqual([linkedId]);
      expect(grants[otherManager.userId]).toEqual([linkedId]);
      const entries = await audit('team_members.access.granted', otherManager.userId);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        companyId: admin.companyId,
        actorId: manager.userId,
        changes: { company_id: linkedId },
      });
    });

    it('refuses a manager who does not hold the grant (a grant given by someone without it)', async () => {
      const { admin, manager, otherManager, linkedId } = await parent();
      for (const target of [otherManager.userId, manager.userId]) {
        const res = await api(manager.token).put(access(target, linkedId)).expect(403);
        expect(res.body.code).toBe('LINKED_COMPANY_NOT_GRANTED');
      }
      const grants = await managed(admin.token);
      expect([grants[manager.userId], grants[otherManager.userId]]).toEqual([[], []]);
    });

    it('refuses to grant a user or a read-only user', async () => {
      const { admin, user, linkedId } = await parent();
      const readOnly = await addMember(t, admin.companyId, Role.ReadOnly);
      for (const member of [user, readOnly]) {
        const res = await api(admin.token).put(access(member.userId, linkedId)).expect(403);
        expect(res.body.code).toBe('TEAM_MEMBER_NOT_MANAGER');
      }
      const grants = await managed(admin.token);
      expect([grants[user.userId], grants[readOnly.userId]]).toEqual([[], []]);
    });

    it('refuses a holder who has since been made a user, at the door', async () => {
      const { admin, manager, otherManager, linkedId } = await parent();
      await grantAccess(t, admin.token, manager.userId, linkedId);
      await api(admin.token)
        .put(`/users/${manager.userId}/role`)
        .send({ role: 'user' })
        .expect(200);
      const demoted = await request(t.url)
        .post('/api/v1/login')
        .send({ email: manager.email, password: 'Str0ng!pass' })
        .expect(200);

      const res = await api(demoted.body.token).put(access(otherManager.userId, linkedId));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ refused_by: 'role' });
      expect((await managed(admin.token))[otherManager.userId]).toEqual([]);
    });

    it('refuses a deleted team member', async () => {
      const { admin, manager, linkedId } = await parent();
      await api(admin.token).delete(`/users/${manager.userId}`).expect(204);
      const res = await api(admin.token).put(access(manager.userId, linkedId)).expect(409);
      expect(res.body.code).toBe('USER_DELETED');
    });

    it('answers 404 for another parent’s company or user, and for unknown ids', async () => {
      const mine = await parent();
      const theirs = await parent();
      const cases = [
        access(mine.manager.userId, theirs.linkedId),
        access(theirs.manager.userId, mine.linkedId),
        access(mine.manager.userId, mine.admin.companyId),
        access(mine.manager.userId, '01900000-0000-7000-8000-000000000000'),
        access('not-a-uuid', mine.linkedId),
      ];
      for (const path of cases) {
        const res = await api(mine.admin.token).put(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      expect((await managed(theirs.admin.token))[theirs.manager.userId]).toEqual([]);
    });
  });

  describe('DELETE /api/v1/team-members/{user_id}/companies/{company_id}', () => {
    it('lets a holder revoke a grant; the member keeps their login', async () => {
      const { admin, manager, linkedId } = await parent();
      await grantAccess(t, admin.token, manager.userId, linkedId);
      await api(admin.token).delete(access(manager.userId, linkedId)).expect(204);
      await api(admin.token).delete(access(manager.userId, linkedId)).expect(204);

      expect((await managed(admin.token))[manager.userId]).toEqual([]);
      await api(manager.token).get('/me').expect(200);
      expect(await audit('team_members.access.revoked', manager.userId)).toHaveLength(1);
    });

    it('refuses a manager without the grant', async () => {
      const { admin, manager, otherManager, linkedId } = await parent();
      await grantAccess(t, admin.token, otherManager.userId, linkedId);
      const res = await api(manager.token)
        .delete(access(otherManager.userId, linkedId))
        .expect(403);
      expect(res.body.code).toBe('LINKED_COMPANY_NOT_GRANTED');
      expect((await managed(admin.token))[otherManager.userId]).toEqual([linkedId]);
    });

    it('keeps the last holder from giving up their own grant', async () => {
      const { admin, manager, linkedId } = await parent();
      const res = await api(admin.token).delete(access(admin.userId, linkedId)).expect(409);
      expect(res.body.code).toBe('LINKED_COMPANY_LAST_GRANT');

      // a grant held by a user who can no longer use it does not count
      await grantAccess(t, admin.token, manager.userId, linkedId);
      await api(admin.token).delete(`/users/${manager.userId}`).expect(204);
      await api(admin.token).delete(access(admin.userId, linkedId)).expect(409);
      expect((await managed(admin.token))[admin.userId]).toEqual([linkedId]);
    });

    it('lets a holder give up their grant once another manager holds one', async () => {
      const { admin, manager, linkedId } = await parent();
      await grantAccess(t, admin.token, manager.userId, linkedId);
      await api(admin.token).delete(access(admin.userId, linkedId)).expect(204);

      expect(await managed(manager.token)).toMatchObject({
        [admin.userId]: [],
        [manager.userId]: [linkedId],
      });
    });

    it('answers 404 for another parent’s company', async () => {
      const mine = await parent();
      const theirs = await parent();
      await api(mine.admin.token).delete(access(theirs.admin.userId, theirs.linkedId)).expect(404);
      expect((await managed(theirs.admin.token))[theirs.admin.userId]).toEqual([theirs.linkedId]);
    });
  });

  describe('GET /api/v1/company/team-members-with-access', () => {
    it('shows a linked company the parent’s managers and administrators with has_access', async () => {
      const { admin, manager, otherManager, linkedId } = await parent();
      await grantAccess(t, admin.token, manager.userId, linkedId);
      const native = await addMember(t, linkedId, Role.Manager);

      const res = await api(native.token).get('/company/team-members-with-access').expect(200);
      expect(res.body.meta.total).toBe(3);
      const byId = Object.fromEntries(
        res.body.data.map((m: { id: string; has_access: boolean }) => [m.id, m.has_access]),
      );
      expect(byId).toEqual({
        [admin.userId]: true,
        [manager.userId]: true,
        [otherManager.userId]: false,
      });
      expect(Object.keys(res.body.data[0]).sort()).toEqual([
        'email',
        'first_name',
        'has_access',
        'id',
        'last_name',
        'role',
      ]);
    });

    it('is empty for a company without a parent, and refused below manager', async () => {
      const { manager, linkedId } = await parent();
      const res = await api(manager.token).get('/company/team-members-with-access').expect(200);
      expect(res.body).toEqual({ data: [], meta: { page: 1, per_page: 25, total: 0 } });

      const nativeUser = await addMember(t, linkedId, Role.User);
      await api(nativeUser.token).get('/company/team-members-with-access').expect(403);
    });
  });
});
