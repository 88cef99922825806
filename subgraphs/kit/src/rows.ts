import { type EntityClass, type MetadataStorage, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

export type RowReader<T> = (row: Record<string, unknown>) => T;

/**
 * Reads a row of an entity's table (by column name, as a raw statement or `to_jsonb` returns it)
 * into the entity's plain shape, by the entity's own mapping and type conversions, without the
 * identity map. For read paths only: `em.find` and `em.map` register every entity for change
 * tracking, and that bookkeeping was the largest part of a read-only subgraph's CPU per request.
 */
export function entityRowReader<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
): RowReader<T> {
  const metadata = em.getMetadata();
  let readers = readersByMetadata.get(metadata);
  if (!readers) readersByMetadata.set(metadata, (readers = new Map()));
  let reader = readers.get(entity);
  if (!reader) readers.set(entity, (reader = buildReader(em, entity)));
  return reader as RowReader<T>;
}

/** Built once per ORM and entity: requests fork the entity manager, not the mapping. */
const readersByMetadata = new WeakMap<
  MetadataStorage,
  Map<EntityClass<object>, RowReader<object>>
>();

function buildReader<T extends object>(em: EntityManager, entity: EntityClass<T>): RowReader<T> {
  const platform = em.getPlatform();
  const columns = em
    .getMetadata()
    .get<T>(entity.name)
    .props.filter((prop) => prop.kind === ReferenceKind.SCALAR && prop.fieldNames.length === 1)
    .map((prop) => {
      const customType = prop.customType;
      const toNumber = prop.runtimeType === 'number';
      return {
        property: prop.name as string,
        column: prop.fieldNames[0]!,
        convert: (value: unknown) => {
          if (value === null || value === undefined) return null;
          if (customType) return customType.convertToJSValue(value, platform) as unknown;
          return toNumber && typeof value === 'string' ? Number(value) : value;
        },
      };
    });
  return (row) => {
    const read: Record<string, unknown> = {};
    for (const { property, column, convert } of columns) read[property] = convert(row[column]);
    return read as T;
  };
}
