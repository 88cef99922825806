import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Apollo's packages load graphql's CommonJS build; vitest would otherwise load the ESM build,
// and graphql refuses types from "another module or realm".
const resolve = { alias: { graphql: require.resolve('graphql') } };
const ignored = ['**/node_modules/**', '**/.data/**'];

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...ignored, '**/*.int.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
