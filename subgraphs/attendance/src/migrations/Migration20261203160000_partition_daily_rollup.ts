import { Migration } from '@mikro-orm/migrations';
import { partitionLabel } from './Migration20261203100000_attendance';

const FIRST_PARTITIONED_YEAR = 2019;
const LAST_PARTITIONED_YEAR = 2028;

/**
 * Daily rollups partitioned by academic year, as marks are. Year-to-date and term figures, the
 * questions asked most, then read one year's partition instead of every year's rows, which at
 * England's size is the difference between a second and several.
 */
export class Migration20261203160000_partition_daily_rollup extends Migration {
  override async up(): Promise<void> {
    const partitions = [];
    for (let year = FIRST_PARTITIONED_YEAR; year <= LAST_PARTITIONED_YEAR; year += 1) {
      partitions.push(rollupPartitionSql(year));
    }
    this.addSql(`
      alter table attendance.daily_rollup rename to daily_rollup_unpartitioned;
      alter table attendance.daily_rollup_unpartitioned
        rename constraint daily_rollup_pkey to daily_rollup_unpartitioned_pkey;
      alter index attendance.daily_rollup_date_idx rename to daily_rollup_unpartitioned_date_idx;

      create table attendance.daily_rollup (
        urn integer not null,
        date date not null,
        dimension text not null check (dimension in ('all', 'fsm', 'sen', 'yearGroup', 'sex', 'eal')),
        group_value text not null,
        headline boolean not null,
        code varchar(2) not null,
        sessions integer not null,
        primary key (urn, date, dimension, group_value, headline, code)
      ) partition by range (date);
      ${partitions.join('\n')}
      create index daily_rollup_date_idx on attendance.daily_rollup (date, dimension, group_value);

      -- Rows of years outside the range above get a partition of their own before they move.
      do $$
      declare start_year integer;
      begin
        for start_year in
          select distinct extract(year from date - interval '8 months')::integer
          from attendance.daily_rollup_unpartitioned
        loop
          execute format(
            'create table if not exists attendance.daily_rollup_%s_%s partition of attendance.daily_rollup for values from (%L) to (%L)',
            start_year, lpad(((start_year + 1) % 100)::text, 2, '0'),
            make_date(start_year, 9, 1), make_date(start_year + 1, 9, 1));
        end loop;
      end $$;
      insert into attendance.daily_rollup select * from attendance.daily_rollup_unpartitioned;
      drop table attendance.daily_rollup_unpartitioned;
    `);
  }
}

/** The rollup partition for the academic year starting in September of `startYear`. */
export function rollupPartitionName(startYear: number): string {
  return `attendance.daily_rollup_${partitionLabel(startYear)}`;
}

export function rollupPartitionSql(startYear: number): string {
  return `create table if not exists ${rollupPartitionName(startYear)} partition of attendance.daily_rollup
        for values from ('${startYear}-09-01') to ('${startYear + 1}-09-01');`;
}
