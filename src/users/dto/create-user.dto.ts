import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Role } from 'src/common/auth/principal';

const NOT_BLANK = /\S/;

export class CreateUserDto {
  @ApiProperty({ example: 'Grace' })
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'first_name must not be blank' })
  first_name!: string;

  @ApiProperty({ example: 'Hopper' })
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'last_name must not be blank' })
  last_name!: string;

  @ApiProperty({ example: 'grace@acme.test', description: 'The login; unique' })
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email!: string;

  @ApiPropertyOptional({
    enum: Role,
    default: Role.User,
    description: 'Administrators give up to manager, managers up to user',
  })
  @ValidateIf((o: CreateUserDto) => o.role !== undefined)
  @IsEnum(Role)
  role?: Role;
}
