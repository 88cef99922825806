import { runSubgraph } from '@estate/subgraph-kit';
import { academiesSubgraph } from './index';

runSubgraph(academiesSubgraph, process.env);
