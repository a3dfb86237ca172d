import { Body, Controller, Delete, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { MfaCodeDto, MfaSetupResponseDto, RecoveryCodesResponseDto } from 'src/auth/dto/mfa.dto';
import { MfaService } from 'src/auth/mfa.service';
import { Auth } from 'src/common/auth/auth.decorators';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { RateLimit } from 'src/common/rate-limit/rate-limit.guard';
import { RateLimitPolicy } from 'src/common/rate-limit/rate-limit.policies';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/me/mfa')
@RateLimit(RateLimitPolicy.AuthPerIp)
export class MfaController {
  constructor(private readonly mfaService: MfaService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start two-factor setup: a TOTP secret, its otpauth URL and a QR code',
    description: '2FA is not on until POST /api/v1/me/mfa/confirm; a new call restarts the setup.',
  })
  @ApiResponse({ status: 200, type: MfaSetupResponseDto })
  @ApiProblems(401, 409, 429)
  startSetup(@Auth() principal: Principal): Promise<MfaSetupResponseDto> {
    return this.mfaService.startSetup(principal);
  }

  @Post('confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Turn 2FA on with a first code; shows 10 recovery codes once' })
  @ApiResponse({ status: 200, type: RecoveryCodesResponseDto })
  @ApiProblems(401, 409, 422, 429)
  confirm(
    @Auth() principal: Principal,
    @Body() dto: MfaCodeDto,
  ): Promise<RecoveryCodesResponseDto> {
    return this.mfaService.confirm(principal, dto);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn 2FA off with a code from the app or a recovery code' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 409, 422, 429)
  disable(@Auth() principal: Principal, @Body() dto: MfaCodeDto): Promise<void> {
    return this.mfaService.disable(principal, dto);
  }
}
