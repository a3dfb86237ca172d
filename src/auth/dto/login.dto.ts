import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'ada@acme.test' })
  @IsString()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Str0ng!pass' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
