import type { TenantType, TestUser } from 'libs/test-idp/types';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AccountClaims, Configuration } from 'oidc-provider';

type Claims = NonNullable<Configuration['claims']>;
type Routes = NonNullable<Configuration['routes']>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PATH_SEGMENT = /^[A-Za-z0-9._-]+$/;

// oidc-provider's default claims; the `claims` option replaces them rather than merging
const PROTOCOL_CLAIMS: Claims = { acr: null, auth_time: null, iss: null, sid: null };

/** Everything that makes a tenant look like one vendor's OP, from a server origin and an id. */
export interface VendorShape {
  readonly baseUrl: string;
  readonly claims: Claims;
  /** A path outside the mount that must answer as the discovery route (Entra only). */
  readonly discoveryAlias?: string;
  readonly id: string;
  readonly issuer: string;
  /** Path prefix under which the Provider's own routes live. */
  readonly mountPath: string;
  readonly routes: Routes;
  readonly type: TenantType;
  toClaims(user: TestUser): AccountClaims;
}

/** @throws Error when `id` is not a safe path segment, or not a GUID for Entra. */
export function shapeFor(type: TenantType, origin: string, id?: string): VendorShape {
  switch (type) {
    case 'pingone':
      return pingOne(origin, checkSegment(id ?? randomUUID()));
    case 'okta':
      return okta(origin, checkSegment(id ?? randomBytes(4).toString('hex')));
    case 'entra':
      return entra(origin, checkGuid(id ?? randomUUID()));
  }
}

// PingOne: issuer https://auth.pingone.<region>/<envId>/as, routes under it without a version
function pingOne(origin: string, id: string): VendorShape {
  const mountPath = `/${id}/as`;

  return {
    baseUrl: `${origin}/${id}`,
    claims: standardClaimsConfig(),
    id,
    issuer: `${origin}${mountPath}`,
    mountPath,
    routes: {
      authorization: '/authorize',
      end_session: '/signoff',
      jwks: '/jwks',
      token: '/token',
      userinfo: '/userinfo',
    },
    toClaims: standardClaims,
    type: 'pingone',
  };
}

// Okta custom authorization server; the org prefix stands in for the <org>.okta.com host
function okta(origin: string, id: string): VendorShape {
  const orgPath = `/okta-${id}`;
  const mountPath = `${orgPath}/oauth2/default`;

  return {
    baseUrl: `${origin}${orgPath}`,
    claims: standardClaimsConfig(),
    id,
    issuer: `${origin}${mountPath}`,
    mountPath,
    routes: {
      authorization: '/v1/authorize',
      end_session: '/v1/logout',
      jwks: '/v1/keys',
      token: '/v1/token',
      userinfo: '/v1/userinfo',
    },
    toClaims: standardClaims,
    type: 'okta',
  };
}

// Entra v2.0: the issuer ends in /v2.0 but the endpoints hang off /<tenant>, outside the issuer
function entra(origin: string, id: string): VendorShape {
  const mountPath = `/${id}`;

  return {
    baseUrl: `${origin}${mountPath}`,
    claims: {
      ...PROTOCOL_CLAIMS,
      email: ['email'],
      openid: ['sub', 'tid'],
      profile: ['family_name', 'given_name', 'name', 'preferred_username'],
    },
    discoveryAlias: `${mountPath}/v2.0/.well-known/openid-configuration`,
    id,
    issuer: `${origin}${mountPath}/v2.0`,
    mountPath,
    routes: {
      authorization: '/oauth2/v2.0/authorize',
      end_session: '/oauth2/v2.0/logout',
      jwks: '/discovery/v2.0/keys',
      token: '/oauth2/v2.0/token',
      // real Entra serves userinfo from graph.microsoft.com/oidc/userinfo
      userinfo: '/oidc/userinfo',
    },
    // Entra sends no email_verified; preferred_username carries the sign-in name
    toClaims: (user) => ({
      ...profileClaims(user),
      email: user.email,
      preferred_username: user.email,
      sub: user.sub,
      tid: id,
    }),
    type: 'entra',
  };
}

function standardClaimsConfig(): Claims {
  return {
    ...PROTOCOL_CLAIMS,
    email: ['email', 'email_verified'],
    openid: ['sub'],
    profile: ['family_name', 'given_name', 'name', 'picture'],
  };
}

function standardClaims(user: TestUser): AccountClaims {
  return {
    ...profileClaims(user),
    picture: user.picture,
    email: user.email,
    email_verified: user.emailVerified ?? true,
    sub: user.sub,
  };
}

function profileClaims(user: TestUser): Record<string, string | undefined> {
  const name = [user.givenName, user.familyName].filter(Boolean).join(' ');

  return { family_name: user.familyName, given_name: user.givenName, name: name || undefined };
}

function checkSegment(id: string): string {
  if (!PATH_SEGMENT.test(id)) {
    throw new Error(`Tenant id "${id}" must be a single URL path segment`);
  }

  return id;
}

function checkGuid(id: string): string {
  if (!GUID.test(id)) {
    throw new Error(`Entra tenant id "${id}" must be a GUID`);
  }

  return id;
}
