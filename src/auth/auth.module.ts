import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { AuthController } from 'src/auth/auth.controller';
import { AuthService } from 'src/auth/auth.service';
import { BreachedPasswordsClient } from 'src/auth/breached-passwords.adapter';
import { ExternalIdentity } from 'src/auth/entities/external-identity.entity';
import { GoogleLogin } from 'src/auth/entities/google-login.entity';
import { GoogleRegistration } from 'src/auth/entities/google-registration.entity';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { MfaChallenge } from 'src/auth/entities/mfa-challenge.entity';
import { MfaFactor } from 'src/auth/entities/mfa-factor.entity';
import { RecoveryCode } from 'src/auth/entities/recovery-code.entity';
import { Session } from 'src/auth/entities/session.entity';
import { ExpiredRowsSweeper } from 'src/auth/expired-rows.sweeper';
import { GoogleAccountsService } from 'src/auth/google/google-accounts.service';
import { GoogleLoginService } from 'src/auth/google/google-login.service';
import { GoogleOidcClient } from 'src/auth/google/google-oidc.adapter';
import { GoogleController } from 'src/auth/google/google.controller';
import { LoginCodesService } from 'src/auth/login-codes.service';
import { LoginThrottle } from 'src/auth/login-throttle.service';
import { MfaController } from 'src/auth/mfa.controller';
import { MfaService } from 'src/auth/mfa.service';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { PasswordsController } from 'src/auth/passwords.controller';
import { PasswordsService } from 'src/auth/passwords.service';
import { SessionsService } from 'src/auth/sessions.service';
import { TokenAuthenticator } from 'src/auth/token-authenticator';
import { TokenService } from 'src/auth/token.service';
import { AuthenticationGuard } from 'src/common/auth/authentication.guard';
import { AUTHENTICATOR } from 'src/common/auth/authenticator';
import { Clock } from 'src/common/clock';
import { RateLimitModule } from 'src/common/rate-limit/rate-limit.module';
import { CompaniesModule } from 'src/companies/companies.module';
import { UsersModule } from 'src/users/users.module';

@Module({
  imports: [
    AuditModule,
    CompaniesModule,
    RateLimitModule,
    TypeOrmModule.forFeature([
      ExternalIdentity,
      GoogleLogin,
      GoogleRegistration,
      LoginCode,
      MfaChallenge,
      MfaFactor,
      RecoveryCode,
      Session,
    ]),
    UsersModule,
  ],
  controllers: [AuthController, GoogleController, MfaController, PasswordsController],
  providers: [
    AuthService,
    BreachedPasswordsClient,
    Clock,
    ExpiredRowsSweeper,
    GoogleAccountsService,
    GoogleLoginService,
    GoogleOidcClient,
    LoginCodesService,
    LoginThrottle,
    MfaService,
    PasswordHasher,
    PasswordsService,
    SessionsService,
    TokenService,
    { provide: AUTHENTICATOR, useClass: TokenAuthenticator },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [AuthService, LoginCodesService, SessionsService],
})
export class AuthModule {}
