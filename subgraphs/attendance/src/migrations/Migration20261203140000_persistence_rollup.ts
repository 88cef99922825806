import { Migration } from '@mikro-orm/migrations';

/**
 * Persistent and severe absence for schools known only by their rollups (the `national` seed
 * scale): per school, pupil group and period, how many enrolments there were and how many were
 * persistently (≥ 10 %) and severely (≥ 50 %) absent over the period. Per-enrolment day counts for
 * England would be billions of rows; these are a few million. Measures read them alongside
 * `enrolment_day` for a bucket starting on `from_d`, taking each school's latest `to_d` on or
 * before the bucket's end; a school has rows in one table or the other, never both.
 */
export class Migration20261203140000_persistence_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table attendance.persistence_rollup (
        urn integer not null,
        dimension text not null check (dimension in ('all', 'fsm', 'sen', 'yearGroup', 'sex', 'eal')),
        group_value text not null,
        from_d date not null,
        to_d date not null,
        enrolments integer not null check (enrolments >= 0),
        persistent integer not null check (persistent between 0 and enrolments),
        severe integer not null check (severe between 0 and persistent),
        primary key (dimension, group_value, from_d, urn, to_d),
        check (to_d >= from_d)
      );
    `);
  }
}
