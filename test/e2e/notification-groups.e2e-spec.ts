import { Role } from 'src/common/auth/principal';
import { newId } from 'src/common/ids';
import { User, UserStatus } from 'src/users/entities/user.entity';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import { createMember, createMembers, Member } from 'test/factories/members-by-role.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const PROBLEM = /application\/problem\+json/;

interface Recipient {
  id: string;
  type: string;
  user_id: string | null;
  email: string;
  name: string | null;
}

describe('notification groups', () => {
  let t: TestApp;
  let admin: RegisteredAccount;
  let members: Awaited<ReturnType<typeof createMembers>>;
  let other: RegisteredAccount;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerAccount(t.url);
    members = await createMembers(t, admin.companyId);
    other = await registerAccount(t.url);
  });
  afterAll(() => t.close());

  const api = (token: string) => ({
    list: (query = '') =>
      request(t.url).get(`/api/v1/notification-groups${query}`).auth(token, { type: 'bearer' }),
    create: (body: unknown) =>
      request(t.url)
        .post('/api/v1/notification-groups')
        .auth(token, { type: 'bearer' })
        .send(body as object),
    get: (id: string) =>
      request(t.url).get(`/api/v1/notification-groups/${id}`).auth(token, { type: 'bearer' }),
    rename: (id: string, body: unknown) =>
      request(t.url)
        .patch(`/api/v1/notification-groups/${id}`)
        .auth(token, { type: 'bearer' })
        .send(body as object),
    remove: (id: string) =>
      request(t.url).delete(`/api/v1/notification-groups/${id}`).auth(token, { type: 'bearer' }),
    add: (id: string, body: unknown) =>
      request(t.url)
        .post(`/api/v1/notification-groups/${id}/recipients`)
        .auth(token, { type: 'bearer' })
        .send(body as object),
    drop: (id: string, recipientId: string) =>
      request(t.url)
        .delete(`/api/v1/notification-groups/${id}/recipients/${recipientId}`)
        .auth(token, { type: 'bearer' }),
  });
  const asAdmin = () => api(admin.token);
  const newGroup = async (account = admin, name = `Group ${newId().slice(-8)}`) => {
    const res = await api(account.token).create({ name }).expect(201);

    return res.body as { id: string; name: string };
  };
  const recipientsOf = async (id: string): Promise<Recipient[]> =>
    (await asAdmin().get(id).expect(200)).body.recipients;

  describe('who may manage them', () => {
    it('lets administrators use every route and refuses every other role', async () => {
      const group = await newGroup();
      const recipient = (await asAdmin().add(group.id, { email: 'a@b.test' }).expect(201)).body;
      for (const member of Object.values<Member>(members)) {
        const as = api(member.token);
        const attempts = [
          as.list(),
          as.create({ name: 'Nope' }),
          as.get(group.id),
          as.rename(group.id, { name: 'Nope' }),
          as.remove(group.id),
          as.add(group.id, { email: 'c@d.test' }),
          as.drop(group.id, recipient.id),
        ];
        for (const attempt of attempts) {
          const res = await attempt;
          expect(res.status).toBe(403);
          expect(res.body).toMatchObject({ code: 'FORBIDDEN', refused_by: 'role' });
        }
      }
      await request(t.url).get('/api/v1/notification-groups').expect(401);

      const after = await asAdmin().get(group.id).expect(200);
      expect(after.body.name).toBe(group.name);
      expect(after.body.recipients.map((r: Recipient) => r.email)).toEqual(['a@b.test']);
    });

    it("answers 404 for another company's group, on every route, and changes nothing", async () => {
      const theirs = await newGroup(other, 'Their group');
      const theirRecipient = (
        await api(other.token).add(theirs.id, { email: 'x@y.test' }).expect(201)
      ).body;
      for (const id of [theirs.id, newId(), 'not-an-id']) {
        const attempts = [
          asAdmin().get(id),
          asAdmin().rename(id, { name: 'Mine now' }),
          asAdmin().remove(id),
          asAdmin().add(id, { email: 'me@acme.test' }),
          asAdmin().drop(id, theirRecipient.id),
        ];
        for (const attempt of attempts) {
          const res = await attempt;
          expect(res.status).toBe(404);
          expect(res.headers['content-type']).toMatch(PROBLEM);
          expect(res.body.code).toBe('NOT_FOUND');
        }
      }
      // a recipient id of another group, through a group of one's own
      const mine = await newGroup();
      await asAdmin().drop(mine.id, theirRecipient.id).expect(404);

      const still = await api(other.token).get(theirs.id).expect(200);
      expect(still.body).toMatchObject({ name: 'Their group' });
      expect(still.body.recipients.map((r: Recipient) => r.id)).toEqual([theirRecipient.id]);
      const mineListed = await asAdmin().list('?per_page=100').expect(200);
      expect(mineListed.body.data.map((g: { id: string }) => g.id)).not.toContain(theirs.id);
    });
  });

  describe('groups', () => {
    it('creates a group with a trimmed name and no recipients', async () => {
      const res = await asAdmin().create({ name: '  Flow failures  ' }).expect(201);

      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Flow failures',
        recipients: [],
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      await asAdmin().get(res.body.id).expect(200);
    });

    it('answers 409 for a name the company already uses, in any letter case', async () => {
      await asAdmin().create({ name: 'On-call' }).expect(201);
      const before = (await asAdmin().list()).body.meta.total;

      const res = await asAdmin().create({ name: ' ON-CALL ' }).expect(409);

      expect(res.body.code).toBe('NOTIFICATION_GROUP_NAME_TAKEN');
      expect((await asAdmin().list()).body.meta.total).toBe(before);
      // another company may use it
      await api(other.token).create({ name: 'On-call' }).expect(201);
    });

    it('answers 422 for a missing, blank, long or mistyped name and unknown fields', async () => {
      const before = (await asAdmin().list()).body.meta.total;
      const cases: Array<[unknown, string]> = [
        [{}, 'name'],
        [{ name: '   ' }, 'name'],
        [{ name: 'x'.repeat(101) }, 'name'],
        [{ name: 42 }, 'name'],
        [{ name: 'Ok', colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of cases) {
        const res = await asAdmin().create(body).expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await asAdmin().list()).body.meta.total).toBe(before);
    });

    it('lists groups by name with recipient counts, search, sorting and paging', async () => {
      const account = await registerAccount(t.url);
      const as = api(account.token);
      for (const name of ['Charlie', 'alpha', 'Bravo 100%']) {
        await as.create({ name }).expect(201);
      }
      const alpha = (await as.list('?filter[search]=ALPH').expect(200)).body.data[0];
      await as.add(alpha.id, { email: 'one@acme.test' }).expect(201);
      await as.add(alpha.id, { email: 'two@acme.test' }).expect(201);

      const byName = await as.list().expect(200);
      expect(byName.body.meta).toEqual({ page: 1, per_page: 25, total: 3 });
      expect(byName.body.data.map((g: { name: string }) => g.name)).toEqual([
        'alpha',
        'Bravo 100%',
        'Charlie',
      ]);
      expect(byName.body.data[0]).toEqual({
        id: alpha.id,
        name: 'alpha',
        recipient_count: 2,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const page2 = await as.list('?sort=-name&per_page=2&page=2').expect(200);
      expect(page2.body.data.map((g: { name: string }) => g.name)).toEqual(['alpha']);
      const literal = await as.list(`?filter[search]=${encodeURIComponent('0%')}`).expect(200);
      expect(literal.body.data.map((g: { name: string }) => g.name)).toEqual(['Bravo 100%']);
      await as.list('?sort=recipients').expect(422);
      await as.list('?per_page=1000').expect(422);
      await as.list('?filter[name]=x').expect(422);
    });

    it('renames a group, refusing a name another group has', async () => {
      const group = await newGroup();
      const rival = await newGroup();

      const renamed = await asAdmin().rename(group.id, { name: 'Renamed group' }).expect(200);
      expect(renamed.body).toMatchObject({ id: group.id, name: 'Renamed group', recipients: [] });
      await asAdmin().rename(group.id, { name: 'RENAMED GROUP' }).expect(200);
      const unchanged = await asAdmin().rename(group.id, {}).expect(200);
      expect(unchanged.body.name).toBe('RENAMED GROUP');

      const taken = await asAdmin()
        .rename(group.id, { name: rival.name.toLowerCase() })
        .expect(409);
      expect(taken.body.code).toBe('NOTIFICATION_GROUP_NAME_TAKEN');
      await asAdmin().rename(group.id, { name: '' }).expect(422);
      expect((await asAdmin().get(group.id).expect(200)).body.name).toBe('RENAMED GROUP');
    });

    it('deletes a group with its recipients', async () => {
      const group = await newGroup();
      const recipient = (await asAdmin().add(group.id, { email: 'gone@acme.test' }).expect(201))
        .body;

      await asAdmin().remove(group.id).expect(204);

      await asAdmin().get(group.id).expect(404);
      await asAdmin().remove(group.id).expect(404);
      await asAdmin().drop(group.id, recipient.id).expect(404);
      // its name is free again
      await asAdmin().create({ name: group.name }).expect(201);
    });
  });

  describe('recipients', () => {
    it('adds users of the company and any email address, oldest first', async () => {
      const group = await newGroup();
      const colleague = await createMember(t, admin.companyId, Role.User, {
        firstName: 'Grace',
        lastName: 'Hopper',
      });

      const user = await asAdmin().add(group.id, { user_id: colleague.userId }).expect(201);
      const email = await asAdmin().add(group.id, { email: 'Ops@Partner.TEST' }).expect(201);

      expect(user.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'user',
        user_id: colleague.userId,
        email: colleague.email,
        name: 'Grace Hopper',
        created_at: expect.any(String),
      });
      expect(email.body).toMatchObject({
        type: 'email',
        user_id: null,
        email: 'ops@partner.test',
        name: null,
      });
      expect(await recipientsOf(group.id)).toEqual([user.body, email.body]);
    });

    it('refuses the same user or address twice, a user’s address counting as theirs', async () => {
      const group = await newGroup();
      const colleague = await createMember(t, admin.companyId, Role.Manager);
      await asAdmin().add(group.id, { user_id: colleague.userId }).expect(201);
      await asAdmin().add(group.id, { email: 'team@acme.test' }).expect(201);
      const teammate = await createMember(t, admin.companyId, Role.User);
      await asAdmin().add(group.id, { email: teammate.email }).expect(201);

      const attempts = [
        { user_id: colleague.userId },
        { email: 'TEAM@acme.test' },
        { email: colleague.email.toUpperCase() },
        { user_id: teammate.userId },
      ];
      for (const body of attempts) {
        const res = await asAdmin().add(group.id, body).expect(409);
        expect(res.body.code).toBe('RECIPIENT_EXISTS');
      }
      expect(await recipientsOf(group.id)).toHaveLength(3);
      // another group may hold them
      const second = await newGroup();
      await asAdmin().add(second.id, { user_id: colleague.userId }).expect(201);
    });

    it("answers 404 for another company's or an unknown user, and 422 for bad bodies", async () => {
      const group = await newGroup();
      const stranger = await createMember(t, other.companyId, Role.User);

      for (const userId of [stranger.userId, other.userId, newId()]) {
        const res = await asAdmin().add(group.id, { user_id: userId }).expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      const bad: Array<[unknown, string]> = [
        [{}, 'user_id'],
        [{ user_id: admin.userId, email: 'a@b.test' }, 'email'],
        [{ email: 'not-an-email' }, 'email'],
        [{ user_id: 'not-an-id' }, 'user_id'],
        [{ user_id: 42 }, 'user_id'],
        [{ email: 'a@b.test', role: 'x' }, 'role'],
      ];
      for (const [body, field] of bad) {
        const res = await asAdmin().add(group.id, body).expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await recipientsOf(group.id)).toEqual([]);
    });

    it('removes a recipient', async () => {
      const group = await newGroup();
      const kept = (await asAdmin().add(group.id, { email: 'kept@acme.test' }).expect(201)).body;
      const gone = (await asAdmin().add(group.id, { email: 'gone@acme.test' }).expect(201)).body;

      await asAdmin().drop(group.id, gone.id).expect(204);

      expect(await recipientsOf(group.id)).toEqual([kept]);
      await asAdmin().drop(group.id, gone.id).expect(404);
      await asAdmin().add(group.id, { email: 'gone@acme.test' }).expect(201);
    });

    it('drops a deleted user from every group for good, and follows a changed email', async () => {
      const users = t.app.get(DataSource).getRepository(User);
      const first = await newGroup();
      const second = await newGroup();
      const leaver = await createMember(t, admin.companyId, Role.User);
      const stayer = await createMember(t, admin.companyId, Role.User);
      for (const group of [first, second]) {
        await asAdmin().add(group.id, { user_id: leaver.userId }).expect(201);
        await asAdmin().add(group.id, { user_id: stayer.userId }).expect(201);
      }

      // soft delete, as the users module does it: the user becomes inactive
      await users.update({ id: leaver.userId }, { status: UserStatus.Inactive });
      await users.update({ id: stayer.userId }, { email: `moved.${stayer.email}` });

      for (const group of [first, second]) {
        const now = await recipientsOf(group.id);
        expect(now.map((r) => r.user_id)).toEqual([stayer.userId]);
        expect(now[0].email).toBe(`moved.${stayer.email}`);
      }
      const listed = await asAdmin().list(`?filter[search]=${first.name}`).expect(200);
      expect(listed.body.data[0].recipient_count).toBe(1);
      const refused = await asAdmin().add(first.id, { user_id: leaver.userId }).expect(422);
      expect(refused.body.errors).toEqual([{ field: 'user_id', message: 'the user is inactive' }]);

      // restored later, they do not come back on their own
      await users.update({ id: leaver.userId }, { status: UserStatus.Active });
      expect((await recipientsOf(first.id)).map((r) => r.user_id)).toEqual([stayer.userId]);
      await asAdmin().add(first.id, { user_id: leaver.userId }).expect(201);
    });
  });

  it('records every change in the audit log', async () => {
    const group = await newGroup();
    const recipient = (await asAdmin().add(group.id, { email: 'audit@acme.test' }).expect(201))
      .body;
    await asAdmin().drop(group.id, recipient.id).expect(204);
    await asAdmin()
      .rename(group.id, { name: `${group.name} renamed` })
      .expect(200);
    await asAdmin().remove(group.id).expect(204);

    const res = await request(t.url)
      .get(`/api/v1/audit-logs?filter[search]=${group.id}&sort=created_at`)
      .auth(admin.token, { type: 'bearer' })
      .expect(200);

    expect(res.body.data.map((e: { event: string }) => e.event)).toEqual([
      'settings.notification_group.created',
      'settings.notification_group.recipient_added',
      'settings.notification_group.recipient_removed',
      'settings.notification_group.renamed',
      'settings.notification_group.deleted',
    ]);
    expect(res.body.data[3]).toMatchObject({
      actor: { type: 'user', id: admin.userId },
      target: { type: 'notification_group', id: group.id },
      changes: { name: { from: group.name, to: `${group.name} renamed` } },
    });
  });
});
