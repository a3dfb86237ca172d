import {
  emailFrom,
  IdpClaims,
  InvalidBaseUrlError,
  namesFrom,
  NormalizedBaseUrl,
  OidcPlugin,
  parseBaseUrl,
  SsoProfile,
} from 'src/sso/providers/sso-plugin';
import { SsoProviderType } from 'src/sso/sso.types';

const AUTHORITY = 'https://login.microsoftonline.com';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
// multi-tenant documents publish a literal {tenantid} issuer that no token matches
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

/**
 * Microsoft Entra ID (v2.0 endpoints). The base URL is a tenant id (GUID or verified domain) or
 * a full authority URL; the issuer is `<authority>/<tenant>/v2.0`. A domain's discovery
 * document names the tenant GUID, which is kept. Tokens carry the tenant in `tid` and no
 * `email_verified`, so email matching relies on the provider's domains.
 */
export class EntraPlugin extends OidcPlugin {
  readonly type = SsoProviderType.Entra;
  readonly displayName = 'Microsoft Entra ID';

  normalizeBaseUrl(input: string): NormalizedBaseUrl {
    const trimmed = input.trim();
    if (!trimmed.includes('://')) {
      const tenant = parseTenant(trimmed);

      return { baseUrl: tenant, issuer: `${AUTHORITY}/${tenant}/v2.0` };
    }

    const url = parseBaseUrl(trimmed, `${AUTHORITY}/<tenant-id>`);
    const [, first = '', second, ...rest] = url.pathname.split('/');
    if ((second !== undefined && second !== 'v2.0') || rest.length > 0) {
      throw new InvalidBaseUrlError(
        `must be a tenant id or an authority such as ${AUTHORITY}/<tenant-id>`,
      );
    }
    const tenant = parseTenant(first);
    const authority = `${url.origin}/${tenant}`;

    return { baseUrl: second ? `${authority}/v2.0` : authority, issuer: `${authority}/v2.0` };
  }

  /** A tenant given as a domain is known by its GUID once discovery has named it. */
  override acceptDiscoveredIssuer(expected: string, discovered: string): string | null {
    if (discovered === expected) {
      return expected;
    }
    const wanted = splitIssuer(expected);
    const found = splitIssuer(discovered);
    const isDomainResolved =
      wanted !== null &&
      found !== null &&
      !GUID.test(wanted.tenant) &&
      GUID.test(found.tenant) &&
      wanted.origin === found.origin;

    return isDomainResolved ? discovered : null;
  }

  override checkIdTokenClaims(claims: IdpClaims, issuer: string): string | null {
    const tenant = splitIssuer(issuer)?.tenant;
    if (!tenant || !GUID.test(tenant)) {
      return 'the tenant GUID of the issuer is unknown';
    }

    return typeof claims.tid === 'string' && claims.tid.toLowerCase() === tenant.toLowerCase()
      ? null
      : 'tid does not name the tenant';
  }

  // `email` is optional in Entra; the sign-in name usually holds the address
  override profileFrom(claims: IdpClaims): SsoProfile {
    return {
      email:
        emailFrom(claims.email) ?? emailFrom(claims.preferred_username) ?? emailFrom(claims.upn),
      isEmailVerified: false,
      ...namesFrom(claims),
    };
  }
}

function parseTenant(value: string): string {
  const tenant = value.toLowerCase();
  if (MULTI_TENANT.has(tenant)) {
    throw new InvalidBaseUrlError(
      `"${tenant}" is multi-tenant; use your own tenant id, a GUID from Entra's overview page`,
    );
  }
  if (!GUID.test(tenant) && !DOMAIN.test(tenant)) {
    throw new InvalidBaseUrlError(
      'must be a tenant id (a GUID, or a domain such as contoso.onmicrosoft.com) ' +
        'or an authority URL',
    );
  }

  return tenant;
}

function splitIssuer(issuer: string): { origin: string; tenant: string } | null {
  const match = /^(https?:\/\/[^/]+)\/([^/]+)\/v2\.0$/.exec(issuer);

  return match ? { origin: match[1] ?? '', tenant: match[2] ?? '' } : null;
}
