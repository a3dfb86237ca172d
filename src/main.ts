import { Logger } from '@nestjs/common';
import 'reflect-metadata';
import { createApp } from 'src/app.factory';
import { AppConfig } from 'src/config/app-config';
import { InvalidEnvironmentError } from 'src/config/validate-env';

async function bootstrap(): Promise<void> {
  const config = new AppConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port);
  const logger = new Logger('Bootstrap');
  logger.log(`Listening on ${config.publicUrl} (database: ${config.databaseKind})`);
  logger.log(`API documentation at ${config.publicUrl}/docs`);
}

bootstrap().catch((error: unknown) => {
  // The environment is checked before the logger exists: one plain line per problem.
  const message = error instanceof InvalidEnvironmentError ? error.message : String(error);
  process.stderr.write(
    `${error instanceof Error && !(error instanceof InvalidEnvironmentError) ? error.stack : message}\n`,
  );
  process.exit(1);
});
