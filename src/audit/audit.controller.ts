import { applyDecorators, Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditQueryService } from 'src/audit/audit-query.service';
import { AuditLogListResponseDto } from 'src/audit/dto/audit-log-response.dto';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';

/** The query parameters both routes share (the CSV ignores page and per_page). */
function ApiAuditQuery(): MethodDecorator {
  const text = (name: string, description: string) =>
    ApiQuery({ name, required: false, type: String, description });

  return applyDecorators(
    text(
      'filter[company]',
      'Empty: the acting company; `all`: it and its linked companies; or ids, comma-separated',
    ),
    text('filter[search]', 'Free text over event and actor names (and exact ids)'),
    text('filter[action]', 'create, update, delete, login, logout, refuse or other'),
    text('filter[from]', 'ISO date (the whole day) or datetime; entries at or after it'),
    text('filter[to]', 'ISO date (the whole day) or datetime; entries at or before it'),
    text('sort', '-created_at (default, newest first) or created_at'),
    ApiQuery({ name: 'page', required: false, type: Number }),
    ApiQuery({ name: 'per_page', required: false, type: Number, description: 'At most 100' }),
  );
}

@ApiTags('audit logs')
@Controller('api/v1')
export class AuditController {
  constructor(private readonly auditQuery: AuditQueryService) {}

  @Get('audit-logs')
  @RequirePermission(Permission.AuditLogsView)
  @ApiOperation({ summary: 'Audit entries of the acting company or its linked companies' })
  @ApiAuditQuery()
  @ApiResponse({ status: 200, type: AuditLogListResponseDto })
  @ApiProblems(401, 403, 404, 422)
  list(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<AuditLogListResponseDto> {
    return this.auditQuery.list(principal, query);
  }

  @Get('audit-logs.csv')
  @RequirePermission(Permission.AuditLogsView)
  @ApiOperation({ summary: 'The same selection as CSV, streamed; every matching entry' })
  @ApiAuditQuery()
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(401, 403, 404, 422)
  exportCsv(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<StreamableFile> {
    return this.auditQuery.exportCsv(principal, query);
  }
}
