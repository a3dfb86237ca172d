import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { CompaniesController } from 'src/companies/companies.controller';
import { CompaniesService } from 'src/companies/companies.service';
import { CompanyLinksService } from 'src/companies/company-links.service';
import { Company } from 'src/companies/entities/company.entity';
import { SupportCompaniesController } from 'src/companies/support-companies.controller';

@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([Company])],
  controllers: [CompaniesController, SupportCompaniesController],
  providers: [CompaniesService, CompanyLinksService],
  exports: [CompaniesService, CompanyLinksService],
})
export class CompaniesModule {}
