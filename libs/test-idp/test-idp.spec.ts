import {
  compactVerify,
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
  jwtVerify,
} from 'jose';
import {
  CookieJar,
  followLogin,
  followLogout,
  type MisbehaviourKind,
  startTestIdp,
  type TenantType,
  type TestIdp,
  type TestTenant,
} from 'libs/test-idp';
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const CLIENT = { clientId: 'patchworks', clientSecret: 'patchworks-secret' };
const REDIRECT_URI = 'http://127.0.0.1:9/sso/callback';
const POST_LOGOUT_URI = 'http://127.0.0.1:9/signed-out';
const ALICE = { login: 'alice@example.test', password: 'correct horse' };
const TYPES: TenantType[] = ['pingone', 'okta', 'entra'];

interface Discovery {
  authorization_endpoint: string;
  end_session_endpoint: string;
  issuer: string;
  jwks_uri: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  [key: string]: unknown;
}

interface Tokens {
  access_token: string;
  id_token: string;
  refresh_token?: string;
}

interface LoginResult {
  nonce: string;
  tokens: Tokens;
}

let idp: TestIdp;

beforeAll(async () => {
  idp = await startTestIdp();
});

afterAll(() => idp.close());

async function createTenant(type: TenantType, id?: string): Promise<TestTenant> {
  const tenant = await idp.addTenant({ id, type });
  tenant.addClient({
    ...CLIENT,
    postLogoutRedirectUris: [POST_LOGOUT_URI],
    redirectUris: [REDIRECT_URI],
  });
  tenant.addUser({
    email: ALICE.login,
    familyName: 'Liddell',
    givenName: 'Alice',
    password: ALICE.password,
    sub: 'alice-sub',
  });

  return tenant;
}

async function discover(tenant: TestTenant): Promise<Discovery> {
  return (await (await fetch(tenant.discoveryUrl)).json()) as Discovery;
}

/** Signs in through the login form and redeems the code with PKCE and client_secret_post. */
async function signIn(
  tenant: TestTenant,
  options: { jar?: CookieJar; loginHint?: string; password?: string } = {},
): Promise<LoginResult> {
  const discovery = await discover(tenant);
  const verifier = randomBytes(32).toString('base64url');
  const nonce = randomUUID();
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: CLIENT.clientId,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    nonce,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid email profile offline_access',
    state: 'xyz',
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  }).toString();

  const password = options.password ?? ALICE.password;
  const callback = new URL(await followLogin(url.href, { ...ALICE, password }, options));
  expect(callback.searchParams.get('state')).toBe('xyz');
  const code = callback.searchParams.get('code') ?? '';
  const tokens = await tokenRequest(discovery, {
    code,
    code_verifier: verifier,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT_URI,
  });

  return { nonce, tokens };
}

async function tokenRequest(discovery: Discovery, params: Record<string, string>): Promise<Tokens> {
  const response = await fetch(discovery.token_endpoint, {
    body: new URLSearchParams({
      ...params,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    }),
    method: 'POST',
  });
  expect(response.status).toBe(200);

  return (await response.json()) as Tokens;
}

async function userinfo(
  discovery: Discovery,
  accessToken: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(discovery.userinfo_endpoint, {
    headers: { authorization: `Bearer ${accessToken}` },
  });

  return (await response.json()) as Record<string, unknown>;
}

describe.each(TYPES)('a %s tenant', (type) => {
  let tenant: TestTenant;
  let discovery: Discovery;

  beforeAll(async () => {
    tenant = await createTenant(type);
    discovery = await discover(tenant);
  });

  it('publishes a vendor-shaped discovery document', () => {
    const { id } = tenant;
    const expected = {
      entra: {
        authorization_endpoint: `${idp.url}/${id}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${idp.url}/${id}/oauth2/v2.0/logout`,
        issuer: `${idp.url}/${id}/v2.0`,
        jwks_uri: `${idp.url}/${id}/discovery/v2.0/keys`,
        token_endpoint: `${idp.url}/${id}/oauth2/v2.0/token`,
      },
      okta: {
        authorization_endpoint: `${idp.url}/okta-${id}/oauth2/default/v1/authorize`,
        end_session_endpoint: `${idp.url}/okta-${id}/oauth2/default/v1/logout`,
        issuer: `${idp.url}/okta-${id}/oauth2/default`,
        jwks_uri: `${idp.url}/okta-${id}/oauth2/default/v1/keys`,
        token_endpoint: `${idp.url}/okta-${id}/oauth2/default/v1/token`,
      },
      pingone: {
        authorization_endpoint: `${idp.url}/${id}/as/authorize`,
        end_session_endpoint: `${idp.url}/${id}/as/signoff`,
        issuer: `${idp.url}/${id}/as`,
        jwks_uri: `${idp.url}/${id}/as/jwks`,
        token_endpoint: `${idp.url}/${id}/as/token`,
      },
    }[type];

    expect(discovery).toMatchObject(expected);
    expect(tenant.issuer).toBe(expected.issuer);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.token_endpoint_auth_methods_supported).toContain('client_secret_post');
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'email', 'profile', 'offline_access']),
    );
  });

  it('signs in through the form and issues verifiable ID and refresh tokens', async () => {
    const { nonce, tokens } = await signIn(tenant);

    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    const { payload } = await jwtVerify(tokens.id_token, jwks, {
      audience: CLIENT.clientId,
      issuer: tenant.issuer,
    });
    expect(payload).toMatchObject({
      email: ALICE.login,
      name: 'Alice Liddell',
      nonce,
      sub: 'alice-sub',
    });
    if (type === 'entra') {
      expect(payload).toMatchObject({ preferred_username: ALICE.login, tid: tenant.id });
      expect(payload).not.toHaveProperty('email_verified');
    } else {
      expect(payload.email_verified).toBe(true);
    }
    expect(await userinfo(discovery, tokens.access_token)).toMatchObject({ sub: 'alice-sub' });
    // offline_access without prompt=consent still yields a refresh token, as at the vendors
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const refreshed = await tokenRequest(discovery, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(decodeJwt(refreshed.id_token).sub).toBe('alice-sub');
  });

  it('ends the session and redirects to post_logout_redirect_uri', async () => {
    const jar = new CookieJar();
    const { tokens } = await signIn(tenant, { jar });
    const url = new URL(discovery.end_session_endpoint);
    url.search = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: 'bye',
    }).toString();

    expect(await followLogout(url.href, { jar })).toBe(`${POST_LOGOUT_URI}?state=bye`);
    // signed out: the form is back, so a wrong password now fails
    await expect(signIn(tenant, { jar, password: 'wrong' })).rejects.toThrow(/login rejected/);
    // a client without the session cookie is redirected as well
    expect(await followLogout(url.href)).toBe(`${POST_LOGOUT_URI}?state=bye`);
  });
});

describe('login', () => {
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant('okta');
  });

  afterEach(() => tenant.setAutoLogin(false));

  it('rejects a wrong password', async () => {
    await expect(signIn(tenant, { password: 'wrong' })).rejects.toThrow(/login rejected with 401/);
  });

  it('keeps the session, so a second sign-in skips the form', async () => {
    const jar = new CookieJar();
    await signIn(tenant, { jar });

    await expect(signIn(tenant, { jar, password: 'wrong' })).resolves.toBeDefined();
  });

  it('skips the form for a login_hint when auto-login is on', async () => {
    tenant.setAutoLogin(true);

    const { tokens } = await signIn(tenant, { loginHint: ALICE.login, password: 'unused' });

    expect(decodeJwt(tokens.id_token).sub).toBe('alice-sub');
  });

  it('ignores login_hint when auto-login is off', async () => {
    await expect(signIn(tenant, { loginHint: ALICE.login, password: 'wrong' })).rejects.toThrow(
      /login rejected/,
    );
  });
});

describe('misbehaviour', () => {
  let tenant: TestTenant;
  let discovery: Discovery;
  let jwks: ReturnType<typeof createRemoteJWKSet>;
  const now = (): number => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    tenant = await createTenant('pingone');
    discovery = await discover(tenant);
    jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
  });

  afterEach(() => tenant.setMisbehaviour(null));

  // each check gets the ID token and returns nothing; signature-preserving kinds verify with JWKS
  const checks: Record<MisbehaviourKind, (result: LoginResult) => Promise<void>> = {
    'bad-signature': async ({ tokens }) => {
      const { keys } = (await (await fetch(discovery.jwks_uri)).json()) as JSONWebKeySet;
      expect(keys.map((key) => key.kid)).toContain(decodeProtectedHeader(tokens.id_token).kid);
      await expect(compactVerify(tokens.id_token, jwks)).rejects.toMatchObject({
        code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      });
    },
    expired: async ({ tokens }) => {
      await compactVerify(tokens.id_token, jwks);
      expect(decodeJwt(tokens.id_token).exp).toBeLessThan(now());
    },
    'future-iat': async ({ tokens }) => {
      await compactVerify(tokens.id_token, jwks);
      expect(decodeJwt(tokens.id_token).iat).toBeGreaterThan(now() + 3600);
    },
    hmac: async ({ tokens }) => {
      expect(decodeProtectedHeader(tokens.id_token).alg).toBe('HS256');
      await jwtVerify(tokens.id_token, new TextEncoder().encode(CLIENT.clientSecret));
    },
    'missing-azp-multi-aud': async ({ tokens }) => {
      await compactVerify(tokens.id_token, jwks);
      const payload = decodeJwt(tokens.id_token);
      expect(payload.aud).toEqual([CLIENT.clientId, expect.any(String)]);
      expect(payload).not.toHaveProperty('azp');
    },
    unsigned: ({ tokens }) => {
      expect(decodeProtectedHeader(tokens.id_token).alg).toBe('none');
      expect(tokens.id_token.endsWith('.')).toBe(true);

      return Promise.resolve();
    },
    'userinfo-other-sub': async ({ tokens }) => {
      const { payload } = await jwtVerify(tokens.id_token, jwks, { issuer: tenant.issuer });
      const claims = await userinfo(discovery, tokens.access_token);
      expect(claims.sub).not.toBe(payload.sub);
    },
    'wrong-audience': async ({ tokens }) => {
      await compactVerify(tokens.id_token, jwks);
      expect(decodeJwt(tokens.id_token).aud).not.toContain(CLIENT.clientId);
    },
    'wrong-issuer': async ({ tokens }) => {
      await compactVerify(tokens.id_token, jwks);
      expect(decodeJwt(tokens.id_token).iss).not.toBe(tenant.issuer);
    },
    'wrong-nonce': async ({ nonce, tokens }) => {
      await compactVerify(tokens.id_token, jwks);
      expect(decodeJwt(tokens.id_token).nonce).not.toBe(nonce);
    },
  };

  it.each(Object.keys(checks) as MisbehaviourKind[])(
    '%s breaks only what it names',
    async (kind) => {
      tenant.setMisbehaviour({ kind });

      await checks[kind](await signIn(tenant));
    },
  );

  it('returns a genuine token again once cleared', async () => {
    tenant.setMisbehaviour({ kind: 'wrong-issuer' });
    tenant.setMisbehaviour(null);

    const { tokens } = await signIn(tenant);

    await jwtVerify(tokens.id_token, jwks, { audience: CLIENT.clientId, issuer: tenant.issuer });
  });
});

describe('rotateKeys', () => {
  it('signs with a new kid that a cached JWKS does not know', async () => {
    const tenant = await createTenant('entra');
    const discovery = await discover(tenant);
    const jwksBefore = (await (await fetch(discovery.jwks_uri)).json()) as JSONWebKeySet;
    const cached = createLocalJWKSet(jwksBefore);
    const before = await signIn(tenant);
    await jwtVerify(before.tokens.id_token, cached);

    await tenant.rotateKeys();
    const after = await signIn(tenant);

    const newKid = decodeProtectedHeader(after.tokens.id_token).kid;
    expect(newKid).not.toBe(decodeProtectedHeader(before.tokens.id_token).kid);
    await expect(jwtVerify(after.tokens.id_token, cached)).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    });
    await jwtVerify(after.tokens.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: tenant.issuer,
    });
  });
});

describe('server', () => {
  it('hosts several tenants of one type side by side', async () => {
    const [first, second] = await Promise.all([createTenant('okta'), createTenant('okta')]);

    expect((await discover(first)).issuer).toBe(first.issuer);
    expect((await discover(second)).issuer).toBe(second.issuer);
    expect(first.issuer).not.toBe(second.issuer);
  });

  it('rejects an Entra tenant id that is not a GUID', async () => {
    await expect(idp.addTenant({ id: 'contoso', type: 'entra' })).rejects.toThrow(/GUID/);
  });

  it('rejects a second tenant on the same path', async () => {
    await createTenant('pingone', 'env-dup');

    await expect(idp.addTenant({ id: 'env-dup', type: 'pingone' })).rejects.toThrow(/already/);
  });

  it('answers 404 outside every tenant', async () => {
    expect((await fetch(`${idp.url}/nowhere`)).status).toBe(404);
  });
});
