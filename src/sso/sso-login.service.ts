import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuditService } from 'src/audit/audit.service';
import { LoginCodesService } from 'src/auth/login-codes.service';
import { SecretBox } from 'src/common/crypto/secret-box';
import { hashToken } from 'src/common/crypto/tokens';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import { SsoDiscoverQueryDto, SsoDiscoverResponseDto } from 'src/sso/dto/sso-provider.dto';
import { SsoProviderDomain } from 'src/sso/entities/sso-provider-domain.entity';
import { SsoProvider } from 'src/sso/entities/sso-provider.entity';
import {
  OidcClientConfig,
  PassportOidcAdapter,
  VerifiedLogin,
} from 'src/sso/passport-oidc.adapter';
import { SSO_PLUGINS, type SsoPluginRegistry } from 'src/sso/providers/sso-plugin.registry';
import { SsoAccountsService } from 'src/sso/sso-accounts.service';
import {
  bindBrowser,
  BINDING_COOKIE,
  clearCookie,
  readCookie,
  setCookie,
  SIGN_IN_COOKIE,
} from 'src/sso/sso-cookies';
import { SsoLoginError } from 'src/sso/sso-login.error';
import { SIGN_IN_TTL_MS, SsoSignInsStore } from 'src/sso/sso-sign-ins.store';
import { providerUrls, SsoLoginFailure } from 'src/sso/sso.types';
import { UsersService } from 'src/users/users.service';

/** OIDC third-party-initiated login (Core §4) parameters, as far as we use them. */
interface Initiation {
  iss?: string;
  login_hint?: string;
  target_link_uri?: string;
}

const MAX_PARAM_LENGTH = 2048;

/**
 * The browser side of SSO (api.md "SSO browser flow"): sending people to their IdP, taking
 * them back, signing them in with a one-time code for the dashboard, and signing them out.
 * Every refusal ends on the dashboard's login page with a stable `error` and an audit entry.
 */
@Injectable()
export class SsoLoginService {
  private readonly logger = new Logger(SsoLoginService.name);

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly oidc: PassportOidcAdapter,
    private readonly accounts: SsoAccountsService,
    private readonly loginCodes: LoginCodesService,
    private readonly signIns: SsoSignInsStore,
    private readonly users: UsersService,
    @Inject(SSO_PLUGINS) private readonly plugins: SsoPluginRegistry,
  ) {}

  /**
   * `GET|POST /sso/{id}/login`: to the IdP's authorization endpoint, honouring `iss`,
   * `login_hint` and an on-dashboard `target_link_uri`.
   * @throws AppError NOT_FOUND for an unknown or disabled provider.
   */
  async startLogin(id: string, req: Request, res: Response): Promise<void> {
    const provider = assertFound(
      await this.db.repo(SsoProvider).findOneBy({ id, enabled: true }),
      'SSO provider not found',
    );
    const params = initiationOf(req);

    try {
      // Core §4: the login endpoint is this provider's only; another issuer is a mix-up
      if (params.iss !== undefined && params.iss !== provider.issuer) {
        throw new SsoLoginError(SsoLoginFailure.IssuerMismatch, 'iss names another issuer');
      }
      const binding = bindBrowser(req, res, this.isSecure);
      await this.oidc.startLogin(req, res, this.clientConfig(provider), {
        bindingHash: hashToken(binding),
        loginHint: params.login_hint ?? null,
        target: this.dashboardTarget(params.target_link_uri),
      });
    } catch (error) {
      await this.refuse(provider, error, res);
    }
  }

  /** `GET /sso/{id}/callback`: checks everything, then to the dashboard with a code. */
  async finishLogin(id: string, req: Request, res: Response): Promise<void> {
    const provider = await this.db.repo(SsoProvider).findOneBy({ id });

    try {
      if (!provider?.enabled) {
        throw new SsoLoginError(SsoLoginFailure.ProviderUnavailable, 'unknown or disabled');
      }
      const binding = readCookie(req, BINDING_COOKIE) ?? '';
      const login = await this.oidc.finishLogin(
        req,
        res,
        this.clientConfig(provider),
        hashToken(binding),
      );
      res.redirect(302, await this.signIn(provider, login, res));
    } catch (error) {
      await this.refuse(provider, error, res);
    }
  }

  /**
   * `GET /sso/{id}/logout`: ends the session this browser's sign-in led to, then on to the
   * IdP's end-session endpoint (which comes back here) or to the dashboard's login page.
   * @throws AppError NOT_FOUND for an unknown provider.
   */
  async logout(id: string, req: Request, res: Response): Promise<void> {
    const provider = assertFound(await this.db.repo(SsoProvider).findOneBy({ id }));
    const cookiePath = providerUrls('', id).logout;
    const handle = readCookie(req, SIGN_IN_COOKIE);
    const signIn = handle ? await this.signIns.take(handle, id) : null;
    clearCookie(res, SIGN_IN_COOKIE, { isSecure: this.isSecure, path: cookiePath });
    if (!signIn) {
      res.redirect(302, `${this.config.dashboardUrl}/login`);

      return;
    }

    await this.loginCodes.endSession(signIn.loginCodeId);
    const user = await this.users.findById(signIn.userId);
    await this.audit.record({
      companyId: provider.companyId,
      actor: user
        ? {
            type: 'user',
            id: user.id,
            name: `${user.firstName} ${user.lastName}`,
            companyId: user.companyId,
          }
        : { type: 'anonymous' },
      event: 'sso.logout',
      action: 'logout',
      target: { type: 'user', id: signIn.userId },
      changes: { provider_id: id },
    });
    this.logger.log(`User ${signIn.userId} signed out through SSO provider ${id}`);
    const logoutUrl = providerUrls(this.config.publicUrl, id).logout;
    const endSession = provider.enabled
      ? await this.oidc
          .endSessionUrl(this.clientConfig(provider), signIn.idToken, logoutUrl)
          .catch(() => null)
      : null;
    res.redirect(302, endSession ?? `${this.config.dashboardUrl}/login`);
  }

  /** The enabled provider that claims the email's domain; says nothing about the person. */
  async discover(query: SsoDiscoverQueryDto): Promise<SsoDiscoverResponseDto> {
    const domain = query.email.slice(query.email.lastIndexOf('@') + 1).toLowerCase();
    const claim = await this.db.repo(SsoProviderDomain).findOneBy({ domain });
    const provider =
      claim && (await this.db.repo(SsoProvider).findOneBy({ id: claim.providerId, enabled: true }));
    if (!provider) {
      throw new AppError(ErrorCode.NotFound, 'No identity provider is set up for this domain');
    }

    return { sso_url: providerUrls(this.config.publicUrl, provider.id).initiateSignIn };
  }

  // one transaction: a refusal after provisioning leaves no user, code or sign-in behind
  private async signIn(provider: SsoProvider, login: VerifiedLogin, res: Response) {
    const profile = this.plugins[provider.type].profileFrom(login.claims);
    const { user, code, handle, match } = await this.db.transaction(async () => {
      const account = await this.accounts.resolve(provider, login.subject, profile);
      const issued = await this.loginCodes.issue(account.user, 'sso');
      const handle = await this.signIns.create({
        providerId: provider.id,
        userId: account.user.id,
        loginCodeId: issued.id,
        idToken: login.idToken,
      });
      await this.users.setSsoProvider(account.user.id, provider.id);

      return { user: account.user, code: issued.code, handle, match: account.match };
    });
    await this.audit.record({
      companyId: provider.companyId,
      actor: {
        type: 'user',
        id: user.id,
        name: `${user.firstName} ${user.lastName}`,
        companyId: user.companyId,
      },
      event: 'sso.login.succeeded',
      action: 'login',
      target: { type: 'user', id: user.id },
      changes: { provider_id: provider.id, match },
    });
    setCookie(res, SIGN_IN_COOKIE, handle, {
      isSecure: this.isSecure,
      maxAgeMs: SIGN_IN_TTL_MS,
      path: providerUrls('', provider.id).logout,
    });
    this.logger.log(`User ${user.id} signed in through SSO provider ${provider.id} (${match})`);
    const target = new URL(login.target ?? this.config.dashboardUrl);
    target.searchParams.set('code', code);

    return target.href;
  }

  private async refuse(provider: SsoProvider | null, error: unknown, res: Response) {
    const refusal =
      error instanceof SsoLoginError
        ? error
        : new SsoLoginError(SsoLoginFailure.ServerError, 'unexpected error', { cause: error });
    const id = provider?.id ?? 'unknown';
    if (refusal.failure === SsoLoginFailure.ServerError) {
      this.logger.error(`SSO sign-in through provider ${id} failed`, (error as Error)?.stack);
    } else {
      this.logger.warn(`SSO sign-in through provider ${id} refused: ${refusal.message}`);
    }
    await this.audit.record({
      companyId: provider?.companyId ?? null,
      actor: { type: 'anonymous' },
      event: 'sso.login.refused',
      action: 'refuse',
      target: provider ? { type: 'sso_provider', id: provider.id } : undefined,
      changes: { error: refusal.failure, reason: refusal.reason },
    });
    res.redirect(302, `${this.config.dashboardUrl}/login?error=${refusal.failure}`);
  }

  private clientConfig(provider: SsoProvider): OidcClientConfig {
    return {
      providerId: provider.id,
      version: provider.version,
      issuer: provider.issuer,
      clientId: provider.clientId ?? '',
      clientSecret: provider.clientSecretSealed
        ? this.secrets.open(provider.clientSecretSealed)
        : '',
      callbackUrl: providerUrls(this.config.publicUrl, provider.id).callback,
      plugin: this.plugins[provider.type],
    };
  }

  // Core §4: target_link_uri is honoured only where it cannot make us an open redirector
  private dashboardTarget(value: string | undefined): string | null {
    if (value === undefined || !URL.canParse(value)) {
      return null;
    }
    const target = new URL(value);
    const dashboard = new URL(this.config.dashboardUrl);

    return target.origin === dashboard.origin ? target.href : null;
  }

  private get isSecure(): boolean {
    return this.config.publicUrl.startsWith('https:');
  }
}

// GET query or POST form; only strings, each of a sane length
function initiationOf(req: Request): Initiation {
  const source = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown>;
  const params: Initiation = {};
  for (const key of ['iss', 'login_hint', 'target_link_uri'] as const) {
    const value = source?.[key];
    if (typeof value === 'string' && value.length <= MAX_PARAM_LENGTH) {
      params[key] = value;
    }
  }

  return params;
}
