// The TypeORM CLI's data source (migration:run, migration:generate), run from the build in
// dist/. It reads DATABASE_URL like the service does.
import { join } from 'node:path';
import 'reflect-metadata';
import { AppConfig } from 'src/config/app-config';
import { dataSourceOptions } from 'src/database/data-source-options';
import { DataSource } from 'typeorm';

const config = new AppConfig(process.env);

export default new DataSource({
  ...dataSourceOptions(config.databaseUrl),
  entities: [join(__dirname, 'src', '**', '*.entity.js')],
});
