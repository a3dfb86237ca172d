import { startTestApp, TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

describe('migrations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('leave the schema exactly as the entities describe it', async () => {
    const dataSource = t.app.get(DataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('have all run', async () => {
    const dataSource = t.app.get(DataSource);

    expect(await dataSource.showMigrations()).toBe(false);
  });
});
