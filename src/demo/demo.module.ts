import { Module } from '@nestjs/common';
import { CompaniesModule } from 'src/companies/companies.module';
import { DemoService } from 'src/demo/demo.service';
import { SsoModule } from 'src/sso/sso.module';
import { UsersModule } from 'src/users/users.module';

/** Imported by the app only when DEMO is on. */
@Module({ imports: [CompaniesModule, SsoModule, UsersModule], providers: [DemoService] })
export class DemoModule {}
