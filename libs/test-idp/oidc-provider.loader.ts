import type Provider from 'oidc-provider';

export type OidcProviderModule = typeof import('oidc-provider');
export type ProviderInstance = Provider;

let loading: Promise<OidcProviderModule> | undefined;

/**
 * Loads oidc-provider once. It is ESM-only, so a dynamic import keeps this file loadable from the
 * CommonJS build on any Node version, and @swc/jest turns it into a plain require under jest.
 * Importing prints "Unsupported runtime" once on Node 20; it is a warning only.
 */
export function loadOidcProvider(): Promise<OidcProviderModule> {
  loading ??= import('oidc-provider');

  return loading;
}
