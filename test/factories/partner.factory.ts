import { randomBytes } from 'node:crypto';
import { CompanyAddOn, CompanyTier } from 'src/common/auth/principal';
import request from 'supertest';
import { registerAccount, RegisteredAccount } from 'test/factories/account.factory';
import { setSubscription } from 'test/factories/member.factory';
import { TestApp } from 'test/support/test-app';

/** A registered company on `tier` with the partner features add-on, its administrator in. */
export async function registerPartner(
  t: TestApp,
  supportToken: string,
  tier: CompanyTier = CompanyTier.Standard,
): Promise<RegisteredAccount> {
  const admin = await registerAccount(t.url);
  await setSubscription(t, supportToken, admin.companyId, {
    tier,
    add_ons: [CompanyAddOn.PartnerFeatures],
  });

  return admin;
}

/** Creates a linked company through POST /api/v1/linked-companies; returns its id. */
export async function createLinkedCompany(
  t: TestApp,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const tag = randomBytes(4).toString('hex');
  const res = await request(t.url)
    .post('/api/v1/linked-companies')
    .auth(adminToken, { type: 'bearer' })
    .send({ name: `Linked ${tag}`, email: `contact.${tag}@linked.test`, ...overrides })
    .expect(201);

  return res.body.id as string;
}

/** Grants `userId` access to a linked company as `granterToken` (who must hold it). */
export async function grantAccess(
  t: TestApp,
  granterToken: string,
  userId: string,
  companyId: string,
): Promise<void> {
  await request(t.url)
    .put(`/api/v1/team-members/${userId}/companies/${companyId}`)
    .auth(granterToken, { type: 'bearer' })
    .expect(204);
}
