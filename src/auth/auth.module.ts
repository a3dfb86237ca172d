import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { AuthController } from 'src/auth/auth.controller';
import { AuthService } from 'src/auth/auth.service';
import { BreachedPasswordsClient } from 'src/auth/breached-passwords.adapter';
import { Session } from 'src/auth/entities/session.entity';
import { LoginThrottle } from 'src/auth/login-throttle.service';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { PasswordsController } from 'src/auth/passwords.controller';
import { PasswordsService } from 'src/auth/passwords.service';
import { SessionsService } from 'src/auth/sessions.service';
import { TokenAuthenticator } from 'src/auth/token-authenticator';
import { TokenService } from 'src/auth/token.service';
import { AuthenticationGuard } from 'src/common/auth/authentication.guard';
import { AUTHENTICATOR } from 'src/common/auth/authenticator';
import { RateLimitModule } from 'src/common/rate-limit/rate-limit.module';
import { CompaniesModule } from 'src/companies/companies.module';
import { UsersModule } from 'src/users/users.module';

@Module({
  imports: [
    AuditModule,
    CompaniesModule,
    RateLimitModule,
    TypeOrmModule.forFeature([Session]),
    UsersModule,
  ],
  controllers: [AuthController, PasswordsController],
  providers: [
    AuthService,
    BreachedPasswordsClient,
    LoginThrottle,
    PasswordHasher,
    PasswordsService,
    SessionsService,
    TokenService,
    { provide: AUTHENTICATOR, useClass: TokenAuthenticator },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [AuthService, SessionsService],
})
export class AuthModule {}
