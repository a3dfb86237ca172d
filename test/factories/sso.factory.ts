import { CookieJar, followLogin, type TestTenant } from 'libs/test-idp';
import { randomBytes } from 'node:crypto';
import { SessionsService } from 'src/auth/sessions.service';
import { Role } from 'src/common/auth/principal';
import { UsersService } from 'src/users/users.service';
import request from 'supertest';
import type { TestApp } from 'test/support/test-app';

/** What the SSO e2e specs pass to startTestApp: the test IdP serves http on loopback. */
export const SSO_ENV = {
  PUBLIC_URL: 'http://identity.test',
  SSO_ALLOW_INSECURE_ISSUERS: 'true',
};

export interface ProviderJson {
  id: string;
  type: string;
  issuer: string;
  urls: { initiate_sign_in: string; callback: string; logout: string };
  [field: string]: unknown;
}

export interface RoleUser {
  userId: string;
  email: string;
  token: string;
}

/** A user of `role` in the company, made through UsersService, and a login token for them. */
export async function userWithRole(t: TestApp, companyId: string, role: Role): Promise<RoleUser> {
  const user = await t.app.get(UsersService).create({
    companyId,
    email: `${role}.${randomBytes(4).toString('hex')}@acme.test`,
    firstName: 'Test',
    lastName: role,
    role,
    passwordHash: null,
  });
  const { token } = await t.app.get(SessionsService).issue(user, companyId, 'password');

  return { userId: user.id, email: user.email, token };
}

export async function createProvider(
  t: TestApp,
  token: string,
  body: Record<string, unknown>,
): Promise<ProviderJson> {
  const res = await request(t.url)
    .post('/api/v1/sso/providers')
    .auth(token, { type: 'bearer' })
    .send(body)
    .expect(201);

  return res.body as ProviderJson;
}

/**
 * A provider of the tenant's type pointing at it, its client registered there with the
 * generated URLs, and enabled through the API, as an administrator would do it.
 */
export async function enabledProvider(
  t: TestApp,
  token: string,
  tenant: TestTenant,
  settings: Record<string, unknown> = {},
): Promise<ProviderJson & { clientSecret: string }> {
  // the test IdP's Okta tenant is a custom authorization server: its issuer is the base URL
  const baseUrl = tenant.type === 'okta' ? tenant.issuer : tenant.baseUrl;
  const created = await createProvider(t, token, { type: tenant.type, base_url: baseUrl });
  const clientId = `client-${randomBytes(4).toString('hex')}`;
  const clientSecret = `secret-${randomBytes(16).toString('hex')}`;
  tenant.addClient({
    clientId,
    clientSecret,
    redirectUris: [created.urls.callback],
    postLogoutRedirectUris: [created.urls.logout],
  });
  const res = await request(t.url)
    .patch(`/api/v1/sso/providers/${created.id}`)
    .auth(token, { type: 'bearer' })
    .send({ client_id: clientId, client_secret: clientSecret, enabled: true, ...settings })
    .expect(200);

  return { ...(res.body as ProviderJson), clientSecret };
}

/** Cookies set by a response, merged over earlier ones, as a `cookie` request header. */
export function withCookies(previous: string, setCookie: string[] | string | undefined): string {
  const cookies = new Map(
    previous
      .split(';')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  for (const header of [setCookie ?? []].flat()) {
    const [pair = ''] = header.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) {
      cookies.delete(name);
    } else {
      cookies.set(name, value);
    }
  }

  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The path and query of an absolute URL, to send to the test app whatever PUBLIC_URL says. */
export function pathOf(url: string): string {
  const parsed = new URL(url);

  return `${parsed.pathname}${parsed.search}`;
}

export interface SsoAttempt {
  /** Where the initiate sign-in URL sent the browser (the IdP's authorization URL). */
  authorizeUrl: string;
  /** The IdP's redirect back to the callback, with code and state. */
  callbackUrl: string;
  /** Where the callback sent the browser: the dashboard with a code, or its login page. */
  location: string;
  /** The app's cookies after the callback. */
  cookies: string;
}

export interface SsoAttemptOptions {
  query?: Record<string, string>;
  cookies?: string;
  jar?: CookieJar;
}

/** A browser's whole trip: initiate sign-in URL, the IdP's login form, the callback. */
export async function signInThroughSso(
  t: TestApp,
  provider: ProviderJson,
  credentials: { login: string; password: string },
  options: SsoAttemptOptions = {},
): Promise<SsoAttempt> {
  const start = await request(t.url)
    .get(`/sso/${provider.id}/login`)
    .query(options.query ?? {})
    .set('cookie', options.cookies ?? '')
    .expect(302);
  const cookies = withCookies(options.cookies ?? '', start.headers['set-cookie']);
  const authorizeUrl: string = start.headers.location;
  const callbackUrl = await followLogin(authorizeUrl, credentials, { jar: options.jar });
  const callback = await request(t.url).get(pathOf(callbackUrl)).set('cookie', cookies).expect(302);

  return {
    authorizeUrl,
    callbackUrl,
    location: callback.headers.location,
    cookies: withCookies(cookies, callback.headers['set-cookie']),
  };
}

/** Trades the one-time code of a successful attempt for a login token. */
export async function tradeCode(t: TestApp, location: string): Promise<string> {
  const code = new URL(location).searchParams.get('code');
  if (!code) {
    throw new Error(`no code in ${location}`);
  }
  const res = await request(t.url).post('/api/v1/login/sso').send({ code }).expect(200);

  return res.body.token as string;
}
