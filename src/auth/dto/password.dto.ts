import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ForgotPasswordDto {
  @ApiProperty({ example: 'ada@acme.test' })
  @IsString()
  @MaxLength(320)
  email!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'Str0ng!pass' })
  @IsString()
  @MaxLength(1024)
  current_password!: string;

  @ApiProperty({
    example: 'N3w!password',
    description: '8+ characters with a lowercase, an uppercase, a digit and one of ! $ # %',
  })
  @IsString()
  password!: string;

  @ApiProperty({ example: 'N3w!password', description: 'Must equal `password`' })
  @IsString()
  password_confirmation!: string;
}
