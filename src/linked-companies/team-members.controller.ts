import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { TeamMemberListResponseDto } from 'src/linked-companies/dto/team-member-response.dto';
import { TeamMembersService } from 'src/linked-companies/team-members.service';

const GRANT_RULES =
  'You must hold the grant yourself (403 LINKED_COMPANY_NOT_GRANTED); the team member must ' +
  'be a user of your company (404 otherwise)';

/** The parent company's users and the linked companies each may manage (product.md §3.5). */
@ApiTags('linked companies')
@Controller('api/v1/team-members')
export class TeamMembersController {
  constructor(private readonly teamMembersService: TeamMembersService) {}

  @Get()
  @RequirePermission(Permission.TeamMembersView)
  @ApiOperation({
    summary: 'The users of your company, each with the linked companies they may manage',
    description: 'Takes the filters, sorts and pages of GET /api/v1/users.',
  })
  @ApiQuery({ name: 'filter[search]', required: false })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'per_page', required: false, example: 25 })
  @ApiResponse({ status: 200, type: TeamMemberListResponseDto })
  @ApiProblems(401, 403, 422)
  list(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<TeamMemberListResponseDto> {
    return this.teamMembersService.list(principal, query);
  }

  @Put(':user_id/companies/:company_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.TeamMembersManageAccess)
  @ApiOperation({
    summary: 'Grant a team member access to a linked company',
    description:
      `${GRANT_RULES}, not deleted (409 USER_DELETED), and a manager or administrator ` +
      '(403 TEAM_MEMBER_NOT_MANAGER). Granting a held grant changes nothing.',
  })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404, 409)
  grant(
    @Auth() principal: Principal,
    @Param('user_id') userId: string,
    @Param('company_id') companyId: string,
  ): Promise<void> {
    return this.teamMembersService.grant(principal, userId, companyId);
  }

  @Delete(':user_id/companies/:company_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.TeamMembersManageAccess)
  @ApiOperation({
    summary: "Revoke a team member's access to a linked company; their login stays",
    description:
      `${GRANT_RULES}. Their switched tokens stop at once. You cannot give up your own grant ` +
      'while no other manager or administrator holds one (409 LINKED_COMPANY_LAST_GRANT).',
  })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404, 409)
  revoke(
    @Auth() principal: Principal,
    @Param('user_id') userId: string,
    @Param('company_id') companyId: string,
  ): Promise<void> {
    return this.teamMembersService.revoke(principal, userId, companyId);
  }
}
