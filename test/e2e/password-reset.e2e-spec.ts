import { PasswordToken } from 'src/users/entities/password-token.entity';
import { PasswordTokenPurpose, UsersService } from 'src/users/users.service';
import request from 'supertest';
import { registerAccount } from 'test/factories/account.factory';
import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

describe('POST /api/v1/password/reset', () => {
  let t: TestApp;
  let users: UsersService;

  beforeAll(async () => {
    t = await startTestApp();
    users = t.app.get(UsersService);
  });
  afterAll(() => t.close());

  const reset = (token: string, password: string) =>
    request(t.url).post('/api/v1/password/reset').send({ token, password });

  it('sets the password once, ends every session, and keeps the link for a refused password', async () => {
    const account = await registerAccount(t.url);
    const token = await users.issuePasswordToken(account.userId, PasswordTokenPurpose.Reset);

    const weak = await reset(token, 'weak').expect(422);
    expect(weak.body.errors.every((e: { field: string }) => e.field === 'password')).toBe(true);

    await reset(token, 'N3w!password').expect(200);
    await request(t.url).get('/api/v1/me').auth(account.token, { type: 'bearer' }).expect(401);
    await request(t.url)
      .post('/api/v1/login')
      .send({ email: account.email, password: account.password })
      .expect(401);
    await request(t.url)
      .post('/api/v1/login')
      .send({ email: account.email, password: 'N3w!password' })
      .expect(200);

    const replay = await reset(token, 'An0ther!password').expect(410);
    expect(replay.body.code).toBe('PASSWORD_LINK_INVALID');
    await request(t.url)
      .post('/api/v1/login')
      .send({ email: account.email, password: 'An0ther!password' })
      .expect(401);
  });

  it('answers 410 for an unknown, superseded or expired link', async () => {
    const account = await registerAccount(t.url);
    const first = await users.issuePasswordToken(account.userId, PasswordTokenPurpose.Reset);
    const second = await users.issuePasswordToken(account.userId, PasswordTokenPurpose.Reset);

    await reset('no-such-token', 'N3w!password').expect(410);
    await reset(first, 'N3w!password').expect(410);

    await t.app
      .get(DataSource)
      .getRepository(PasswordToken)
      .update({ userId: account.userId }, { expiresAt: new Date(Date.now() - 1000) });
    await reset(second, 'N3w!password').expect(410);
    await request(t.url).get('/api/v1/me').auth(account.token, { type: 'bearer' }).expect(200);
  });
});
