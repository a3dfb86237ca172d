import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from 'src/audit/audit.module';
import { AuthModule } from 'src/auth/auth.module';
import { CryptoModule } from 'src/common/crypto/crypto.module';
import { CompaniesModule } from 'src/companies/companies.module';
import { CompanyHierarchyModule } from 'src/companies/company-hierarchy.module';
import { AppConfig } from 'src/config/app-config';
import { ConfigModule } from 'src/config/config.module';
import { DashboardModule } from 'src/dashboard/dashboard.module';
import { DatabaseModule } from 'src/database/database.module';
import { DemoModule } from 'src/demo/demo.module';
import { HealthModule } from 'src/health/health.module';
import { LinkedCompaniesModule } from 'src/linked-companies/linked-companies.module';
import { MailModule } from 'src/mail/mail.module';
import { SettingsModule } from 'src/settings/settings.module';
import { SsoModule } from 'src/sso/sso.module';
import { UsersModule } from 'src/users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AuditModule,
        AuthModule,
        CompaniesModule,
        CompanyHierarchyModule,
        ConfigModule.forRoot(config),
        CryptoModule,
        DashboardModule,
        DatabaseModule.forRoot(),
        ...(config.demo ? [DemoModule] : []),
        HealthModule,
        LinkedCompaniesModule,
        MailModule,
        SsoModule,
        ScheduleModule.forRoot(),
        SettingsModule,
        UsersModule,
      ],
    };
  }
}
