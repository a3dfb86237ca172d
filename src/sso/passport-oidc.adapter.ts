import { Injectable } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { createHash } from 'node:crypto';
import passport from 'passport';
import { randomToken } from 'src/common/crypto/tokens';
import { IssuerUrlPolicy } from 'src/sso/issuer-url.policy';
import { LoginTransaction, LoginTransactionsStore } from 'src/sso/login-transactions.store';
import { discover, DiscoveryError, fetchJson, OidcMetadata } from 'src/sso/oidc/discovery';
import { IdTokenRejectedError, verifyIdToken } from 'src/sso/oidc/id-token';
import {
  PkceAuthenticateOptions,
  PkceOpenIdConnectStrategy,
} from 'src/sso/oidc/pkce-openidconnect.strategy';
import { StateRefusal, TransactionStateStore } from 'src/sso/oidc/transaction-state.store';
import { IdpClaims, OidcPlugin } from 'src/sso/providers/sso-plugin';
import { SsoLoginError } from 'src/sso/sso-login.error';
import { SsoLoginFailure } from 'src/sso/sso.types';

const HTTP_TIMEOUT_MS = 5000;
const CLIENT_TTL_MS = 15 * 60 * 1000;
const KEYS_TTL_MS = 10 * 60 * 1000;
const MAX_CACHED = 500;
// `openid` is added by the strategy
const SCOPES = ['email', 'profile', 'offline_access'];

/** Everything the adapter needs of a provider, as plain values. */
export interface OidcClientConfig {
  readonly providerId: string;
  /** The provider row's version: a new one rebuilds the cached strategy. */
  readonly version: number;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly callbackUrl: string;
  readonly plugin: OidcPlugin;
}

export interface LoginStart {
  readonly bindingHash: string;
  readonly target: string | null;
  readonly loginHint: string | null;
}

/** A callback that passed every check: who the IdP says signed in. */
export interface VerifiedLogin {
  readonly subject: string;
  /** The ID token's claims over userinfo's. */
  readonly claims: IdpClaims;
  readonly idToken: string;
  readonly target: string | null;
}

interface CachedClient {
  readonly metadata: OidcMetadata;
  readonly strategy: PkceOpenIdConnectStrategy;
  readonly keys: JWTVerifyGetKey;
}

interface VerifiedIdToken {
  readonly claims: JWTPayload;
  readonly idToken: string;
}

interface CacheEntry {
  readonly version: number;
  readonly builtAt: number;
  readonly client: Promise<CachedClient>;
}

type CallbackQuery = Partial<Record<'code' | 'state' | 'error' | 'iss', string>>;

/**
 * The one place that speaks OpenID Connect to identity providers: passport-openidconnect
 * strategies built per provider from discovery (cached by provider id and version, cloned per
 * request), PKCE, login transactions in the database, and every ID token check done here with
 * jose. Outbound calls have timeouts and go only to URLs the IssuerUrlPolicy allows.
 */
@Injectable()
export class PassportOidcAdapter {
  private readonly clients = new Map<string, CacheEntry>();
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(
    private readonly urlPolicy: IssuerUrlPolicy,
    private readonly transactions: LoginTransactionsStore,
  ) {}

  /**
   * Discovery and the keys, uncached: what enabling or testing a provider checks. Returns the
   * metadata with the issuer the plugin accepted (Entra: the tenant GUID form).
   * @throws DiscoveryError
   */
  async inspect(issuer: string, plugin: OidcPlugin): Promise<OidcMetadata> {
    const metadata = await discover(issuer, {
      acceptIssuer: (found) => plugin.acceptDiscoveredIssuer(issuer, found),
      refusalOf: (url) => this.urlPolicy.refusalOf(url),
      timeoutMs: HTTP_TIMEOUT_MS,
    });
    const jwks = await fetchJson(new URL(metadata.jwks_uri), HTTP_TIMEOUT_MS, 'JWKS');
    const keys = Array.isArray(jwks.keys) ? (jwks.keys as Array<{ kty?: unknown }>) : [];
    if (!keys.some((key) => ['RSA', 'EC', 'OKP'].includes(String(key.kty)))) {
      throw new DiscoveryError('keys_unavailable', 'The JWKS holds no signing key');
    }

    return metadata;
  }

  /**
   * Sends the browser to the IdP: a transaction with a fresh nonce and PKCE verifier is
   * stored, and passport writes the redirect to `res`.
   * @throws SsoLoginError (discovery_failed)
   */
  async startLogin(req: Request, res: Response, config: OidcClientConfig, start: LoginStart) {
    const client = await this.clientFor(config);
    const codeVerifier = randomToken(32);
    const store = new TransactionStateStore(
      this.transactions,
      config.providerId,
      start.bindingHash,
    );
    store.pending = { codeVerifier, target: start.target };
    const options: PkceAuthenticateOptions = {
      session: false,
      codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      ...(start.loginHint ? { loginHint: start.loginHint } : {}),
    };

    await new Promise<void>((resolve, reject) => {
      // 'close' too: a browser that goes away before the redirect is written ends the wait
      res.once('finish', resolve).once('close', resolve);
      const strategy = client.strategy.forLoginStart(store);
      const authenticate = passport.authenticate(strategy, options, (error: unknown) =>
        reject(asError(error)),
      ) as RequestHandler;
      authenticate(withQuery(req, {}), res, reject);
    });
  }

  /**
   * Finishes a login from the IdP's redirect: consumes the transaction, exchanges the code
   * with the verifier (client_secret_post), checks the ID token and userinfo.
   * @throws SsoLoginError
   */
  async finishLogin(
    req: Request,
    res: Response,
    config: OidcClientConfig,
    bindingHash: string,
  ): Promise<VerifiedLogin> {
    const query = callbackQuery(req);
    if (!query.state || (!query.code && !query.error)) {
      throw new SsoLoginError(SsoLoginFailure.InvalidRequest, 'the callback lacks state or code');
    }
    // RFC 9207: an IdP that names itself must name this provider's issuer (mix-up defence)
    if (query.iss !== undefined && query.iss !== config.issuer) {
      throw new SsoLoginError(SsoLoginFailure.IssuerMismatch, 'the callback names another issuer');
    }
    const client = await this.clientFor(config);
    const store = new TransactionStateStore(this.transactions, config.providerId, bindingHash);
    let verified: VerifiedIdToken | null = null;
    const strategy = client.strategy.forCallback({
      store,
      codeVerifier: () => store.restored?.codeVerifier ?? '',
      // ours first, on the raw token response: the library's own checks then see a verified token
      checkTokenResponse: async (response) => {
        verified = await this.verifiedClaims(client, config, store.restored, response.id_token);
      },
      tokenTimeoutMs: HTTP_TIMEOUT_MS,
      verify: (_iss, _profile, _context, idToken, accessToken, _refresh, _params, done) => {
        this.completeLogin(client, verified, store.restored, idToken, accessToken).then(
          (login) => done(null, login),
          (error: Error) => done(error),
        );
      },
    });

    return authenticateCallback(strategy, withQuery(req, query), res, query);
  }

  /** The IdP's end-session URL for this sign-in, or null when it publishes none. */
  async endSessionUrl(
    config: OidcClientConfig,
    idToken: string,
    postLogoutRedirectUri: string,
  ): Promise<string | null> {
    const { metadata } = await this.clientFor(config);
    if (!metadata.end_session_endpoint) {
      return null;
    }
    const url = new URL(metadata.end_session_endpoint);
    url.searchParams.set('id_token_hint', idToken);
    url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
    url.searchParams.set('client_id', config.clientId);

    return url.href;
  }

  // the provider row is read on every request; its version says whether the cache is current
  private async clientFor(config: OidcClientConfig): Promise<CachedClient> {
    const cached = this.clients.get(config.providerId);
    if (cached?.version === config.version && Date.now() - cached.builtAt < CLIENT_TTL_MS) {
      return cached.client.catch(discoveryFailed);
    }

    const client = this.buildClient(config);
    const entry = { version: config.version, builtAt: Date.now(), client };
    this.clients.delete(config.providerId);
    this.clients.set(config.providerId, entry);
    evictOldest(this.clients);
    client.catch(() => {
      if (this.clients.get(config.providerId) === entry) {
        this.clients.delete(config.providerId);
      }
    });

    return client.catch(discoveryFailed);
  }

  private async buildClient(config: OidcClientConfig): Promise<CachedClient> {
    // at sign-in the document must name exactly the issuer that enabling stored
    const metadata = await discover(config.issuer, {
      acceptIssuer: (found) => (found === config.issuer ? found : null),
      refusalOf: (url) => this.urlPolicy.refusalOf(url),
      timeoutMs: HTTP_TIMEOUT_MS,
    });
    const strategy = new PkceOpenIdConnectStrategy(
      {
        authorizationURL: metadata.authorization_endpoint,
        callbackURL: config.callbackUrl,
        clientID: config.clientId,
        clientSecret: config.clientSecret,
        issuer: metadata.issuer,
        scope: SCOPES,
        tokenURL: metadata.token_endpoint,
        userInfoURL: metadata.userinfo_endpoint ?? '',
      },
      config.plugin.authorizationParams(),
    );

    return { keys: this.keysFor(metadata.jwks_uri), metadata, strategy };
  }

  // cached per JWKS URL; an unknown kid refetches once (no cooldown: keys come only from the
  // IdP's own token responses, so an unknown kid means the IdP rotated)
  private keysFor(jwksUri: string): JWTVerifyGetKey {
    let keys = this.keySets.get(jwksUri);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(jwksUri), {
        cacheMaxAge: KEYS_TTL_MS,
        cooldownDuration: 0,
        timeoutDuration: HTTP_TIMEOUT_MS,
      });
      this.keySets.set(jwksUri, keys);
      evictOldest(this.keySets);
    }

    return keys;
  }

  private async completeLogin(
    client: CachedClient,
    verified: VerifiedIdToken | null,
    transaction: LoginTransaction | null,
    idToken: string,
    accessToken: string,
  ): Promise<VerifiedLogin> {
    // the library hands over the token it was given; it must be the one verified
    if (!verified || !transaction || verified.idToken !== idToken) {
      throw new SsoLoginError(SsoLoginFailure.InvalidIdToken, 'the ID token was not verified');
    }
    const { claims } = verified;
    const userinfo = await this.fetchUserinfo(client.metadata, accessToken, claims.sub as string);

    return {
      claims: { ...userinfo, ...claims },
      idToken,
      subject: claims.sub as string,
      target: transaction.target,
    };
  }

  private async verifiedClaims(
    client: CachedClient,
    config: OidcClientConfig,
    transaction: LoginTransaction | null,
    idToken: unknown,
  ): Promise<VerifiedIdToken> {
    if (!transaction) {
      throw new SsoLoginError(SsoLoginFailure.InvalidState, 'no transaction was restored');
    }
    if (typeof idToken !== 'string') {
      throw new SsoLoginError(SsoLoginFailure.InvalidIdToken, 'the token response has no ID token');
    }
    let claims: JWTPayload;
    try {
      claims = await verifyIdToken(idToken, {
        clientId: config.clientId,
        issuer: config.issuer,
        keys: client.keys,
        nonce: transaction.nonce,
      });
    } catch (error) {
      if (error instanceof IdTokenRejectedError) {
        throw new SsoLoginError(SsoLoginFailure.InvalidIdToken, error.message, { cause: error });
      }
      throw new SsoLoginError(SsoLoginFailure.DiscoveryFailed, 'the IdP keys are unavailable', {
        cause: error,
      });
    }
    const refusal = config.plugin.checkIdTokenClaims(claims, config.issuer);
    if (refusal) {
      throw new SsoLoginError(SsoLoginFailure.InvalidIdToken, refusal);
    }

    return { claims, idToken };
  }

  // OIDC Core §5.3.2: the userinfo sub must be the ID token's, or its claims are someone else's
  private async fetchUserinfo(
    metadata: OidcMetadata,
    accessToken: string,
    subject: string,
  ): Promise<IdpClaims> {
    if (!metadata.userinfo_endpoint) {
      return {};
    }
    let userinfo: Record<string, unknown>;
    try {
      userinfo = await fetchJson(new URL(metadata.userinfo_endpoint), HTTP_TIMEOUT_MS, 'userinfo', {
        authorization: `Bearer ${accessToken}`,
      });
    } catch (error) {
      const reason = error instanceof DiscoveryError ? error.message : 'userinfo failed';
      throw new SsoLoginError(SsoLoginFailure.InvalidUserinfo, reason, { cause: error });
    }
    if (userinfo.sub !== subject) {
      throw new SsoLoginError(
        SsoLoginFailure.InvalidUserinfo,
        'userinfo describes another subject',
      );
    }

    return userinfo;
  }
}

function authenticateCallback(
  strategy: PkceOpenIdConnectStrategy,
  req: Request,
  res: Response,
  query: CallbackQuery,
): Promise<VerifiedLogin> {
  return new Promise((resolve, reject) => {
    const done = (error: unknown, user?: unknown, info?: unknown): void => {
      if (error) {
        reject(asLoginError(error));
      } else if (user) {
        resolve(user as VerifiedLogin);
      } else {
        reject(asLoginFailure(info, query));
      }
    };
    const authenticate = passport.authenticate(
      strategy,
      { session: false },
      done,
    ) as RequestHandler;
    authenticate(req, res, done);
  });
}

// errors the library raises, named by its error classes; anything else stays unexpected
function asLoginError(error: unknown): Error {
  if (!(error instanceof Error)) {
    return asError(error);
  }
  if (error instanceof SsoLoginError) {
    return error;
  }
  const { code, oauthError } = error as { code?: unknown; oauthError?: unknown };
  switch (error.name) {
    case 'AuthorizationError':
      return new SsoLoginError(SsoLoginFailure.IdpError, `the IdP answered ${String(code)}`);
    case 'TokenError':
      return new SsoLoginError(
        SsoLoginFailure.TokenExchangeFailed,
        `the token endpoint answered ${String(code)}`,
      );
    case 'InternalOAuthError':
      // our own token-response check refusing, wrapped by the library
      if (oauthError instanceof SsoLoginError) {
        return oauthError;
      }

      return new SsoLoginError(
        SsoLoginFailure.TokenExchangeFailed,
        'the token endpoint failed or did not answer in time',
      );
    default:
      return error.message.startsWith('ID token') || error instanceof SyntaxError
        ? new SsoLoginError(SsoLoginFailure.InvalidIdToken, error.message)
        : error;
  }
}

function asLoginFailure(info: unknown, query: CallbackQuery): SsoLoginError {
  if (info instanceof StateRefusal) {
    return new SsoLoginError(SsoLoginFailure.InvalidState, `the transaction is ${info.refusal}`);
  }
  if (query.error) {
    return new SsoLoginError(SsoLoginFailure.AccessDenied, `the IdP answered ${query.error}`);
  }
  const message = (info as { message?: unknown } | undefined)?.message;

  return new SsoLoginError(
    SsoLoginFailure.InvalidIdToken,
    typeof message === 'string' ? message : 'the ID token was refused',
  );
}

function discoveryFailed(error: unknown): never {
  throw new SsoLoginError(
    SsoLoginFailure.DiscoveryFailed,
    error instanceof DiscoveryError ? error.message : 'discovery failed',
    { cause: error },
  );
}

// only the callback parameters, and only as strings: `?code[]=…` is no code
function callbackQuery(req: Request): CallbackQuery {
  const query: CallbackQuery = {};
  for (const key of ['code', 'state', 'error', 'iss'] as const) {
    const value = (req.query as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') {
      query[key] = value;
    }
  }

  return query;
}

// the strategy decides between starting and finishing from req.query, so it sees only ours
function withQuery(req: Request, query: CallbackQuery): Request {
  return Object.create(req, { query: { enumerable: true, value: query } }) as Request;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error('The login could not start');
}

function evictOldest<K, V>(map: Map<K, V>): void {
  while (map.size > MAX_CACHED) {
    const oldest = map.keys().next();
    if (oldest.done) {
      return;
    }
    map.delete(oldest.value);
  }
}
