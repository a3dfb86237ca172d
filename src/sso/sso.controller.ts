import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, Public } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { RateLimit } from 'src/common/rate-limit/rate-limit.guard';
import { RateLimitPolicy } from 'src/common/rate-limit/rate-limit.policies';
import {
  CreateSsoProviderDto,
  SsoDiscoverQueryDto,
  SsoDiscoverResponseDto,
  SsoProviderListResponseDto,
  SsoProviderResponseDto,
  SsoProviderTestResponseDto,
  UpdateSsoProviderDto,
} from 'src/sso/dto/sso-provider.dto';
import { SsoLoginService } from 'src/sso/sso-login.service';
import { SsoProvidersService } from 'src/sso/sso-providers.service';

const REDIRECT = { status: 302, description: 'Redirect (Location header)' };

@ApiTags('sso')
@Controller()
export class SsoController {
  constructor(
    private readonly providers: SsoProvidersService,
    private readonly login: SsoLoginService,
  ) {}

  @Get('api/v1/sso/providers')
  @RequirePermission(Permission.SsoProvidersManage)
  @ApiOperation({ summary: "The acting company's identity providers" })
  @ApiResponse({ status: 200, type: SsoProviderListResponseDto })
  @ApiProblems(401, 403, 422)
  list(@Auth() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.providers.list(principal, query);
  }

  @Post('api/v1/sso/providers')
  @RequirePermission(Permission.SsoProvidersManage)
  @ApiOperation({ summary: 'Add a provider (disabled) and generate its three URLs' })
  @ApiResponse({ status: 201, type: SsoProviderResponseDto })
  @ApiProblems(401, 403, 409, 422)
  create(@Auth() principal: Principal, @Body() dto: CreateSsoProviderDto) {
    return this.providers.create(principal, dto);
  }

  @Get('api/v1/sso/providers/:id')
  @RequirePermission(Permission.SsoProvidersManage)
  @ApiOperation({ summary: 'One provider' })
  @ApiResponse({ status: 200, type: SsoProviderResponseDto })
  @ApiProblems(401, 403, 404)
  get(@Auth() principal: Principal, @Param('id') id: string): Promise<SsoProviderResponseDto> {
    return this.providers.get(principal, id);
  }

  @Patch('api/v1/sso/providers/:id')
  @RequirePermission(Permission.SsoProvidersManage)
  @ApiOperation({ summary: 'Change a provider; enabling checks credentials and discovery' })
  @ApiResponse({ status: 200, type: SsoProviderResponseDto })
  @ApiProblems(401, 403, 404, 409, 422)
  update(@Auth() principal: Principal, @Param('id') id: string, @Body() dto: UpdateSsoProviderDto) {
    return this.providers.update(principal, id, dto);
  }

  @Delete('api/v1/sso/providers/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.SsoProvidersManage)
  @ApiOperation({ summary: 'Delete a provider and its links to users' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  remove(@Auth() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.providers.remove(principal, id);
  }

  @Post('api/v1/sso/providers/:id/test')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.SsoProvidersManage)
  @ApiOperation({ summary: 'Run the checks enabling runs, and report them' })
  @ApiResponse({ status: 200, type: SsoProviderTestResponseDto })
  @ApiProblems(401, 403, 404)
  test(@Auth() principal: Principal, @Param('id') id: string): Promise<SsoProviderTestResponseDto> {
    return this.providers.test(principal, id);
  }

  @Public()
  @RateLimit(RateLimitPolicy.AuthPerIp)
  @Get('api/v1/sso/discover')
  @ApiOperation({ summary: "The sign-in URL of the provider that claims an email's domain" })
  @ApiResponse({ status: 200, type: SsoDiscoverResponseDto })
  @ApiProblems(404, 422)
  discover(@Query() query: SsoDiscoverQueryDto): Promise<SsoDiscoverResponseDto> {
    return this.login.discover(query);
  }

  @Public()
  @RateLimit(RateLimitPolicy.AuthPerIp)
  @Get('sso/:id/login')
  @ApiOperation({ summary: 'Initiate sign-in: to the IdP (also OIDC third-party-initiated)' })
  @ApiResponse(REDIRECT)
  @ApiProblems(404)
  startLogin(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.login.startLogin(id, req, res);
  }

  @Public()
  @RateLimit(RateLimitPolicy.AuthPerIp)
  @Post('sso/:id/login')
  @ApiExcludeEndpoint()
  startLoginByForm(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    return this.login.startLogin(id, req, res);
  }

  @Public()
  @RateLimit(RateLimitPolicy.AuthPerIp)
  @Get('sso/:id/callback')
  @ApiOperation({ summary: "The IdP's redirect back: to the dashboard with a one-time code" })
  @ApiResponse(REDIRECT)
  finishLogin(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.login.finishLogin(id, req, res);
  }

  @Public()
  @Get('sso/:id/logout')
  @ApiOperation({ summary: "End this browser's SSO session, then the IdP's" })
  @ApiResponse(REDIRECT)
  @ApiProblems(404)
  logout(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.login.logout(id, req, res);
  }
}
