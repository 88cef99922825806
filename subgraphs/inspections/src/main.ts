import { runSubgraph } from '@estate/subgraph-kit';
import { inspectionsSubgraph } from './index';

runSubgraph(inspectionsSubgraph, process.env);
