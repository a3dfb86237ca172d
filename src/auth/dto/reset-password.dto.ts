import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString()
  @MaxLength(256)
  token!: string;

  @ApiProperty({ example: 'N3w!password' })
  @IsString()
  password!: string;
}

export class MessageResponseDto {
  @ApiProperty()
  message!: string;
}
