import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from 'src/auth/api-keys.service';
import {
  ApiKeyListResponseDto,
  ApiKeyResponseDto,
  CreatedApiKeyDto,
} from 'src/auth/dto/api-key-response.dto';
import { CreateApiKeyDto } from 'src/auth/dto/create-api-key.dto';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';

@ApiTags('api keys')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @RequirePermission(Permission.ApiKeysView)
  @ApiOperation({ summary: "The acting company's API keys, revoked ones included" })
  @ApiQuery({ name: 'filter[search]', required: false, description: 'Part of the name' })
  @ApiQuery({ name: 'filter[status]', required: false, enum: ['active', 'revoked'] })
  @ApiQuery({ name: 'sort', required: false, description: '-created_at (default), name, …' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'per_page', required: false, type: Number, description: 'At most 100' })
  @ApiResponse({ status: 200, type: ApiKeyListResponseDto })
  @ApiProblems(401, 403, 422)
  list(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<ApiKeyListResponseDto> {
    return this.apiKeys.list(principal, query);
  }

  @Post()
  @RequirePermission(Permission.ApiKeysManage)
  @ApiOperation({ summary: 'Create a key; the key is in this answer only' })
  @ApiResponse({ status: 201, type: CreatedApiKeyDto })
  @ApiProblems(401, 403, 422)
  create(@Auth() principal: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(principal, dto);
  }

  @Post(':id/revoke')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ApiKeysManage)
  @ApiOperation({ summary: 'Revoke a key: it stops at once and stays listed with revoked_at' })
  @ApiResponse({ status: 200, type: ApiKeyResponseDto })
  @ApiProblems(401, 403, 404)
  revoke(@Auth() principal: Principal, @Param('id') id: string): Promise<ApiKeyResponseDto> {
    return this.apiKeys.revoke(principal, id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.ApiKeysManage)
  @ApiOperation({ summary: 'Delete a key: it stops at once and is gone from the list' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  remove(@Auth() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.apiKeys.remove(principal, id);
  }
}
