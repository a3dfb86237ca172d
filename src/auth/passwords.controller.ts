import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ChangePasswordDto, ForgotPasswordDto } from 'src/auth/dto/password.dto';
import { MessageResponseDto, ResetPasswordDto } from 'src/auth/dto/reset-password.dto';
import { PasswordsService } from 'src/auth/passwords.service';
import { Auth, Public } from 'src/common/auth/auth.decorators';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { RateLimit } from 'src/common/rate-limit/rate-limit.guard';
import { RateLimitPolicy } from 'src/common/rate-limit/rate-limit.policies';

@ApiTags('auth')
@Controller('api/v1')
@RateLimit(RateLimitPolicy.AuthPerIp)
export class PasswordsController {
  constructor(private readonly passwordsService: PasswordsService) {}

  @Public()
  @Post('password/forgot')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Email a password reset link (valid 24 h)',
    description: 'Answers 202 whether or not an account uses the email.',
  })
  @ApiResponse({ status: 202, type: MessageResponseDto })
  @ApiProblems(422, 429)
  forgot(@Body() dto: ForgotPasswordDto): Promise<MessageResponseDto> {
    return this.passwordsService.requestReset(dto);
  }

  @Public()
  @Post('password/reset')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Choose a password with the token of an emailed link',
    description: 'Also how Google-only accounts get a password. Every session of the user ends.',
  })
  @ApiResponse({ status: 200, type: MessageResponseDto })
  @ApiProblems(410, 422, 429, 503)
  resetPassword(@Body() dto: ResetPasswordDto): Promise<MessageResponseDto> {
    return this.passwordsService.resetPassword(dto);
  }

  @Post('me/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own password',
    description: 'Every other session of the user ends; the one making the change continues.',
  })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 422, 429, 503)
  changePassword(@Auth() principal: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.passwordsService.changePassword(principal, dto);
  }
}
