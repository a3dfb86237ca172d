import {
  NormalizedBaseUrl,
  OidcPlugin,
  parseBaseUrl,
  withoutTrailingSlash,
} from 'src/sso/providers/sso-plugin';
import { SsoProviderType } from 'src/sso/sso.types';

const EXAMPLE = 'https://auth.pingone.eu/<environment-id>';

/**
 * PingOne: the issuer is `https://auth.pingone.<region>/<environment-id>/as`. Its setup guide
 * has administrators paste the issuer without `/as`; a pasted issuer with it is accepted too.
 */
export class PingOnePlugin extends OidcPlugin {
  readonly type = SsoProviderType.PingOne;
  readonly displayName = 'PingOne';

  normalizeBaseUrl(input: string): NormalizedBaseUrl {
    const url = parseBaseUrl(input, EXAMPLE);
    url.pathname = url.pathname.replace(/\/as$/, '').replace(/\/+$/, '');
    const baseUrl = withoutTrailingSlash(url);

    return { baseUrl, issuer: `${baseUrl}/as` };
  }
}
