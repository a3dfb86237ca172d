import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from 'src/audit/audit.service';
import { GoogleLogin } from 'src/auth/entities/google-login.entity';
import { BrowserCookie, BrowserRedirect, readCookie } from 'src/auth/google/browser-redirect';
import { GoogleAccountsService } from 'src/auth/google/google-accounts.service';
import { GoogleOidcClient } from 'src/auth/google/google-oidc.adapter';
import { GoogleFailure, GoogleSignInError } from 'src/auth/google/google-sign-in.error';
import { LoginCodesService } from 'src/auth/login-codes.service';
import { SecretBox } from 'src/common/crypto/secret-box';
import { hashToken, randomToken } from 'src/common/crypto/tokens';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { newId } from 'src/common/ids';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import { IsNull, MoreThan } from 'typeorm';

const LOGIN_TTL_SECONDS = 10 * 60;
const COOKIE = 'pwi_google_login';

const pkceChallenge = (verifier: string): string =>
  createHash('sha256').update(verifier).digest('base64url');

const stringParam = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The browser side of "Sign in with Google": GET /auth/google sends the browser to Google with
 * state, nonce and PKCE S256, and a cookie binding the attempt to that browser; the callback
 * checks all three, lets GoogleAccountsService decide who it is, and ends like an SSO callback:
 * a one-time code to the dashboard, or the dashboard's login page with `error=<reason>`.
 */
@Injectable()
export class GoogleLoginService {
  private readonly logger = new Logger(GoogleLoginService.name);

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly accounts: GoogleAccountsService,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    private readonly client: GoogleOidcClient,
    private readonly loginCodes: LoginCodesService,
  ) {}

  /** GET /auth/google, or with the token of a registration link, GET /auth/google/register. */
  async startLogin(registrationToken?: unknown): Promise<BrowserRedirect> {
    this.assertEnabled();
    const registration =
      registrationToken === undefined
        ? null
        : await this.accounts.findRegistration(stringParam(registrationToken) ?? '');
    if (registrationToken !== undefined && !registration) {
      return this.refuse(new GoogleSignInError('registration_invalid', 'Unknown or used link'));
    }

    const [state, nonce, verifier, browser] = [
      randomToken(),
      randomToken(),
      randomToken(),
      randomToken(),
    ];
    let url: string;
    try {
      url = await this.client.authorizationUrl({
        state,
        nonce,
        codeChallenge: pkceChallenge(verifier),
        loginHint: registration?.email,
      });
    } catch (error) {
      return this.refuse(error);
    }
    await this.db.repo(GoogleLogin).insert({
      id: newId(),
      stateHash: hashToken(state),
      browserHash: hashToken(browser),
      nonce,
      codeVerifierSealed: this.box.seal(verifier),
      registrationId: registration?.id ?? null,
      expiresAt: new Date(Date.now() + LOGIN_TTL_SECONDS * 1000),
      usedAt: null,
    });

    return { url, cookie: this.cookie(browser) };
  }

  /** GET /auth/google/callback: every failure becomes a redirect, nothing signed in. */
  async finishLogin(
    query: Record<string, unknown>,
    cookieHeader: string | undefined,
  ): Promise<BrowserRedirect> {
    this.assertEnabled();
    try {
      const login = await this.claimLogin(stringParam(query.state), cookieHeader);
      const error = stringParam(query.error);
      if (error) {
        throw new GoogleSignInError('access_denied', `Google answered ${error.slice(0, 64)}`);
      }
      const code = stringParam(query.code);
      if (!code) {
        throw new GoogleSignInError('invalid_request', 'The callback has no code');
      }
      const verifier = this.box.open(login.codeVerifierSealed);
      const profile = await this.client.fetchProfile(code, verifier, login.nonce);
      const user = await this.accounts.resolve(profile, login.registrationId);

      const { code: loginCode } = await this.loginCodes.issue(user, 'google');
      await this.audit.record({
        companyId: user.companyId,
        actor: {
          type: 'user',
          id: user.id,
          name: `${user.firstName} ${user.lastName}`,
          companyId: user.companyId,
        },
        event: 'auth.google.signed_in',
        action: 'login',
        target: { type: 'user', id: user.id },
        changes: { registered: login.registrationId !== null },
      });
      const url = new URL(this.config.dashboardUrl);
      url.searchParams.set('code', loginCode);

      return { url: url.href, cookie: this.cookie(null) };
    } catch (error) {
      return this.refuse(error);
    }
  }

  /** The attempt a callback belongs to, used up; it must come back to the browser it began in. */
  private async claimLogin(
    state: string | null,
    cookieHeader: string | undefined,
  ): Promise<GoogleLogin> {
    const logins = this.db.repo(GoogleLogin);
    const login = state ? await logins.findOneBy({ stateHash: hashToken(state) }) : null;
    const browser = readCookie(cookieHeader, COOKIE);
    const claimed =
      login &&
      (await logins.update(
        { id: login.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
        { usedAt: new Date() },
      ));
    if (!login || claimed?.affected !== 1 || !browser || hashToken(browser) !== login.browserHash) {
      throw new GoogleSignInError('invalid_state', 'Unknown, used, expired or foreign state');
    }

    return login;
  }

  private async refuse(error: unknown): Promise<BrowserRedirect> {
    const failure: GoogleFailure | 'server_error' =
      error instanceof GoogleSignInError ? error.failure : 'server_error';
    if (failure === 'server_error') {
      this.logger.error('Google sign-in failed unexpectedly', error as Error);
    } else {
      this.logger.warn(`Google sign-in refused (${failure}): ${(error as Error).message}`);
    }
    await this.audit.record({
      companyId: null,
      actor: { type: 'anonymous' },
      event: 'auth.google.refused',
      action: 'refuse',
      changes: { reason: failure },
    });
    const url = new URL(`${this.config.dashboardUrl}/login`);
    url.searchParams.set('error', failure);

    return { url: url.href, cookie: this.cookie(null) };
  }

  private cookie(value: string | null): BrowserCookie {
    return {
      name: COOKIE,
      value,
      path: '/auth/google',
      maxAgeSeconds: LOGIN_TTL_SECONDS,
      isSecure: this.config.publicUrl.startsWith('https:'),
    };
  }

  private assertEnabled(): void {
    if (!this.client.isEnabled) {
      throw new AppError(ErrorCode.NotFound, 'Google sign-in is not enabled');
    }
  }
}
