/**
 * The dates a school met (any session recorded; INSET days and unplanned closures aside) for each
 * row of a key set `k` with `urn`, `from_d` and `to_d`, as `met.date`. One index range per school,
 * laterally: joined as a set instead, the planner may scan whole partitions of the rollups.
 */
export const MET_DATES_OF_K = `cross join lateral (
    select distinct r.date from attendance.daily_rollup r
    where r.urn = k.urn and r.date between k.from_d and k.to_d
      and r.dimension = 'all' and r.sessions > 0 and r.code not in ('#', 'Y4')
  ) met`;
