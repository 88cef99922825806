import { type EntityManager, manyByKey } from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import {
  INSPECTION_COLUMNS,
  type InspectionRow,
  type StoredInspection,
  toDomain,
} from './inspection.record';

/**
 * Every inspection made under each URN asked for in one tick, in one statement: a page of schools,
 * their predecessors and a trust's members all share it.
 */
export function createInspectionsByUrnLoader(
  em: EntityManager,
): DataLoader<number, StoredInspection[]> {
  return new DataLoader(async (urns) => {
    const rows = await em
      .getConnection()
      .execute<InspectionRow[]>(
        `select ${INSPECTION_COLUMNS} from inspections.inspection where urn in (?) order by urn, inspection_date desc, id`,
        [[...urns]],
      );
    return manyByKey(urns, rows.map(toDomain), (stored) => stored.inspection.urn);
  });
}
