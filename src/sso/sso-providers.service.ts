import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { AuditActor } from 'src/audit/audit.types';
import { Principal, Role } from 'src/common/auth/principal';
import { SecretBox } from 'src/common/crypto/secret-box';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { invalidInput } from 'src/common/http/strict-validation.pipe';
import { newId } from 'src/common/ids';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import { isUniqueViolation } from 'src/database/unique-violation';
import { parseSsoProviderListQuery } from 'src/sso/dto/sso-provider-list.query';
import {
  CreateSsoProviderDto,
  SsoProviderListResponseDto,
  SsoProviderResponseDto,
  SsoProviderTestResponseDto,
  UpdateSsoProviderDto,
} from 'src/sso/dto/sso-provider.dto';
import { toProviderResponse } from 'src/sso/dto/sso-provider.mapper';
import { SsoIdentity } from 'src/sso/entities/sso-identity.entity';
import { SsoProviderDomain } from 'src/sso/entities/sso-provider-domain.entity';
import { SsoProvider } from 'src/sso/entities/sso-provider.entity';
import { SsoSignIn } from 'src/sso/entities/sso-sign-in.entity';
import { IssuerUrlPolicy } from 'src/sso/issuer-url.policy';
import { LoginTransactionsStore } from 'src/sso/login-transactions.store';
import { DiscoveryError, OidcMetadata } from 'src/sso/oidc/discovery';
import { PassportOidcAdapter } from 'src/sso/passport-oidc.adapter';
import { InvalidBaseUrlError, NormalizedBaseUrl, OidcPlugin } from 'src/sso/providers/sso-plugin';
import { SSO_PLUGINS, type SsoPluginRegistry } from 'src/sso/providers/sso-plugin.registry';
import { providerChanges } from 'src/sso/sso-provider.changes';
import { SsoProviderView } from 'src/sso/sso.types';
import { UsersService } from 'src/users/users.service';
import { In, Not } from 'typeorm';

/** Whose provider, and who is acting: an administrator, or the system (the demo seed). */
interface Scope {
  companyId: string;
  actor: AuditActor;
}

type Readiness =
  { ok: true; metadata: OidcMetadata } | { ok: false; field: string; detail: string };

const notReady = (field: string, detail: string): AppError =>
  new AppError(ErrorCode.SsoProviderNotReady, detail, { errors: [{ field, message: detail }] });

/**
 * Administration of a company's identity providers (api.md "SSO providers"). Every read and
 * write is scoped to the acting company: another company's provider is a 404.
 */
@Injectable()
export class SsoProvidersService {
  private readonly logger = new Logger(SsoProvidersService.name);

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly oidc: PassportOidcAdapter,
    private readonly urlPolicy: IssuerUrlPolicy,
    private readonly transactions: LoginTransactionsStore,
    private readonly users: UsersService,
    @Inject(SSO_PLUGINS) private readonly plugins: SsoPluginRegistry,
  ) {}

  async list(principal: Principal, rawQuery: Record<string, unknown>) {
    const query = parseSsoProviderListQuery(rawQuery);
    const [rows, total] = await this.db.repo(SsoProvider).findAndCount({
      where: { companyId: principal.actingCompanyId, ...(query.type ? { type: query.type } : {}) },
      order: { [query.sortBy]: query.direction, id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });

    return {
      data: rows.map((row) => this.toResponse(row)),
      meta: { page: query.page, per_page: query.perPage, total },
    } satisfies SsoProviderListResponseDto;
  }

  async get(principal: Principal, id: string): Promise<SsoProviderResponseDto> {
    return this.toResponse(await this.findOwned(principal.actingCompanyId, id));
  }

  create(principal: Principal, dto: CreateSsoProviderDto): Promise<SsoProviderResponseDto> {
    return this.createIn(scopeOf(principal), dto);
  }

  async update(principal: Principal, id: string, dto: UpdateSsoProviderDto) {
    const current = await this.findOwned(principal.actingCompanyId, id);

    return this.updateIn(scopeOf(principal), current, dto);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const provider = await this.findOwned(principal.actingCompanyId, id);

    await this.db.transaction(async () => {
      await this.db.repo(SsoProvider).delete({ id });
      await this.db.repo(SsoProviderDomain).delete({ providerId: id });
      await this.db.repo(SsoIdentity).delete({ providerId: id });
      await this.db.repo(SsoSignIn).delete({ providerId: id });
      await this.transactions.deleteForProvider(id);
      await this.users.detachSsoProvider(id);
      await this.audit.record({
        companyId: provider.companyId,
        actor: { type: 'user', principal },
        event: 'sso.provider.deleted',
        action: 'delete',
        target: { type: 'sso_provider', id },
        changes: { type: provider.type, name: provider.name },
      });
    });
    this.logger.log(`Deleted SSO provider ${id} of company ${provider.companyId}`);
  }

  /** The checks enabling runs, reported rather than enforced; changes nothing. */
  async test(principal: Principal, id: string): Promise<SsoProviderTestResponseDto> {
    const provider = await this.findOwned(principal.actingCompanyId, id);
    const readiness = await this.checkReadiness(provider, this.plugins[provider.type]);
    this.logger.log(`Tested SSO provider ${id}: ${readiness.ok ? 'ok' : readiness.detail}`);
    if (!readiness.ok) {
      return { ok: false, detail: readiness.detail };
    }
    const { metadata } = readiness;

    return {
      ok: true,
      issuer: metadata.issuer,
      authorization_endpoint: metadata.authorization_endpoint,
      token_endpoint: metadata.token_endpoint,
      jwks_uri: metadata.jwks_uri,
    };
  }

  /**
   * For seeding (the demo), as the system: the company's provider called `dto.name`, created
   * when missing, then changed by what `configure` answers once its URLs are known.
   */
  async seed(
    companyId: string,
    dto: CreateSsoProviderDto & { name: string },
    configure: (provider: SsoProviderResponseDto) => Promise<UpdateSsoProviderDto>,
  ): Promise<SsoProviderResponseDto> {
    const scope: Scope = { companyId, actor: { type: 'system' } };
    const existing = await this.db.repo(SsoProvider).findOneBy({ companyId, name: dto.name });
    const provider = existing ? this.toResponse(existing) : await this.createIn(scope, dto);
    const changes = await configure(provider);

    return this.updateIn(scope, await this.findOwned(companyId, provider.id), changes);
  }

  /** Lets the demo's loopback IdP be used over http; refused unless DEMO is on. */
  trustDemoIssuerOrigin(origin: string): void {
    this.urlPolicy.trustDemoOrigin(origin);
  }

  private async createIn(scope: Scope, dto: CreateSsoProviderDto): Promise<SsoProviderResponseDto> {
    const plugin = this.plugins[dto.type];
    const { baseUrl, issuer } = this.normalizeBaseUrl(plugin, dto.base_url);

    const provider = await this.db.transaction(async () => {
      const name = dto.name?.trim() ?? (await this.freeName(scope.companyId, plugin.displayName));
      await this.assertNameFree(scope.companyId, name, null);
      const row = this.db.repo(SsoProvider).create({
        id: newId(),
        companyId: scope.companyId,
        type: dto.type,
        name,
        baseUrl,
        issuer,
        clientId: null,
        clientSecretSealed: null,
        enabled: false,
        jitProvisioning: false,
        defaultRole: Role.User,
        enforceSso: false,
        domains: [],
        version: 1,
      });
      await this.save(() => this.db.repo(SsoProvider).insert(row));
      await this.audit.record({
        companyId: scope.companyId,
        actor: scope.actor,
        event: 'sso.provider.created',
        action: 'create',
        target: { type: 'sso_provider', id: row.id },
        changes: { type: dto.type, name, base_url: baseUrl, issuer },
      });

      return this.findOwned(scope.companyId, row.id);
    });
    this.logger.log(
      `Created ${dto.type} SSO provider ${provider.id} for company ${scope.companyId}`,
    );

    return this.toResponse(provider);
  }

  private async updateIn(scope: Scope, current: SsoProvider, dto: UpdateSsoProviderDto) {
    const plugin = this.plugins[current.type];
    const next = this.applyChanges(current, dto, plugin);
    // enabling, or moving an enabled provider, proves the IdP answers first (api.md)
    if (next.enabled && (dto.enabled === true || dto.base_url !== undefined)) {
      const readiness = await this.checkReadiness(next, plugin);
      if (!readiness.ok) {
        throw notReady(readiness.field, readiness.detail);
      }
      next.issuer = readiness.metadata.issuer;
    }
    const changes = providerChanges(current, next);
    if (Object.keys(changes).length === 0) {
      return this.toResponse(current);
    }

    await this.db.transaction(async () => {
      await this.persistChanges(current, next);
      await this.audit.record({
        companyId: scope.companyId,
        actor: scope.actor,
        event: 'sso.provider.updated',
        action: 'update',
        target: { type: 'sso_provider', id: current.id },
        changes,
      });
    });
    this.logger.log(`Updated SSO provider ${current.id}: ${Object.keys(changes).join(', ')}`);

    return this.toResponse(await this.findOwned(scope.companyId, current.id));
  }

  /** The provider as it would be after `dto`; validates but writes nothing. */
  private applyChanges(current: SsoProvider, dto: UpdateSsoProviderDto, plugin: OidcPlugin) {
    const next: SsoProvider = { ...current, domains: [...current.domains] };
    if (dto.base_url !== undefined) {
      Object.assign(next, this.normalizeBaseUrl(plugin, dto.base_url));
    }
    if (dto.client_secret !== undefined) {
      next.clientSecretSealed = this.secrets.seal(dto.client_secret);
    }
    if (dto.domains !== undefined) {
      next.domains = [...new Set(dto.domains.map((domain) => domain.trim().toLowerCase()))];
    }
    next.name = dto.name?.trim() ?? next.name;
    next.clientId = dto.client_id?.trim() ?? next.clientId;
    next.enabled = dto.enabled ?? next.enabled;
    next.jitProvisioning = dto.jit_provisioning ?? next.jitProvisioning;
    next.defaultRole = dto.default_role ?? next.defaultRole;
    next.enforceSso = dto.enforce_sso ?? next.enforceSso;

    return next;
  }

  private async persistChanges(current: SsoProvider, next: SsoProvider): Promise<void> {
    if (next.name !== current.name) {
      await this.assertNameFree(current.companyId, next.name, current.id);
    }
    if (next.domains.join(',') !== current.domains.join(',')) {
      await this.replaceDomains(next);
    }
    await this.save(() =>
      this.db.repo(SsoProvider).update(
        { id: current.id },
        {
          ...{ name: next.name, baseUrl: next.baseUrl, issuer: next.issuer, domains: next.domains },
          ...{ clientId: next.clientId, clientSecretSealed: next.clientSecretSealed },
          ...{ enabled: next.enabled, jitProvisioning: next.jitProvisioning },
          ...{ defaultRole: next.defaultRole, enforceSso: next.enforceSso },
          version: () => 'version + 1',
        },
      ),
    );
  }

  private async replaceDomains(provider: SsoProvider): Promise<void> {
    const repo = this.db.repo(SsoProviderDomain);
    const taken = provider.domains.length
      ? await repo.findOneBy({ domain: In(provider.domains), providerId: Not(provider.id) })
      : null;
    if (taken) {
      throw new AppError(
        ErrorCode.SsoDomainTaken,
        `${taken.domain} is claimed by another provider`,
      );
    }
    await repo.delete({ providerId: provider.id });
    const rows = provider.domains.map((domain) => ({
      domain,
      providerId: provider.id,
      companyId: provider.companyId,
    }));
    await this.save(() => repo.insert(rows), ErrorCode.SsoDomainTaken);
  }

  /** Client credentials present, discovery answering with the right issuer, keys published. */
  private async checkReadiness(provider: SsoProvider, plugin: OidcPlugin): Promise<Readiness> {
    if (!provider.clientId) {
      return {
        ok: false,
        field: 'client_id',
        detail: 'Set the client id of the IdP application first',
      };
    }
    if (!provider.clientSecretSealed) {
      return { ok: false, field: 'client_secret', detail: 'Set the client secret first' };
    }
    try {
      return { ok: true, metadata: await this.oidc.inspect(provider.issuer, plugin) };
    } catch (error) {
      if (error instanceof DiscoveryError) {
        return { ok: false, field: 'base_url', detail: error.message };
      }
      throw error;
    }
  }

  private normalizeBaseUrl(plugin: OidcPlugin, input: string): NormalizedBaseUrl {
    let normalized: NormalizedBaseUrl;
    try {
      normalized = plugin.normalizeBaseUrl(input);
    } catch (error) {
      if (error instanceof InvalidBaseUrlError) {
        throw invalidInput([{ field: 'base_url', message: `base_url ${error.message}` }]);
      }
      throw error;
    }
    const refusal = this.urlPolicy.refusalOf(new URL(normalized.issuer));
    if (refusal) {
      throw invalidInput([{ field: 'base_url', message: `base_url ${refusal}` }]);
    }

    return normalized;
  }

  // names compare without letter case, as MySQL's collation does, on SQLite too
  private async assertNameFree(companyId: string, name: string, self: string | null) {
    const providers = await this.db.repo(SsoProvider).findBy({ companyId });
    const wanted = name.toLowerCase();
    if (providers.some((p) => p.id !== self && p.name.toLowerCase() === wanted)) {
      throw new AppError(ErrorCode.SsoProviderNameTaken, `A provider is already called ${name}`);
    }
  }

  // several providers of one type: PingOne, PingOne 2, PingOne 3…
  private async freeName(companyId: string, displayName: string): Promise<string> {
    const taken = new Set(
      (await this.db.repo(SsoProvider).findBy({ companyId })).map((p) => p.name.toLowerCase()),
    );
    let name = displayName;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      name = `${displayName} ${n}`;
    }

    return name;
  }

  // two requests racing past the checks: the unique index decides
  private async save(write: () => Promise<unknown>, code = ErrorCode.SsoProviderNameTaken) {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError(code, 'Another provider has just taken this name or domain');
      }
      throw error;
    }
  }

  private async findOwned(companyId: string, id: string): Promise<SsoProvider> {
    const provider = await this.db.repo(SsoProvider).findOneBy({ id, companyId });

    return assertFound(provider, 'SSO provider not found');
  }

  private toResponse(provider: SsoProviderView): SsoProviderResponseDto {
    return toProviderResponse(provider, this.config.publicUrl);
  }
}

function scopeOf(principal: Principal): Scope {
  return { companyId: principal.actingCompanyId, actor: { type: 'user', principal } };
}
