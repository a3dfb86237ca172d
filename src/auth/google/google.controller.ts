import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { GoogleRegistrationDto } from 'src/auth/dto/google.dto';
import { MessageResponseDto } from 'src/auth/dto/reset-password.dto';
import { sendRedirect } from 'src/auth/google/browser-redirect';
import { GoogleAccountsService } from 'src/auth/google/google-accounts.service';
import { GoogleLoginService } from 'src/auth/google/google-login.service';
import { Public } from 'src/common/auth/auth.decorators';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { RateLimit } from 'src/common/rate-limit/rate-limit.guard';
import { RateLimitPolicy } from 'src/common/rate-limit/rate-limit.policies';

@ApiTags('google')
@Controller()
@Public()
@RateLimit(RateLimitPolicy.AuthPerIp)
export class GoogleController {
  constructor(
    private readonly googleLoginService: GoogleLoginService,
    private readonly googleAccountsService: GoogleAccountsService,
  ) {}

  @Get('auth/google')
  @ApiOperation({
    summary: 'Sign in with Google: redirects to Google',
    description: 'Off (404) until GOOGLE_CLIENT_ID is set.',
  })
  @ApiResponse({ status: 302, description: 'To Google’s authorization endpoint' })
  @ApiProblems(404, 429)
  async startLogin(@Res() res: Response): Promise<void> {
    sendRedirect(res, await this.googleLoginService.startLogin());
  }

  @Get('auth/google/register')
  @ApiOperation({ summary: 'The emailed registration link: continues to Google' })
  @ApiQuery({ name: 'token', description: 'From the emailed link' })
  @ApiResponse({ status: 302, description: 'To Google, or to the dashboard’s login page' })
  @ApiProblems(404, 429)
  async startRegistration(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    sendRedirect(res, await this.googleLoginService.startLogin(token ?? ''));
  }

  @Get('auth/google/callback')
  @ApiOperation({ summary: 'Where Google sends the browser back' })
  @ApiResponse({
    status: 302,
    description:
      'To `$DASHBOARD_URL?code=…` (trade it at POST /api/v1/login/sso), or to ' +
      '`$DASHBOARD_URL/login?error=…`',
  })
  @ApiProblems(404, 429)
  async finishLogin(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    sendRedirect(res, await this.googleLoginService.finishLogin(query, req.header('cookie')));
  }

  @Post('api/v1/register/google')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Register with Google: emails a link that continues to Google',
    description:
      'The company and its administrator are created when the link’s Google ' +
      'sign-in comes back with the same, verified email.',
  })
  @ApiResponse({ status: 202, type: MessageResponseDto })
  @ApiProblems(404, 409, 422, 429)
  requestRegistration(@Body() dto: GoogleRegistrationDto): Promise<MessageResponseDto> {
    return this.googleAccountsService.requestRegistration(dto);
  }
}
