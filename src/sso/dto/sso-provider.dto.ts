import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { Role } from 'src/common/auth/principal';
import { PROVISIONABLE_ROLES, SsoProviderType } from 'src/sso/sso.types';

export const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
export const MAX_DOMAINS = 50;

/** Optional, but never null: an absent field keeps its value, a null one is a 422. */
const Optional = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

const NOT_BLANK = /\S/;

export class CreateSsoProviderDto {
  @ApiProperty({ enum: SsoProviderType })
  @IsEnum(SsoProviderType, { message: 'type must be one of pingone, okta, entra' })
  type!: SsoProviderType;

  @ApiProperty({
    description:
      'PingOne: the issuer without /as; Okta: the org URL, or one with /oauth2/<server-id>; ' +
      'Entra: the tenant id (GUID or domain) or an authority URL',
    example: 'https://auth.pingone.eu/0f5c6d2e-1a2b-4c3d-9e8f-123456789abc',
  })
  @IsString()
  @Length(1, 500)
  base_url!: string;

  @ApiPropertyOptional({ description: "Defaults to the type's display name" })
  @Optional()
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;
}

export class UpdateSsoProviderDto {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @Length(1, 500)
  base_url?: string;

  @ApiPropertyOptional({ description: 'The client id of the application made in the IdP' })
  @Optional()
  @IsString()
  @Length(1, 255)
  client_id?: string;

  @ApiPropertyOptional({ description: 'Stored encrypted; never returned', writeOnly: true })
  @Optional()
  @IsString()
  @Length(1, 1024)
  client_secret?: string;

  @ApiPropertyOptional({ description: 'true needs a client id and secret and a working issuer' })
  @Optional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'Create unknown people at their first sign-in' })
  @Optional()
  @IsBoolean()
  jit_provisioning?: boolean;

  @ApiPropertyOptional({ enum: PROVISIONABLE_ROLES, description: 'Never administrator' })
  @Optional()
  @IsIn(PROVISIONABLE_ROLES, { message: 'default_role must be manager, user or read_only' })
  default_role?: Role;

  @ApiPropertyOptional({ description: 'Non-administrators may no longer sign in with a password' })
  @Optional()
  @IsBoolean()
  enforce_sso?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'Email domains this IdP vouches for: matching and discovery use them',
    example: ['acme.com'],
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_DOMAINS)
  @IsString({ each: true })
  @Matches(DOMAIN_PATTERN, { each: true, message: 'each domain must be a domain name' })
  domains?: string[];
}

export class SsoProviderUrlsDto {
  @ApiProperty({ description: "Goes into the IdP's initiate login URI / home page URL" })
  initiate_sign_in!: string;

  @ApiProperty({ description: "Goes into the IdP's redirect URIs" })
  callback!: string;

  @ApiProperty({ description: "Okta's sign-out redirect URI; not needed for PingOne and Entra" })
  logout!: string;
}

export class SsoProviderResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SsoProviderType }) type!: SsoProviderType;
  @ApiProperty() name!: string;
  @ApiProperty() base_url!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ nullable: true, type: String }) client_id!: string | null;
  @ApiProperty() client_secret_set!: boolean;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() jit_provisioning!: boolean;
  @ApiProperty({ enum: PROVISIONABLE_ROLES }) default_role!: Role;
  @ApiProperty() enforce_sso!: boolean;
  @ApiProperty({ type: [String] }) domains!: string[];
  @ApiProperty({ type: SsoProviderUrlsDto }) urls!: SsoProviderUrlsDto;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class PageMetaDto {
  @ApiProperty() page!: number;
  @ApiProperty() per_page!: number;
  @ApiProperty() total!: number;
}

export class SsoProviderListResponseDto {
  @ApiProperty({ type: [SsoProviderResponseDto] }) data!: SsoProviderResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta!: PageMetaDto;
}

export class SsoProviderTestResponseDto {
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional() issuer?: string;
  @ApiPropertyOptional() authorization_endpoint?: string;
  @ApiPropertyOptional() token_endpoint?: string;
  @ApiPropertyOptional() jwks_uri?: string;
  @ApiPropertyOptional({ description: 'Why the check failed' }) detail?: string;
}

export class SsoDiscoverQueryDto {
  @ApiProperty({ example: 'ada@acme.com' })
  @IsString()
  @Length(3, 320)
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'email must be an email address' })
  email!: string;
}

export class SsoDiscoverResponseDto {
  @ApiProperty({ description: "The provider's initiate sign-in URL" })
  sso_url!: string;
}
