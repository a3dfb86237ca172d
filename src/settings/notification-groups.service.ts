import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { AuditEntryInput } from 'src/audit/audit.types';
import { Principal } from 'src/common/auth/principal';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { parseListQuery } from 'src/common/http/list-query';
import { invalidInput } from 'src/common/http/strict-validation.pipe';
import { newId } from 'src/common/ids';
import { Database } from 'src/database/database.service';
import { containsPattern } from 'src/database/like';
import { isUniqueViolation } from 'src/database/unique-violation';
import { AddRecipientDto } from 'src/settings/dto/add-recipient.dto';
import { CreateNotificationGroupDto } from 'src/settings/dto/create-notification-group.dto';
import {
  NotificationGroupListResponseDto,
  NotificationGroupResponseDto,
  RecipientResponseDto,
} from 'src/settings/dto/notification-group-response.dto';
import { UpdateNotificationGroupDto } from 'src/settings/dto/update-notification-group.dto';
import { NotificationGroupRecipient } from 'src/settings/entities/notification-group-recipient.entity';
import { NotificationGroup } from 'src/settings/entities/notification-group.entity';
import { normalizeEmail, UsersService, UserStatus } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';
import { In } from 'typeorm';

const LIST_SPEC = {
  sorts: ['name', 'created_at'] as const,
  defaultSort: 'name' as const,
  filters: { search: 'text' as const },
};

const nameKeyOf = (name: string): string => name.trim().toLowerCase();

const nameTaken = (): AppError =>
  new AppError(
    ErrorCode.NotificationGroupNameTaken,
    'The company already has a notification group with this name',
  );

const recipientExists = (): AppError =>
  new AppError(ErrorCode.RecipientExists, 'This recipient is already in the group');

/** Runs a write that a unique index may refuse, turning that refusal into `conflict`. */
async function uniquely(write: () => Promise<unknown>, conflict: () => AppError): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw isUniqueViolation(error) ? conflict() : error;
  }
}

/** Whom a new recipient names: a user of the company, or an address. */
interface RecipientTarget {
  user: UserView | null;
  email: string;
}

function recipientView(row: NotificationGroupRecipient, user?: UserView): RecipientResponseDto {
  return {
    id: row.id,
    type: row.userId ? 'user' : 'email',
    user_id: row.userId,
    email: user?.email ?? row.email ?? '',
    name: user ? `${user.firstName} ${user.lastName}` : null,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Notification groups of the acting company (administrators). A user recipient is shown with
 * the user's current email, and only while the user is an active member of the company: a
 * deleted (inactive) user is left out of every answer and their rows are purged when seen.
 */
@Injectable()
export class NotificationGroupsService {
  private readonly logger = new Logger(NotificationGroupsService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  async list(
    principal: Principal,
    params: Record<string, unknown>,
  ): Promise<NotificationGroupListResponseDto> {
    const query = parseListQuery(params, LIST_SPEC);
    const direction = query.sort.descending ? 'DESC' : 'ASC';
    const qb = this.db
      .repo(NotificationGroup)
      .createQueryBuilder('g')
      .where('g.companyId = :companyId', { companyId: principal.actingCompanyId });
    if (query.filters.search) {
      const pattern = containsPattern(query.filters.search.toLowerCase());
      qb.andWhere("g.nameKey LIKE :pattern ESCAPE '!'", { pattern });
    }

    const [groups, total] = await qb
      .orderBy(query.sort.key === 'name' ? 'g.nameKey' : 'g.createdAt', direction)
      .addOrderBy('g.id', direction)
      .skip((query.page - 1) * query.perPage)
      .take(query.perPage)
      .getManyAndCount();
    const recipients = await this.liveRecipients(groups);

    return {
      data: groups.map((group) => ({
        id: group.id,
        name: group.name,
        recipient_count: recipients.get(group.id)?.length ?? 0,
        created_at: group.createdAt.toISOString(),
        updated_at: group.updatedAt.toISOString(),
      })),
      meta: { page: query.page, per_page: query.perPage, total },
    };
  }

  /** @throws AppError NOTIFICATION_GROUP_NAME_TAKEN for a name the company uses, in any case. */
  async create(
    principal: Principal,
    dto: CreateNotificationGroupDto,
  ): Promise<NotificationGroupResponseDto> {
    const name = dto.name.trim();
    const id = newId();

    await this.db.transaction(async () => {
      const repo = this.db.repo(NotificationGroup);
      const group = { id, companyId: principal.actingCompanyId, name, nameKey: nameKeyOf(name) };
      await uniquely(() => repo.insert(group), nameTaken);
      await this.record(principal, id, 'created', 'create', { name });
    });
    this.logger.log(`Created notification group ${id} in company ${principal.actingCompanyId}`);

    return this.get(principal, id);
  }

  async get(principal: Principal, id: string): Promise<NotificationGroupResponseDto> {
    const group = await this.findGroup(principal, id);
    const recipients = await this.liveRecipients([group]);

    return {
      id: group.id,
      name: group.name,
      recipients: recipients.get(group.id) ?? [],
      created_at: group.createdAt.toISOString(),
      updated_at: group.updatedAt.toISOString(),
    };
  }

  /** @throws AppError NOTIFICATION_GROUP_NAME_TAKEN for a name another group uses. */
  async rename(
    principal: Principal,
    id: string,
    dto: UpdateNotificationGroupDto,
  ): Promise<NotificationGroupResponseDto> {
    const group = await this.findGroup(principal, id);
    const name = dto.name?.trim();
    if (name === undefined || name === group.name) {
      return this.get(principal, id);
    }

    await this.db.transaction(async () => {
      const repo = this.db.repo(NotificationGroup);
      await uniquely(() => repo.update({ id }, { name, nameKey: nameKeyOf(name) }), nameTaken);
      await this.record(principal, id, 'renamed', 'update', {
        name: { from: group.name, to: name },
      });
    });

    return this.get(principal, id);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const group = await this.findGroup(principal, id);

    await this.db.transaction(async () => {
      await this.db.repo(NotificationGroupRecipient).delete({ groupId: id });
      await this.db.repo(NotificationGroup).delete({ id });
      await this.record(principal, id, 'deleted', 'delete', { name: group.name });
    });
    this.logger.log(`Deleted notification group ${id} in company ${group.companyId}`);
  }

  /**
   * @throws AppError 404 for another company's group or user; 422 for an inactive user or a
   * body without exactly one of user_id and email; RECIPIENT_EXISTS when the user or the address
   * (a user's address counts) is already in the group.
   */
  async addRecipient(
    principal: Principal,
    id: string,
    dto: AddRecipientDto,
  ): Promise<RecipientResponseDto> {
    const group = await this.findGroup(principal, id);
    const target = await this.recipientTarget(principal, dto);
    const current = (await this.liveRecipients([group])).get(id) ?? [];
    const isTaken = current.some(
      (r) => r.email === target.email || (target.user && r.user_id === target.user.id),
    );
    if (isTaken) {
      throw recipientExists();
    }

    const row = this.db.repo(NotificationGroupRecipient).create({
      id: newId(),
      groupId: id,
      userId: target.user?.id ?? null,
      email: target.user ? null : target.email,
    });
    await this.db.transaction(async () => {
      await uniquely(() => this.db.repo(NotificationGroupRecipient).insert(row), recipientExists);
      await this.record(principal, id, 'recipient_added', 'update', {
        recipient: { id: row.id, user_id: row.userId, email: target.email },
      });
    });
    const saved = assertFound(
      await this.db.repo(NotificationGroupRecipient).findOneBy({ id: row.id }),
    );

    return recipientView(saved, target.user ?? undefined);
  }

  async removeRecipient(principal: Principal, id: string, recipientId: string): Promise<void> {
    await this.findGroup(principal, id);
    const repo = this.db.repo(NotificationGroupRecipient);
    const row = assertFound(
      await repo.findOneBy({ id: recipientId, groupId: id }),
      'Recipient not found',
    );

    await this.db.transaction(async () => {
      await repo.delete({ id: row.id });
      await this.record(principal, id, 'recipient_removed', 'update', {
        recipient: { id: row.id, user_id: row.userId, email: row.email },
      });
    });
  }

  /** A group of the acting company; any other id is a 404, whether or not it exists. */
  private async findGroup(principal: Principal, id: string): Promise<NotificationGroup> {
    const group = await this.db
      .repo(NotificationGroup)
      .findOneBy({ id, companyId: principal.actingCompanyId });

    return assertFound(group, 'Notification group not found');
  }

  private async recipientTarget(
    principal: Principal,
    dto: AddRecipientDto,
  ): Promise<RecipientTarget> {
    const hasUser = dto.user_id !== undefined && dto.user_id !== null;
    const hasEmail = dto.email !== undefined && dto.email !== null;
    if (hasUser === hasEmail) {
      const message = hasUser ? 'give user_id or email, not both' : 'user_id or email is required';
      throw invalidInput([{ field: hasUser ? 'email' : 'user_id', message }]);
    }
    if (!hasUser) {
      return { user: null, email: normalizeEmail(dto.email as string) };
    }

    const user = await this.users.findById(dto.user_id as string);
    if (!user || user.companyId !== principal.actingCompanyId) {
      throw new AppError(ErrorCode.NotFound, 'User not found');
    }
    if (user.status !== UserStatus.Active) {
      throw invalidInput([{ field: 'user_id', message: 'the user is inactive' }]);
    }

    return { user, email: user.email };
  }

  /**
   * The recipients of each group, oldest first. A user recipient counts only while the user is
   * active in the group's company; the rows of any other are deleted here, so a deleted user
   * has left the group for good even if restored later.
   */
  private async liveRecipients(
    groups: NotificationGroup[],
  ): Promise<Map<string, RecipientResponseDto[]>> {
    const byGroup = new Map(groups.map((g) => [g.id, [] as RecipientResponseDto[]]));
    const rows = groups.length
      ? await this.db.repo(NotificationGroupRecipient).find({
          where: { groupId: In([...byGroup.keys()]) },
          order: { id: 'ASC' },
        })
      : [];
    const userIds = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
    const users = new Map((await this.users.findByIds(userIds)).map((u) => [u.id, u]));
    const companyOf = new Map(groups.map((g) => [g.id, g.companyId]));

    const gone: string[] = [];
    for (const row of rows) {
      const user = row.userId ? users.get(row.userId) : undefined;
      const isLive =
        !row.userId ||
        (user?.status === UserStatus.Active && user.companyId === companyOf.get(row.groupId));
      if (isLive) {
        byGroup.get(row.groupId)?.push(recipientView(row, user));
      } else {
        gone.push(row.id);
      }
    }
    await this.purge(gone);

    return byGroup;
  }

  private async purge(recipientIds: string[]): Promise<void> {
    if (recipientIds.length === 0) {
      return;
    }
    await this.db.repo(NotificationGroupRecipient).delete({ id: In(recipientIds) });
    this.logger.log(`Removed ${recipientIds.length} recipients whose users were deleted`);
  }

  private record(
    principal: Principal,
    groupId: string,
    what: string,
    action: AuditEntryInput['action'],
    changes: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({
      companyId: principal.actingCompanyId,
      actor: { type: principal.kind, principal },
      event: `settings.notification_group.${what}`,
      action,
      target: { type: 'notification_group', id: groupId },
      changes,
    });
  }
}
