import { migrate } from '@estate/subgraph-kit';
import { createTestDatabase } from '@estate/subgraph-kit/src/testing';
import type { TestProject } from 'vitest/node';
import { SUBGRAPHS } from '../../schema/subgraphs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database migrated and seeded with the demo estate once, which every e2e suite copies. */
    demoTemplateDatabase: string;
  }
}

/**
 * The day the e2e demo is seeded as of. The suites ask about dates of its two academic years, which
 * a demo seeded as of the real today would lose once a new year began.
 */
const DEMO_SEEDED_AS_OF = '2026-12-03';

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await createTestDatabase('demo_template');
  try {
    for (const entry of SUBGRAPHS) {
      const subgraph = await entry.load();
      const orm = await subgraph.createOrm(template.url);
      try {
        await migrate(orm, subgraph.schema);
        await subgraph.seed(orm, 'demo', { asOf: DEMO_SEEDED_AS_OF });
      } finally {
        await orm.close();
      }
    }
  } catch (error) {
    await template.drop();
    throw error;
  }
  project.provide('demoTemplateDatabase', template.name);
  return () => template.drop();
}
