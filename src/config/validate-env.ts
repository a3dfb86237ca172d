import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EnvSchema } from 'src/config/env.schema';

/** Thrown at boot with one line per invalid variable, so an operator fixes all of them at once. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const describe = (error: ValidationError): string =>
  `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`;

export function validateEnv(env: NodeJS.ProcessEnv): EnvSchema {
  // An empty variable means "not set": `.env` files and shells often export FOO= for defaults.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const schema = plainToInstance(EnvSchema, present);
  const errors = validateSync(schema, { whitelist: false });
  if (errors.length > 0) {
    throw new InvalidEnvironmentError(errors.map(describe));
  }
  // BREACHED_PASSWORDS_URL is the one variable where empty is meaningful: it turns the check off.
  if (env.BREACHED_PASSWORDS_URL === '') {
    schema.BREACHED_PASSWORDS_URL = '';
  }

  return schema;
}
