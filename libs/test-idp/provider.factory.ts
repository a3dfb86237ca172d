import { escapeHtml, page } from 'libs/test-idp/html';
import { createAdapterFactory, type MemoryStore } from 'libs/test-idp/memory.adapter';
import type { OidcProviderModule, ProviderInstance } from 'libs/test-idp/oidc-provider.loader';
import {
  logoutRedirectMiddleware,
  misbehaviourMiddleware,
  type MisbehaviourSource,
} from 'libs/test-idp/provider.middleware';
import type { TestUser } from 'libs/test-idp/types';
import type { VendorShape } from 'libs/test-idp/vendors';
import type {
  AdapterPayload,
  Configuration,
  ErrorOut,
  Grant,
  KoaContextWithOIDC,
  JWK as ProviderJwk,
} from 'oidc-provider';

const DAY = 24 * 60 * 60;

// oidc-provider's own defaults, spelled out because each default TTL prints a notice when used
const TTL = {
  AccessToken: 60 * 60,
  AuthorizationCode: 60,
  BackchannelAuthenticationRequest: 10 * 60,
  ClientCredentials: 10 * 60,
  DeviceCode: 10 * 60,
  Grant: 14 * DAY,
  IdToken: 60 * 60,
  Interaction: 60 * 60,
  RefreshToken: 14 * DAY,
  Session: 14 * DAY,
};

/** What a Provider needs from its tenant; the tenant outlives Providers across key rotation. */
export interface TenantRuntime extends MisbehaviourSource {
  readonly cookieKeys: string[];
  readonly shape: VendorShape;
  readonly store: MemoryStore;
  clientMetadata(clientId: string): AdapterPayload | undefined;
  findUser(sub: string): TestUser | undefined;
  /** Private JWKs, newest (the signing key) first. */
  signingJwks(): ProviderJwk[];
}

export function createProvider(oidc: OidcProviderModule, runtime: TenantRuntime): ProviderInstance {
  const provider = new oidc.default(runtime.shape.issuer, buildConfiguration(runtime));
  provider.use(misbehaviourMiddleware(runtime));
  provider.use(logoutRedirectMiddleware(runtime.shape.mountPath));

  return provider;
}

function buildConfiguration(runtime: TenantRuntime): Configuration {
  const { shape } = runtime;
  const cookieSuffix = `${shape.type}_${shape.id}`;

  return {
    adapter: createAdapterFactory(runtime.store, (id) => runtime.clientMetadata(id)),
    claims: shape.claims,
    // every CORS caller is fine for a test OP; the default policy prints a notice
    clientBasedCORS: () => true,
    // vendors put the profile and email claims in the ID token, not only in userinfo
    conformIdTokenClaims: false,
    cookies: {
      keys: runtime.cookieKeys,
      // tenants share one host, so per-tenant names keep their sessions apart in one browser
      names: {
        interaction: `_interaction_${cookieSuffix}`,
        resume: `_interaction_resume_${cookieSuffix}`,
        session: `_session_${cookieSuffix}`,
      },
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    findAccount: (_ctx, sub) => {
      const user = runtime.findUser(sub);

      return user && { accountId: sub, claims: () => shape.toClaims(user) };
    },
    interactions: {
      url: (_ctx, interaction) => `${shape.mountPath}/interaction/${interaction.uid}`,
    },
    // Okta, Entra and PingOne issue refresh tokens without prompt=consent; oidc-provider would
    // drop offline_access, so any client allowed the refresh_token grant gets one
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    jwks: { keys: runtime.signingJwks() },
    loadExistingGrant,
    renderError,
    routes: shape.routes,
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    ttl: TTL,
  };
}

// no consent screen: every requested scope and claim is granted to the signed-in account
async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { client, params, provider, session } = ctx.oidc;
  const accountId = session?.accountId;
  if (!client || !accountId) {
    return undefined;
  }

  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  const grant =
    existing?.accountId === accountId
      ? existing
      : new provider.Grant({ accountId, clientId: client.clientId });
  grant.addOIDCScope(typeof params?.scope === 'string' ? params.scope : 'openid');
  grant.addOIDCClaims(ctx.oidc.requestParamClaims);
  await grant.save();

  return grant;
}

// only reached by browsers; logoutRedirectMiddleware turns this page into a redirect first
function logoutSource(ctx: KoaContextWithOIDC, form: string): void {
  ctx.body = page(
    'Sign out',
    `${form}<button form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
  );
}

function postLogoutSuccessSource(ctx: KoaContextWithOIDC): void {
  ctx.body = page('Signed out', '<h1>Signed out</h1>');
}

// a test OP may say what broke: the default page hides server errors behind "oops"
function renderError(ctx: KoaContextWithOIDC, out: ErrorOut, error: Error): void {
  const detail = out.error === 'server_error' ? error.message : out.error_description;
  ctx.type = 'html';
  ctx.body = page(
    'Error',
    `<h1 id="error">${escapeHtml(out.error)}</h1>${detail ? `<p>${escapeHtml(detail)}</p>` : ''}`,
  );
}
