import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { AuthModule } from 'src/auth/auth.module';
import { RateLimitModule } from 'src/common/rate-limit/rate-limit.module';
import { CompaniesModule } from 'src/companies/companies.module';
import { SsoIdentity } from 'src/sso/entities/sso-identity.entity';
import { SsoLoginTransaction } from 'src/sso/entities/sso-login-transaction.entity';
import { SsoProviderDomain } from 'src/sso/entities/sso-provider-domain.entity';
import { SsoProvider } from 'src/sso/entities/sso-provider.entity';
import { SsoSignIn } from 'src/sso/entities/sso-sign-in.entity';
import { IssuerUrlPolicy } from 'src/sso/issuer-url.policy';
import { LoginTransactionsStore } from 'src/sso/login-transactions.store';
import { PassportOidcAdapter } from 'src/sso/passport-oidc.adapter';
import { ssoPluginRegistryProvider } from 'src/sso/providers/sso-plugin.registry';
import { SsoAccountsService } from 'src/sso/sso-accounts.service';
import { SsoLoginPolicyModule } from 'src/sso/sso-login-policy.module';
import { SsoLoginService } from 'src/sso/sso-login.service';
import { SsoProvidersService } from 'src/sso/sso-providers.service';
import { SsoSignInsStore } from 'src/sso/sso-sign-ins.store';
import { SsoController } from 'src/sso/sso.controller';
import { UsersModule } from 'src/users/users.module';

@Module({
  imports: [
    AuditModule,
    AuthModule,
    CompaniesModule,
    RateLimitModule,
    SsoLoginPolicyModule,
    TypeOrmModule.forFeature([
      SsoIdentity,
      SsoLoginTransaction,
      SsoProvider,
      SsoProviderDomain,
      SsoSignIn,
    ]),
    UsersModule,
  ],
  controllers: [SsoController],
  providers: [
    IssuerUrlPolicy,
    LoginTransactionsStore,
    PassportOidcAdapter,
    ssoPluginRegistryProvider,
    SsoAccountsService,
    SsoLoginService,
    SsoProvidersService,
    SsoSignInsStore,
  ],
  exports: [SsoProvidersService],
})
export class SsoModule {}
