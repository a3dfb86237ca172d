// Memory of the audit CSV export: does the server's memory stay flat when it exports 100,000
// entries? The service runs in a child process (so the client's memory is not counted) and
// samples its own memory every 10 ms while it serves each export; the parent seeds the database,
// downloads the CSVs and compares the peak growth with a bare control, the export of 1,000 rows.
//
//   npm run bench:audit-csv                          # SQLite in a temporary directory
//   TEST_MYSQL_URL=mariadb://root@127.0.0.1:3306/ npm run bench:audit-csv   # a MariaDB database
//   BENCH_ROWS=300000 npm run bench:audit-csv        # another size
//   BENCH_HEAP_LIMIT_MB=80 npm run bench:audit-csv   # a server whose V8 heap may not exceed 80 MB
import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import 'reflect-metadata';
import { dataSourceOptions } from 'src/database/data-source-options';
import { registerAccount } from 'test/factories/account.factory';
import { SeededAuditEntry, seedAuditEntries } from 'test/factories/audit.factory';
import { startTestApp } from 'test/support/test-app';
import { createTestDatabase } from 'test/support/test-database';
import { DataSource } from 'typeorm';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const CONTROL_ROWS = 1_000;
const SAMPLE_EVERY_MS = 10;
const SLOW_READER_BYTES_PER_SECOND = 8 * 1024 * 1024;
const MB = 1024 * 1024;
const HEAP_LIMIT_MB = process.env.BENCH_HEAP_LIMIT_MB;

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

type ToChild = { type: 'start' } | { type: 'stop' };
type FromChild =
  | { type: 'ready'; url: string }
  | { type: 'started' }
  | { type: 'stopped'; baseline: Memory; peak: Memory; afterGc: Memory; samples: number };

// ---------------------------------------------------------------------------------------------
// the server: the whole service, plus a sampler of its own memory

function memoryNow(): Memory {
  const m = process.memoryUsage();

  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
}

async function serve(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL as string;
  const t = await startTestApp({}, { url, drop: () => Promise.resolve() });
  let baseline = memoryNow();
  let peak = baseline;
  let samples = 0;
  let timer: NodeJS.Timeout | undefined;
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (message: ToChild) => {
    if (message.type === 'start') {
      gc?.();
      baseline = memoryNow();
      peak = baseline;
      samples = 0;
      timer = setInterval(() => {
        const now = memoryNow();
        samples += 1;
        peak = {
          rss: Math.max(peak.rss, now.rss),
          heapUsed: Math.max(peak.heapUsed, now.heapUsed),
          external: Math.max(peak.external, now.external),
        };
      }, SAMPLE_EVERY_MS);
      process.send?.({ type: 'started' } satisfies FromChild);
    } else {
      clearInterval(timer);
      gc?.();
      const afterGc = memoryNow();
      process.send?.({ type: 'stopped', baseline, peak, afterGc, samples } satisfies FromChild);
    }
  });
  process.on('disconnect', () => void t.close().then(() => process.exit(0)));
  process.send?.({ type: 'ready', url: t.url } satisfies FromChild);
}

// ---------------------------------------------------------------------------------------------
// the parent: seed, download, compare

function ask(child: ChildProcess, message: ToChild, answer: FromChild['type']): Promise<FromChild> {
  const reply = new Promise<FromChild>((resolve) => {
    const onMessage = (m: FromChild) => {
      if (m.type === answer) {
        child.off('message', onMessage);
        resolve(m);
      }
    };
    child.on('message', onMessage);
  });
  child.send(message);

  return reply;
}

const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

function entries(companyId: string, count: number): SeededAuditEntry[] {
  const start = Date.now() - 30 * 24 * 60 * 60 * 1000;
  const events = ['auth.login.succeeded', 'users.user.updated', 'sso.provider.updated'];

  return Array.from({ length: count }, (_, i) => ({
    companyId,
    createdAt: new Date(start + i * 20),
    event: events[i % events.length],
    action: i % 3 === 0 ? 'login' : 'update',
    actorName: `Person ${i % 97}, "Team" ${i % 13}`,
    actorId: '01936f4e-0000-7000-8000-000000000001',
    targetType: 'user',
    targetId: '01936f4e-0000-7000-8000-000000000002',
    changes: { first_name: { from: `Old ${i}`, to: `New ${i}` }, agent: USER_AGENT },
  }));
}

async function seed(url: string, companyId: string, count: number): Promise<number> {
  const dataSource = new DataSource({ ...dataSourceOptions(url), migrations: [] });
  await dataSource.initialize();
  const began = performance.now();
  for (let done = 0; done < count; done += 10_000) {
    await seedAuditEntries(dataSource, entries(companyId, Math.min(10_000, count - done)));
  }
  await dataSource.destroy();

  return performance.now() - began;
}

interface Run {
  name: string;
  rows: number;
  bytes: number;
  ms: number;
  baseline: Memory;
  /** Peak while the work ran minus the baseline taken after a GC just before it. */
  growth: Memory;
  /** What a GC right after the work leaves of the growth: memory the work kept. */
  retained: Memory;
  samples: number;
}

interface Work {
  rows: number;
  bytes: number;
}

const minus = (a: Memory, b: Memory): Memory => ({
  rss: a.rss - b.rss,
  heapUsed: a.heapUsed - b.heapUsed,
  external: a.external - b.external,
});

/** Runs `work` against the server while the server samples its own memory. */
async function measure(child: ChildProcess, name: string, work: () => Promise<Work>): Promise<Run> {
  await ask(child, { type: 'start' }, 'started');
  const began = performance.now();
  const done = await work();
  const ms = performance.now() - began;
  const result = await ask(child, { type: 'stop' }, 'stopped');
  if (result.type !== 'stopped') {
    throw new Error('unexpected answer');
  }

  return {
    name,
    ...done,
    ms,
    baseline: result.baseline,
    growth: minus(result.peak, result.baseline),
    retained: minus(result.afterGc, result.baseline),
    samples: result.samples,
  };
}

/** Downloads the CSV, optionally reading no faster than `bytesPerSecond`. */
async function exportCsv(url: string, token: string, bytesPerSecond?: number): Promise<Work> {
  const res = await fetch(`${url}/api/v1/audit-logs.csv`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200 || !res.body) {
    throw new Error(`export: HTTP ${res.status}`);
  }
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    lines += chunk.filter((byte) => byte === 0x0a).length;
    if (bytesPerSecond) {
      await sleep((chunk.length / bytesPerSecond) * 1000);
    }
  }

  // a line per entry and the header (no seeded value holds a line break)
  return { rows: lines - 1, bytes };
}

/** The bare control: ordinary JSON pages of the same entries, one after another, for `ms`. */
async function browseList(url: string, token: string, ms: number): Promise<Work> {
  const until = performance.now() + ms;
  let rows = 0;
  let bytes = 0;
  // at least one page, so that a zero duration warms the route up
  for (let page = 1; page === 1 || performance.now() < until; page = (page % 10) + 1) {
    const res = await fetch(`${url}/api/v1/audit-logs?per_page=100&page=${page}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    rows += (JSON.parse(text) as { data: unknown[] }).data.length;
    bytes += text.length;
  }

  return { rows, bytes };
}

const mb = (bytes: number): string => (bytes / MB).toFixed(1);

function ratio(value: number, control: number): string {
  // a control that grew by less than 1 MB makes any ratio meaningless
  return control < MB ? 'n/a' : `${(value / control).toFixed(2)}x`;
}

function report(runs: Run[], controls: Run[]): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const rest = runs[0].baseline;
  out('');
  out(`server at rest after GC: heap ${mb(rest.heapUsed)} MB, RSS ${mb(rest.rss)} MB`);
  out('');
  out(
    '| work | rows | MB sent | seconds | peak heap growth MB | heap kept after GC MB ' +
      '| peak RSS growth MB |',
  );
  out('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of runs) {
    out(
      `| ${r.name} | ${r.rows} | ${mb(r.bytes)} | ${(r.ms / 1000).toFixed(2)} ` +
        `| ${mb(r.growth.heapUsed)} | ${mb(r.retained.heapUsed)} | ${mb(r.growth.rss)} |`,
    );
  }
  out('');
  for (const r of runs.filter((run) => !controls.includes(run))) {
    const against = controls.map(
      (c) =>
        `${ratio(r.growth.heapUsed, c.growth.heapUsed)} heap / ` +
        `${ratio(r.growth.rss, c.growth.rss)} RSS of "${c.name}"`,
    );
    out(`${r.name}: peak growth ${against.join('; ')}`);
  }
}

interface Server {
  child: ChildProcess;
  url: string;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const heapLimit = HEAP_LIMIT_MB ? [`--max-old-space-size=${HEAP_LIMIT_MB}`] : [];
  const child = fork(__filename, ['serve'], {
    execArgv: ['--expose-gc', ...heapLimit],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
  });
  const [ready] = (await once(child, 'message')) as [FromChild];
  if (ready.type !== 'ready') {
    throw new Error('the server did not start');
  }

  return { child, url: ready.url };
}

async function stopServer({ child }: Server): Promise<void> {
  const exited = once(child, 'exit');
  child.disconnect();
  await exited;
}

/**
 * Each workload gets a server process of its own, warmed up by one small export and one list
 * page: RSS seldom shrinks, so a process that already served a big export would hide growth.
 */
async function inFreshServer(
  databaseUrl: string,
  warmUpToken: string,
  name: string,
  work: (url: string) => Promise<Work>,
): Promise<Run> {
  const server = await startServer(databaseUrl);
  try {
    await exportCsv(server.url, warmUpToken);
    await browseList(server.url, warmUpToken, 0);

    return await measure(server.child, name, () => work(server.url));
  } finally {
    await stopServer(server);
  }
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  try {
    const setup = await startServer(database.url);
    const big = await registerAccount(setup.url);
    const small = await registerAccount(setup.url);
    await stopServer(setup);
    const seedMs = await seed(database.url, big.companyId, ROWS);
    await seed(database.url, small.companyId, CONTROL_ROWS);
    const limit = HEAP_LIMIT_MB ? `; server heap limited to ${HEAP_LIMIT_MB} MB` : '';
    process.stdout.write(`database: ${database.url.split(':')[0]}${limit}; seeded ${ROWS} `);
    process.stdout.write(`entries in ${(seedMs / 1000).toFixed(1)} s\n`);

    const run = (name: string, work: (url: string) => Promise<Work>) =>
      inFreshServer(database.url, small.token, name, work);
    const fast = await run(`export ${ROWS} rows, fast reader`, (url) => exportCsv(url, big.token));
    const slow = await run(
      `export ${ROWS} rows, reader at ${SLOW_READER_BYTES_PER_SECOND / MB} MB/s`,
      (url) => exportCsv(url, big.token, SLOW_READER_BYTES_PER_SECOND),
    );
    // the bare controls: a small export, and the JSON list kept busy as long as the big export
    const small1k = await run(`control: export ${CONTROL_ROWS} rows`, (url) =>
      exportCsv(url, small.token),
    );
    const list = await run(`control: JSON list pages for ${(fast.ms / 1000).toFixed(1)} s`, (url) =>
      browseList(url, small.token, fast.ms),
    );
    report([fast, slow, small1k, list], [small1k, list]);
  } finally {
    await database.drop();
  }
}

if (process.argv[2] === 'serve') {
  void serve();
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
