import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AUDIT_CSV_COLUMNS, auditCsvLine, csvLine } from 'src/audit/audit-csv';
import { AuditQuery, CompanySelection, parseAuditQuery } from 'src/audit/audit-query';
import { AuditLogListResponseDto, AuditLogResponseDto } from 'src/audit/dto/audit-log-response.dto';
import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { sqlDatetime } from 'src/audit/sql-datetime';
import { Principal } from 'src/common/auth/principal';
import type { CompanyHierarchy } from 'src/common/companies/company-hierarchy';
import { COMPANY_HIERARCHY } from 'src/common/companies/company-hierarchy';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { Database } from 'src/database/database.service';
import { containsPattern } from 'src/database/like';
import { Brackets, SelectQueryBuilder } from 'typeorm';

/** Rows per query while exporting: bounds the memory an export holds at once. */
export const CSV_PAGE_SIZE = 1000;
/**
 * Rows per written chunk: about 40 KB of CSV, below V8's large-object size, so each chunk dies
 * young in a cheap scavenge instead of waiting in old space for a full collection.
 */
const CSV_CHUNK_ROWS = 100;
/** The stream reads ahead at most this much before the client has taken it. */
const CSV_HIGH_WATER_MARK = 64 * 1024;

interface CsvPage {
  chunks: string[];
  lastId: string | null;
  isLast: boolean;
}

/** Reads the audit trail for administrators: a page of it, or all of it as a CSV stream. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly db: Database,
    @Inject(COMPANY_HIERARCHY) private readonly hierarchy: CompanyHierarchy,
  ) {}

  async list(
    principal: Principal,
    params: Record<string, unknown>,
  ): Promise<AuditLogListResponseDto> {
    const query = parseAuditQuery(params);
    const companyIds = await this.companiesOf(principal, query.company);

    const [entries, total] = await this.selection(companyIds, query)
      .orderBy('a.id', query.isNewestFirst ? 'DESC' : 'ASC')
      .skip((query.page - 1) * query.perPage)
      .take(query.perPage)
      .getManyAndCount();

    return {
      data: entries.map((entry) => AuditLogResponseDto.from(entry)),
      meta: { page: query.page, per_page: query.perPage, total },
    };
  }

  /**
   * The whole selection as CSV. Input problems are thrown before the first byte; the rows are
   * then read page by page (keyset on the time-ordered id) only as fast as the client reads.
   */
  async exportCsv(principal: Principal, params: Record<string, unknown>): Promise<StreamableFile> {
    const query = parseAuditQuery(params);
    const companyIds = await this.companiesOf(principal, query.company);

    const stream = Readable.from(this.csvChunks(companyIds, query), {
      objectMode: false,
      highWaterMark: CSV_HIGH_WATER_MARK,
    });

    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="audit-logs.csv"',
    });
  }

  private async *csvChunks(companyIds: string[], query: AuditQuery): AsyncGenerator<string> {
    yield csvLine(AUDIT_CSV_COLUMNS);
    let page: CsvPage = { chunks: [], lastId: null, isLast: false };
    while (!page.isLast) {
      page = await this.csvPage(companyIds, query, page.lastId);
      yield* page.chunks;
    }
  }

  /**
   * One keyset page as CSV text. The entities stay inside this call, so they die young even
   * while a slow client keeps the stream waiting; only the page's text outlives it.
   */
  private async csvPage(
    companyIds: string[],
    query: AuditQuery,
    afterId: string | null,
  ): Promise<CsvPage> {
    const select = this.selection(companyIds, query)
      .orderBy('a.id', query.isNewestFirst ? 'DESC' : 'ASC')
      .take(CSV_PAGE_SIZE);
    if (afterId) {
      select.andWhere(query.isNewestFirst ? 'a.id < :afterId' : 'a.id > :afterId', { afterId });
    }
    const entries = await select.getMany();

    const chunks: string[] = [];
    for (let start = 0; start < entries.length; start += CSV_CHUNK_ROWS) {
      chunks.push(
        entries
          .slice(start, start + CSV_CHUNK_ROWS)
          .map(auditCsvLine)
          .join(''),
      );
    }

    return {
      chunks,
      lastId: entries.at(-1)?.id ?? afterId,
      isLast: entries.length < CSV_PAGE_SIZE,
    };
  }

  /**
   * The companies a request reads: the acting company by default; `all` adds every company
   * linked to it; chosen ids must each be one of those, else 404 (never saying whether the
   * company exists).
   */
  private async companiesOf(principal: Principal, selection: CompanySelection): Promise<string[]> {
    const acting = principal.actingCompanyId;
    if (selection.kind === 'acting') {
      return [acting];
    }

    const visible = [acting, ...(await this.hierarchy.linkedCompanyIds(acting))];
    if (selection.kind === 'all') {
      return visible;
    }
    if (selection.ids.some((id) => !visible.includes(id))) {
      throw new AppError(ErrorCode.NotFound, 'Company not found');
    }

    return selection.ids;
  }

  private selection(companyIds: string[], query: AuditQuery): SelectQueryBuilder<AuditLog> {
    const qb = this.db
      .repo(AuditLog)
      .createQueryBuilder('a')
      .where('a.companyId IN (:...companyIds)', { companyIds });
    const { search, action, from, before } = query;
    if (search) {
      // a space matches the dot of an event name: "login failed" finds auth.login.failed
      const name = containsPattern(search);
      const event = name.replace(/\s+/g, '_');
      qb.andWhere(
        new Brackets((w) => {
          w.where("a.event LIKE :event ESCAPE '!'", { event })
            .orWhere("a.actorName LIKE :name ESCAPE '!'", { name })
            .orWhere('a.actorId = :search OR a.targetId = :search OR a.id = :search', { search });
        }),
      );
    }
    if (action) {
      qb.andWhere('a.action = :action', { action });
    }
    if (from) {
      qb.andWhere('a.createdAt >= :from', { from: sqlDatetime(from) });
    }
    if (before) {
      qb.andWhere('a.createdAt < :before', { before: sqlDatetime(before) });
    }

    return qb;
  }
}
