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
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import {
  AssignRoleUsersDto,
  CreateRoleDto,
  RoleListResponseDto,
  RoleResponseDto,
  UpdateRoleDto,
} from 'src/users/dto/role.dto';
import { RolesService } from 'src/users/roles.service';

const CUSTOM_ROLES =
  'A custom role decides the areas it lists (view, or edit which implies view) instead of ' +
  "the holder's built-in role, on the enterprise tier, in the holder's own company.";

/** Built-in roles, and the role manager's custom roles (enterprise tier). */
@ApiTags('roles')
@Controller('api/v1/roles')
export class RolesController {
  constructor(private readonly rolesService: RolesService) {}

  @Get()
  @RequirePermission(Permission.RolesView)
  @ApiOperation({ summary: 'Built-in roles with their permissions, then the custom roles' })
  @ApiQuery({ name: 'sort', required: false, enum: ['name', '-name'] })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'per_page', required: false, example: 25 })
  @ApiResponse({ status: 200, type: RoleListResponseDto })
  @ApiProblems(401, 403, 422)
  list(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<RoleListResponseDto> {
    return this.rolesService.list(principal, query);
  }

  @Post()
  @RequirePermission(Permission.RolesManage)
  @ApiOperation({ summary: 'Create a custom role', description: CUSTOM_ROLES })
  @ApiResponse({ status: 201, type: RoleResponseDto })
  @ApiProblems(401, 403, 409, 422)
  create(@Auth() principal: Principal, @Body() dto: CreateRoleDto): Promise<RoleResponseDto> {
    return this.rolesService.create(principal, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.RolesManage)
  @ApiOperation({ summary: 'Change a custom role; its holders are affected at once' })
  @ApiResponse({ status: 200, type: RoleResponseDto })
  @ApiProblems(401, 403, 404, 409, 422)
  update(
    @Auth() principal: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateRoleDto,
  ): Promise<RoleResponseDto> {
    return this.rolesService.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.RolesManage)
  @ApiOperation({ summary: 'Delete a custom role; its holders keep their built-in role' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  delete(@Auth() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.rolesService.delete(principal, id);
  }

  @Put(':id/users')
  @RequirePermission(Permission.RolesManage)
  @ApiOperation({
    summary: 'Set who holds a custom role, taking effect at once',
    description:
      '`user_ids` is the complete list of holders: listed users get the role (leaving any ' +
      'other custom role), holders left out lose it. Users must be of the company and below ' +
      'the caller: never the caller, never an administrator.',
  })
  @ApiResponse({ status: 200, type: RoleResponseDto })
  @ApiProblems(401, 403, 404, 422)
  assignUsers(
    @Auth() principal: Principal,
    @Param('id') id: string,
    @Body() dto: AssignRoleUsersDto,
  ): Promise<RoleResponseDto> {
    return this.rolesService.assignUsers(principal, id, dto);
  }
}
