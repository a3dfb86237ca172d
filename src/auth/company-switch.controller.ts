import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CompanySwitchService } from 'src/auth/company-switch.service';
import { TokenResponseDto } from 'src/auth/dto/auth-responses.dto';
import { SwitchCompanyDto } from 'src/auth/dto/switch-company.dto';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';

/** Switching into a linked company and back (product.md §2.3). */
@ApiTags('linked companies')
@Controller('api/v1/switch')
export class CompanySwitchController {
  constructor(private readonly companySwitchService: CompanySwitchService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.LinkedCompaniesSwitch)
  @ApiOperation({
    summary: 'A token acting in a linked company you hold a grant for',
    description:
      'Every read and write with the new token applies to that company, with your own role. ' +
      'A company not linked to yours answers 404; one you hold no grant for, 403 ' +
      'LINKED_COMPANY_NOT_GRANTED. When the grant is revoked or the company unlinked, the token ' +
      'stops at once (401 SWITCHED_ACCESS_ENDED).',
  })
  @ApiResponse({ status: 200, type: TokenResponseDto })
  @ApiProblems(401, 403, 404, 422)
  switchTo(@Auth() principal: Principal, @Body() dto: SwitchCompanyDto): Promise<TokenResponseDto> {
    return this.companySwitchService.switchTo(principal, dto);
  }

  @Post('original')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A token acting in your own company again' })
  @ApiResponse({ status: 200, type: TokenResponseDto })
  @ApiProblems(401)
  switchBack(@Auth() principal: Principal): Promise<TokenResponseDto> {
    return this.companySwitchService.switchBack(principal);
  }
}
