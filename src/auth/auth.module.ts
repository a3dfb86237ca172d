import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { ApiKeysController } from 'src/auth/api-keys.controller';
import { ApiKeysService } from 'src/auth/api-keys.service';
import { AuthController } from 'src/auth/auth.controller';
import { AuthService } from 'src/auth/auth.service';
import { BreachedPasswordsClient } from 'src/auth/breached-passwords.adapter';
import { CompanySwitchController } from 'src/auth/company-switch.controller';
import { CompanySwitchService } from 'src/auth/company-switch.service';
import { CredentialAuthenticator } from 'src/auth/credential-authenticator';
import { ApiKey } from 'src/auth/entities/api-key.entity';
import { ExternalIdentity } from 'src/auth/entities/external-identity.entity';
import { GoogleLogin } from 'src/auth/entities/google-login.entity';
import { GoogleRegistration } from 'src/auth/entities/google-registration.entity';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { MfaChallenge } from 'src/auth/entities/mfa-challenge.entity';
import { MfaFactor } from 'src/auth/entities/mfa-factor.entity';
import { OAuthClient } from 'src/auth/entities/oauth-client.entity';
import { RecoveryCode } from 'src/auth/entities/recovery-code.entity';
import { Session } from 'src/auth/entities/session.entity';
import { ExpiredRowsSweeper } from 'src/auth/expired-rows.sweeper';
import { GoogleAccountsService } from 'src/auth/google/google-accounts.service';
import { GoogleLoginService } from 'src/auth/google/google-login.service';
import { GoogleOidcClient } from 'src/auth/google/google-oidc.adapter';
import { GoogleController } from 'src/auth/google/google.controller';
import { LoginCodesService } from 'src/auth/login-codes.service';
import { LoginThrottle } from 'src/auth/login-throttle.service';
import { MachineTokenService } from 'src/auth/machine-token.service';
import { MfaController } from 'src/auth/mfa.controller';
import { MfaService } from 'src/auth/mfa.service';
import { OAuthClientsController } from 'src/auth/oauth-clients.controller';
import { OAuthClientsService } from 'src/auth/oauth-clients.service';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { PasswordsController } from 'src/auth/passwords.controller';
import { PasswordsService } from 'src/auth/passwords.service';
import { SessionsService } from 'src/auth/sessions.service';
import { SupportAccountsService } from 'src/auth/support-accounts.service';
import { TokenAuthenticator } from 'src/auth/token-authenticator';
import { TokenService } from 'src/auth/token.service';
import { AuthenticationGuard } from 'src/common/auth/authentication.guard';
import { AUTHENTICATOR } from 'src/common/auth/authenticator';
import { Clock } from 'src/common/clock';
import { RateLimitModule } from 'src/common/rate-limit/rate-limit.module';
import { CompaniesModule } from 'src/companies/companies.module';
import { LinkedCompaniesModule } from 'src/linked-companies/linked-companies.module';
import { UsersModule } from 'src/users/users.module';

@Module({
  imports: [
    AuditModule,
    CompaniesModule,
    LinkedCompaniesModule,
    RateLimitModule,
    TypeOrmModule.forFeature([
      ApiKey,
      ExternalIdentity,
      GoogleLogin,
      GoogleRegistration,
      LoginCode,
      MfaChallenge,
      MfaFactor,
      OAuthClient,
      RecoveryCode,
      Session,
    ]),
    UsersModule,
  ],
  controllers: [
    ApiKeysController,
    AuthController,
    CompanySwitchController,
    GoogleController,
    MfaController,
    OAuthClientsController,
    PasswordsController,
  ],
  providers: [
    ApiKeysService,
    AuthService,
    BreachedPasswordsClient,
    Clock,
    CompanySwitchService,
    CredentialAuthenticator,
    ExpiredRowsSweeper,
    GoogleAccountsService,
    GoogleLoginService,
    GoogleOidcClient,
    LoginCodesService,
    LoginThrottle,
    MachineTokenService,
    MfaService,
    OAuthClientsService,
    PasswordHasher,
    PasswordsService,
    SessionsService,
    SupportAccountsService,
    TokenAuthenticator,
    TokenService,
    { provide: AUTHENTICATOR, useExisting: CredentialAuthenticator },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [AuthService, LoginCodesService, SessionsService, SupportAccountsService],
})
export class AuthModule {}
