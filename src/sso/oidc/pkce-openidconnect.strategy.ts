import type { OAuth2 } from 'oauth';
import { Strategy, type StrategyOptions } from 'passport-openidconnect';

/** The state-store interface passport-openidconnect calls (undocumented, stable since 0.1.0). */
export interface OidcStateStore {
  store(
    req: unknown,
    ctx: { nonce?: string },
    appState: unknown,
    meta: unknown,
    callback: (error: Error | null, handle?: string) => void,
  ): void;
  verify(
    req: unknown,
    handle: string,
    callback: (error: Error | null, ctx?: false | { nonce?: string }, info?: unknown) => void,
  ): void;
}

export type VerifyDone = (error: Error | null, user?: object | false, info?: unknown) => void;

/** The strategy picks a verify signature by arity; 8 gives (…, idToken, accessToken, …). */
export type OidcVerify = (
  issuer: string,
  profile: unknown,
  context: unknown,
  idToken: string,
  accessToken: string,
  refreshToken: string,
  params: unknown,
  done: VerifyDone,
) => void;

/** What one callback request brings to the cached strategy. */
export interface CallbackBinding {
  readonly store: OidcStateStore;
  readonly verify: OidcVerify;
  /** The PKCE verifier of the transaction the store restored. */
  codeVerifier(): string;
  /**
   * Runs on a successful token response before the library reads it; a rejection fails the
   * exchange (the library wraps it in an InternalOAuthError whose `oauthError` it is).
   */
  checkTokenResponse(response: Readonly<Record<string, unknown>>): Promise<void>;
  readonly tokenTimeoutMs: number;
}

/** Options of one `passport.authenticate` call at the start of a login. */
export interface PkceAuthenticateOptions {
  session: false;
  codeChallenge: string;
  loginHint?: string;
}

// fields of the library's instance that a per-request clone replaces
interface StrategyInternals {
  _oauth2: OAuth2;
  _stateStore: OidcStateStore;
  _verify: OidcVerify;
}

/**
 * passport-openidconnect 0.1.2 with RFC 7636 PKCE (S256 only). The instance built from a
 * provider's configuration is cached and never authenticates itself: `forRequest` returns a
 * clone carrying that request's state store, verify function and code verifier, because the
 * library keeps request state on the instance and a shared one mixes users up.
 */
export class PkceOpenIdConnectStrategy extends Strategy {
  constructor(
    options: Omit<StrategyOptions, 'store' | 'skipUserProfile' | 'nonce'>,
    private readonly extraParams: Readonly<Record<string, string>>,
  ) {
    // the library's profile fetch crashes on non-JSON replies (its issue #122): ours does it
    super(
      { ...options, nonce: 'true', skipUserProfile: true, store: UNBOUND_STORE },
      refuseUnboundUse,
    );
  }

  /** RFC 7636 §4.3: the challenge goes with the authorization request. */
  override authorizationParams(options?: Partial<PkceAuthenticateOptions>): object {
    if (typeof options?.codeChallenge !== 'string') {
      throw new Error('A login must start with a PKCE code challenge');
    }

    return {
      ...this.extraParams,
      code_challenge: options.codeChallenge,
      code_challenge_method: 'S256',
    };
  }

  /** A clone that stores the transaction of a login starting in this request. */
  forLoginStart(store: OidcStateStore): PkceOpenIdConnectStrategy {
    const clone = Object.create(this) as PkceOpenIdConnectStrategy & StrategyInternals;
    clone._stateStore = store;

    return clone;
  }

  /** A clone that finishes this request's callback with its own store, verifier and checks. */
  forCallback(binding: CallbackBinding): PkceOpenIdConnectStrategy {
    const clone = Object.create(this) as PkceOpenIdConnectStrategy & StrategyInternals;
    const base = (this as unknown as StrategyInternals)._oauth2;
    clone._oauth2 = withCodeVerifier(base, binding);
    clone._stateStore = binding.store;
    clone._verify = binding.verify;

    return clone;
  }
}

// RFC 7636 §4.5: the token request carries the verifier. Also bounds the call's duration,
// which the library's `oauth` client never does, and lets the binding check the answer first.
function withCodeVerifier(base: OAuth2, binding: CallbackBinding): OAuth2 {
  const oauth2 = Object.create(base) as OAuth2;
  oauth2.getOAuthAccessToken = ((code: string, params: object, callback: TokenCallback) => {
    let isDone = false;
    const finish: TokenCallback = (error, accessToken, refreshToken, results) => {
      if (isDone) {
        return;
      }
      isDone = true;
      clearTimeout(timer);
      if (error) {
        callback(error);

        return;
      }
      binding.checkTokenResponse((results ?? {}) as Record<string, unknown>).then(
        () => callback(null, accessToken, refreshToken, results),
        (rejection: Error) => callback(rejection),
      );
    };
    const timer = setTimeout(
      () => finish({ statusCode: 0, data: 'The token endpoint did not answer in time' }),
      binding.tokenTimeoutMs,
    );
    const withVerifier = { ...params, code_verifier: binding.codeVerifier() };
    const exchange = base.getOAuthAccessToken.bind(oauth2) as (
      code: string,
      params: object,
      callback: TokenCallback,
    ) => void;
    exchange(code, withVerifier, finish);
  }) as OAuth2['getOAuthAccessToken'];

  return oauth2;
}

type TokenCallback = (
  error: { statusCode: number; data?: unknown } | Error | null,
  accessToken?: string,
  refreshToken?: string,
  results?: unknown,
) => void;

const unbound = (): Error => new Error('The cached strategy was used without a per-request clone');

const UNBOUND_STORE: OidcStateStore = {
  store: (_req, _ctx, _state, _meta, callback) => callback(unbound()),
  verify: (_req, _handle, callback) => callback(unbound()),
};

function refuseUnboundUse(...args: unknown[]): void {
  const done = args.at(-1) as VerifyDone;
  done(unbound());
}
