import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { AuditEntryInput } from 'src/audit/audit.types';
import { credentialPrincipal } from 'src/auth/credential-principal';
import {
  ApiKeyListResponseDto,
  ApiKeyResponseDto,
  CreatedApiKeyDto,
} from 'src/auth/dto/api-key-response.dto';
import { CreateApiKeyDto } from 'src/auth/dto/create-api-key.dto';
import { ApiKey } from 'src/auth/entities/api-key.entity';
import { Principal } from 'src/common/auth/principal';
import { hashToken, randomToken } from 'src/common/crypto/tokens';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { parseListQuery } from 'src/common/http/list-query';
import { newId } from 'src/common/ids';
import { CompaniesService } from 'src/companies/companies.service';
import { Database } from 'src/database/database.service';
import { containsPattern } from 'src/database/like';
import { IsNull } from 'typeorm';

export const API_KEY_PREFIX = 'pwk_';
/** 32 random bytes: 256 bits, 43 base64url characters after the prefix. */
const KEY_BYTES = 32;
/** last_used_at is rewritten only when older than this, so a busy key costs no write per call. */
export const LAST_USED_PRECISION_MS = 60_000;

const LIST_SPEC = {
  sorts: ['created_at', 'name'] as const,
  defaultSort: '-created_at' as const,
  filters: { search: 'text' as const, status: ['active', 'revoked'] as const },
};

const invalidKey = (): AppError =>
  new AppError(ErrorCode.Unauthenticated, 'The credentials are invalid or have expired');

/**
 * API keys (product.md §5.2): company keys shown once, stored as SHA-256, acting with manager
 * rights. Validity is read from the database on every request, never cached, so a revoke or a
 * delete stops the key at once on every process.
 */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
  ) {}

  async list(
    principal: Principal,
    params: Record<string, unknown>,
  ): Promise<ApiKeyListResponseDto> {
    const query = parseListQuery(params, LIST_SPEC);
    const direction = query.sort.descending ? 'DESC' : 'ASC';
    const qb = this.db
      .repo(ApiKey)
      .createQueryBuilder('k')
      .where('k.companyId = :companyId', { companyId: principal.actingCompanyId });
    if (query.filters.search) {
      qb.andWhere("k.name LIKE :pattern ESCAPE '!'", {
        pattern: containsPattern(query.filters.search),
      });
    }
    if (query.filters.status) {
      qb.andWhere(`k.revokedAt IS ${query.filters.status === 'active' ? '' : 'NOT '}NULL`);
    }

    const [keys, total] = await qb
      .orderBy(query.sort.key === 'name' ? 'k.name' : 'k.id', direction)
      .addOrderBy('k.id', direction)
      .skip((query.page - 1) * query.perPage)
      .take(query.perPage)
      .getManyAndCount();

    return {
      data: keys.map((key) => ApiKeyResponseDto.from(key)),
      meta: { page: query.page, per_page: query.perPage, total },
    };
  }

  /** A new key for the acting company; the only time the key itself is ever returned. */
  async create(principal: Principal, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const key = `${API_KEY_PREFIX}${randomToken(KEY_BYTES)}`;
    const row = {
      id: newId(),
      companyId: principal.actingCompanyId,
      name: dto.name.trim(),
      keyHash: hashToken(key),
      keyHint: key.slice(-4),
      lastUsedAt: null,
      revokedAt: null,
    };

    await this.db.transaction(async () => {
      await this.db.repo(ApiKey).insert(row);
      await this.record(principal, row.id, 'created', 'create', { name: row.name });
    });
    this.logger.log(`Created API key ${row.id} in company ${row.companyId}`);

    return { id: row.id, name: row.name, key };
  }

  /** Stops the key at once; it stays listed with `revoked_at`. Revoking twice changes nothing. */
  async revoke(principal: Principal, id: string): Promise<ApiKeyResponseDto> {
    const key = await this.findKey(principal, id);

    if (!key.revokedAt) {
      await this.db.transaction(async () => {
        const revoked = await this.db
          .repo(ApiKey)
          .update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
        if (revoked.affected) {
          await this.record(principal, id, 'revoked', 'update', { name: key.name });
        }
      });
      this.logger.log(`Revoked API key ${id} in company ${key.companyId}`);
    }

    return ApiKeyResponseDto.from(await this.findKey(principal, id));
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const key = await this.findKey(principal, id);

    await this.db.transaction(async () => {
      await this.db.repo(ApiKey).delete({ id });
      await this.record(principal, id, 'deleted', 'delete', { name: key.name });
    });
    this.logger.log(`Deleted API key ${id} in company ${key.companyId}`);
  }

  /**
   * The principal of a presented key: one indexed lookup by hash, then the company.
   * @throws AppError UNAUTHENTICATED for an unknown, revoked or deleted key, or a deleted company.
   */
  async authenticate(presented: string): Promise<Principal> {
    const key = await this.db.repo(ApiKey).findOneBy({ keyHash: hashToken(presented) });
    if (!key || key.revokedAt) {
      throw invalidKey();
    }
    const company = await this.companies.findActive(key.companyId);
    if (!company) {
      throw invalidKey();
    }

    await this.touch(key);

    return credentialPrincipal('api_key', key, company);
  }

  /**
   * Records the use of a key at most once a minute: the write happens only when the stored
   * time is older than LAST_USED_PRECISION_MS, and is conditional, so processes racing on one
   * key write once. A failed write is logged and does not refuse the request.
   */
  private async touch(key: ApiKey): Promise<void> {
    const now = new Date();
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_PRECISION_MS) {
      return;
    }
    try {
      await this.db
        .repo(ApiKey)
        .createQueryBuilder()
        .update()
        .set({ lastUsedAt: now })
        .where('id = :id AND (last_used_at IS NULL OR last_used_at < :stale)', {
          id: key.id,
          stale: new Date(now.getTime() - LAST_USED_PRECISION_MS),
        })
        .execute();
    } catch (error) {
      this.logger.warn(`Could not record the use of API key ${key.id}: ${String(error)}`);
    }
  }

  /** A key of the acting company; any other id is a 404, whether or not it exists. */
  private async findKey(principal: Principal, id: string): Promise<ApiKey> {
    const key = await this.db.repo(ApiKey).findOneBy({ id, companyId: principal.actingCompanyId });

    return assertFound(key, 'API key not found');
  }

  private record(
    principal: Principal,
    keyId: string,
    what: string,
    action: AuditEntryInput['action'],
    changes: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({
      companyId: principal.actingCompanyId,
      actor: { type: principal.kind, principal },
      event: `auth.api_key.${what}`,
      action,
      target: { type: 'api_key', id: keyId },
      changes,
    });
  }
}
