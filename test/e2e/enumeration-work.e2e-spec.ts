import * as argon2Module from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { MailService } from 'src/mail/mail.service';
import { UsersService } from 'src/users/users.service';
import request from 'supertest';
import { registerAccount } from 'test/factories/account.factory';
import { startTestApp, TestApp } from 'test/support/test-app';

// Count the real argon2 work: every verify the service runs, with the hash it verifies against.
jest.mock('@node-rs/argon2', () => {
  const actual = jest.requireActual('@node-rs/argon2');

  return { ...actual, verify: jest.fn(actual.verify), hash: jest.fn(actual.hash) };
});
const argon2 = argon2Module as unknown as { verify: jest.Mock; hash: jest.Mock };

/** The argon2 parameters of a PHC string, e.g. `m=19456,t=2,p=1`. */
const paramsOf = (phc: string): string => /\$(m=\d+,t=\d+,p=\d+)\$/.exec(phc)?.[1] ?? phc;

/**
 * The unknown-email paths must do the same work as the known ones, so response time does not
 * tell which emails have accounts. This proves the work is the same; the time itself is left to
 * `npm run bench:login`, not asserted here.
 */
describe('work done for unknown and known emails', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    argon2.verify.mockClear();
    argon2.hash.mockClear();
  });

  it('login: one argon2id verify with the same parameters, and no hash, either way', async () => {
    // the app's first unknown email comes below: the throwaway hash was made at boot
    const account = await registerAccount(t.url);
    argon2.verify.mockClear();
    argon2.hash.mockClear();

    await request(t.url)
      .post('/api/v1/login')
      .send({ email: account.email, password: 'Wr0ng!pass' })
      .expect(401);
    const known = argon2.verify.mock.calls.map(([hash]) => paramsOf(hash as string));
    argon2.verify.mockClear();
    const unknown = `nobody.${randomBytes(4).toString('hex')}@acme.test`;
    await request(t.url)
      .post('/api/v1/login')
      .send({ email: unknown, password: 'Wr0ng!pass' })
      .expect(401);
    const missing = argon2.verify.mock.calls.map(([hash]) => paramsOf(hash as string));

    expect(known).toEqual(['m=19456,t=2,p=1']);
    expect(missing).toEqual(known);
    expect(argon2.hash).not.toHaveBeenCalled();
  });

  it('forgot: one lookup on the response path; link and mail after the answer', async () => {
    const account = await registerAccount(t.url);
    argon2.verify.mockClear();
    argon2.hash.mockClear();
    const users = t.app.get(UsersService);
    const lookups = jest.spyOn(users, 'findCredentialsByEmail');
    const issued = jest.spyOn(users, 'issuePasswordToken');
    // the mail never leaves: if the answer waited for it, the request would hang
    let releaseMail: () => void = () => undefined;
    const send = jest
      .spyOn(t.app.get(MailService), 'send')
      .mockImplementation(() => new Promise<void>((resolve) => (releaseMail = resolve)));
    try {
      const unknown = `nobody.${randomBytes(4).toString('hex')}@acme.test`;
      const a = await request(t.url)
        .post('/api/v1/password/forgot')
        .send({ email: unknown })
        .expect(202);
      const unknownLookups = lookups.mock.calls.length;
      const b = await request(t.url)
        .post('/api/v1/password/forgot')
        .send({ email: account.email })
        .expect(202);

      expect(a.body).toEqual(b.body);
      expect(unknownLookups).toBe(1);
      expect(lookups).toHaveBeenCalledTimes(2);
      expect(argon2.verify).not.toHaveBeenCalled();
      expect(argon2.hash).not.toHaveBeenCalled();
      // the known email's link is made after the answer, and its mail is still pending
      await new Promise<void>((resolve) => {
        const check = () => (send.mock.calls.length > 0 ? resolve() : setTimeout(check, 20));
        check();
      });
      expect(issued).toHaveBeenCalledTimes(1);
      expect(issued.mock.calls[0][0]).toBe(account.userId);
    } finally {
      releaseMail();
      send.mockRestore();
      lookups.mockRestore();
      issued.mockRestore();
    }
  });
});
