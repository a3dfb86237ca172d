import {
  createLocalJWKSet,
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { IdTokenRejectedError, verifyIdToken } from 'src/sso/oidc/id-token';

const ISSUER = 'https://idp.test/env/as';
const CLIENT = 'client-1';
const NONCE = 'n-0S6_WzA2Mj';

describe(verifyIdToken.name, () => {
  let key: CryptoKey;
  let jwk: JWK;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    iss: ISSUER,
    sub: 'subject-1',
    aud: CLIENT,
    exp: now() + 300,
    iat: now(),
    nonce: NONCE,
    ...overrides,
  });
  const sign = (payload: JWTPayload, signingKey: CryptoKey | Uint8Array = key, alg = 'RS256') =>
    new SignJWT(payload).setProtectedHeader({ alg, kid: 'k1' }).sign(signingKey);
  const sut = (token: string) =>
    verifyIdToken(token, {
      issuer: ISSUER,
      clientId: CLIENT,
      nonce: NONCE,
      keys: createLocalJWKSet({ keys: [jwk] }),
    });

  it('accepts a token that passes every check, within the 60 s skew', async () => {
    await expect(sut(await sign(claims()))).resolves.toMatchObject({ sub: 'subject-1' });
    await expect(
      sut(await sign(claims({ iat: now() + 50, exp: now() - 50 }))),
    ).resolves.toBeTruthy();
    await expect(
      sut(await sign(claims({ aud: [CLIENT, 'api'], azp: CLIENT }))),
    ).resolves.toBeTruthy();
  });

  it.each<[string, JWTPayload]>([
    ['another issuer', { iss: `${ISSUER}-evil` }],
    ['another audience', { aud: 'someone-else' }],
    ['several audiences without azp', { aud: [CLIENT, 'api'] }],
    ['azp naming another client', { azp: 'someone-else' }],
    ['an expiry past the skew', { exp: now() - 120 }],
    ['an iat in the future past the skew', { iat: now() + 120, exp: now() + 600 }],
    ['an iat long ago', { iat: now() - 3600, exp: now() + 600 }],
    ['another nonce', { nonce: 'other' }],
    ['no nonce', { nonce: undefined }],
    ['no subject', { sub: undefined }],
  ])('refuses %s', async (_defect, overrides) => {
    await expect(sut(await sign(claims(overrides)))).rejects.toBeInstanceOf(IdTokenRejectedError);
  });

  it('refuses alg none, HMAC signed with the client secret, and a stranger key', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none' })}.${encode(claims())}.`;
    const hmac = await sign(claims(), new TextEncoder().encode('the-client-secret'), 'HS256');
    const stranger = await sign(claims(), (await generateKeyPair('RS256')).privateKey);

    for (const token of [unsigned, hmac, stranger, 'not.a.jwt']) {
      await expect(sut(token)).rejects.toBeInstanceOf(IdTokenRejectedError);
    }
  });
});
