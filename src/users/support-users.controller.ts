import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { ChangeRoleDto } from 'src/users/dto/change-role.dto';
import { UserResponseDto } from 'src/users/dto/user-response.dto';
import { UsersAdminService } from 'src/users/users-admin.service';

@ApiTags('support')
@Controller('api/v1/support/users')
export class SupportUsersController {
  constructor(private readonly usersAdminService: UsersAdminService) {}

  @Put(':id/role')
  @RequirePermission(Permission.SupportUsersChangeRole)
  @ApiOperation({
    summary: "Set any user's role (platform support)",
    description: 'The only way to make or unmake an administrator after registration.',
  })
  @ApiResponse({ status: 200, type: UserResponseDto })
  @ApiProblems(401, 403, 404, 422)
  changeRole(
    @Auth() principal: Principal,
    @Param('id') id: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<UserResponseDto> {
    return this.usersAdminService.changeRoleAsSupport(principal, id, dto);
  }
}
