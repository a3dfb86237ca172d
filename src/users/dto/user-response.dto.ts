import { ApiProperty } from '@nestjs/swagger';
import { Role } from 'src/common/auth/principal';
import { ListMetaDto } from 'src/common/http/list-query';
import { UserStatus, UserView } from 'src/users/users.types';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() first_name!: string;
  @ApiProperty() last_name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: Role }) role!: Role;
  @ApiProperty({
    enum: UserStatus,
    description: 'inactive after a delete, and after a restore until a password is set',
  })
  status!: UserStatus;
  @ApiProperty() mfa_enabled!: boolean;
  @ApiProperty({ type: String, nullable: true }) last_login_at!: string | null;
  @ApiProperty() created_at!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Set while the user is deleted' })
  deleted_at!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The custom role the user holds (see /api/v1/roles)',
  })
  custom_role_id!: string | null;

  static from(user: UserView, customRoleId: string | null): UserResponseDto {
    return {
      id: user.id,
      first_name: user.firstName,
      last_name: user.lastName,
      email: user.email,
      role: user.role,
      status: user.status,
      mfa_enabled: user.mfaEnabled,
      last_login_at: user.lastLoginAt?.toISOString() ?? null,
      created_at: user.createdAt.toISOString(),
      deleted_at: user.deletedAt?.toISOString() ?? null,
      custom_role_id: customRoleId,
    };
  }
}

export class UserListResponseDto {
  @ApiProperty({ type: UserResponseDto, isArray: true }) data!: UserResponseDto[];
  @ApiProperty({ type: ListMetaDto }) meta!: ListMetaDto;
}

export class AcceptedResponseDto {
  @ApiProperty({ example: 'A password reset link has been sent' }) message!: string;
}
