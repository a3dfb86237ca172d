import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { CompaniesModule } from 'src/companies/companies.module';
import { PasswordToken } from 'src/users/entities/password-token.entity';
import { User } from 'src/users/entities/user.entity';
import { SupportUsersController } from 'src/users/support-users.controller';
import { UsersAdminService } from 'src/users/users-admin.service';
import { UsersController } from 'src/users/users.controller';
import { UsersService } from 'src/users/users.service';

@Module({
  imports: [AuditModule, CompaniesModule, TypeOrmModule.forFeature([PasswordToken, User])],
  controllers: [SupportUsersController, UsersController],
  providers: [UsersAdminService, UsersService],
  exports: [UsersService],
})
export class UsersModule {}
