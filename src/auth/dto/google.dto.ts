import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsBoolean, IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class GoogleRegistrationDto {
  @ApiProperty({ example: 'Acme Ltd' })
  @IsString()
  @Length(1, 255)
  company_name!: string;

  @ApiProperty({ example: 'ada@gmail.com', description: 'The Google account’s email address' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: true, description: 'Must be true' })
  @IsBoolean()
  @Equals(true, { message: 'the terms must be accepted' })
  accept_terms!: boolean;
}
