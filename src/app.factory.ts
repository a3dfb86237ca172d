import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppModule } from 'src/app.module';
import { ProblemFilter } from 'src/common/errors/problem.filter';
import { correlationMiddleware } from 'src/common/http/correlation.middleware';
import { StrictValidationPipe } from 'src/common/http/strict-validation.pipe';
import { JsonLogger } from 'src/common/logging/json-logger';
import { requestLoggerMiddleware } from 'src/common/logging/request-logger.middleware';
import { AppConfig } from 'src/config/app-config';
import { setupSwagger } from 'src/swagger';

export const BODY_LIMIT = '8mb';

/** Builds the whole HTTP application; main.ts and the e2e tests share it. */
export async function createApp(
  config: AppConfig,
  logger = new JsonLogger(config.logLevel),
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger,
    bodyParser: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.use(correlationMiddleware, requestLoggerMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'form-action': ["'self'", 'http:', 'https:'] },
      },
    }),
  );
  app.useBodyParser('json', {
    limit: BODY_LIMIT,
    type: ['application/json', 'application/*+json'],
  });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  setupSwagger(app);

  return app;
}
