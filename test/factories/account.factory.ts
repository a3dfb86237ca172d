import { randomBytes } from 'node:crypto';
import request from 'supertest';

export const STRONG_PASSWORD = 'Str0ng!pass';

export interface RegisteredAccount {
  email: string;
  password: string;
  userId: string;
  companyId: string;
  token: string;
}

export function registrationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const tag = randomBytes(4).toString('hex');

  return {
    company_name: `Acme ${tag}`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: `ada.${tag}@acme.test`,
    password: STRONG_PASSWORD,
    accept_terms: true,
    ...overrides,
  };
}

/** Registers a company over HTTP and signs its administrator in. */
export async function registerAccount(
  url: string,
  overrides: Record<string, unknown> = {},
): Promise<RegisteredAccount> {
  const body = registrationBody(overrides);
  const registered = await request(url).post('/api/v1/register').send(body).expect(201);
  const login = await request(url)
    .post('/api/v1/login')
    .send({ email: body.email, password: body.password })
    .expect(200);

  return {
    email: body.email as string,
    password: body.password as string,
    userId: registered.body.user.id,
    companyId: registered.body.company.id,
    token: login.body.token,
  };
}
