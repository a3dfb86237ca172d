import { ValidateIf } from 'class-validator';

/**
 * For optional DTO fields: validates the field unless it is absent. Unlike `@IsOptional`, a null
 * is not "absent", so `{"email": null}` is a 422 rather than a silent no-op.
 */
export const UnlessAbsent = (): PropertyDecorator =>
  ValidateIf((_dto: object, value: unknown) => value !== undefined);
