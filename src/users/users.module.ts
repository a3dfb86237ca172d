import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { CompaniesModule } from 'src/companies/companies.module';
import { CustomRoleAssignment } from 'src/users/entities/custom-role-assignment.entity';
import { CustomRole } from 'src/users/entities/custom-role.entity';
import { PasswordToken } from 'src/users/entities/password-token.entity';
import { User } from 'src/users/entities/user.entity';
import { RolesController } from 'src/users/roles.controller';
import { RolesService } from 'src/users/roles.service';
import { SupportUsersController } from 'src/users/support-users.controller';
import { UsersAdminService } from 'src/users/users-admin.service';
import { UsersController } from 'src/users/users.controller';
import { UsersService } from 'src/users/users.service';

@Module({
  imports: [
    AuditModule,
    CompaniesModule,
    TypeOrmModule.forFeature([CustomRole, CustomRoleAssignment, PasswordToken, User]),
  ],
  controllers: [RolesController, SupportUsersController, UsersController],
  providers: [RolesService, UsersAdminService, UsersService],
  exports: [RolesService, UsersAdminService, UsersService],
})
export class UsersModule {}
