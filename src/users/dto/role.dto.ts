import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PermissionArea } from 'src/common/auth/permission-areas';
import { ListMetaDto } from 'src/common/http/list-query';

const NOT_BLANK = /\S/;
const AREAS = Object.values(PermissionArea).length;

/** View and edit in one area; edit implies view, so `view` may be left out when `edit` is on. */
export class AreaPermissionDto {
  @ApiProperty({ enum: PermissionArea })
  @IsEnum(PermissionArea)
  area!: PermissionArea;

  @ApiPropertyOptional({ description: 'Defaults to the value of edit' })
  @ValidateIf((o: AreaPermissionDto) => o.view !== undefined)
  @IsBoolean()
  view?: boolean;

  @ApiPropertyOptional({ default: false })
  @ValidateIf((o: AreaPermissionDto) => o.edit !== undefined)
  @IsBoolean()
  edit?: boolean;
}

export class CreateRoleDto {
  @ApiProperty({ example: 'Auditor' })
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Sees users, changes nothing' })
  @ValidateIf((o: CreateRoleDto) => o.description !== undefined && o.description !== null)
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiProperty({
    type: AreaPermissionDto,
    isArray: true,
    description: 'The areas this role decides; the others are left to the built-in role',
  })
  @IsArray()
  @ArrayMaxSize(AREAS)
  @ValidateNested({ each: true })
  @Type(() => AreaPermissionDto)
  permissions!: AreaPermissionDto[];
}

/** Each field left out stays as it is; `permissions` replaces the whole list. */
export class UpdateRoleDto {
  @ApiPropertyOptional({ example: 'Auditor' })
  @ValidateIf((o: UpdateRoleDto) => o.name !== undefined)
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((o: UpdateRoleDto) => o.description !== undefined && o.description !== null)
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ type: AreaPermissionDto, isArray: true })
  @ValidateIf((o: UpdateRoleDto) => o.permissions !== undefined)
  @IsArray()
  @ArrayMaxSize(AREAS)
  @ValidateNested({ each: true })
  @Type(() => AreaPermissionDto)
  permissions?: AreaPermissionDto[];
}

/**
 * The complete list of the role's holders: users listed get the role at once (leaving any
 * other custom role), holders not listed lose it. An empty list removes it from everyone.
 */
export class AssignRoleUsersDto {
  @ApiProperty({ type: String, format: 'uuid', isArray: true })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  user_ids!: string[];
}

export class AreaPermissionResponseDto {
  @ApiProperty({ enum: PermissionArea }) area!: PermissionArea;
  @ApiProperty() view!: boolean;
  @ApiProperty() edit!: boolean;
}

export class RoleResponseDto {
  @ApiProperty({ description: 'The role name for a built-in role, else a UUID' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() built_in!: boolean;
  @ApiProperty({
    type: AreaPermissionResponseDto,
    isArray: true,
    description: 'Built-in roles: every area; custom roles: the areas they decide',
  })
  permissions!: AreaPermissionResponseDto[];
  @ApiPropertyOptional({
    type: String,
    isArray: true,
    description: 'Built-in roles only: every action of the matrix the role allows',
  })
  actions?: string[];
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Custom roles only' })
  user_ids?: string[];
  @ApiPropertyOptional({ description: 'Custom roles only' }) created_at?: string;
  @ApiPropertyOptional({ description: 'Custom roles only' }) updated_at?: string;
}

export class RoleListResponseDto {
  @ApiProperty({ type: RoleResponseDto, isArray: true }) data!: RoleResponseDto[];
  @ApiProperty({ type: ListMetaDto }) meta!: ListMetaDto;
}
