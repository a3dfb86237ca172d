import { EntraPlugin } from 'src/sso/providers/entra/entra.plugin';
import { OktaPlugin } from 'src/sso/providers/okta/okta.plugin';
import { PingOnePlugin } from 'src/sso/providers/pingone/pingone.plugin';
import { InvalidBaseUrlError } from 'src/sso/providers/sso-plugin';
import { createSsoPluginRegistry } from 'src/sso/providers/sso-plugin.registry';
import { SsoProviderType } from 'src/sso/sso.types';

const ENV = '0f5c6d2e-1a2b-4c3d-9e8f-123456789abc';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('SSO plugins', () => {
  it('has one plugin per provider type, each knowing its own type', () => {
    const registry = createSsoPluginRegistry();

    for (const type of Object.values(SsoProviderType)) {
      expect(registry[type].type).toBe(type);
    }
  });

  describe(PingOnePlugin.name, () => {
    const sut = new PingOnePlugin();

    it.each([
      `https://auth.pingone.eu/${ENV}`,
      `https://auth.pingone.eu/${ENV}/`,
      `https://auth.pingone.eu/${ENV}/as`,
      ` https://auth.pingone.eu/${ENV}/as/ `,
    ])('makes %s the issuer plus /as', (input) => {
      expect(sut.normalizeBaseUrl(input)).toEqual({
        baseUrl: `https://auth.pingone.eu/${ENV}`,
        issuer: `https://auth.pingone.eu/${ENV}/as`,
      });
    });

    it('refuses what is not an http(s) URL', () => {
      for (const input of ['auth.pingone.eu/x', 'ftp://auth.pingone.eu/x', 'https://a/x?y=1']) {
        expect(() => sut.normalizeBaseUrl(input)).toThrow(InvalidBaseUrlError);
      }
    });

    it('reads email, its verification and the names', () => {
      expect(
        sut.profileFrom({
          email: ' Ada@Example.COM ',
          email_verified: true,
          given_name: 'Ada',
          family_name: 'Lovelace',
        }),
      ).toEqual({
        email: 'ada@example.com',
        isEmailVerified: true,
        firstName: 'Ada',
        lastName: 'Lovelace',
      });
      expect(
        sut.profileFrom({ email: 'x@y.test', email_verified: 'true', name: 'Grace B. Hopper' }),
      ).toEqual({
        email: 'x@y.test',
        isEmailVerified: false,
        firstName: 'Grace B.',
        lastName: 'Hopper',
      });
    });
  });

  describe(OktaPlugin.name, () => {
    const sut = new OktaPlugin();

    it.each([
      ['https://acme.okta.com/', 'https://acme.okta.com'],
      ['https://acme.okta.com/oauth2/default/', 'https://acme.okta.com/oauth2/default'],
      ['https://acme-admin.okta.com', 'https://acme.okta.com'],
      [
        'https://trial-6142540.okta.com/oauth2/aus1abc',
        'https://trial-6142540.okta.com/oauth2/aus1abc',
      ],
    ])('takes %s as the issuer %s', (input, issuer) => {
      expect(sut.normalizeBaseUrl(input)).toEqual({ baseUrl: issuer, issuer });
    });

    it('refuses a dashboard page instead of the org URL', () => {
      expect(() => sut.normalizeBaseUrl('https://acme.okta.com/app/UserHome')).toThrow(/org URL/);
    });
  });

  describe(EntraPlugin.name, () => {
    const sut = new EntraPlugin();
    const issuer = `https://login.microsoftonline.com/${TENANT}/v2.0`;

    it.each([
      [TENANT.toUpperCase(), TENANT],
      ['contoso.onmicrosoft.com', 'contoso.onmicrosoft.com'],
      [
        `https://login.microsoftonline.com/${TENANT}`,
        `https://login.microsoftonline.com/${TENANT}`,
      ],
      [`https://login.microsoftonline.com/${TENANT}/v2.0/`, issuer],
    ])('takes %s', (input, baseUrl) => {
      const normalized = sut.normalizeBaseUrl(input);

      expect(normalized.baseUrl).toBe(baseUrl);
      expect(normalized.issuer).toMatch(/^https:\/\/login\.microsoftonline\.com\/[^/]+\/v2\.0$/);
    });

    it('refuses the multi-tenant authorities and what is no tenant', () => {
      for (const input of [
        'common',
        'Organizations',
        'https://login.microsoftonline.com/consumers/v2.0',
        'not a tenant',
        `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize`,
      ]) {
        expect(() => sut.normalizeBaseUrl(input)).toThrow(InvalidBaseUrlError);
      }
    });

    it("keeps the GUID issuer a domain's discovery names, and nothing else", () => {
      const byDomain = 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0';

      expect(sut.acceptDiscoveredIssuer(byDomain, issuer)).toBe(issuer);
      expect(sut.acceptDiscoveredIssuer(issuer, issuer)).toBe(issuer);
      expect(
        sut.acceptDiscoveredIssuer(byDomain, 'https://evil.test/' + TENANT + '/v2.0'),
      ).toBeNull();
      expect(
        sut.acceptDiscoveredIssuer(issuer, issuer.replace(TENANT, TENANT.replace('7', '8'))),
      ).toBeNull();
      expect(
        sut.acceptDiscoveredIssuer(byDomain, 'https://login.microsoftonline.com/{tenantid}/v2.0'),
      ).toBeNull();
    });

    it('requires tid to name the tenant', () => {
      expect(sut.checkIdTokenClaims({ tid: TENANT }, issuer)).toBeNull();
      expect(sut.checkIdTokenClaims({ tid: TENANT.toUpperCase() }, issuer)).toBeNull();
      expect(
        sut.checkIdTokenClaims({ tid: '00000000-0000-0000-0000-000000000000' }, issuer),
      ).toMatch(/tid/);
      expect(sut.checkIdTokenClaims({}, issuer)).toMatch(/tid/);
      expect(
        sut.checkIdTokenClaims(
          { tid: TENANT },
          'https://login.microsoftonline.com/contoso.com/v2.0',
        ),
      ).toMatch(/GUID/);
    });

    it('reads the sign-in name when there is no email, and never trusts it as verified', () => {
      expect(
        sut.profileFrom({ preferred_username: 'Ent@Contoso.com', email_verified: true }),
      ).toEqual({
        email: 'ent@contoso.com',
        isEmailVerified: false,
        firstName: null,
        lastName: null,
      });
      expect(
        sut.profileFrom({ upn: 'u@contoso.com', preferred_username: 'not-an-email' }).email,
      ).toBe('u@contoso.com');
    });
  });
});
