import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthService } from 'src/auth/auth.service';
import {
  MeResponseDto,
  RegisterResponseDto,
  TokenResponseDto,
} from 'src/auth/dto/auth-responses.dto';
import { LoginSsoDto } from 'src/auth/dto/login-sso.dto';
import { LoginDto } from 'src/auth/dto/login.dto';
import { RegisterDto } from 'src/auth/dto/register.dto';
import { MessageResponseDto, ResetPasswordDto } from 'src/auth/dto/reset-password.dto';
import { LoginCodesService } from 'src/auth/login-codes.service';
import { Auth, Public } from 'src/common/auth/auth.decorators';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly authService: AuthService,
    private readonly loginCodes: LoginCodesService,
  ) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Register a company and its first administrator' })
  @ApiResponse({ status: 201, type: RegisterResponseDto })
  @ApiProblems(409, 422, 429)
  register(@Body() dto: RegisterDto): Promise<RegisterResponseDto> {
    return this.authService.register(dto);
  }

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiResponse({ status: 200, type: TokenResponseDto })
  @ApiProblems(401, 403, 422, 429)
  login(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return this.authService.login(dto);
  }

  @Public()
  @Post('login/sso')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Trade the one-time code of an SSO callback for a login token' })
  @ApiResponse({ status: 200, type: TokenResponseDto })
  @ApiProblems(401, 422, 429)
  loginWithSsoCode(@Body() dto: LoginSsoDto): Promise<TokenResponseDto> {
    return this.loginCodes.redeem(dto.code);
  }

  @Public()
  @Post('password/reset')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Choose a password with the token of an emailed link' })
  @ApiResponse({ status: 200, type: MessageResponseDto })
  @ApiProblems(410, 422, 429)
  resetPassword(@Body() dto: ResetPasswordDto): Promise<MessageResponseDto> {
    return this.authService.resetPassword(dto);
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
}
