import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { startTestIdp, type TestIdp, type TestTenant } from 'libs/test-idp';
import { Role } from 'src/common/auth/principal';
import { randomToken } from 'src/common/crypto/tokens';
import { CompaniesService } from 'src/companies/companies.service';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import {
  DEMO_CLIENT_ID,
  DEMO_COMPANY_NAME,
  DEMO_LOGIN,
  DEMO_PROVIDER_NAME,
  DEMO_TENANT_ID,
} from 'src/demo/demo.constants';
import { SsoProviderResponseDto } from 'src/sso/dto/sso-provider.dto';
import { SsoProvidersService } from 'src/sso/sso-providers.service';
import { SsoProviderType } from 'src/sso/sso.types';
import { UsersService } from 'src/users/users.service';

/**
 * With DEMO on (never in production): starts the test IdP on a loopback port, seeds a demo
 * company with an enabled PingOne-type provider pointing at it, and prints how to sign in.
 * Seeding is idempotent: a restart finds the company by its demo user and updates the
 * provider (the IdP's port and client secret are new each time).
 */
@Injectable()
export class DemoService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DemoService.name);
  private idp: TestIdp | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly companies: CompaniesService,
    private readonly users: UsersService,
    private readonly providers: SsoProvidersService,
  ) {}

  // a demo that cannot start must not take the service down with it
  async onApplicationBootstrap(): Promise<void> {
    try {
      const provider = await this.start();
      this.logger.log(
        `Demo SSO: open ${provider.urls.initiate_sign_in} and sign in at the demo IdP as ` +
          `${DEMO_LOGIN.login} with the password ${DEMO_LOGIN.password}`,
      );
    } catch (error) {
      this.logger.error(
        `The demo IdP could not start on port ${this.config.demoIdpPort}; ` +
          'set DEMO_IDP_PORT to a free port, or DEMO=false',
        (error as Error).stack,
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.idp?.close();
    this.idp = null;
  }

  private async start(): Promise<SsoProviderResponseDto> {
    this.idp = await startTestIdp({ port: this.config.demoIdpPort });
    this.providers.trustDemoIssuerOrigin(this.idp.url);
    const tenant = await this.idp.addTenant({ type: 'pingone', id: DEMO_TENANT_ID });
    tenant.addUser({
      sub: 'demo-user',
      email: DEMO_LOGIN.login,
      emailVerified: true,
      givenName: 'Demo',
      familyName: 'User',
      password: DEMO_LOGIN.password,
    });
    const companyId = await this.ensureCompany();
    this.logger.log(`Demo IdP listening on ${this.idp.url}`);

    return this.providers.seed(
      companyId,
      { type: SsoProviderType.PingOne, base_url: tenant.baseUrl, name: DEMO_PROVIDER_NAME },
      (provider) => Promise.resolve(this.registerClient(tenant, provider)),
    );
  }

  private registerClient(tenant: TestTenant, provider: SsoProviderResponseDto) {
    const clientSecret = randomToken();
    tenant.addClient({
      clientId: DEMO_CLIENT_ID,
      clientSecret,
      redirectUris: [provider.urls.callback],
      postLogoutRedirectUris: [provider.urls.logout],
    });

    return {
      base_url: tenant.baseUrl,
      client_id: DEMO_CLIENT_ID,
      client_secret: clientSecret,
      enabled: true,
      jit_provisioning: true,
    };
  }

  // the demo user's email is unique on the platform, so it marks the demo company
  private async ensureCompany(): Promise<string> {
    const existing = await this.users.findByEmail(DEMO_LOGIN.login);
    if (existing) {
      return existing.companyId;
    }

    return this.db.transaction(async () => {
      const company = await this.companies.create({ name: DEMO_COMPANY_NAME });
      await this.users.create({
        companyId: company.id,
        email: DEMO_LOGIN.login,
        firstName: 'Demo',
        lastName: 'User',
        role: Role.Administrator,
        passwordHash: null,
      });
      this.logger.log(`Seeded the demo company ${company.id}`);

      return company.id;
    });
  }
}
