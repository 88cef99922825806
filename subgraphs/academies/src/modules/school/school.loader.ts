import { type EntityManager, oneByKey } from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import { SchoolEntity } from './school.entity';

export function createSchoolLoader(em: EntityManager): DataLoader<number, SchoolEntity | null> {
  return new DataLoader(async (urns) => {
    const rows = await em.find(SchoolEntity, { urn: { $in: [...urns] } });
    return oneByKey(urns, rows, (row) => row.urn);
  });
}
