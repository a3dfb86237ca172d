import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class LoginSsoDto {
  @ApiProperty({ description: 'The one-time `code` a sign-in redirect handed the dashboard' })
  @IsString()
  @MaxLength(256)
  code!: string;
}
