import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AuthService } from 'src/auth/auth.service';
import {
  MeResponseDto,
  RegisterResponseDto,
  TokenResponseDto,
} from 'src/auth/dto/auth-responses.dto';
import { LoginSsoDto } from 'src/auth/dto/login-sso.dto';
import { LoginDto } from 'src/auth/dto/login.dto';
import { LoginMfaDto, MfaChallengeResponseDto } from 'src/auth/dto/mfa.dto';
import { RegisterDto } from 'src/auth/dto/register.dto';
import { UpdateMeDto } from 'src/auth/dto/update-me.dto';
import { LoginCodesService } from 'src/auth/login-codes.service';
import { Auth, Public } from 'src/common/auth/auth.decorators';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { RateLimit } from 'src/common/rate-limit/rate-limit.guard';
import { RateLimitPolicy } from 'src/common/rate-limit/rate-limit.policies';

@ApiTags('auth')
@ApiExtraModels(TokenResponseDto, MfaChallengeResponseDto)
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly authService: AuthService,
    private readonly loginCodes: LoginCodesService,
  ) {}

  @Public()
  @RateLimit(RateLimitPolicy.AuthPerIp)
  @Post('register')
  @ApiOperation({ summary: 'Register a company and its first administrator' })
  @ApiResponse({ status: 201, type: RegisterResponseDto })
  @ApiProblems(409, 422, 429, 503)
  register(@Body() dto: RegisterDto): Promise<RegisterResponseDto> {
    return this.authService.register(dto);
  }

  @Public()
  @RateLimit(RateLimitPolicy.AuthPerIp)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      '10 failures in 15 minutes lock the account’s password sign-in for 15 minutes (429 ' +
      '`ACCOUNT_LOCKED` with Retry-After), except from places the account signed in from ' +
      'before or used a reset link from.',
  })
  @ApiResponse({
    status: 200,
    description: 'A token, or with 2FA on, an `mfa_token` for POST /api/v1/login/mfa',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(TokenResponseDto) },
        { $ref: getSchemaPath(MfaChallengeResponseDto) },
      ],
    },
  })
  @ApiProblems(401, 403, 422, 429)
  login(@Body() dto: LoginDto): Promise<TokenResponseDto | MfaChallengeResponseDto> {
    return this.authService.login(dto);
  }

  @Public()
  @RateLimit(RateLimitPolicy.AuthPerIp)
  @Post('login/mfa')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Finish a sign-in with 2FA: the mfa_token and a code or a recovery code',
    description: 'Each code and each recovery code works once; wrong ones count towards the lock.',
  })
  @ApiResponse({ status: 200, type: TokenResponseDto })
  @ApiProblems(401, 422, 429)
  loginWithMfa(@Body() dto: LoginMfaDto): Promise<TokenResponseDto> {
    return this.authService.loginWithMfa(dto);
  }

  @Public()
  @RateLimit(RateLimitPolicy.AuthPerIp)
  @Post('login/sso')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Trade the one-time code of an SSO or Google sign-in for a token',
    description: 'The code comes from the redirect to the dashboard; it works once, for 60 s.',
  })
  @ApiResponse({ status: 200, type: TokenResponseDto })
  @ApiProblems(401, 422, 429)
  loginWithCode(@Body() dto: LoginSsoDto): Promise<TokenResponseDto> {
    return this.loginCodes.redeem(dto.code);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the current session; its token stops working at once' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401)
  logout(@Auth() principal: Principal): Promise<void> {
    return this.authService.logout(principal);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, their company and the acting company' })
  @ApiResponse({ status: 200, type: MeResponseDto })
  @ApiProblems(401)
  me(@Auth() principal: Principal): Promise<MeResponseDto> {
    return this.authService.me(principal);
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own name or sign-in email',
    description: 'An email change takes effect at once; the old address receives a notice.',
  })
  @ApiResponse({ status: 200, type: MeResponseDto })
  @ApiProblems(401, 409, 422)
  updateMe(@Auth() principal: Principal, @Body() dto: UpdateMeDto): Promise<MeResponseDto> {
    return this.authService.updateMe(principal, dto);
  }
}
