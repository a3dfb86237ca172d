import { Role } from 'src/common/auth/principal';

/** The identity providers a company can connect; each has a plugin in `providers/<type>/`. */
export enum SsoProviderType {
  PingOne = 'pingone',
  Okta = 'okta',
  Entra = 'entra',
}

/** Roles a provider may give the people it provisions: never `administrator`. */
export const PROVISIONABLE_ROLES: readonly Role[] = [Role.Manager, Role.User, Role.ReadOnly];

/**
 * Why an SSO sign-in was refused: the stable `error` of the dashboard's login page
 * (`$DASHBOARD_URL/login?error=<code>`) and of the refusal's audit entry.
 */
export enum SsoLoginFailure {
  /** The provider is unknown, disabled or deleted. */
  ProviderUnavailable = 'provider_unavailable',
  /** The IdP's metadata or keys could not be loaded. */
  DiscoveryFailed = 'discovery_failed',
  /** A third-party-initiated login named another issuer. */
  IssuerMismatch = 'issuer_mismatch',
  /** The callback lacks a state, or a code and an error. */
  InvalidRequest = 'invalid_request',
  /** Unknown, used, expired, another provider's or another browser's login transaction. */
  InvalidState = 'invalid_state',
  /** The person cancelled at the IdP, or the IdP refused them. */
  AccessDenied = 'access_denied',
  /** The IdP answered the authorization request with another error. */
  IdpError = 'idp_error',
  /** The token endpoint refused the code or did not answer in time. */
  TokenExchangeFailed = 'token_exchange_failed',
  /** The ID token failed a check: signature, algorithm, iss, aud, azp, exp, iat, nonce, tid. */
  InvalidIdToken = 'invalid_id_token',
  /** userinfo failed, or described another subject than the ID token. */
  InvalidUserinfo = 'invalid_userinfo',
  /** Neither the ID token nor userinfo carries an email, which matching needs. */
  EmailMissing = 'email_missing',
  /** No linked or matching user, and just-in-time provisioning is off (or cannot apply). */
  AccountNotFound = 'account_not_found',
  /** The user is deactivated. */
  AccountInactive = 'account_inactive',
  /** The provider's company is deleted. */
  CompanyInactive = 'company_inactive',
  /** Anything unexpected; logged with its stack. */
  ServerError = 'server_error',
}

/** A provider as the rest of the sso module sees it; the client secret stays sealed. */
export interface SsoProviderView {
  readonly id: string;
  readonly companyId: string;
  readonly type: SsoProviderType;
  readonly name: string;
  readonly baseUrl: string;
  readonly issuer: string;
  readonly clientId: string | null;
  readonly clientSecretSealed: string | null;
  readonly enabled: boolean;
  readonly jitProvisioning: boolean;
  readonly defaultRole: Role;
  readonly enforceSso: boolean;
  readonly domains: readonly string[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The three URLs an administrator pastes into the IdP. */
export interface SsoProviderUrls {
  readonly initiateSignIn: string;
  readonly callback: string;
  readonly logout: string;
}

export function providerUrls(publicUrl: string, providerId: string): SsoProviderUrls {
  const base = `${publicUrl}/sso/${providerId}`;

  return {
    initiateSignIn: `${base}/login`,
    callback: `${base}/callback`,
    logout: `${base}/logout`,
  };
}
