import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));

    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function invalidInput(errors: FieldError[]): AppError {
  return new AppError(ErrorCode.ValidationFailed, 'The request is invalid', { errors });
}

/**
 * Input is taken as sent (api.md): no implicit type conversion, unknown fields rejected, and a
 * body that is not a JSON object (an array, a string) is a 422 rather than a crash further in.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => invalidInput(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = metadata.type === 'body' && typeof metadata.metatype === 'function';
    if (isDto && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
      throw invalidInput([{ field: '', message: 'the body must be a JSON object' }]);
    }

    return super.transform(value, metadata);
  }
}
