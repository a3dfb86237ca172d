import { AppConfig } from 'src/config/app-config';
import { InvalidEnvironmentError } from 'src/config/validate-env';

const secrets = {
  TOKEN_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe(AppConfig.name, () => {
  it('derives PUBLIC_URL from PORT and the dashboard from PUBLIC_URL', () => {
    const sut = new AppConfig({ ...secrets, PORT: '4100' });

    expect(sut.publicUrl).toBe('http://localhost:4100');
    expect(sut.dashboardUrl).toBe('http://localhost:4100/dashboard');
    expect(sut.databaseKind).toBe('sqlite');
    expect(sut.demo).toBe(true);
  });

  it('reports every invalid variable at once, one line each', () => {
    const attempt = () =>
      new AppConfig({ ...secrets, PORT: 'eighty', DATABASE_URL: 'postgres://x', DEMO: 'yes' });

    expect(attempt).toThrow(InvalidEnvironmentError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as InvalidEnvironmentError).problems;
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'DEMO', 'PORT']);
    }
  });

  it('needs explicit secrets in production and turns the demo off there', () => {
    expect(() => new AppConfig({ NODE_ENV: 'production' })).toThrow(
      /TOKEN_SECRET and ENCRYPTION_KEYS/,
    );
    const sut = new AppConfig({ ...secrets, NODE_ENV: 'production' });

    expect(sut.demo).toBe(false);
    expect(new AppConfig({ ...secrets, NODE_ENV: 'production', DEMO: 'true' }).demo).toBe(false);
    expect(sut.currentEncryptionKey.id).toBe('k1');
    expect(sut.currentEncryptionKey.key).toHaveLength(32);
  });

  it('lets an empty BREACHED_PASSWORDS_URL turn the breach check off', () => {
    expect(new AppConfig({ ...secrets }).breachedPasswordsUrl).toMatch(/^https:/);
    expect(
      new AppConfig({ ...secrets, BREACHED_PASSWORDS_URL: '' }).breachedPasswordsUrl,
    ).toBeNull();
  });

  it('reads the linked-company allowance per tier, keeping the defaults of tiers left out', () => {
    expect(new AppConfig({ ...secrets }).linkedCompanyAllowance).toEqual({
      trial: 0,
      standard: 5,
      professional: 25,
      enterprise: 100,
    });
    const sut = new AppConfig({ ...secrets, LINKED_COMPANY_ALLOWANCE: 'trial:1,enterprise:500' });
    expect(sut.linkedCompanyAllowance).toEqual({
      trial: 1,
      standard: 5,
      professional: 25,
      enterprise: 500,
    });
    for (const bad of ['gold:3', 'standard:-1', 'standard', 'standard:5,', 'standard:1.5']) {
      expect(() => new AppConfig({ ...secrets, LINKED_COMPANY_ALLOWANCE: bad })).toThrow(
        /LINKED_COMPANY_ALLOWANCE/,
      );
    }
  });

  it('defaults the rate limits, the Redis prefix and the breach-check tolerance', () => {
    const sut = new AppConfig({ ...secrets });

    expect(sut.authRateLimitPerIp).toBe(300);
    expect(sut.apiRateLimitPerCompany).toBe(240);
    expect(sut.trustProxy).toBe('loopback');
    expect(new AppConfig({ ...secrets, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(new AppConfig({ ...secrets, TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
    expect(sut.redisKeyPrefix).toBe('patchworks:');
    expect(sut.breachedPasswordsTimeoutMs).toBe(3000);
    expect(sut.breachedPasswordsFailClosed).toBe(false);
    expect(new AppConfig({ ...secrets, BREACHED_PASSWORDS_FAIL_CLOSED: 'true' })).toMatchObject({
      breachedPasswordsFailClosed: true,
    });
  });

  it('turns Google on with an id and a secret, over https unless loopback is allowed', () => {
    const google = { GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 's' };
    expect(new AppConfig({ ...secrets }).google).toBeNull();
    expect(new AppConfig({ ...secrets, ...google }).google).toEqual({
      clientId: 'id',
      clientSecret: 's',
      issuer: 'https://accounts.google.com',
    });

    const loopback = { ...secrets, ...google, GOOGLE_ISSUER: 'http://127.0.0.1:4000/x/' };
    expect(() => new AppConfig(loopback)).toThrow(/GOOGLE_ISSUER/);
    expect(new AppConfig({ ...loopback, SSO_ALLOW_INSECURE_ISSUERS: 'true' }).google?.issuer).toBe(
      'http://127.0.0.1:4000/x',
    );
    expect(
      () =>
        new AppConfig({
          ...google,
          ...secrets,
          GOOGLE_ISSUER: 'http://idp.example.test',
          SSO_ALLOW_INSECURE_ISSUERS: 'true',
        }),
    ).toThrow(/GOOGLE_ISSUER/);
    expect(() => new AppConfig({ ...secrets, GOOGLE_CLIENT_ID: 'id' })).toThrow(
      /GOOGLE_CLIENT_SECRET/,
    );
  });
});
