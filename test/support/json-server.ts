import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Serves `body` as JSON at `path` from now on. */
  serve(path: string, body: unknown): void;
  close(): Promise<void>;
}

/** A loopback server answering fixed JSON documents, for IdP metadata no real OP would send. */
export async function startJsonServer(): Promise<JsonServer> {
  const documents = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = documents.get((req.url ?? '/').split('?')[0] ?? '/');
    res.statusCode = body === undefined ? 404 : 200;
    res.setHeader('content-type', 'application/json');
    res.end(body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    serve: (path, body) => documents.set(path, JSON.stringify(body)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
