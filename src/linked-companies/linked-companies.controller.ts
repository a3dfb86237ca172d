import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { MAX_PER_PAGE } from 'src/common/http/list-query';
import { CreateLinkedCompanyDto } from 'src/linked-companies/dto/create-linked-company.dto';
import {
  LinkedCompanyListResponseDto,
  LinkedCompanyResponseDto,
} from 'src/linked-companies/dto/linked-company-response.dto';
import {
  LINKED_COMPANY_LIST,
  LinkedCompaniesService,
} from 'src/linked-companies/linked-companies.service';
import { SUMMARY_CSV_HEADER } from 'src/linked-companies/summary-csv';

/** The companies linked to the acting company (product.md §2.3). */
@ApiTags('linked companies')
@Controller('api/v1/linked-companies')
export class LinkedCompaniesController {
  constructor(private readonly linkedCompaniesService: LinkedCompaniesService) {}

  @Get()
  @RequirePermission(Permission.LinkedCompaniesView)
  @ApiOperation({ summary: 'List the linked companies, with can_manage for the caller' })
  @ApiQuery({ name: 'filter[search]', required: false, description: 'Words of the name' })
  @ApiQuery({ name: 'sort', required: false, enum: LINKED_COMPANY_LIST.sorts })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'per_page', required: false, example: 25, description: `Max ${MAX_PER_PAGE}` })
  @ApiResponse({ status: 200, type: LinkedCompanyListResponseDto })
  @ApiProblems(401, 403, 422)
  list(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<LinkedCompanyListResponseDto> {
    return this.linkedCompaniesService.list(principal, query);
  }

  @Post()
  @RequirePermission(Permission.LinkedCompaniesCreate)
  @ApiOperation({
    summary: 'Create a linked company on the trial tier; you get a grant for it',
    description:
      "Needs the partner_features add-on, and a free place in the allowance of the parent's " +
      'tier (403 LINKED_COMPANY_ALLOWANCE_EXCEEDED with tier, allowance and linked otherwise). ' +
      'A linked company cannot have linked companies (403 LINKED_COMPANY_CANNOT_BE_PARENT).',
  })
  @ApiResponse({ status: 201, type: LinkedCompanyResponseDto })
  @ApiProblems(401, 403, 422)
  create(
    @Auth() principal: Principal,
    @Body() dto: CreateLinkedCompanyDto,
  ): Promise<LinkedCompanyResponseDto> {
    return this.linkedCompaniesService.create(principal, dto);
  }

  @Get('summary.csv')
  @RequirePermission(Permission.LinkedCompaniesView)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="linked-companies-summary.csv"')
  @ApiOperation({
    summary: 'The linked companies summary as CSV, your own company first',
    description:
      `Header: \`${SUMMARY_CSV_HEADER}\`. Times are UTC, \`YYYY-MM-DD HH:MM:SS\`; plans are the ` +
      'add-ons separated by `;`; score and last flow run are empty.',
  })
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, schema: { type: 'string' } })
  @ApiProblems(401, 403)
  summaryCsv(@Auth() principal: Principal): Promise<string> {
    return this.linkedCompaniesService.summaryCsv(principal);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.SupportLinkedCompaniesUnlink)
  @ApiOperation({
    summary: 'Unlink a company (platform support)',
    description:
      'The company becomes standalone; every team member loses access at once (their ' +
      'switched tokens stop working); its own users keep theirs.',
  })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  unlink(@Auth() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.linkedCompaniesService.unlink(principal, id);
  }
}
