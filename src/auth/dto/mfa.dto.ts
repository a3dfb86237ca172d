import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { UnlessAbsent } from 'src/common/http/unless-absent.decorator';

export class MfaSetupResponseDto {
  @ApiProperty({ description: 'The base32 TOTP secret, for typing into an authenticator app' })
  secret!: string;

  @ApiProperty({ example: 'otpauth://totp/Patchworks:ada%40acme.test?issuer=Patchworks&…' })
  otpauth_url!: string;

  @ApiProperty({ description: 'The otpauth URL as a PNG QR code', example: 'data:image/png;…' })
  qr_code!: string;
}

export class MfaCodeDto {
  @ApiProperty({
    example: '123456',
    description: 'A code from the authenticator app (to disable, a recovery code also works)',
  })
  @IsString()
  @MaxLength(64)
  code!: string;
}

export class RecoveryCodesResponseDto {
  @ApiProperty({
    type: [String],
    description: '10 single-use codes, shown this once',
    example: ['k7dm-qx2p-9hta'],
  })
  recovery_codes!: string[];
}

export class LoginMfaDto {
  @ApiProperty({ description: 'From the login answer; 5 minutes, single use' })
  @IsString()
  @MaxLength(256)
  mfa_token!: string;

  @ApiPropertyOptional({ example: '123456', description: 'Either this or `recovery_code`' })
  @UnlessAbsent()
  @IsString()
  @MaxLength(64)
  code?: string;

  @ApiPropertyOptional({ example: 'k7dm-qx2p-9hta' })
  @UnlessAbsent()
  @IsString()
  @MaxLength(64)
  recovery_code?: string;
}

export class MfaChallengeResponseDto {
  @ApiProperty({ example: 'Enter the code from your authenticator app' })
  message!: string;

  @ApiProperty({ enum: [true] })
  mfa_required!: true;

  @ApiProperty({ description: 'Trade it with a code at POST /api/v1/login/mfa' })
  mfa_token!: string;

  @ApiProperty({ example: 300 })
  expires_in!: number;
}
