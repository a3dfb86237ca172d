import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

const NOT_BLANK = /\S/;

/** General details; each field left out stays as it is. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Grace' })
  @ValidateIf((o: UpdateUserDto) => o.first_name !== undefined)
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'first_name must not be blank' })
  first_name?: string;

  @ApiPropertyOptional({ example: 'Hopper' })
  @ValidateIf((o: UpdateUserDto) => o.last_name !== undefined)
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'last_name must not be blank' })
  last_name?: string;

  @ApiPropertyOptional({ example: 'grace@acme.test', description: 'The login; unique' })
  @ValidateIf((o: UpdateUserDto) => o.email !== undefined)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string;
}
