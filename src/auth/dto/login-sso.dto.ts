import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class LoginSsoDto {
  @ApiProperty({ description: 'The one-time code an SSO callback put in the dashboard URL' })
  @IsString()
  @MaxLength(256)
  code!: string;
}
