import {
  InvalidBaseUrlError,
  NormalizedBaseUrl,
  OidcPlugin,
  parseBaseUrl,
  withoutTrailingSlash,
} from 'src/sso/providers/sso-plugin';
import { SsoProviderType } from 'src/sso/sso.types';

const EXAMPLE = 'https://<org>.okta.com';
const CUSTOM_SERVER_PATH = /\/oauth2\/[^/]+$/;
// the admin console lives on <org>-admin.okta.com; tokens name <org>.okta.com
const ADMIN_HOST = /^([a-z0-9-]+)-admin\.(okta\.com|oktapreview\.com|okta-emea\.com)$/i;

/**
 * Okta: the org authorization server's issuer is the org URL itself, a custom authorization
 * server's is the org URL plus `/oauth2/<server-id>`. Issuers compare exactly, so the trailing
 * slash an administrator copies from the browser goes.
 */
export class OktaPlugin extends OidcPlugin {
  readonly type = SsoProviderType.Okta;
  readonly displayName = 'Okta';

  normalizeBaseUrl(input: string): NormalizedBaseUrl {
    const url = parseBaseUrl(input, EXAMPLE);
    if (url.pathname !== '/' && !CUSTOM_SERVER_PATH.test(url.pathname)) {
      throw new InvalidBaseUrlError(
        `must be the Okta org URL (${EXAMPLE}) or a custom authorization server ` +
          `(${EXAMPLE}/oauth2/<server-id>)`,
      );
    }
    url.hostname = url.hostname.replace(ADMIN_HOST, '$1.$2');
    const issuer = withoutTrailingSlash(url);

    return { baseUrl: issuer, issuer };
  }
}
