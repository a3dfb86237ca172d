import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { GoogleFailure, GoogleSignInError } from 'src/auth/google/google-sign-in.error';
import { safeEqual } from 'src/common/crypto/tokens';
import { AppConfig, GoogleClientConfig } from 'src/config/app-config';

const HTTP_TIMEOUT_MS = 5000;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const CLOCK_SKEW_SECONDS = 60;
// asymmetric only: `none` and HMAC (signed with the client secret) are refused
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'];
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
}

/** What Patchworks keeps of a Google account (product.md 1.1: id, name, email, avatar). */
export interface GoogleProfile {
  subject: string;
  email: string | null;
  isEmailVerified: boolean;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  avatarUrl: string | null;
}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeChallenge: string;
  loginHint?: string;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * The platform's Google OpenID client, with plain fetch and jose: discovery (cached an hour),
 * the authorization URL (code flow, PKCE S256, state, nonce), the code exchange
 * (client_secret_post) and the ID token check against the issuer's JWKS. Company SSO lives in
 * src/sso with its own strategies; Google is one fixed client, so it needs none of that.
 */
@Injectable()
export class GoogleOidcClient {
  private discovery?: { document: Discovery; jwks: JWTVerifyGetKey; fetchedAt: number };

  constructor(private readonly config: AppConfig) {}

  get isEnabled(): boolean {
    return this.config.google !== null;
  }

  get redirectUri(): string {
    return `${this.config.publicUrl}/auth/google/callback`;
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const { document } = await this.discover();
    const url = new URL(document.authorization_endpoint);
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: this.client.clientId,
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      login_hint: request.loginHint,
    };
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) {
        url.searchParams.set(name, value);
      }
    }

    return url.href;
  }

  /** Exchanges the code and returns the person, from a verified ID token (and userinfo). */
  async fetchProfile(code: string, codeVerifier: string, nonce: string): Promise<GoogleProfile> {
    const { document, jwks } = await this.discover();
    const tokens = await this.exchange(document, code, codeVerifier);
    const claims = await this.verifyIdToken(tokens.idToken, jwks, document.issuer, nonce);
    const extra =
      text(claims.email) === null && tokens.accessToken && document.userinfo_endpoint
        ? await this.userinfo(document.userinfo_endpoint, tokens.accessToken, claims.sub)
        : {};
    const all: Record<string, unknown> = { ...extra, ...claims };

    return {
      subject: claims.sub as string,
      email: text(all.email)?.toLowerCase() ?? null,
      isEmailVerified: all.email_verified === true || all.email_verified === 'true',
      name: text(all.name),
      givenName: text(all.given_name),
      familyName: text(all.family_name),
      avatarUrl: text(all.picture),
    };
  }

  private get client(): GoogleClientConfig {
    if (!this.config.google) {
      throw new Error('Google sign-in is not configured');
    }

    return this.config.google;
  }

  // 1. the discovery URL; 2. fetch with a timeout; 3. the issuer matches; 4. required fields
  private async discover(): Promise<{ document: Discovery; jwks: JWTVerifyGetKey }> {
    if (this.discovery && Date.now() - this.discovery.fetchedAt < DISCOVERY_TTL_MS) {
      return this.discovery;
    }
    const issuer = this.client.issuer;
    const document = (await this.getJson(
      `${issuer}/.well-known/openid-configuration`,
      'idp_unavailable',
    )) as Partial<Discovery>;
    const endpoints = [document.authorization_endpoint, document.token_endpoint, document.jwks_uri];
    if (document.issuer !== issuer || !endpoints.every((e) => this.isAllowedUrl(e))) {
      throw new GoogleSignInError('idp_unavailable', 'The discovery document does not match');
    }
    const valid = document as Discovery;
    this.discovery = {
      document: valid,
      jwks: createRemoteJWKSet(new URL(valid.jwks_uri)),
      fetchedAt: Date.now(),
    };

    return this.discovery;
  }

  private async exchange(
    document: Discovery,
    code: string,
    codeVerifier: string,
  ): Promise<{ idToken: string; accessToken: string | null }> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      client_id: this.client.clientId,
      client_secret: this.client.clientSecret,
      code_verifier: codeVerifier,
    });
    const tokens = (await this.getJson(document.token_endpoint, 'token_exchange_failed', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })) as { id_token?: unknown; access_token?: unknown };
    const idToken = text(tokens.id_token);
    if (!idToken) {
      throw new GoogleSignInError('token_exchange_failed', 'The token response has no ID token');
    }

    return { idToken, accessToken: text(tokens.access_token) };
  }

  /** Signature (JWKS), iss, aud, exp, iat, nonce and azp, as OIDC Core §3.1.3.7 asks. */
  private async verifyIdToken(
    idToken: string,
    jwks: JWTVerifyGetKey,
    issuer: string,
    nonce: string,
  ): Promise<JWTPayload> {
    const clientId = this.client.clientId;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, jwks, {
        // Google's tokens may name the issuer without its scheme
        issuer: issuer === 'https://accounts.google.com' ? [issuer, 'accounts.google.com'] : issuer,
        audience: clientId,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['sub', 'iat', 'exp'],
      }));
    } catch (cause) {
      throw new GoogleSignInError('invalid_id_token', 'The ID token is invalid', { cause });
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const azpOk = payload.azp === undefined ? audiences.length === 1 : payload.azp === clientId;
    const nonceOk = typeof payload.nonce === 'string' && safeEqual(payload.nonce, nonce);
    const iatOk = (payload.iat ?? 0) <= Date.now() / 1000 + CLOCK_SKEW_SECONDS;
    if (!azpOk || !nonceOk || !iatOk) {
      throw new GoogleSignInError('invalid_id_token', 'The ID token azp, nonce or iat is wrong');
    }

    return payload;
  }

  private async userinfo(
    endpoint: string,
    accessToken: string,
    subject: unknown,
  ): Promise<Record<string, unknown>> {
    const claims = (await this.getJson(endpoint, 'invalid_id_token', {
      headers: { authorization: `Bearer ${accessToken}` },
    })) as Record<string, unknown>;
    if (claims.sub !== subject) {
      throw new GoogleSignInError('invalid_id_token', 'Userinfo describes another subject');
    }

    return claims;
  }

  private async getJson(
    url: string,
    failure: GoogleFailure,
    init: RequestInit = {},
  ): Promise<unknown> {
    if (!this.isAllowedUrl(url)) {
      throw new GoogleSignInError(failure, 'Refused a non-https identity provider URL');
    }
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
      if (!res.ok) {
        throw new Error(`HTTP ${res.status}`);
      }

      return await res.json();
    } catch (cause) {
      throw new GoogleSignInError(failure, 'The identity provider did not answer', { cause });
    }
  }

  /** https, or http on a loopback host when SSO_ALLOW_INSECURE_ISSUERS is set (tests, demo). */
  private isAllowedUrl(value: unknown): value is string {
    if (typeof value !== 'string' || !URL.canParse(value)) {
      return false;
    }
    const url = new URL(value);

    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' &&
        this.config.ssoAllowInsecureIssuers &&
        LOOPBACK_HOSTS.has(url.hostname))
    );
  }
}
