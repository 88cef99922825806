import { connectionOf } from '@estate/subgraph-kit';
import { School } from './school.type';

export const { Connection: SchoolConnection, Edge: SchoolEdge } = connectionOf('School', School);
