import { discover, DiscoveryError, DiscoveryOptions } from 'src/sso/oidc/discovery';
import { createOidcDiscoveryDocument } from 'test/factories/oidc-discovery.factory';

const ISSUER = 'https://auth.pingone.eu/env/as';

describe(discover.name, () => {
  const fetchMock = jest.spyOn(global, 'fetch');
  const options: DiscoveryOptions = {
    acceptIssuer: (found) => (found === ISSUER ? found : null),
    refusalOf: (url) => (url.protocol === 'https:' ? null : 'must use https'),
    timeoutMs: 50,
  };
  const answer = (body: unknown, status = 200) =>
    fetchMock.mockResolvedValueOnce(
      new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }),
    );
  const failure = async (issuer = ISSUER) => {
    const error = await discover(issuer, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscoveryError);

    return (error as DiscoveryError).code;
  };

  afterEach(() => fetchMock.mockReset());
  afterAll(() => fetchMock.mockRestore());

  it('fetches the well-known document, follows no redirect, keeps what it needs', async () => {
    answer(createOidcDiscoveryDocument(ISSUER));

    const metadata = await discover(ISSUER, options);

    expect(metadata).toEqual({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      userinfo_endpoint: `${ISSUER}/userinfo`,
      jwks_uri: `${ISSUER}/jwks`,
      end_session_endpoint: `${ISSUER}/signoff`,
    });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect((url as URL).href).toBe(`${ISSUER}/.well-known/openid-configuration`);
    expect(init).toMatchObject({ redirect: 'manual' });
  });

  it('refuses a discovery URL the policy refuses, without fetching', async () => {
    expect(await failure('http://auth.pingone.eu/env/as')).toBe('url_refused');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('names a timeout, an unreachable host, a non-200 status and a non-JSON body', async () => {
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    fetchMock.mockRejectedValueOnce(timeout);
    expect(await failure()).toBe('timeout');
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    expect(await failure()).toBe('unreachable');
    answer('', 302);
    expect(await failure()).toBe('http_status');
    answer('<html>', 200);
    expect(await failure()).toBe('invalid_document');
    answer([createOidcDiscoveryDocument(ISSUER)]);
    expect(await failure()).toBe('invalid_document');
  });

  it('refuses another issuer, a missing endpoint and an endpoint the policy refuses', async () => {
    answer(createOidcDiscoveryDocument('https://auth.pingone.eu/{tenantid}/as'));
    expect(await failure()).toBe('issuer_mismatch');
    answer(createOidcDiscoveryDocument(ISSUER, { issuer: undefined }));
    expect(await failure()).toBe('issuer_mismatch');
    answer(createOidcDiscoveryDocument(ISSUER, { token_endpoint: undefined }));
    expect(await failure()).toBe('missing_field');
    answer(createOidcDiscoveryDocument(ISSUER, { jwks_uri: 42 }));
    expect(await failure()).toBe('missing_field');
    answer(createOidcDiscoveryDocument(ISSUER, { userinfo_endpoint: 'http://idp.test/userinfo' }));
    expect(await failure()).toBe('endpoint_refused');
  });

  it('does without the optional endpoints', async () => {
    answer(
      createOidcDiscoveryDocument(ISSUER, {
        userinfo_endpoint: undefined,
        end_session_endpoint: undefined,
      }),
    );

    const metadata = await discover(ISSUER, options);

    expect(metadata).not.toHaveProperty('userinfo_endpoint');
    expect(metadata).not.toHaveProperty('end_session_endpoint');
  });
});
