import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { DEMO_LOGIN, DEMO_PROVIDER_NAME } from 'src/demo/demo.constants';
import { SsoProvider } from 'src/sso/entities/sso-provider.entity';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real browser through the demo as a new user meets it after `npm start`: the initiate
 * sign-in URL, the IdP's login form, the dashboard page showing who is signed in, sign-out.
 */
describe('SSO in a browser (Debian Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let userDataDir: string;
  let publicUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    t = await startTestApp({
      DEMO: 'true',
      DEMO_IDP_PORT: '0',
      PORT: String(port),
      PUBLIC_URL: publicUrl,
    });
    userDataDir = mkdtempSync(join(tmpdir(), 'pwi-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });
  afterAll(async () => {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
    await t?.close();
  });

  it('goes from the sign-in URL through the IdP form to the signed-in dashboard', async () => {
    const provider = await t.app
      .get(DataSource)
      .getRepository(SsoProvider)
      .findOneByOrFail({ name: DEMO_PROVIDER_NAME });
    const page = await context.newPage();

    await page.goto(`${publicUrl}/sso/${provider.id}/login`);
    await page.fill('input[name="login"]', DEMO_LOGIN.login);
    await page.fill('input[name="password"]', DEMO_LOGIN.password);
    await page.click('#submit');
    await page.locator('#signed-in').waitFor({ state: 'visible' });

    expect(await page.textContent('#email')).toBe(DEMO_LOGIN.login);
    expect(await page.textContent('#name')).toBe('Demo User');
    expect(await page.textContent('#company')).toBe('Demo Company');
    expect(await page.textContent('#method')).toBe('single sign-on');
    // the one-time code is gone from the address bar once traded
    expect(page.url()).toBe(`${publicUrl}/dashboard`);

    await page.click('#sign-out');
    await page.waitForURL(`${publicUrl}/dashboard/login`);
    await page.goto(`${publicUrl}/dashboard`);
    await page.locator('#to-login').waitFor({ state: 'visible' });
    expect(await page.textContent('#status')).toBe('You are not signed in.');
  });
});
