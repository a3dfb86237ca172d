import { SsoProviderType } from 'src/sso/sso.types';

/** Claims of a verified ID token merged with userinfo; values are whatever the IdP sent. */
export type IdpClaims = Readonly<Record<string, unknown>>;

/** What a base URL typed by an administrator becomes. */
export interface NormalizedBaseUrl {
  /** What is stored and shown as `base_url`. */
  readonly baseUrl: string;
  /** The issuer the IdP's discovery document and ID tokens must name exactly. */
  readonly issuer: string;
}

/** The person an IdP describes, as far as account matching and provisioning need it. */
export interface SsoProfile {
  readonly email: string | null;
  /** True only when the IdP asserts it (`email_verified: true`). */
  readonly isEmailVerified: boolean;
  readonly firstName: string | null;
  readonly lastName: string | null;
}

/** A base URL a plugin cannot use; the message is shown to the administrator as is. */
export class InvalidBaseUrlError extends Error {}

const MAX_EMAIL_LENGTH = 320;

/**
 * What makes one IdP type different from plain OpenID Connect. Plugins are pure: they shape
 * URLs and read claims, and never fetch, store or log anything. This base is the generic OIDC
 * behaviour; each type overrides only what differs.
 */
export abstract class OidcPlugin {
  abstract readonly type: SsoProviderType;
  abstract readonly displayName: string;

  /** @throws InvalidBaseUrlError with a reason an administrator can act on. */
  abstract normalizeBaseUrl(input: string): NormalizedBaseUrl;

  /**
   * The issuer to keep once discovery answered with `discovered`, or null to refuse it.
   * OIDC Discovery §4.3: the document's issuer must equal the one it was fetched for.
   */
  acceptDiscoveredIssuer(expected: string, discovered: string): string | null {
    return discovered === expected ? expected : null;
  }

  /** Checks beyond OIDC Core §3.1.3.7 on a verified ID token: a reason to refuse, or null. */
  checkIdTokenClaims(_claims: IdpClaims, _issuer: string): string | null {
    return null;
  }

  profileFrom(claims: IdpClaims): SsoProfile {
    return {
      email: emailFrom(claims.email),
      isEmailVerified: claims.email_verified === true,
      ...namesFrom(claims),
    };
  }

  /** Extra parameters of the authorization request. */
  authorizationParams(): Readonly<Record<string, string>> {
    return {};
  }
}

/**
 * An absolute http(s) URL without credentials, query or fragment, its path lacking trailing
 * slashes. Whether http is allowed is the URL policy's decision, not the plugin's.
 * @throws InvalidBaseUrlError
 */
export function parseBaseUrl(input: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidBaseUrlError(`must be a URL such as ${example}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidBaseUrlError(`must be an https URL such as ${example}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InvalidBaseUrlError('must not contain credentials, a query or a fragment');
  }
  url.pathname = url.pathname.replace(/\/+$/, '');

  return url;
}

/** The URL's origin and path, without a trailing slash. */
export function withoutTrailingSlash(url: URL): string {
  return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
}

export function emailFrom(value: unknown): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const email = value.trim().toLowerCase();

  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= MAX_EMAIL_LENGTH
    ? email
    : null;
}

/** `given_name`/`family_name`, else `name` split at its last space. */
export function namesFrom(claims: IdpClaims): Pick<SsoProfile, 'firstName' | 'lastName'> {
  const given = textClaim(claims.given_name);
  const family = textClaim(claims.family_name);
  if (given || family) {
    return { firstName: given, lastName: family };
  }
  const name = textClaim(claims.name);
  const space = name ? name.lastIndexOf(' ') : -1;

  return name && space > 0
    ? { firstName: name.slice(0, space), lastName: name.slice(space + 1) }
    : { firstName: name, lastName: null };
}

function textClaim(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
