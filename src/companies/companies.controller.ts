import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { CompaniesService } from 'src/companies/companies.service';
import { CompanyResponseDto } from 'src/companies/dto/company-response.dto';
import { UpdateCompanyDto } from 'src/companies/dto/update-company.dto';

/** The profile of the acting company (after a switch, the linked company). */
@ApiTags('company')
@Controller('api/v1/company')
export class CompaniesController {
  constructor(private readonly companiesService: CompaniesService) {}

  @Get()
  @RequirePermission(Permission.CompanyView)
  @ApiOperation({ summary: 'The company profile, with the banner every user sees' })
  @ApiResponse({ status: 200, type: CompanyResponseDto })
  @ApiProblems(401, 403)
  getProfile(@Auth() principal: Principal): Promise<CompanyResponseDto> {
    return this.companiesService.getProfile(principal);
  }

  @Patch()
  @RequirePermission(Permission.CompanyUpdate)
  @ApiOperation({
    summary: 'Change the profile',
    description:
      'name and banner: administrators; website, telephone and email: administrators and ' +
      'managers. A field the role may not change answers 403 COMPANY_FIELD_FORBIDDEN and ' +
      'nothing changes.',
  })
  @ApiResponse({ status: 200, type: CompanyResponseDto })
  @ApiProblems(401, 403, 422)
  updateProfile(
    @Auth() principal: Principal,
    @Body() dto: UpdateCompanyDto,
  ): Promise<CompanyResponseDto> {
    return this.companiesService.updateProfile(principal, dto);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.CompanyDelete)
  @ApiOperation({ summary: 'Delete the company: nobody in it can sign in any more' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403)
  deleteCompany(@Auth() principal: Principal): Promise<void> {
    return this.companiesService.deleteCompany(principal);
  }
}
