import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { levelSatisfies } from 'src/common/auth/permission-areas';
import { Permission, PermissionRule, PERMISSIONS } from 'src/common/auth/permissions';
import { Principal } from 'src/common/auth/principal';

export const REQUIRED_PERMISSION = 'auth:permission';

export type Refusal = 'role' | 'custom_role' | 'tier' | 'add_on' | 'support' | 'credential';

/** Null when the principal may take the action, else which part of the rule refused it. */
export function refusalOf(rule: PermissionRule, principal: Principal): Refusal | null {
  if (rule.supportOnly) {
    return principal.isSupport ? null : 'support';
  }
  if (rule.peopleOnly && principal.kind !== 'user') {
    return 'credential';
  }
  // a custom role that lists the rule's area answers instead of the built-in role
  const granted = rule.area && principal.customGrants?.[rule.area.name];
  if (rule.area && granted) {
    if (!levelSatisfies(granted, rule.area.level)) {
      return 'custom_role';
    }
  } else if (!rule.roles.includes(principal.role)) {
    return 'role';
  }
  if (rule.tiers && !rule.tiers.includes(principal.actingCompanyTier)) {
    return 'tier';
  }
  if (rule.addOn && !principal.actingCompanyAddOns.includes(rule.addOn)) {
    return 'add_on';
  }

  return null;
}

function describeRule(rule: PermissionRule): string {
  const who = rule.supportOnly ? 'platform support' : rule.roles.join(', ');
  const tiers = rule.tiers ? `; tiers: ${rule.tiers.join(', ')}` : '';
  const addOn = rule.addOn ? `; add-on: ${rule.addOn}` : '';
  const area = rule.area ? `; custom-role area: ${rule.area.name} (${rule.area.level})` : '';
  const people = rule.peopleOnly ? '; signed-in people only, not API keys or machine clients' : '';
  const note = rule.note ? `. ${rule.note}` : '';

  return `Allowed: ${who}${tiers}${addOn}${area}${people}${note}`;
}

/** Marks a route as needing a permission; Swagger shows who holds it. */
export function RequirePermission(permission: Permission): MethodDecorator & ClassDecorator {
  const rule = PERMISSIONS[permission];

  return applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    ApiBearerAuth(),
    ApiExtension('x-permission', { name: permission, ...rule }),
    ApiForbiddenResponse({ description: describeRule(rule) }),
  );
}
