import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreatedOAuthClientDto,
  CreateOAuthClientDto,
  OAuthClientListResponseDto,
  OAuthTokenResponseDto,
} from 'src/auth/dto/oauth-client.dto';
import { OAuthClientsService } from 'src/auth/oauth-clients.service';
import { Auth, Public } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';

const OAUTH_ERROR = {
  'application/problem+json': {
    schema: {
      allOf: [
        { $ref: '#/components/schemas/Problem' },
        {
          type: 'object',
          properties: { error: { type: 'string' }, error_description: { type: 'string' } },
        },
      ],
    },
  },
};

@ApiTags('oauth clients')
@Controller('api/v1')
export class OAuthClientsController {
  constructor(private readonly oauthClients: OAuthClientsService) {}

  @Get('oauth-clients')
  @RequirePermission(Permission.OAuthClientsView)
  @ApiOperation({ summary: "The acting company's machine clients" })
  @ApiQuery({ name: 'sort', required: false, description: '-created_at (default), name, …' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'per_page', required: false, type: Number, description: 'At most 100' })
  @ApiResponse({ status: 200, type: OAuthClientListResponseDto })
  @ApiProblems(401, 403, 422)
  list(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<OAuthClientListResponseDto> {
    return this.oauthClients.list(principal, query);
  }

  @Post('oauth-clients')
  @RequirePermission(Permission.OAuthClientsManage)
  @ApiOperation({ summary: 'Create a machine client; its secret is in this answer only' })
  @ApiResponse({ status: 201, type: CreatedOAuthClientDto })
  @ApiProblems(401, 403, 422)
  create(
    @Auth() principal: Principal,
    @Body() dto: CreateOAuthClientDto,
  ): Promise<CreatedOAuthClientDto> {
    return this.oauthClients.create(principal, dto);
  }

  @Delete('oauth-clients/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.OAuthClientsManage)
  @ApiOperation({ summary: 'Delete a machine client; its access tokens stop at once' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  remove(@Auth() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.oauthClients.remove(principal, id);
  }

  @Public()
  @Post('oauth/token')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({
    summary: 'OAuth 2 client-credentials grant (RFC 6749 §4.4)',
    description:
      'grant_type=client_credentials with client_id and client_secret in the body (form or ' +
      'JSON) or as HTTP Basic. The access token is sent as `Authorization: Bearer <token>`.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials'] },
        client_id: { type: 'string' },
        client_secret: { type: 'string' },
      },
    },
  })
  @ApiResponse({ status: 200, type: OAuthTokenResponseDto })
  @ApiResponse({
    status: 400,
    description: 'invalid_request, unsupported_grant_type',
    content: OAUTH_ERROR,
  })
  @ApiResponse({ status: 401, description: 'invalid_client', content: OAUTH_ERROR })
  issueToken(
    @Body() body: Record<string, unknown>,
    @Headers('authorization') authorization?: string,
  ): Promise<OAuthTokenResponseDto> {
    return this.oauthClients.issueToken(body, authorization);
  }
}
