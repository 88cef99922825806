import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the operations clients run, checked against the committed supergraph. */
const config: CodegenConfig = {
  schema: 'schema/supergraph.graphql',
  documents: 'codegen/operations/*.graphql',
  generates: {
    'codegen/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars: { Date: 'string', AcademicYear: 'string', SafeInt: 'number' },
        enumsAsTypes: true,
        onlyOperationTypes: true,
        avoidOptionals: { field: true },
        useTypeImports: true,
      },
    },
  },
};

export default config;
