import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { AuthController } from 'src/auth/auth.controller';
import { AuthService } from 'src/auth/auth.service';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { CompanySwitchController } from 'src/auth/company-switch.controller';
import { CompanySwitchService } from 'src/auth/company-switch.service';
import { Session } from 'src/auth/entities/session.entity';
import { LoginCodesService } from 'src/auth/login-codes.service';
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
    TypeOrmModule.forFeature([LoginCode, Session]),
    UsersModule,
  ],
  controllers: [AuthController, CompanySwitchController],
  providers: [
    AuthService,
    CompanySwitchService,
    LoginCodesService,
    PasswordHasher,
    SessionsService,
    SupportAccountsService,
    TokenService,
    { provide: AUTHENTICATOR, useClass: TokenAuthenticator },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [AuthService, LoginCodesService, SessionsService, SupportAccountsService],
})
export class AuthModule {}
