import { randomBytes } from 'node:crypto';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { Role } from 'src/common/auth/principal';
import { UsersService } from 'src/users/users.service';
import request from 'supertest';
import { STRONG_PASSWORD } from 'test/factories/account.factory';
import { TestApp } from 'test/support/test-app';

export interface Member {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  token: string;
}

// argon2id is slow on purpose; one hash serves every member a test file creates
let passwordHash: Promise<string> | undefined;

/** A user of `companyId` with `role`, created directly and signed in over HTTP. */
export async function createMember(
  t: TestApp,
  companyId: string,
  role: Role,
  names: { firstName?: string; lastName?: string } = {},
): Promise<Member> {
  passwordHash ??= new PasswordHasher().hash(STRONG_PASSWORD);
  const email = `${role}.${randomBytes(4).toString('hex')}@acme.test`;
  const firstName = names.firstName ?? 'Member';
  const lastName = names.lastName ?? role;
  const user = await t.app.get(UsersService).create({
    companyId,
    email,
    firstName,
    lastName,
    role,
    passwordHash: await passwordHash,
  });
  const login = await request(t.url)
    .post('/api/v1/login')
    .send({ email, password: STRONG_PASSWORD })
    .expect(200);

  return { userId: user.id, email, firstName, lastName, token: login.body.token };
}

/** One signed-in member per non-administrator role, keyed by role. */
export async function createMembers(
  t: TestApp,
  companyId: string,
): Promise<Record<Exclude<Role, Role.Administrator>, Member>> {
  return {
    [Role.Manager]: await createMember(t, companyId, Role.Manager),
    [Role.User]: await createMember(t, companyId, Role.User),
    [Role.ReadOnly]: await createMember(t, companyId, Role.ReadOnly),
  };
}
