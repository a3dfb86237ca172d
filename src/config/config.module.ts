import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';

@Global()
@Module({})
export class ConfigModule {
  /** Tests pass their own AppConfig; the service builds one from process.env. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
