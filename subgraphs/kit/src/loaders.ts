/**
 * DataLoader batch functions must answer one value per key, in key order. These line rows up with
 * the keys that asked for them.
 */
export function oneByKey<K, R>(
  keys: readonly K[],
  rows: readonly R[],
  keyOf: (row: R) => K,
): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

export function manyByKey<K, R>(
  keys: readonly K[],
  rows: readonly R[],
  keyOf: (row: R) => K,
): R[][] {
  const byKey = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key) ?? []);
}

/** Splits a batch of composite keys into groups that can share one query (same date, same page). */
export function groupBy<T, G>(items: readonly T[], groupOf: (item: T) => G): Map<G, T[]> {
  const groups = new Map<G, T[]>();
  for (const item of items) {
    const group = groupOf(item);
    const members = groups.get(group);
    if (members) members.push(item);
    else groups.set(group, [item]);
  }
  return groups;
}
