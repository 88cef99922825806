import { migrate, runUntilSignalled } from '@estate/subgraph-kit';
import { readAcademiesConfig } from './config';
import { createAcademiesOrm, SCHEMA } from './orm';
import { hasSchools, seedDemo } from './seed/seed';
import { createAcademiesServer } from './server';

void runUntilSignalled('academies', async () => {
  const config = readAcademiesConfig();
  const orm = await createAcademiesOrm(config.databaseUrl);
  await migrate(orm, SCHEMA);
  if (config.seedOnStart === 'demo' && !(await hasSchools(orm))) await seedDemo(orm);
  const server = await createAcademiesServer(config, { orm });
  const running = await server.listen();
  return {
    url: running.url,
    close: async () => {
      await running.close();
      await orm.close();
    },
  };
});
