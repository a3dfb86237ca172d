import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { CompaniesService } from 'src/companies/companies.service';
import { SupportCompanyResponseDto } from 'src/companies/dto/company-response.dto';
import { UpdateSubscriptionDto } from 'src/companies/dto/update-subscription.dto';

@ApiTags('support')
@Controller('api/v1/support/companies')
export class SupportCompaniesController {
  constructor(private readonly companiesService: CompaniesService) {}

  @Patch(':id')
  @RequirePermission(Permission.SupportCompaniesUpdate)
  @ApiOperation({ summary: "Set a company's subscription tier and add-ons (platform support)" })
  @ApiResponse({ status: 200, type: SupportCompanyResponseDto })
  @ApiProblems(401, 403, 404, 422)
  updateSubscription(
    @Auth() principal: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateSubscriptionDto,
  ): Promise<SupportCompanyResponseDto> {
    return this.companiesService.updateSubscription(principal, id, dto);
  }
}
