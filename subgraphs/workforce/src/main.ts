import { runSubgraph } from '@estate/subgraph-kit';
import { workforceSubgraph } from './index';

runSubgraph(workforceSubgraph, process.env);
