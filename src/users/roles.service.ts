import { Injectable, Logger } from '@nestjs/common';
import { changesBetween } from 'src/audit/audit-changes';
import { AuditService } from 'src/audit/audit.service';
import { AccessLevel, AreaGrants, PermissionArea } from 'src/common/auth/permission-areas';
import { Principal, Role } from 'src/common/auth/principal';
import { AppError, assertFound, FieldError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { ListPage, ListSpec, pageOf, parseListQuery } from 'src/common/http/list-query';
import { invalidInput } from 'src/common/http/strict-validation.pipe';
import { newId } from 'src/common/ids';
import { Database } from 'src/database/database.service';
import { isUniqueViolation } from 'src/database/unique-violation';
import { builtInRoles } from 'src/users/built-in-roles';
import {
  AreaPermissionDto,
  AssignRoleUsersDto,
  CreateRoleDto,
  RoleResponseDto,
  UpdateRoleDto,
} from 'src/users/dto/role.dto';
import { CustomRoleAssignment } from 'src/users/entities/custom-role-assignment.entity';
import { CustomRole } from 'src/users/entities/custom-role.entity';
import { User } from 'src/users/entities/user.entity';
import { customRoleRefusal } from 'src/users/role-rules';
import { In } from 'typeorm';

const ROLE_LIST: ListSpec<'name', never> = { sorts: ['name'], defaultSort: 'name', filters: {} };

const nameTaken = (): AppError =>
  new AppError(ErrorCode.RoleNameTaken, 'A role with this name already exists');

/** The API's `[{area, view, edit}]` as stored grants; edit implies view. */
function toGrants(permissions: AreaPermissionDto[]): AreaGrants {
  const errors: FieldError[] = [];
  const grants: Partial<Record<PermissionArea, AccessLevel>> = {};
  permissions.forEach(({ area, view, edit = false }, i) => {
    if (grants[area]) {
      errors.push({ field: `permissions.${i}.area`, message: 'each area may be listed once' });
    }
    if (edit && view === false) {
      errors.push({ field: `permissions.${i}.view`, message: 'edit implies view' });
    }
    grants[area] = edit ? AccessLevel.Edit : (view ?? false) ? AccessLevel.View : AccessLevel.None;
  });
  if (errors.length > 0) {
    throw invalidInput(errors);
  }

  return grants;
}

function toResponse(role: CustomRole, userIds: string[]): RoleResponseDto {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    built_in: false,
    permissions: Object.values(PermissionArea)
      .filter((area) => role.grants[area])
      .map((area) => ({
        area,
        view: role.grants[area] !== AccessLevel.None,
        edit: role.grants[area] === AccessLevel.Edit,
      })),
    user_ids: userIds,
    created_at: role.createdAt.toISOString(),
    updated_at: role.updatedAt.toISOString(),
  };
}

/**
 * The role manager (product.md §3.7): a company's custom roles and who holds them. A user holds
 * at most one; its grants decide the areas it lists and take effect on the next request.
 */
@Injectable()
export class RolesService {
  private readonly logger = new Logger(RolesService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** Built-in roles first (highest first), then the company's custom roles by name. */
  async list(
    principal: Principal,
    query: Record<string, unknown>,
  ): Promise<ListPage<RoleResponseDto>> {
    const page = parseListQuery(query, ROLE_LIST);
    const roles = await this.db.repo(CustomRole).findBy({ companyId: principal.actingCompanyId });
    const holders = await this.holdersOf(roles.map((r) => r.id));
    const direction = page.sort.descending ? -1 : 1;
    const custom = roles
      .map((role) => toResponse(role, holders.get(role.id) ?? []))
      .sort((a, b) => direction * a.name.localeCompare(b.name));

    return pageOf([...builtInRoles(), ...custom], page);
  }

  async create(principal: Principal, dto: CreateRoleDto): Promise<RoleResponseDto> {
    const grants = toGrants(dto.permissions);

    return this.db.transaction(async () => {
      await this.assertNameFree(principal.actingCompanyId, dto.name);
      const role = this.db.repo(CustomRole).create({
        id: newId(),
        companyId: principal.actingCompanyId,
        name: dto.name,
        description: dto.description ?? null,
        grants,
      });
      await this.save(() => this.db.repo(CustomRole).insert(role));
      await this.record(principal, 'roles.created', 'create', role.id, {
        name: role.name,
        grants,
      });
      this.logger.log(`Created custom role ${role.id} in company ${role.companyId}`);

      return toResponse(await this.load(principal, role.id), []);
    });
  }

  async update(principal: Principal, id: string, dto: UpdateRoleDto): Promise<RoleResponseDto> {
    const grants = dto.permissions && toGrants(dto.permissions);

    return this.db.transaction(async () => {
      const role = await this.load(principal, id);
      if (dto.name !== undefined && dto.name.toLowerCase() !== role.name.toLowerCase()) {
        await this.assertNameFree(role.companyId, dto.name);
      }
      const after = { name: dto.name, description: dto.description, grants };
      const changes = changesBetween(role, after);
      if (Object.keys(changes).length > 0) {
        await this.save(() =>
          this.db
            .repo(CustomRole)
            .update({ id }, { name: dto.name, description: dto.description, grants }),
        );
        await this.record(principal, 'roles.updated', 'update', id, changes);
      }
      const holders = await this.holdersOf([id]);

      return toResponse(await this.load(principal, id), holders.get(id) ?? []);
    });
  }

  /** Its holders fall back to their built-in role at once. */
  async delete(principal: Principal, id: string): Promise<void> {
    await this.db.transaction(async () => {
      const role = await this.load(principal, id);
      const holders = (await this.holdersOf([id])).get(id) ?? [];
      await this.db.repo(CustomRoleAssignment).delete({ roleId: id });
      await this.db.repo(CustomRole).delete({ id });
      await this.record(principal, 'roles.deleted', 'delete', id, {
        name: role.name,
        user_ids: holders,
      });
    });
  }

  /**
   * Makes `user_ids` the role's holders. Each user added or removed must be of the acting
   * company and below the caller (so never the caller, never an administrator).
   */
  async assignUsers(
    principal: Principal,
    id: string,
    dto: AssignRoleUsersDto,
  ): Promise<RoleResponseDto> {
    return this.db.transaction(async () => {
      const role = await this.load(principal, id);
      const current = (await this.holdersOf([id])).get(id) ?? [];
      const added = dto.user_ids.filter((userId) => !current.includes(userId));
      const removed = current.filter((userId) => !dto.user_ids.includes(userId));
      await this.assertAssignable(principal, [...added, ...removed], dto.user_ids);
      if (removed.length > 0) {
        await this.db.repo(CustomRoleAssignment).delete({ userId: In(removed) });
      }
      if (added.length > 0) {
        // a user holds one custom role: taking this one leaves any other
        await this.db.repo(CustomRoleAssignment).delete({ userId: In(added) });
        await this.db
          .repo(CustomRoleAssignment)
          .insert(added.map((userId) => ({ userId, roleId: id })));
      }
      if (added.length > 0 || removed.length > 0) {
        await this.record(principal, 'roles.users.assigned', 'update', id, { added, removed });
      }

      return toResponse(role, [...dto.user_ids].sort());
    });
  }

  /** The grants of the custom role `userId` holds, if any (the authenticator's question). */
  async grantsOf(userId: string): Promise<AreaGrants | undefined> {
    const assignment = await this.db.repo(CustomRoleAssignment).findOneBy({ userId });
    const role =
      assignment && (await this.db.repo(CustomRole).findOneBy({ id: assignment.roleId }));

    return role ? role.grants : undefined;
  }

  /** user id → the id of the custom role they hold, for the users listed. */
  async customRoleIdsOf(userIds: string[]): Promise<Map<string, string>> {
    const rows =
      userIds.length > 0
        ? await this.db.repo(CustomRoleAssignment).findBy({ userId: In(userIds) })
        : [];

    return new Map(rows.map((row) => [row.userId, row.roleId]));
  }

  /** Takes the user's custom role away (an administrator holds none). */
  async unassign(userId: string): Promise<void> {
    await this.db.repo(CustomRoleAssignment).delete({ userId });
  }

  private async assertAssignable(
    principal: Principal,
    changed: string[],
    listed: string[],
  ): Promise<void> {
    const users = changed.length > 0 ? await this.db.repo(User).findBy({ id: In(changed) }) : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    const errors: FieldError[] = [];
    for (const userId of changed) {
      const user = byId.get(userId);
      if (user?.companyId !== principal.actingCompanyId) {
        errors.push({ field: `user_ids.${listed.indexOf(userId)}`, message: 'no such user' });
      } else {
        const refusal = customRoleRefusal(principal, user);
        if (refusal) {
          throw refusal;
        }
      }
    }
    if (errors.length > 0) {
      throw invalidInput(errors);
    }
  }

  private async holdersOf(roleIds: string[]): Promise<Map<string, string[]>> {
    const rows =
      roleIds.length > 0
        ? await this.db
            .repo(CustomRoleAssignment)
            .find({ where: { roleId: In(roleIds) }, order: { userId: 'ASC' } })
        : [];
    const holders = new Map<string, string[]>();
    for (const row of rows) {
      holders.set(row.roleId, [...(holders.get(row.roleId) ?? []), row.userId]);
    }

    return holders;
  }

  private async load(principal: Principal, id: string): Promise<CustomRole> {
    const role = await this.db
      .repo(CustomRole)
      .findOneBy({ id, companyId: principal.actingCompanyId });

    return assertFound(role, 'Role not found');
  }

  /** Built-in role names count as taken; names compare without regard to case. */
  private async assertNameFree(companyId: string, name: string): Promise<void> {
    const lower = name.toLowerCase();
    const builtIn = (Object.values(Role) as string[]).includes(lower);
    const taken = await this.db
      .repo(CustomRole)
      .createQueryBuilder('r')
      .where('r.companyId = :companyId AND LOWER(r.name) = :lower', { companyId, lower })
      .getExists();
    if (builtIn || taken) {
      throw nameTaken();
    }
  }

  private async save(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw nameTaken();
      }
      throw error;
    }
  }

  private record(
    principal: Principal,
    event: string,
    action: 'create' | 'update' | 'delete',
    roleId: string,
    changes: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({
      companyId: principal.actingCompanyId,
      actor: { type: principal.kind, principal },
      event,
      action,
      target: { type: 'custom_role', id: roleId },
      changes,
    });
  }
}
