import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from 'src/common/auth/auth.decorators';
import { REQUIRED_PERMISSION } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';

export interface RouteInfo {
  /** e.g. `PATCH /api/v1/users/:id` */
  route: string;
  method: string;
  path: string;
  isPublic: boolean;
  permission: Permission | undefined;
}

const join = (...parts: string[]): string =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every HTTP route the application registered, read from Nest's own metadata. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const reflector = new Reflector();
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as new (...args: never[]) => object;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        const path = typeof handler === 'function' && Reflect.getMetadata(PATH_METADATA, handler);
        if (name === 'constructor' || path === undefined || path === false) {
          continue;
        }
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const targets = [handler as () => unknown, controller];
        const full = join(base, String(path));
        routes.push({
          route: `${method} ${full}`,
          method,
          path: full,
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
          permission: reflector.getAllAndOverride<Permission>(REQUIRED_PERMISSION, targets),
        });
      }
    }
  }

  return routes.sort((a, b) => a.route.localeCompare(b.route));
}
