import request from 'supertest';
import { startTestApp, TestApp } from 'test/support/test-app';

/**
 * Every route of ../shared/spec/api.md, as the contract names it, probed from outside over HTTP
 * with no credentials: a protected route must exist and answer 401 problem+json, a public one
 * must exist (anything but "no such route"). A renamed or missing route fails here, whatever
 * the rest of the suite says. Ids are well-formed UUIDs that name nothing.
 */
const ID = '01890000-0000-7000-8000-000000000000';

const PROTECTED: ReadonlyArray<[string, string]> = [
  ['POST', '/api/v1/logout'],
  ['GET', '/api/v1/me'],
  ['PATCH', '/api/v1/me'],
  ['POST', '/api/v1/me/password'],
  ['POST', '/api/v1/me/mfa'],
  ['POST', '/api/v1/me/mfa/confirm'],
  ['DELETE', '/api/v1/me/mfa'],
  ['GET', '/api/v1/sso/providers'],
  ['POST', '/api/v1/sso/providers'],
  ['GET', `/api/v1/sso/providers/${ID}`],
  ['PATCH', `/api/v1/sso/providers/${ID}`],
  ['DELETE', `/api/v1/sso/providers/${ID}`],
  ['POST', `/api/v1/sso/providers/${ID}/test`],
  ['GET', '/api/v1/company'],
  ['PATCH', '/api/v1/company'],
  ['DELETE', '/api/v1/company'],
  ['GET', '/api/v1/users'],
  ['POST', '/api/v1/users'],
  ['GET', `/api/v1/users/${ID}`],
  ['PATCH', `/api/v1/users/${ID}`],
  ['PUT', `/api/v1/users/${ID}/role`],
  ['POST', `/api/v1/users/${ID}/password-reset`],
  ['DELETE', `/api/v1/users/${ID}`],
  ['POST', `/api/v1/users/${ID}/restore`],
  ['GET', '/api/v1/roles'],
  ['POST', '/api/v1/roles'],
  ['PATCH', `/api/v1/roles/${ID}`],
  ['DELETE', `/api/v1/roles/${ID}`],
  ['PUT', `/api/v1/roles/${ID}/users`],
  ['GET', '/api/v1/linked-companies'],
  ['POST', '/api/v1/linked-companies'],
  ['GET', '/api/v1/linked-companies/summary.csv'],
  ['POST', '/api/v1/switch'],
  ['POST', '/api/v1/switch/original'],
  ['GET', '/api/v1/team-members'],
  ['PUT', `/api/v1/team-members/${ID}/companies/${ID}`],
  ['DELETE', `/api/v1/team-members/${ID}/companies/${ID}`],
  ['GET', '/api/v1/company/team-members-with-access'],
  ['DELETE', `/api/v1/linked-companies/${ID}`],
  ['PATCH', `/api/v1/support/companies/${ID}`],
  ['PUT', `/api/v1/support/users/${ID}/role`],
  ['GET', '/api/v1/audit-logs'],
  ['GET', '/api/v1/audit-logs.csv'],
  ['GET', '/api/v1/notification-groups'],
  ['POST', '/api/v1/notification-groups'],
  ['GET', `/api/v1/notification-groups/${ID}`],
  ['PATCH', `/api/v1/notification-groups/${ID}`],
  ['DELETE', `/api/v1/notification-groups/${ID}`],
  ['POST', `/api/v1/notification-groups/${ID}/recipients`],
  ['DELETE', `/api/v1/notification-groups/${ID}/recipients/${ID}`],
  ['GET', '/api/v1/api-keys'],
  ['POST', '/api/v1/api-keys'],
  ['POST', `/api/v1/api-keys/${ID}/revoke`],
  ['DELETE', `/api/v1/api-keys/${ID}`],
  ['GET', '/api/v1/oauth-clients'],
  ['POST', '/api/v1/oauth-clients'],
  ['DELETE', `/api/v1/oauth-clients/${ID}`],
];

const PUBLIC: ReadonlyArray<[string, string]> = [
  ['GET', '/health/live'],
  ['GET', '/health/ready'],
  ['POST', '/api/v1/register'],
  ['POST', '/api/v1/login'],
  ['POST', '/api/v1/login/mfa'],
  ['POST', '/api/v1/login/sso'],
  ['POST', '/api/v1/password/forgot'],
  ['POST', '/api/v1/password/reset'],
  ['GET', '/auth/google'],
  ['GET', '/auth/google/callback'],
  ['GET', '/api/v1/sso/discover?email=someone@nowhere.test'],
  ['GET', `/sso/${ID}/login`],
  ['GET', `/sso/${ID}/callback`],
  ['GET', `/sso/${ID}/logout`],
  ['POST', '/api/v1/oauth/token'],
  ['GET', '/docs'],
  ['GET', '/docs-json'],
];

describe('the HTTP contract of api.md, from outside', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const send = (method: string, path: string) =>
    request(t.url)
      [method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
      .set('content-type', 'application/json')
      .send(method === 'GET' ? undefined : '{}');

  it.each(PROTECTED)('%s %s exists and needs credentials', async (method, path) => {
    const res = await send(method, path);

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it.each(PUBLIC)('%s %s exists without credentials', async (method, path) => {
    const res = await send(method, path);

    expect(res.body?.code).not.toBe('ROUTE_NOT_FOUND');
    expect(res.status).toBeLessThan(500);
    expect(res.status).not.toBe(401);
  });

  it('answers an unknown route 404 ROUTE_NOT_FOUND, so the probes above can tell', async () => {
    const res = await send('GET', '/api/v1/not-in-the-contract');

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
