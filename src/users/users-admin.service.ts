import { Injectable, Logger } from '@nestjs/common';
import { changesBetween } from 'src/audit/audit-changes';
import { AuditService } from 'src/audit/audit.service';
import { AuditEntryInput } from 'src/audit/audit.types';
import { Principal, Role } from 'src/common/auth/principal';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { ListPage, ListSpec, parseListQuery } from 'src/common/http/list-query';
import { CompaniesService } from 'src/companies/companies.service';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import { isUniqueViolation } from 'src/database/unique-violation';
import { MailMessage, MailService } from 'src/mail/mail.service';
import { MailTemplates } from 'src/mail/mail.templates';
import { ChangeRoleDto } from 'src/users/dto/change-role.dto';
import { CreateUserDto } from 'src/users/dto/create-user.dto';
import { UpdateUserDto } from 'src/users/dto/update-user.dto';
import { AcceptedResponseDto, UserResponseDto } from 'src/users/dto/user-response.dto';
import { PasswordToken, PasswordTokenPurpose } from 'src/users/entities/password-token.entity';
import { User, UserStatus } from 'src/users/entities/user.entity';
import { assignRefusal, manageRefusal, roleChangeRefusal } from 'src/users/role-rules';
import { RolesService } from 'src/users/roles.service';
import { normalizeEmail, UsersService } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';
import { IsNull, SelectQueryBuilder } from 'typeorm';

type UserSort = 'name' | 'email' | 'role' | 'status' | 'created_at' | 'last_login_at';
type UserFilter = 'search' | 'role' | 'status';

export const USER_LIST: ListSpec<UserSort, UserFilter> = {
  sorts: ['name', 'email', 'role', 'status', 'created_at', 'last_login_at'],
  defaultSort: 'name',
  filters: { search: 'text', role: Object.values(Role), status: Object.values(UserStatus) },
};

/** ORDER BY expressions per sort key; names sort without regard to case on both databases. */
const SORT_COLUMNS: Record<UserSort, string[]> = {
  name: ['LOWER(u.firstName)', 'LOWER(u.lastName)'],
  email: ['u.email'],
  role: [
    "CASE u.role WHEN 'administrator' THEN 4 WHEN 'manager' THEN 3 WHEN 'user' THEN 2 ELSE 1 END",
  ],
  status: ['u.status'],
  created_at: ['u.createdAt'],
  last_login_at: ['u.lastLoginAt'],
};

const PLAIN_COLUMN = /^u\.[a-zA-Z]+$/;
const MAX_SEARCH_WORDS = 5;

/** `%word%` for LIKE with `!` as the escape character. */
const likePattern = (word: string): string => `%${word.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/**
 * The users routes of an acting company (product.md §3.3): every read and write is scoped to
 * `principal.actingCompanyId`, so another company's user id answers 404.
 */
@Injectable()
export class UsersAdminService {
  private readonly logger = new Logger(UsersAdminService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly roles: RolesService,
    private readonly users: UsersService,
  ) {}

  async list(
    principal: Principal,
    query: Record<string, unknown>,
  ): Promise<ListPage<UserResponseDto>> {
    const { page, perPage, sort, filters } = parseListQuery(query, USER_LIST);
    const qb = this.db
      .repo(User)
      .createQueryBuilder('u')
      .where('u.companyId = :companyId', { companyId: principal.actingCompanyId });
    this.applyFilters(qb, filters);
    const direction = sort.descending ? 'DESC' : 'ASC';
    SORT_COLUMNS[sort.key].forEach((expression, i) => {
      // a computed key is selected under an alias to order by it; a plain column as it is
      if (PLAIN_COLUMN.test(expression)) {
        qb.addOrderBy(expression, direction);
      } else {
        qb.addSelect(expression, `sort_${i}`).addOrderBy(`sort_${i}`, direction);
      }
    });
    qb.addOrderBy('u.id', direction)
      .offset((page - 1) * perPage)
      .limit(perPage);
    const [users, total] = await qb.getManyAndCount();
    const customRoles = await this.roles.customRoleIdsOf(users.map((u) => u.id));

    return {
      data: users.map((user) => UserResponseDto.from(user, customRoles.get(user.id) ?? null)),
      meta: { page, per_page: perPage, total },
    };
  }

  async get(principal: Principal, id: string): Promise<UserResponseDto> {
    return this.respond(await this.load(principal, id));
  }

  /**
   * A new user of the acting company with a set-password email (a link valid 24 h). The role
   * defaults to `user` and follows the role-change rules; the account, its link and the email
   * go together or not at all.
   */
  async create(principal: Principal, dto: CreateUserDto): Promise<UserResponseDto> {
    const role = dto.role ?? Role.User;
    throwIf(assignRefusal(principal, role));
    const company = assertFound(await this.companies.findActive(principal.actingCompanyId));

    const user = await this.db.transaction(async () => {
      const created = await this.users.create({
        companyId: company.id,
        email: dto.email,
        firstName: dto.first_name,
        lastName: dto.last_name,
        role,
      });
      await this.record(principal, 'users.created', 'create', created.id, {
        email: created.email,
        first_name: created.firstName,
        last_name: created.lastName,
        role,
      });
      await this.sendLink(created, PasswordTokenPurpose.SetPassword, (link) =>
        MailTemplates.setPassword(created.email, company.name, link),
      );

      return created;
    });
    this.logger.log(`User ${principal.userId} created user ${user.id}`);

    return UserResponseDto.from(user, null);
  }

  /** @throws AppError USER_NOT_BELOW_YOU, EMAIL_TAKEN */
  async update(principal: Principal, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.db.transaction(async () => {
      const user = await this.load(principal, id);
      throwIf(manageRefusal(principal, user));
      const after = {
        first_name: dto.first_name,
        last_name: dto.last_name,
        email: dto.email === undefined ? undefined : normalizeEmail(dto.email),
      };
      const changes = changesBetween(
        { first_name: user.firstName, last_name: user.lastName, email: user.email },
        after,
      );
      if (Object.keys(changes).length === 0) {
        return this.respond(user);
      }
      await this.saveDetails(user.id, after);
      await this.record(principal, 'users.updated', 'update', user.id, changes);

      return this.respond(await this.load(principal, id));
    });
  }

  /** The rules of product.md §3.2; a refusal names the rule and changes nothing. */
  async changeRole(principal: Principal, id: string, dto: ChangeRoleDto): Promise<UserResponseDto> {
    return this.db.transaction(async () => {
      const user = await this.load(principal, id);
      throwIf(roleChangeRefusal(principal, user, dto.role));

      return this.applyRole(principal, user, dto.role);
    });
  }

  /** Platform support: any user, any role, administrators included; never their own. */
  async changeRoleAsSupport(
    principal: Principal,
    id: string,
    dto: ChangeRoleDto,
  ): Promise<UserResponseDto> {
    return this.db.transaction(async () => {
      const user = assertFound(await this.users.findById(id), 'User not found');
      if (user.id === principal.userId) {
        throw new AppError(ErrorCode.RoleChangeOwnRole, 'Nobody can change their own role');
      }

      return this.applyRole(principal, user, dto.role);
    });
  }

  /** Emails the user a reset link valid 24 h; their password works until they use it. */
  async requestPasswordReset(principal: Principal, id: string): Promise<AcceptedResponseDto> {
    const user = await this.load(principal, id);
    throwIf(manageRefusal(principal, user));
    if (user.deletedAt) {
      throw new AppError(ErrorCode.UserDeleted, 'Restore the user before resetting the password');
    }
    await this.db.transaction(async () => {
      await this.record(principal, 'users.password_reset.requested', 'other', user.id);
      await this.sendLink(user, PasswordTokenPurpose.Reset, (link) =>
        MailTemplates.resetPassword(user.email, link),
      );
    });

    return { message: 'A password reset link has been sent' };
  }

  /**
   * Soft delete: the user becomes inactive, every session and password link stops at once, and
   * the account stays in the list to be restored. Deleting a deleted user changes nothing.
   */
  async delete(principal: Principal, id: string): Promise<void> {
    await this.db.transaction(async () => {
      const user = await this.load(principal, id);
      if (user.id === principal.userId) {
        throw new AppError(ErrorCode.UserDeleteSelf, 'You cannot delete your own account');
      }
      throwIf(manageRefusal(principal, user));
      if (user.deletedAt) {
        return;
      }
      const now = new Date();
      await this.db.repo(User).update(
        { id: user.id },
        {
          status: UserStatus.Inactive,
          deletedAt: now,
          tokenVersion: () => 'token_version + 1',
        },
      );
      await this.db
        .repo(PasswordToken)
        .update({ userId: user.id, usedAt: IsNull() }, { usedAt: now });
      await this.record(principal, 'users.deleted', 'delete', user.id, {
        status: { from: user.status, to: UserStatus.Inactive },
      });
    });
  }

  /**
   * Brings a deleted user back with their email but not their password: the account stays
   * inactive until they choose one through the set-password link emailed now.
   */
  async restore(principal: Principal, id: string): Promise<UserResponseDto> {
    const company = assertFound(await this.companies.findActive(principal.actingCompanyId));

    return this.db.transaction(async () => {
      const user = await this.load(principal, id);
      throwIf(manageRefusal(principal, user));
      if (!user.deletedAt) {
        throw new AppError(ErrorCode.UserNotDeleted, 'This user has not been deleted');
      }
      await this.db.repo(User).update({ id: user.id }, { deletedAt: null, passwordHash: null });
      await this.record(principal, 'users.restored', 'update', user.id, {
        deleted_at: { from: user.deletedAt.toISOString(), to: null },
      });
      await this.sendLink(user, PasswordTokenPurpose.SetPassword, (link) =>
        MailTemplates.accountRestored(user.email, company.name, link),
      );

      return this.respond(await this.load(principal, id));
    });
  }

  private applyFilters(
    qb: SelectQueryBuilder<User>,
    filters: Partial<Record<UserFilter, string>>,
  ): void {
    if (filters.role) {
      qb.andWhere('u.role = :role', { role: filters.role });
    }
    if (filters.status) {
      qb.andWhere('u.status = :status', { status: filters.status });
    }
    // every word of the search must match the first name, the last name or the email
    const words = (filters.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    words.slice(0, MAX_SEARCH_WORDS).forEach((word, i) => {
      const p = `search_${i}`;
      qb.andWhere(
        `(LOWER(u.firstName) LIKE :${p} ESCAPE '!' OR LOWER(u.lastName) LIKE :${p} ESCAPE '!' ` +
          `OR u.email LIKE :${p} ESCAPE '!')`,
        { [p]: likePattern(word) },
      );
    });
  }

  private async applyRole(
    principal: Principal,
    user: UserView,
    role: Role,
  ): Promise<UserResponseDto> {
    if (user.role !== role) {
      await this.db.repo(User).update({ id: user.id }, { role });
      if (role === Role.Administrator) {
        // administrators hold every permission: a custom role would only take some away
        await this.roles.unassign(user.id);
      }
      await this.record(
        principal,
        'users.role.changed',
        'update',
        user.id,
        {
          role: { from: user.role, to: role },
        },
        user.companyId,
      );
      this.logger.log(`User ${principal.userId} changed the role of user ${user.id} to ${role}`);
    }

    return this.respond(assertFound(await this.users.findById(user.id)));
  }

  private async respond(user: UserView): Promise<UserResponseDto> {
    const customRoles = await this.roles.customRoleIdsOf([user.id]);

    return UserResponseDto.from(user, customRoles.get(user.id) ?? null);
  }

  private async saveDetails(
    id: string,
    after: { first_name?: string; last_name?: string; email?: string },
  ): Promise<void> {
    try {
      await this.db
        .repo(User)
        .update(
          { id },
          { firstName: after.first_name, lastName: after.last_name, email: after.email },
        );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError(ErrorCode.EmailTaken, 'An account with this email already exists');
      }
      throw error;
    }
  }

  /** A user of the acting company, deleted or not; 404 for anyone else's. */
  private async load(principal: Principal, id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user || user.companyId !== principal.actingCompanyId) {
      throw new AppError(ErrorCode.NotFound, 'User not found');
    }

    return user;
  }

  /** Issues a password link and emails it; a failed send undoes the caller's transaction. */
  private async sendLink(
    user: UserView,
    purpose: PasswordTokenPurpose,
    template: (link: string) => MailMessage,
  ): Promise<void> {
    const token = await this.users.issuePasswordToken(user.id, purpose);
    const link = `${this.config.publicUrl}/password/reset?token=${token}`;
    try {
      await this.mail.send(template(link));
    } catch (cause) {
      this.logger.error(`Could not email a ${purpose} link to user ${user.id}`);
      throw new AppError(ErrorCode.ServiceUnavailable, 'The email could not be sent; try again', {
        cause,
      });
    }
  }

  private record(
    principal: Principal,
    event: string,
    action: AuditEntryInput['action'],
    userId: string,
    changes?: Record<string, unknown>,
    companyId = principal.actingCompanyId,
  ): Promise<void> {
    return this.audit.record({
      companyId,
      actor: { type: principal.kind, principal },
      event,
      action,
      target: { type: 'user', id: userId },
      changes,
    });
  }
}

function throwIf(error: AppError | null): void {
  if (error) {
    throw error;
  }
}
