import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  401: 'Missing or invalid credentials',
  403: 'Authenticated but not allowed',
  404: 'Not found, or another company’s resource',
  409: 'Conflicts with an existing resource',
  410: 'Gone: used or expired',
  413: 'Body larger than 8 MB',
  422: 'Invalid input; `errors` lists each problem',
  429: 'Rate limited; see Retry-After',
  503: 'A service this depends on is unavailable; try again later',
};

/** Declares the problem+json error responses a route can return, for Swagger. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      }),
    ),
  );
}
