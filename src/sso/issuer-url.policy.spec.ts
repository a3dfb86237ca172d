import { AppConfig } from 'src/config/app-config';
import { IssuerUrlPolicy } from 'src/sso/issuer-url.policy';

const secrets = {
  TOKEN_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};
const policy = (env: Record<string, string> = {}) =>
  new IssuerUrlPolicy(new AppConfig({ ...secrets, DEMO: 'false', ...env }));
const refusal = (sut: IssuerUrlPolicy, url: string) => sut.refusalOf(new URL(url));

describe(IssuerUrlPolicy.name, () => {
  it('allows https on public hosts only', () => {
    const sut = policy();

    expect(refusal(sut, 'https://auth.pingone.eu/env/as')).toBeNull();
    for (const url of [
      'http://auth.pingone.eu/env/as',
      'http://127.0.0.1:3001/env/as',
      'https://127.0.0.1/env/as',
      'https://localhost/env/as',
      'https://10.0.0.8/x',
      'https://172.20.1.1/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest',
      'https://[::1]/x',
      'https://[fd00::1]/x',
      'https://[::ffff:10.0.0.1]/x',
    ]) {
      expect([url, refusal(sut, url)]).toEqual([url, expect.any(String)]);
    }
  });

  it('allows http on loopback hosts, and only there, with SSO_ALLOW_INSECURE_ISSUERS', () => {
    const sut = policy({ SSO_ALLOW_INSECURE_ISSUERS: 'true' });

    expect(refusal(sut, 'http://127.0.0.1:3001/env/as')).toBeNull();
    expect(refusal(sut, 'http://localhost:3001/env/as')).toBeNull();
    expect(refusal(sut, 'http://[::1]:3001/x')).toBeNull();
    expect(refusal(sut, 'http://auth.pingone.eu/env/as')).toMatch(/https/);
    expect(refusal(sut, 'http://10.0.0.8/x')).toMatch(/https/);
  });

  it("lets the demo trust its own IdP's origin, and nothing more", () => {
    const sut = policy({ DEMO: 'true' });
    sut.trustDemoOrigin('http://127.0.0.1:3001');

    expect(refusal(sut, 'http://127.0.0.1:3001/demo/as')).toBeNull();
    expect(refusal(sut, 'http://127.0.0.1:3002/demo/as')).toMatch(/https/);
    expect(() => sut.trustDemoOrigin('http://idp.example.com')).toThrow();
    expect(() => policy().trustDemoOrigin('http://127.0.0.1:3001')).toThrow();
    expect(() =>
      policy({ DEMO: 'true', NODE_ENV: 'production' }).trustDemoOrigin('http://127.0.0.1:3001'),
    ).toThrow();
  });
});
