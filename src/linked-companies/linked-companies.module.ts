import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { CompaniesModule } from 'src/companies/companies.module';
import { CompanyTeamController } from 'src/linked-companies/company-team.controller';
import { TeamMemberGrant } from 'src/linked-companies/entities/team-member-grant.entity';
import { LinkedCompaniesController } from 'src/linked-companies/linked-companies.controller';
import { LinkedCompaniesService } from 'src/linked-companies/linked-companies.service';
import { TeamAccessService } from 'src/linked-companies/team-access.service';
import { TeamMembersController } from 'src/linked-companies/team-members.controller';
import { TeamMembersService } from 'src/linked-companies/team-members.service';
import { UsersModule } from 'src/users/users.module';

/**
 * Multi-company profiles (product.md §2.3, §3.4-3.6): linked companies and the team members'
 * grants. It sits above companies and users, which know nothing of it; auth asks its
 * TeamAccessService whether a switched session may still act.
 */
@Module({
  imports: [AuditModule, CompaniesModule, TypeOrmModule.forFeature([TeamMemberGrant]), UsersModule],
  controllers: [CompanyTeamController, LinkedCompaniesController, TeamMembersController],
  providers: [LinkedCompaniesService, TeamAccessService, TeamMembersService],
  exports: [TeamAccessService],
})
export class LinkedCompaniesModule {}
