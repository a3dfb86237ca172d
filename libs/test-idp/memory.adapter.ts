import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

// models whose rows hang off a grant and go when the grant is revoked
const GRANT_BOUND_MODELS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'BackchannelAuthenticationRequest',
  'DeviceCode',
  'PreAuthorizedCode',
  'RefreshToken',
]);

interface Row {
  expiresAt: number;
  model: string;
  payload: AdapterPayload;
}

/**
 * One tenant's provider state. It outlives a Provider instance, so sessions, codes and refresh
 * tokens survive `rotateKeys()`, which rebuilds the Provider. Our own adapter (instead of the
 * built-in one) also keeps oidc-provider from printing its "development-only adapter" warning.
 */
export class MemoryStore {
  private readonly rows = new Map<string, Row>();

  get(model: string, id: string): AdapterPayload | undefined {
    const row = this.rows.get(`${model}:${id}`);
    if (row && row.expiresAt <= Date.now()) {
      this.rows.delete(`${model}:${id}`);

      return undefined;
    }

    return row?.payload;
  }

  set(model: string, id: string, payload: AdapterPayload, expiresIn?: number): void {
    const expiresAt = expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1000;
    this.rows.set(`${model}:${id}`, { expiresAt, model, payload });
  }

  delete(model: string, id: string): void {
    this.rows.delete(`${model}:${id}`);
  }

  findBy(model: string, match: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    const now = Date.now();
    for (const row of this.rows.values()) {
      if (row.model === model && row.expiresAt > now && match(row.payload)) {
        return row.payload;
      }
    }

    return undefined;
  }

  revokeGrant(grantId: string): void {
    for (const [key, row] of this.rows) {
      if (GRANT_BOUND_MODELS.has(row.model) && row.payload.grantId === grantId) {
        this.rows.delete(key);
      }
    }
  }
}

class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: MemoryStore,
  ) {}

  upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.store.set(this.model, id, payload, expiresIn);

    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.store.get(this.model, id));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.store.findBy(this.model, (payload) => payload.uid === uid));
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.store.findBy(this.model, (p) => p.userCode === userCode));
  }

  consume(id: string): Promise<void> {
    const payload = this.store.get(this.model, id);
    if (payload) {
      payload.consumed = Math.floor(Date.now() / 1000);
    }

    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.store.delete(this.model, id);

    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    this.store.revokeGrant(grantId);

    return Promise.resolve();
  }
}

/** Clients are read from the tenant's registry so `addClient` works after the Provider exists. */
class ClientAdapter extends MemoryAdapter {
  constructor(private readonly findClient: (clientId: string) => AdapterPayload | undefined) {
    super('Client', new MemoryStore());
  }

  override find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.findClient(id));
  }
}

export function createAdapterFactory(
  store: MemoryStore,
  findClient: (clientId: string) => AdapterPayload | undefined,
): AdapterFactory {
  return (model) =>
    model === 'Client' ? new ClientAdapter(findClient) : new MemoryAdapter(model, store);
}
