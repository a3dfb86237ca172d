import request from 'supertest';
import { registerAccount, registrationBody, STRONG_PASSWORD } from 'test/factories/account.factory';
import { startTestApp, TestApp } from 'test/support/test-app';

const PROBLEM = /application\/problem\+json/;

describe('registration, login, me and logout', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('POST /api/v1/register', () => {
    it('creates a company whose registrant is its administrator', async () => {
      const body = registrationBody({ email: 'Grace.Hopper@Navy.test' });
      const res = await request(t.url).post('/api/v1/register').send(body).expect(201);

      expect(res.body.user).toMatchObject({
        email: 'grace.hopper@navy.test',
        first_name: 'Ada',
        last_name: 'Lovelace',
        role: 'administrator',
        status: 'active',
      });
      expect(res.body.company).toMatchObject({ name: body.company_name, tier: 'trial' });
      expect(res.body.user.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(res.body)).not.toContain(STRONG_PASSWORD);
      expect(JSON.stringify(res.body)).not.toContain('argon2');
    });

    it('answers 409 for an email already registered, in any letter case, and creates nothing', async () => {
      const first = registrationBody();
      await request(t.url).post('/api/v1/register').send(first).expect(201);
      const again = registrationBody({ email: (first.email as string).toUpperCase() });
      const res = await request(t.url).post('/api/v1/register').send(again).expect(409);

      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 409, code: 'EMAIL_TAKEN' });
      // the second company was rolled back with the user: nobody can sign into it
      const login = await request(t.url)
        .post('/api/v1/login')
        .send({ email: first.email, password: STRONG_PASSWORD })
        .expect(200);
      const me = await request(t.url).get('/api/v1/me').auth(login.body.token, { type: 'bearer' });
      expect(me.body.company.name).toBe(first.company_name);
    });

    it('lists every unmet password rule on the password field', async () => {
      const res = await request(t.url)
        .post('/api/v1/register')
        .send(registrationBody({ password: 'short' }))
        .expect(422);

      expect(res.body.code).toBe('VALIDATION_FAILED');
      const messages = res.body.errors.map((e: { field: string; message: string }) => {
        expect(e.field).toBe('password');

        return e.message;
      });
      expect(messages).toEqual([
        'must be at least 8 characters long',
        'must contain an uppercase letter',
        'must contain a digit',
        'must contain one of ! $ # %',
      ]);
    });

    it('refuses unaccepted terms, unknown fields and numbers where strings belong', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ accept_terms: false }, 'accept_terms'],
        [{ accept_terms: 'true' }, 'accept_terms'],
        [{ company_name: 42 }, 'company_name'],
        [{ is_admin: true }, 'is_admin'],
        [{ email: 'not-an-email' }, 'email'],
      ];
      for (const [override, field] of cases) {
        const email = `nobody.${field}@acme.test`;
        const res = await request(t.url)
          .post('/api/v1/register')
          .send(registrationBody({ email, ...override }))
          .expect(422);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        await request(t.url)
          .post('/api/v1/login')
          .send({ email, password: STRONG_PASSWORD })
          .expect(401);
      }
    });
  });

  describe('POST /api/v1/login', () => {
    it('returns a day-long token', async () => {
      const account = await registerAccount(t.url);
      const res = await request(t.url)
        .post('/api/v1/login')
        .send({ email: account.email, password: account.password })
        .expect(200);

      expect(res.body).toEqual({
        message: expect.any(String),
        token: expect.any(String),
        expires_in: 86400,
      });
    });

    it('gives the same 401 body for an unknown email as for a wrong password', async () => {
      const account = await registerAccount(t.url);
      const wrong = await request(t.url)
        .post('/api/v1/login')
        .send({ email: account.email, password: 'Wr0ng!pass' })
        .expect(401);
      const unknown = await request(t.url)
        .post('/api/v1/login')
        .send({ email: 'nobody@nowhere.test', password: 'Wr0ng!pass' })
        .expect(401);

      const strip = ({ correlation_id: _c, ...rest }: Record<string, unknown>) => rest;
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('answers 422 for a body that is not an object or misses fields', async () => {
      for (const body of [[], '"text"', {}, { email: 'a@b.test' }, { email: 1, password: 2 }]) {
        const res = await request(t.url)
          .post('/api/v1/login')
          .set('content-type', 'application/json')
          .send(typeof body === 'string' ? body : JSON.stringify(body))
          .expect(422);
        expect(res.headers['content-type']).toMatch(PROBLEM);
      }
    });
  });

  describe('GET /api/v1/me and POST /api/v1/logout', () => {
    it('shows the user, their company and the acting company', async () => {
      const account = await registerAccount(t.url);
      const res = await request(t.url)
        .get('/api/v1/me')
        .auth(account.token, { type: 'bearer' })
        .expect(200);

      expect(res.body).toEqual({
        id: account.userId,
        email: account.email,
        first_name: 'Ada',
        last_name: 'Lovelace',
        role: 'administrator',
        company: { id: account.companyId, name: expect.any(String) },
        acting_company: { id: account.companyId, name: expect.any(String) },
        mfa_enabled: false,
        sso_provider_id: null,
      });
    });

    it('stops the token at once on logout, and leaves other sessions alone', async () => {
      const account = await registerAccount(t.url);
      const other = await request(t.url)
        .post('/api/v1/login')
        .send({ email: account.email, password: account.password });
      await request(t.url)
        .post('/api/v1/logout')
        .auth(account.token, { type: 'bearer' })
        .expect(204);

      const res = await request(t.url)
        .get('/api/v1/me')
        .auth(account.token, { type: 'bearer' })
        .expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      await request(t.url)
        .post('/api/v1/logout')
        .auth(account.token, { type: 'bearer' })
        .expect(401);
      await request(t.url).get('/api/v1/me').auth(other.body.token, { type: 'bearer' }).expect(200);
    });

    it('refuses missing, malformed and forged tokens with 401', async () => {
      const account = await registerAccount(t.url);
      const [header, payload] = account.token.split('.');
      const forged = `${header}.${payload}.${'A'.repeat(43)}`;
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
      await request(t.url).get('/api/v1/me').expect(401);
      for (const token of ['garbage', forged, unsigned]) {
        await request(t.url).get('/api/v1/me').auth(token, { type: 'bearer' }).expect(401);
      }
      await request(t.url).get('/api/v1/me').set('authorization', 'Basic abc').expect(401);
    });
  });
});
