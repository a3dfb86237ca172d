import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppConfig } from 'src/config/app-config';
import { dataSourceOptions } from 'src/database/data-source-options';
import { Database } from 'src/database/database.service';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            if (config.databaseKind === 'sqlite') {
              mkdirSync(dirname(config.databaseUrl.slice('sqlite:'.length)), { recursive: true });
            }

            return {
              ...dataSourceOptions(config.databaseUrl),
              autoLoadEntities: true,
              synchronize: false,
              migrationsRun: config.migrateOnStart,
              // Fail fast: the ready probe, not a boot loop, reports a database that is down.
              retryAttempts: 2,
              retryDelay: 500,
            };
          },
        }),
      ],
      providers: [Database],
      exports: [Database],
    };
  }
}
