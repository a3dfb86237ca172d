import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContextData {
  correlationId: string;
  ip?: string;
  userAgent?: string;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/** Per-request values (correlation id, client address) that logs and audit entries read. */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
};
