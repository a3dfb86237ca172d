import { runCli } from 'src/cli';
import request from 'supertest';
import { registerAccount, STRONG_PASSWORD } from 'test/factories/account.factory';
import { startTestApp, TestApp } from 'test/support/test-app';

describe('npm run cli -- support:create', () => {
  let t: TestApp;
  let lines: { out: string[]; err: string[] };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    lines = { out: [], err: [] };
  });

  /** Runs the command against the test app's database, as an operator would with its URL. */
  const cli = (...argv: string[]) =>
    runCli(
      argv,
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: t.database.url,
        TOKEN_SECRET: 'cli-token-secret-0123456789abcdef0123456789',
        ENCRYPTION_KEYS: `cli1:${Buffer.alloc(32, 7).toString('base64')}`,
        DEMO: 'false',
      },
      { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) },
    );

  it('creates a support account that signs in and passes support-only routes', async () => {
    const email = 'ops@patchworks.test';
    expect(await cli('support:create', '--email', email, '--password', STRONG_PASSWORD)).toBe(0);
    expect(lines.out).toEqual([expect.stringContaining(email)]);

    const login = await request(t.url)
      .post('/api/v1/login')
      .send({ email, password: STRONG_PASSWORD })
      .expect(200);
    const me = await request(t.url)
      .get('/api/v1/me')
      .auth(login.body.token, { type: 'bearer' })
      .expect(200);
    expect(me.body).toMatchObject({ role: 'administrator', company: { name: expect.any(String) } });
    const customer = await registerAccount(t.url);
    await request(t.url)
      .patch(`/api/v1/support/companies/${customer.companyId}`)
      .auth(login.body.token, { type: 'bearer' })
      .send({ tier: 'standard' })
      .expect(200);
  });

  it('refuses a taken email, a weak password and bad usage', async () => {
    const taken = await registerAccount(t.url);
    expect(await cli('support:create', '--email', taken.email, '--password', STRONG_PASSWORD)).toBe(
      1,
    );
    expect(lines.err.join('\n')).toMatch(/already exists/);

    expect(
      await cli('support:create', '--email', 'new@patchworks.test', '--password', 'weak'),
    ).toBe(1);
    expect(lines.err.join('\n')).toMatch(/password must contain a digit/);
    await request(t.url)
      .post('/api/v1/login')
      .send({ email: 'new@patchworks.test', password: 'weak' })
      .expect(401);

    expect(await cli('support:create', '--email', 'x@patchworks.test')).toBe(2);
    expect(await cli('support:delete')).toBe(2);
    expect(await cli('support:create', '--email', 'a@b.test', '--password', 'x', '--admin')).toBe(
      2,
    );
  });
});
