// Login timing, known vs unknown email, against a running service (npm run bench:login).
//
// A wrong password for an existing account and any password for an email without an account
// must take the same time, or response times reveal which emails have accounts. The e2e suite
// proves both paths do the same argon2 work; this measures what a client actually sees.
//
//   BENCH_URL      the service, default http://localhost:3000
//   BENCH_SAMPLES  requests per side, default 90 (kept under the per-IP limit of 300/minute)
//
// Known-email samples are spread over several accounts, 9 each, so none reaches the 10-failure
// lock; the two kinds alternate so that drift in machine load affects both alike.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const BASE_URL = (process.env.BENCH_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 90);
const PER_ACCOUNT = 9;
const WRONG_PASSWORD = 'Wr0ng!pass';

interface Sample {
  ms: number;
  status: number;
}

async function post(path: string, body: unknown): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(`${BASE_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();

  return { ms: performance.now() - started, status: res.status };
}

async function registerAccounts(count: number): Promise<string[]> {
  const emails: string[] = [];
  for (let i = 0; i < count; i++) {
    const tag = randomBytes(6).toString('hex');
    const email = `bench.${tag}@bench.test`;
    const res = await post('/api/v1/register', {
      company_name: `Bench ${tag}`,
      first_name: 'Bench',
      last_name: 'Mark',
      email,
      // random, so the breached-password check never refuses it
      password: `Bx9!${randomBytes(9).toString('base64url')}`,
      accept_terms: true,
    });
    if (res.status !== 201) {
      throw new Error(`registration answered ${res.status}; is the service at ${BASE_URL}?`);
    }
    emails.push(email);
  }

  return emails;
}

const unknownEmail = (): string => `nobody.${randomBytes(6).toString('hex')}@bench.test`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));

  return sorted[index];
}

function describe(label: string, samples: Sample[]): string {
  const ms = samples.map((s) => s.ms);
  const statuses = [...new Set(samples.map((s) => s.status))].join(',');

  return (
    `${label.padEnd(30)} median ${percentile(ms, 50).toFixed(2)} ms   ` +
    `p10 ${percentile(ms, 10).toFixed(2)} ms   p90 ${percentile(ms, 90).toFixed(2)} ms   ` +
    `(n=${samples.length}, status ${statuses})`
  );
}

async function main(): Promise<void> {
  const accounts = await registerAccounts(Math.ceil(SAMPLES / PER_ACCOUNT));
  // warm-up: connection, JIT and the database caches, on both paths
  await post('/api/v1/login', { email: unknownEmail(), password: WRONG_PASSWORD });
  await post('/api/v1/login', { email: unknownEmail(), password: WRONG_PASSWORD });

  const known: Sample[] = [];
  const unknown: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const email = accounts[Math.floor(i / PER_ACCOUNT)];
    known.push(await post('/api/v1/login', { email, password: WRONG_PASSWORD }));
    unknown.push(await post('/api/v1/login', { email: unknownEmail(), password: WRONG_PASSWORD }));
  }

  const ratio =
    percentile(
      known.map((s) => s.ms),
      50,
    ) /
    percentile(
      unknown.map((s) => s.ms),
      50,
    );
  process.stdout.write(
    [
      `login timing against ${BASE_URL}, ${SAMPLES} interleaved samples per side`,
      describe('known email, wrong password', known),
      describe('unknown email', unknown),
      `ratio of medians (known / unknown): ${ratio.toFixed(3)}`,
      '',
    ].join('\n'),
  );
  if ([...known, ...unknown].some((s) => s.status !== 401)) {
    process.stdout.write('warning: some answers were not 401 (rate limited?); see statuses\n');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
