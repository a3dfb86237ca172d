import { loadOidcProvider } from 'libs/test-idp/oidc-provider.loader';
import { TenantHost } from 'libs/test-idp/tenant';
import type {
  AddTenantOptions,
  StartTestIdpOptions,
  TestIdp,
  TestTenant,
} from 'libs/test-idp/types';
import { shapeFor } from 'libs/test-idp/vendors';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const HOST = '127.0.0.1';

/**
 * Starts one HTTP server on 127.0.0.1 that hosts any number of vendor-shaped OpenID Providers
 * (tenants), each under its own path prefix.
 * @throws Error when the port cannot be bound.
 */
export async function startTestIdp(options: StartTestIdpOptions = {}): Promise<TestIdp> {
  const oidc = await loadOidcProvider();
  const tenants: TenantHost[] = [];
  const reservedMounts = new Set<string>();
  const server = createServer((req, res) => dispatch(tenants, req, res));
  const url = await listen(server, options.port ?? 0);

  const addTenant = async (tenantOptions: AddTenantOptions): Promise<TestTenant> => {
    const shape = shapeFor(tenantOptions.type, url, tenantOptions.id);
    // reserved before the await so two concurrent calls cannot take the same path
    if (reservedMounts.has(shape.mountPath)) {
      throw new Error(`A tenant already answers under ${shape.mountPath}`);
    }
    reservedMounts.add(shape.mountPath);

    try {
      const tenant = await TenantHost.create(oidc, shape, url, tenantOptions.autoLogin ?? false);
      tenants.push(tenant);

      return tenant;
    } catch (error) {
      reservedMounts.delete(shape.mountPath);
      throw error;
    }
  };

  return { addTenant, close: () => close(server), url };
}

// the longest matching mount wins, so /<id>/as (PingOne) and /<id> (Entra) can coexist
function dispatch(tenants: TenantHost[], req: IncomingMessage, res: ServerResponse): void {
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  let best: TenantHost | undefined;
  let bestLength = 0;
  for (const tenant of tenants) {
    const length = tenant.matchLength(pathname);
    if (length > bestLength) {
      best = tenant;
      bestLength = length;
    }
  }

  if (!best) {
    res.statusCode = 404;
    res.end();

    return;
  }

  void best.handle(req, res, pathname);
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve(`http://${HOST}:${(server.address() as AddressInfo).port}`);
    });
  });
}

// closeAllConnections: fetch keeps sockets alive, which would hold close() open
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
