import { runSubgraph } from '@estate/subgraph-kit';
import { attendanceSubgraph } from './index';

runSubgraph(attendanceSubgraph, process.env);
