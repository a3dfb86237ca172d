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
import { Role } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { MAX_PER_PAGE } from 'src/common/http/list-query';
import { ChangeRoleDto } from 'src/users/dto/change-role.dto';
import { CreateUserDto } from 'src/users/dto/create-user.dto';
import { UpdateUserDto } from 'src/users/dto/update-user.dto';
import {
  AcceptedResponseDto,
  UserListResponseDto,
  UserResponseDto,
} from 'src/users/dto/user-response.dto';
import { USER_LIST, UsersAdminService } from 'src/users/users-admin.service';
import { UserStatus } from 'src/users/users.types';

/** The users of the acting company (product.md §3.3). */
@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly usersAdminService: UsersAdminService) {}

  @Get()
  @RequirePermission(Permission.UsersView)
  @ApiOperation({ summary: 'List the users, deleted ones included' })
  @ApiQuery({ name: 'filter[search]', required: false, description: 'Words of name or email' })
  @ApiQuery({ name: 'filter[role]', required: false, enum: Role })
  @ApiQuery({ name: 'filter[status]', required: false, enum: UserStatus })
  @ApiQuery({ name: 'sort', required: false, enum: USER_LIST.sorts, description: '- for desc' })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'per_page', required: false, example: 25, description: `Max ${MAX_PER_PAGE}` })
  @ApiResponse({ status: 200, type: UserListResponseDto })
  @ApiProblems(401, 403, 422)
  list(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<UserListResponseDto> {
    return this.usersAdminService.list(principal, query);
  }

  @Post()
  @RequirePermission(Permission.UsersCreate)
  @ApiOperation({
    summary: 'Create a user; they get an email to set their password (link valid 24 h)',
  })
  @ApiResponse({ status: 201, type: UserResponseDto })
  @ApiProblems(401, 403, 409, 422)
  create(@Auth() principal: Principal, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.usersAdminService.create(principal, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.UsersView)
  @ApiOperation({ summary: 'One user' })
  @ApiResponse({ status: 200, type: UserResponseDto })
  @ApiProblems(401, 403, 404)
  get(@Auth() principal: Principal, @Param('id') id: string): Promise<UserResponseDto> {
    return this.usersAdminService.get(principal, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.UsersUpdate)
  @ApiOperation({ summary: "Change a user's name or email (yours, or a user below your role)" })
  @ApiResponse({ status: 200, type: UserResponseDto })
  @ApiProblems(401, 403, 404, 409, 422)
  update(
    @Auth() principal: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return this.usersAdminService.update(principal, id, dto);
  }

  @Put(':id/role')
  @RequirePermission(Permission.UsersChangeRole)
  @ApiOperation({
    summary: "Change a user's role",
    description:
      'Administrators assign up to manager and lower any non-administrator; managers assign ' +
      'up to user and lower only non-managers; nobody changes their own role. A refusal is a ' +
      '403 whose code names the rule (ROLE_CHANGE_*), and nothing changes.',
  })
  @ApiResponse({ status: 200, type: UserResponseDto })
  @ApiProblems(401, 403, 404, 422)
  changeRole(
    @Auth() principal: Principal,
    @Param('id') id: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<UserResponseDto> {
    return this.usersAdminService.changeRole(principal, id, dto);
  }

  @Post(':id/password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequirePermission(Permission.UsersResetPassword)
  @ApiOperation({ summary: 'Email the user a password reset link (valid 24 h)' })
  @ApiResponse({ status: 202, type: AcceptedResponseDto })
  @ApiProblems(401, 403, 404, 409)
  requestPasswordReset(
    @Auth() principal: Principal,
    @Param('id') id: string,
  ): Promise<AcceptedResponseDto> {
    return this.usersAdminService.requestPasswordReset(principal, id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.UsersDelete)
  @ApiOperation({ summary: 'Soft-delete a user: inactive, signed out everywhere at once' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  delete(@Auth() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.usersAdminService.delete(principal, id);
  }

  @Post(':id/restore')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.UsersRestore)
  @ApiOperation({
    summary: 'Restore a deleted user',
    description:
      'The email comes back, the old password does not: the user stays inactive until they ' +
      'set a password through the link emailed now.',
  })
  @ApiResponse({ status: 200, type: UserResponseDto })
  @ApiProblems(401, 403, 404, 409)
  restore(@Auth() principal: Principal, @Param('id') id: string): Promise<UserResponseDto> {
    return this.usersAdminService.restore(principal, id);
  }
}
