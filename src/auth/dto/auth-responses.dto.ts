import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from 'src/common/auth/principal';
import { CompanyView } from 'src/companies/companies.types';
import { UserView } from 'src/users/users.types';

export class TokenResponseDto {
  @ApiProperty({ example: 'Login successful' })
  message!: string;

  @ApiProperty()
  token!: string;

  @ApiProperty({ example: 86400 })
  expires_in!: number;
}

export class CompanyRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class RegisteredUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() first_name!: string;
  @ApiProperty() last_name!: string;
  @ApiProperty({ enum: Role }) role!: Role;
  @ApiProperty() status!: string;
  @ApiProperty() created_at!: string;

  static from(user: UserView): RegisteredUserDto {
    return {
      id: user.id,
      email: user.email,
      first_name: user.firstName,
      last_name: user.lastName,
      role: user.role,
      status: user.status,
      created_at: user.createdAt.toISOString(),
    };
  }
}

export class RegisteredCompanyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() tier!: string;
  @ApiProperty() created_at!: string;

  static from(company: CompanyView): RegisteredCompanyDto {
    return {
      id: company.id,
      name: company.name,
      tier: company.tier,
      created_at: company.createdAt.toISOString(),
    };
  }
}

export class RegisterResponseDto {
  @ApiProperty({ type: RegisteredUserDto }) user!: RegisteredUserDto;
  @ApiProperty({ type: RegisteredCompanyDto }) company!: RegisteredCompanyDto;
}

export class MeResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() first_name!: string;
  @ApiProperty() last_name!: string;
  @ApiProperty({ enum: Role }) role!: Role;
  @ApiProperty({ type: CompanyRefDto }) company!: CompanyRefDto;
  @ApiProperty({ type: CompanyRefDto }) acting_company!: CompanyRefDto;
  @ApiProperty() mfa_enabled!: boolean;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  sso_provider_id!: string | null;
}
