import { errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { safeEqual } from 'src/common/crypto/tokens';

/** Asymmetric signatures only: `none` and the HMAC family (keyed by the client secret) never. */
export const ID_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

const CLOCK_SKEW_SECONDS = 60;
// a token fresh from the token endpoint; also refuses an iat beyond the skew in the future
const MAX_TOKEN_AGE_SECONDS = 10 * 60;

export interface IdTokenExpectations {
  readonly issuer: string;
  readonly clientId: string;
  readonly nonce: string;
  readonly keys: JWTVerifyGetKey;
}

/** An ID token check failed; the reason names the check, never the token's content. */
export class IdTokenRejectedError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'IdTokenRejectedError';
  }
}

/**
 * OIDC Core §3.1.3.7, all of it, rather than trusting the transport:
 *   1. the JWS signature against the IdP's JWKS, with an asymmetric algorithm (steps 6-8);
 *   2. `iss` exact (2), `aud` contains the client (3), `exp` (9) and `iat` (10) with 60 s skew;
 *   3. `azp` present with several audiences and equal to the client when present (4-5);
 *   4. `nonce` equal to the login transaction's (11).
 * @throws IdTokenRejectedError for a token that fails a check.
 * @throws Error when the keys cannot be fetched.
 */
export async function verifyIdToken(
  idToken: string,
  expected: IdTokenExpectations,
): Promise<JWTPayload> {
  const payload = await verifySignatureAndTimes(idToken, expected);

  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (audiences.length > 1 && payload.azp === undefined) {
    throw new IdTokenRejectedError('azp is missing although the token has several audiences');
  }
  if (payload.azp !== undefined && payload.azp !== expected.clientId) {
    throw new IdTokenRejectedError('azp names another client');
  }
  if (typeof payload.nonce !== 'string' || !safeEqual(payload.nonce, expected.nonce)) {
    throw new IdTokenRejectedError('nonce does not match the login transaction');
  }

  return payload;
}

async function verifySignatureAndTimes(
  idToken: string,
  expected: IdTokenExpectations,
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(idToken, expected.keys, {
      algorithms: ID_TOKEN_ALGORITHMS,
      audience: expected.clientId,
      clockTolerance: CLOCK_SKEW_SECONDS,
      issuer: expected.issuer,
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      requiredClaims: ['sub', 'exp', 'iat'],
    });

    return payload;
  } catch (error) {
    if (isTokenDefect(error)) {
      throw new IdTokenRejectedError(`${error.code}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

// key-fetch failures (timeouts, HTTP errors) are the IdP being unavailable, not a bad token
function isTokenDefect(error: unknown): error is errors.JOSEError {
  return (
    error instanceof errors.JOSEError &&
    !(error instanceof errors.JWKSTimeout) &&
    error.code !== 'ERR_JOSE_GENERIC'
  );
}
