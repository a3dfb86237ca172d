import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { TeamMemberAccessListResponseDto } from 'src/linked-companies/dto/team-member-response.dto';
import { TeamMembersService } from 'src/linked-companies/team-members.service';

/** Who of the parent company may manage the acting (linked) company (product.md §3.5). */
@ApiTags('linked companies')
@Controller('api/v1/company')
export class CompanyTeamController {
  constructor(private readonly teamMembersService: TeamMembersService) {}

  @Get('team-members-with-access')
  @RequirePermission(Permission.CompanyTeamMembersView)
  @ApiOperation({
    summary: "The parent company's managers and administrators, with has_access for this one",
    description: 'Empty for a company that is not linked to a parent.',
  })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'per_page', required: false, example: 25 })
  @ApiResponse({ status: 200, type: TeamMemberAccessListResponseDto })
  @ApiProblems(401, 403, 422)
  withAccess(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<TeamMemberAccessListResponseDto> {
    return this.teamMembersService.withAccess(principal, query);
  }
}
