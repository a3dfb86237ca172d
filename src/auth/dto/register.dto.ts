import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsBoolean, IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'Acme Ltd' })
  @IsString()
  @Length(1, 255)
  company_name!: string;

  @ApiProperty({ example: 'Ada' })
  @IsString()
  @Length(1, 100)
  first_name!: string;

  @ApiProperty({ example: 'Lovelace' })
  @IsString()
  @Length(1, 100)
  last_name!: string;

  @ApiProperty({ example: 'ada@acme.test' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({
    example: 'Str0ng!pass',
    description: '8+ characters with a lowercase, an uppercase, a digit and one of ! $ # %',
  })
  @IsString()
  password!: string;

  @ApiProperty({ example: true, description: 'Must be true' })
  @IsBoolean()
  @Equals(true, { message: 'the terms must be accepted' })
  accept_terms!: boolean;
}
