import {
  base64url,
  type CryptoKey,
  decodeJwt,
  decodeProtectedHeader,
  type JWTHeaderParameters,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { generateSigningKey, SIGNING_ALG } from 'libs/test-idp/keys';
import type { MisbehaviourKind } from 'libs/test-idp/types';
import { randomBytes } from 'node:crypto';

const FOREIGN_AUDIENCE = 'another-client';
const ONE_HOUR = 3600;

export interface TamperKeys {
  /** The tenant's current private key, so the tampered token still verifies where intended. */
  signingKey(): CryptoKey;
  clientSecret(clientId: string): string | undefined;
}

// a key that never appears in any JWKS, for bad-signature
let strangerKey: Promise<CryptoKey> | undefined;

/**
 * Returns the ID token broken the way `kind` names. Claims are changed and the token re-signed
 * with the tenant key, so only the named defect is wrong.
 * @throws Error for `hmac` when the token's audience is not a registered client.
 */
export async function tamperIdToken(
  idToken: string,
  kind: MisbehaviourKind,
  keys: TamperKeys,
): Promise<string> {
  const header = decodeProtectedHeader(idToken) as JWTHeaderParameters;
  const payload = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: JWTPayload): Promise<string> => resign(header, claims, keys.signingKey());

  switch (kind) {
    case 'wrong-issuer':
      return sign({ ...payload, iss: `${payload.iss}-evil` });
    case 'wrong-audience':
      // a token minted for another client: aud and azp agree with each other, not with the RP
      return sign({
        ...payload,
        aud: FOREIGN_AUDIENCE,
        ...(payload.azp ? { azp: FOREIGN_AUDIENCE } : {}),
      });
    case 'wrong-nonce':
      return sign({ ...payload, nonce: base64url.encode(randomBytes(16)) });
    case 'expired':
      return sign({ ...payload, exp: now - ONE_HOUR, iat: now - 2 * ONE_HOUR });
    case 'bad-signature':
      // same kid as a genuine key, so only the signature check can catch it
      strangerKey ??= generateSigningKey().then((key) => key.privateKey);

      return resign(header, payload, await strangerKey);
    case 'unsigned':
      return unsecured(payload);
    case 'hmac':
      return signWithClientSecret(payload, keys);
    case 'missing-azp-multi-aud':
      return sign(withoutAzp({ ...payload, aud: [audienceOf(payload), FOREIGN_AUDIENCE] }));
    case 'future-iat':
      return sign({ ...payload, exp: now + 25 * ONE_HOUR, iat: now + 24 * ONE_HOUR });
    case 'userinfo-other-sub':
      return idToken;
  }
}

/** The `sub` a misbehaving userinfo endpoint answers with instead of the signed-in user's. */
export function otherSub(sub: string): string {
  return `other-${sub}`;
}

function resign(header: JWTHeaderParameters, claims: JWTPayload, key: CryptoKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ ...header, alg: SIGNING_ALG }).sign(key);
}

// RFC 7519 §6: an Unsecured JWT has alg "none" and an empty signature
function unsecured(payload: JWTPayload): string {
  const encode = (value: object): string => base64url.encode(JSON.stringify(value));

  return `${encode({ alg: 'none' })}.${encode(payload)}.`;
}

// the client secret as an HS256 key: what an RP that trusts the header's alg would accept
function signWithClientSecret(payload: JWTPayload, keys: TamperKeys): Promise<string> {
  const secret = keys.clientSecret(audienceOf(payload));
  if (secret === undefined) {
    throw new Error('hmac misbehaviour needs the ID token audience to be a registered client');
  }

  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

function audienceOf(payload: JWTPayload): string {
  return Array.isArray(payload.aud) ? (payload.aud[0] ?? '') : (payload.aud ?? '');
}

function withoutAzp(payload: JWTPayload): JWTPayload {
  const copy = { ...payload };
  delete copy.azp;

  return copy;
}
