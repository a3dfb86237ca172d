import { calculateJwkThumbprint, type CryptoKey, exportJWK, generateKeyPair, type JWK } from 'jose';

export const SIGNING_ALG = 'RS256';

export interface SigningKey {
  /** Private JWK with `kid`, `alg` and `use`, as oidc-provider's `jwks` option takes it. */
  readonly privateJwk: JWK;
  readonly privateKey: CryptoKey;
}

/** Generates an RS256 key whose `kid` is its RFC 7638 thumbprint, so every key has a fresh kid. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);

  return { privateJwk: { ...jwk, alg: SIGNING_ALG, kid, use: 'sig' }, privateKey };
}
