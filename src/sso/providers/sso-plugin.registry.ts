import { Provider } from '@nestjs/common';
import { EntraPlugin } from 'src/sso/providers/entra/entra.plugin';
import { OktaPlugin } from 'src/sso/providers/okta/okta.plugin';
import { PingOnePlugin } from 'src/sso/providers/pingone/pingone.plugin';
import { OidcPlugin } from 'src/sso/providers/sso-plugin';
import { SsoProviderType } from 'src/sso/sso.types';

/** One plugin per provider type: a type without a plugin does not compile. */
export type SsoPluginRegistry = Readonly<Record<SsoProviderType, OidcPlugin>>;

export const SSO_PLUGINS = Symbol('SSO_PLUGINS');

export function createSsoPluginRegistry(): SsoPluginRegistry {
  return {
    [SsoProviderType.Entra]: new EntraPlugin(),
    [SsoProviderType.Okta]: new OktaPlugin(),
    [SsoProviderType.PingOne]: new PingOnePlugin(),
  };
}

export const ssoPluginRegistryProvider: Provider = {
  provide: SSO_PLUGINS,
  useFactory: createSsoPluginRegistry,
};
