import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingHttpHeaders, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A k-anonymity range service (the haveibeenpwned protocol) on a loopback port, for tests. */
export interface RangeServer {
  /** The base URL to configure as BREACHED_PASSWORDS_URL, ending in `/range/`. */
  url: string;
  /** Every request received: the path (so tests see what left the service) and its headers. */
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  /** Lists a password as breached `count` times; 0 makes it a padding line. */
  add(password: string, count: number): void;
  /** `hang`: accept requests and never answer; `fail`: answer 500. */
  setMode(mode: 'normal' | 'hang' | 'fail'): void;
  close(): Promise<void>;
}

export const sha1Hex = (password: string): string =>
  createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();

export async function startRangeServer(): Promise<RangeServer> {
  const entries = new Map<string, number>();
  const requests: RangeServer['requests'] = [];
  const hanging: ServerResponse[] = [];
  let mode: 'normal' | 'hang' | 'fail' = 'normal';

  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    if (mode === 'hang') {
      hanging.push(res);

      return;
    }
    const prefix = /^\/range\/([0-9A-F]{5})$/i.exec(req.url ?? '')?.[1]?.toUpperCase();
    if (mode === 'fail' || !prefix) {
      res.writeHead(mode === 'fail' ? 500 : 404).end();

      return;
    }
    const lines = [...entries]
      .filter(([hash]) => hash.startsWith(prefix))
      .map(([hash, count]) => `${hash.slice(5)}:${count}`);
    const padding = Array.from(
      { length: 5 },
      () => `${randomBytes(18).toString('hex').slice(0, 35).toUpperCase()}:0`,
    );
    res.writeHead(200, { 'content-type': 'text/plain' }).end([...lines, ...padding].join('\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/range/`,
    requests,
    add: (password, count) => entries.set(sha1Hex(password), count),
    setMode: (next) => {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        hanging.splice(0).forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
