import { Company } from 'src/companies/entities/company.entity';
import { DEMO_COMPANY_NAME, DEMO_LOGIN, DEMO_PROVIDER_NAME } from 'src/demo/demo.constants';
import { SsoProvider } from 'src/sso/entities/sso-provider.entity';
import request from 'supertest';
import { ProviderJson, signInThroughSso, tradeCode } from 'test/factories/sso.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { createTestDatabase, TestDatabase } from 'test/support/test-database';
import { DataSource } from 'typeorm';

const DEMO_ENV = { DEMO: 'true', DEMO_IDP_PORT: '0', PUBLIC_URL: 'http://identity.test' };

describe('the demo', () => {
  let database: TestDatabase;
  let app: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const demoProvider = (t: TestApp) =>
    t.app.get(DataSource).getRepository(SsoProvider).findOneByOrFail({ name: DEMO_PROVIDER_NAME });

  async function signInAsDemoUser(t: TestApp): Promise<{ id: string; email: string }> {
    const provider = (await demoProvider(t)) as unknown as ProviderJson;
    const attempt = await signInThroughSso(t, provider, DEMO_LOGIN);
    const token = await tradeCode(t, attempt.location);
    const me = await request(t.url).get('/api/v1/me').auth(token, { type: 'bearer' }).expect(200);

    return me.body;
  }

  it('starts its IdP, seeds an enabled PingOne provider, and prints how to sign in', async () => {
    const logs: string[] = [];
    app = await startTestApp({ ...DEMO_ENV, LOG_LEVEL: 'info' }, database, { logs });

    const provider = await demoProvider(app);
    expect(provider).toMatchObject({ type: 'pingone', enabled: true, jitProvisioning: true });
    expect(provider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/demo-environment\/as$/);
    const printed = logs.find((line) => line.includes('Demo SSO'));
    expect(printed).toContain(`http://identity.test/sso/${provider.id}/login`);
    expect(printed).toContain(DEMO_LOGIN.login);
    expect(printed).toContain(DEMO_LOGIN.password);

    expect((await signInAsDemoUser(app)).email).toBe(DEMO_LOGIN.login);
  });

  it('seeds nothing twice when the service restarts on a new IdP port', async () => {
    const before = await demoProvider(app as TestApp);
    const user = await signInAsDemoUser(app as TestApp);
    await app?.close();

    app = await startTestApp(DEMO_ENV, database);
    const after = await demoProvider(app);
    expect(after.id).toBe(before.id);
    expect(after.version).toBeGreaterThan(before.version);
    const companies = await app.app
      .get(DataSource)
      .getRepository(Company)
      .countBy({ name: DEMO_COMPANY_NAME });
    expect(companies).toBe(1);
    expect((await signInAsDemoUser(app)).id).toBe(user.id);
  });
});
