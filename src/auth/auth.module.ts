import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { ApiKeysController } from 'src/auth/api-keys.controller';
import { ApiKeysService } from 'src/auth/api-keys.service';
import { AuthController } from 'src/auth/auth.controller';
import { AuthService } from 'src/auth/auth.service';
import { CompanySwitchController } from 'src/auth/company-switch.controller';
import { CompanySwitchService } from 'src/auth/company-switch.service';
import { CredentialAuthenticator } from 'src/auth/credential-authenticator';
import { ApiKey } from 'src/auth/entities/api-key.entity';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { OAuthClient } from 'src/auth/entities/oauth-client.entity';
import { Session } from 'src/auth/entities/session.entity';
import { LoginCodesService } from 'src/auth/login-codes.service';
import { MachineTokenService } from 'src/auth/machine-token.service';
import { OAuthClientsController } from 'src/auth/oauth-clients.controller';
import { OAuthClientsService } from 'src/auth/oauth-clients.service';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { SessionsService } from 'src/auth/sessions.service';
import { SupportAccountsService } from 'src/auth/support-accounts.service';
import { TokenAuthenticator } from 'src/auth/token-authenticator';
import { TokenService } from 'src/auth/token.service';
import { AuthenticationGuard } from 'src/common/auth/authentication.guard';
import { AUTHENTICATOR } from 'src/common/auth/authenticator';
import { CompaniesModule } from 'src/companies/companies.module';
import { LinkedCompaniesModule } from 'src/linked-companies/linked-companies.module';
import { UsersModule } from 'src/users/users.module';

@Module({
  imports: [
    AuditModule,
    CompaniesModule,
    LinkedCompaniesModule,
    TypeOrmModule.forFeature([ApiKey, LoginCode, OAuthClient, Session]),
    UsersModule,
  ],
  controllers: [ApiKeysController, AuthController, CompanySwitchController, OAuthClientsController],
  providers: [
    ApiKeysService,
    AuthService,
    CompanySwitchService,
    CredentialAuthenticator,
    LoginCodesService,
    MachineTokenService,
    OAuthClientsService,
    PasswordHasher,
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
