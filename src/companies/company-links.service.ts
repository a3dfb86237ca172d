import { Injectable, Logger } from '@nestjs/common';
import { CompanyTier } from 'src/common/auth/principal';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { CompaniesService } from 'src/companies/companies.service';
import { CompanyView } from 'src/companies/companies.types';
import { Company } from 'src/companies/entities/company.entity';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import { IsNull, Not } from 'typeorm';

export interface LinkedCompanyInput {
  name: string;
  email: string;
  website?: string | null;
  telephone?: string | null;
}

export type LinkedCompanySort = 'name' | 'created_at';

export interface LinkedCompanyQuery {
  search?: string;
  sort: { key: LinkedCompanySort; descending: boolean };
  page: number;
  perPage: number;
}

const SORT_EXPRESSIONS: Record<LinkedCompanySort, string> = {
  name: 'LOWER(c.name)',
  created_at: 'c.createdAt',
};

const MAX_SEARCH_WORDS = 5;

/** `%word%` for LIKE with `!` as the escape character. */
const likePattern = (word: string): string => `%${word.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/**
 * The links between a parent company and its linked companies (product.md §2.3): one level
 * deep, created within an allowance per tier of the parent, cut only by platform support.
 * Deleted companies are neither listed nor counted.
 */
@Injectable()
export class CompanyLinksService {
  private readonly logger = new Logger(CompanyLinksService.name);

  constructor(
    private readonly db: Database,
    private readonly companies: CompaniesService,
    private readonly config: AppConfig,
  ) {}

  /**
   * A new company on the trial tier, linked to `parentId`. The parent's row is locked while
   * its linked companies are counted, so two requests racing cannot both take the last place.
   * @throws AppError LINKED_COMPANY_CANNOT_BE_PARENT, LINKED_COMPANY_ALLOWANCE_EXCEEDED
   */
  async createLinked(parentId: string, input: LinkedCompanyInput): Promise<CompanyView> {
    return this.db.transaction(async () => {
      const parent = await this.lockActive(parentId);
      if (parent.parentCompanyId) {
        throw new AppError(
          ErrorCode.LinkedCompanyCannotBeParent,
          'A linked company cannot have linked companies of its own',
        );
      }
      const allowance = this.config.linkedCompanyAllowance[parent.tier];
      const linked = await this.db
        .repo(Company)
        .countBy({ parentCompanyId: parent.id, deletedAt: IsNull() });
      if (linked >= allowance) {
        throw new AppError(
          ErrorCode.LinkedCompanyAllowanceExceeded,
          `The ${parent.tier} tier allows ${allowance} linked companies`,
          { extensions: { tier: parent.tier, allowance, linked } },
        );
      }
      const company = await this.companies.create({
        ...input,
        tier: CompanyTier.Trial,
        parentCompanyId: parent.id,
      });
      this.logger.log(`Linked company ${company.id} to company ${parent.id}`);

      return company;
    });
  }

  /** One page of the parent's linked companies, with the total. */
  async page(
    parentId: string,
    query: LinkedCompanyQuery,
  ): Promise<{ items: CompanyView[]; total: number }> {
    const qb = this.db
      .repo(Company)
      .createQueryBuilder('c')
      .where('c.parentCompanyId = :parentId AND c.deletedAt IS NULL', { parentId });
    // every word of the search must be part of the name
    const words = (query.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    words.slice(0, MAX_SEARCH_WORDS).forEach((word, i) => {
      qb.andWhere(`LOWER(c.name) LIKE :search_${i} ESCAPE '!'`, {
        [`search_${i}`]: likePattern(word),
      });
    });
    const direction = query.sort.descending ? 'DESC' : 'ASC';
    const [items, total] = await qb
      .addSelect(SORT_EXPRESSIONS[query.sort.key], 'sort_key')
      .orderBy('sort_key', direction)
      .addOrderBy('c.id', direction)
      .offset((query.page - 1) * query.perPage)
      .limit(query.perPage)
      .getManyAndCount();

    return { items, total };
  }

  /** Every linked company of the parent, by name. */
  async allLinked(parentId: string): Promise<CompanyView[]> {
    const companies = await this.db
      .repo(Company)
      .findBy({ parentCompanyId: parentId, deletedAt: IsNull() });

    return companies.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** A live company linked to `parentId`, or null (another parent's, unknown or deleted). */
  findLinked(parentId: string, id: string): Promise<CompanyView | null> {
    return this.db.repo(Company).findOneBy({ id, parentCompanyId: parentId, deletedAt: IsNull() });
  }

  /**
   * Cuts a linked company loose: it becomes a standalone company and its own users keep
   * working. Returns the company as it was, with the former parent's id.
   * @throws AppError NOT_FOUND when the company is unknown, deleted or not linked
   */
  async unlink(id: string): Promise<CompanyView> {
    return this.db.transaction(async () => {
      const company = assertFound(
        await this.db
          .repo(Company)
          .findOneBy({ id, parentCompanyId: Not(IsNull()), deletedAt: IsNull() }),
        'Linked company not found',
      );
      await this.db.repo(Company).update({ id }, { parentCompanyId: null });
      this.logger.log(`Unlinked company ${id} from company ${company.parentCompanyId}`);

      return company;
    });
  }

  /** Loads a live company, holding a write lock on its row until the transaction ends. */
  private async lockActive(id: string): Promise<CompanyView> {
    const qb = this.db
      .repo(Company)
      .createQueryBuilder('c')
      .where('c.id = :id AND c.deletedAt IS NULL', { id });
    // SQLite has no row locks; its transactions already run one at a time (see Database)
    if (this.db.kind === 'mysql') {
      qb.setLock('pessimistic_write');
    }

    return assertFound(await qb.getOne(), 'Company not found');
  }
}
