import { randomBytes } from 'node:crypto';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { SupportAccountsService } from 'src/auth/support-accounts.service';
import { Role } from 'src/common/auth/principal';
import { UsersService } from 'src/users/users.service';
import request from 'supertest';
import { STRONG_PASSWORD } from 'test/factories/account.factory';
import { SmtpSink } from 'test/support/smtp-sink';
import { TestApp } from 'test/support/test-app';

export interface SignedInMember {
  userId: string;
  email: string;
  token: string;
}

async function login(t: TestApp, email: string): Promise<string> {
  const res = await request(t.url)
    .post('/api/v1/login')
    .send({ email, password: STRONG_PASSWORD })
    .expect(200);

  return res.body.token as string;
}

/**
 * A signed-in user of `companyId` with `role`, made directly through the users service (the
 * invitation flow has its own tests), with the factory's strong password.
 */
export async function addMember(
  t: TestApp,
  companyId: string,
  role: Role,
  overrides: { firstName?: string; lastName?: string; email?: string } = {},
): Promise<SignedInMember> {
  const tag = randomBytes(4).toString('hex');
  const user = await t.app.get(UsersService).create({
    companyId,
    email: overrides.email ?? `${role}.${tag}@acme.test`,
    firstName: overrides.firstName ?? 'Member',
    lastName: overrides.lastName ?? tag,
    role,
    passwordHash: await t.app.get(PasswordHasher).hash(STRONG_PASSWORD),
  });

  return { userId: user.id, email: user.email, token: await login(t, user.email) };
}

/** A platform support account, as `npm run cli -- support:create` makes it, signed in. */
export async function addSupport(t: TestApp): Promise<SignedInMember & { companyId: string }> {
  const email = `support.${randomBytes(4).toString('hex')}@patchworks.test`;
  const user = await t.app.get(SupportAccountsService).create(email, STRONG_PASSWORD);

  return { userId: user.id, email, companyId: user.companyId, token: await login(t, email) };
}

/** Sets a company's subscription through the support route. */
export async function setSubscription(
  t: TestApp,
  supportToken: string,
  companyId: string,
  body: { tier?: string; add_ons?: string[] },
): Promise<void> {
  await request(t.url)
    .patch(`/api/v1/support/companies/${companyId}`)
    .auth(supportToken, { type: 'bearer' })
    .send(body)
    .expect(200);
}

/** The token of the newest password link emailed to `to` (the mail is in before the response). */
export function lastLinkToken(sink: SmtpSink, to: string): string {
  const mails = sink.messages.filter((m) => m.to.includes(to.toLowerCase()));
  const link = mails.at(-1)?.links.find((l) => l.includes('token='));
  if (!link) {
    throw new Error(`no password link emailed to ${to}`);
  }

  return new URL(link).searchParams.get('token') as string;
}

/**
 * Creates a user through POST /api/v1/users, follows the set-password link they are emailed
 * and signs them in.
 */
export async function inviteMember(
  t: TestApp,
  sink: SmtpSink,
  creatorToken: string,
  role: Role,
): Promise<SignedInMember> {
  const email = `invited.${randomBytes(4).toString('hex')}@acme.test`;
  const created = await request(t.url)
    .post('/api/v1/users')
    .auth(creatorToken, { type: 'bearer' })
    .send({ first_name: 'Invited', last_name: role, email, role })
    .expect(201);
  await request(t.url)
    .post('/api/v1/password/reset')
    .send({ token: lastLinkToken(sink, email), password: STRONG_PASSWORD })
    .expect(200);

  return { userId: created.body.id, email, token: await login(t, email) };
}
