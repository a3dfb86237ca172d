import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from 'src/audit/audit.module';
import { AuthModule } from 'src/auth/auth.module';
import { CompaniesModule } from 'src/companies/companies.module';
import { AppConfig } from 'src/config/app-config';
import { ConfigModule } from 'src/config/config.module';
import { DatabaseModule } from 'src/database/database.module';
import { HealthModule } from 'src/health/health.module';
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
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        HealthModule,
        UsersModule,
      ],
    };
  }
}
