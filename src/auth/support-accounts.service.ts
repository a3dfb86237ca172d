import { Injectable, Logger } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { AuditService } from 'src/audit/audit.service';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { unmetPasswordRules } from 'src/auth/password-policy';
import { CompanyTier, Role } from 'src/common/auth/principal';
import { FieldError } from 'src/common/errors/app-error';
import { invalidInput } from 'src/common/http/strict-validation.pipe';
import { CompaniesService } from 'src/companies/companies.service';
import { Database } from 'src/database/database.service';
import { UsersService } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';

export const PLATFORM_COMPANY_NAME = 'Patchworks platform support';

/**
 * Platform support accounts, made from the command line (`npm run cli -- support:create`).
 * Each lives in an internal company of its own as its administrator, flagged `isSupport`, and
 * signs in like anyone else.
 */
@Injectable()
export class SupportAccountsService {
  private readonly logger = new Logger(SupportAccountsService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
  ) {}

  /** @throws AppError VALIDATION_FAILED (bad email, weak password), EMAIL_TAKEN */
  async create(email: string, password: string): Promise<UserView> {
    const errors: FieldError[] = [
      ...(isEmail(email) ? [] : [{ field: 'email', message: 'must be a valid email address' }]),
      ...unmetPasswordRules(password).map((message) => ({ field: 'password', message })),
    ];
    if (errors.length > 0) {
      throw invalidInput(errors);
    }
    const passwordHash = await this.hasher.hash(password);

    const user = await this.db.transaction(async () => {
      const company = await this.companies.create({
        name: PLATFORM_COMPANY_NAME,
        tier: CompanyTier.Enterprise,
      });
      const created = await this.users.create({
        companyId: company.id,
        email,
        firstName: 'Platform',
        lastName: 'Support',
        role: Role.Administrator,
        passwordHash,
        isSupport: true,
      });
      await this.audit.record({
        companyId: company.id,
        actor: { type: 'system' },
        event: 'support.account.created',
        action: 'create',
        target: { type: 'user', id: created.id },
        changes: { email: created.email },
      });

      return created;
    });
    this.logger.log(`Created support account ${user.id}`);

    return user;
  }
}
