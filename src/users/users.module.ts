import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordToken } from 'src/users/entities/password-token.entity';
import { User } from 'src/users/entities/user.entity';
import { UsersService } from 'src/users/users.service';

@Module({
  imports: [TypeOrmModule.forFeature([PasswordToken, User])],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
