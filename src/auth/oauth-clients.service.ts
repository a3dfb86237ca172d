import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { AuditEntryInput } from 'src/audit/audit.types';
import { credentialPrincipal } from 'src/auth/credential-principal';
import {
  CreatedOAuthClientDto,
  CreateOAuthClientDto,
  OAuthClientListResponseDto,
  OAuthClientResponseDto,
  OAuthTokenResponseDto,
} from 'src/auth/dto/oauth-client.dto';
import { OAuthClient } from 'src/auth/entities/oauth-client.entity';
import { MACHINE_TOKEN_TTL_SECONDS, MachineTokenService } from 'src/auth/machine-token.service';
import { invalidClient, parseTokenRequest } from 'src/auth/oauth-token-request';
import { Principal } from 'src/common/auth/principal';
import { hashToken, randomToken, safeEqual } from 'src/common/crypto/tokens';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { parseListQuery } from 'src/common/http/list-query';
import { newId } from 'src/common/ids';
import { CompaniesService } from 'src/companies/companies.service';
import { Database } from 'src/database/database.service';

const CLIENT_ID_PREFIX = 'pwc_';
const CLIENT_SECRET_PREFIX = 'pws_';

const LIST_SPEC = {
  sorts: ['created_at', 'name'] as const,
  defaultSort: '-created_at' as const,
  filters: {},
};

const invalidToken = (): AppError =>
  new AppError(ErrorCode.Unauthenticated, 'The credentials are invalid or have expired');

/**
 * Machine clients of the OAuth 2 client-credentials grant (api.md "Settings"): a standard
 * alternative to API keys, with the same rights (manager, in the client's company). The secret
 * is shown once and stored as SHA-256; the access tokens live an hour and stop with the client.
 */
@Injectable()
export class OAuthClientsService {
  private readonly logger = new Logger(OAuthClientsService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly machineTokens: MachineTokenService,
  ) {}

  async list(
    principal: Principal,
    params: Record<string, unknown>,
  ): Promise<OAuthClientListResponseDto> {
    const query = parseListQuery(params, LIST_SPEC);
    const direction = query.sort.descending ? 'DESC' : 'ASC';

    const [clients, total] = await this.db
      .repo(OAuthClient)
      .createQueryBuilder('c')
      .where('c.companyId = :companyId', { companyId: principal.actingCompanyId })
      .orderBy(query.sort.key === 'name' ? 'c.name' : 'c.id', direction)
      .addOrderBy('c.id', direction)
      .skip((query.page - 1) * query.perPage)
      .take(query.perPage)
      .getManyAndCount();

    return {
      data: clients.map((client) => OAuthClientResponseDto.from(client)),
      meta: { page: query.page, per_page: query.perPage, total },
    };
  }

  /** A new client of the acting company; the only time its secret is ever returned. */
  async create(principal: Principal, dto: CreateOAuthClientDto): Promise<CreatedOAuthClientDto> {
    const secret = `${CLIENT_SECRET_PREFIX}${randomToken(32)}`;
    const client = {
      id: newId(),
      companyId: principal.actingCompanyId,
      name: dto.name.trim(),
      clientId: `${CLIENT_ID_PREFIX}${randomToken(16)}`,
      secretHash: hashToken(secret),
    };

    await this.db.transaction(async () => {
      await this.db.repo(OAuthClient).insert(client);
      await this.record(principal, client.id, 'auth.oauth_client.created', 'create', {
        name: client.name,
        client_id: client.clientId,
      });
    });
    this.logger.log(`Created OAuth client ${client.id} in company ${client.companyId}`);

    return { id: client.id, name: client.name, client_id: client.clientId, client_secret: secret };
  }

  /** Deletes the client; its access tokens stop on their next request. */
  async remove(principal: Principal, id: string): Promise<void> {
    const client = assertFound(
      await this.db.repo(OAuthClient).findOneBy({ id, companyId: principal.actingCompanyId }),
      'OAuth client not found',
    );

    await this.db.transaction(async () => {
      await this.db.repo(OAuthClient).delete({ id });
      await this.record(principal, id, 'auth.oauth_client.deleted', 'delete', {
        name: client.name,
        client_id: client.clientId,
      });
    });
    this.logger.log(`Deleted OAuth client ${id} in company ${client.companyId}`);
  }

  /**
   * The token endpoint's grant: checks the client's credentials and issues an access token.
   * @throws AppError 400 invalid_request / unsupported_grant_type, 401 invalid_client.
   */
  async issueToken(body: unknown, authorization?: string): Promise<OAuthTokenResponseDto> {
    const request = parseTokenRequest(body, authorization);
    const client = await this.db.repo(OAuthClient).findOneBy({ clientId: request.clientId });
    const isSecretRight =
      client !== null && safeEqual(client.secretHash, hashToken(request.clientSecret));
    const company = isSecretRight ? await this.companies.findActive(client.companyId) : null;
    if (!client || !company) {
      await this.recordRefusal(client);
      throw invalidClient(request.isBasic);
    }

    const accessToken = await this.machineTokens.sign(client);
    await this.audit.record({
      companyId: company.id,
      actor: { type: 'machine', principal: credentialPrincipal('machine', client, company) },
      event: 'auth.oauth.token_issued',
      action: 'login',
      target: { type: 'oauth_client', id: client.id },
    });

    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: MACHINE_TOKEN_TTL_SECONDS,
    };
  }

  /**
   * The principal of a machine access token, while its client and company exist.
   * @throws AppError UNAUTHENTICATED otherwise.
   */
  async authenticateToken(token: string): Promise<Principal> {
    const id = await this.machineTokens.verify(token);
    const client = id ? await this.db.repo(OAuthClient).findOneBy({ id }) : null;
    const company = client ? await this.companies.findActive(client.companyId) : null;
    if (!client || !company) {
      throw invalidToken();
    }

    return credentialPrincipal('machine', client, company);
  }

  /** A refused token request for a known client is recorded in its company (brute force). */
  private async recordRefusal(client: OAuthClient | null): Promise<void> {
    if (!client) {
      return;
    }
    await this.audit.record({
      companyId: client.companyId,
      actor: { type: 'anonymous' },
      event: 'auth.oauth.token_refused',
      action: 'refuse',
      target: { type: 'oauth_client', id: client.id },
    });
  }

  private record(
    principal: Principal,
    clientId: string,
    event: string,
    action: AuditEntryInput['action'],
    changes: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({
      companyId: principal.actingCompanyId,
      actor: { type: principal.kind, principal },
      event,
      action,
      target: { type: 'oauth_client', id: clientId },
      changes,
    });
  }
}
