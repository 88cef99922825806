import { Migration } from '@mikro-orm/migrations';
import { REGISTER_CODES } from '../domain/register-codes';

/** Academic years whose mark partitions exist from the start; others are created on demand. */
const FIRST_PARTITIONED_YEAR = 2019;
const LAST_PARTITIONED_YEAR = 2028;

/**
 * The attendance schema (architecture.md §5). Every table carries `urn`, the distribution column
 * should the register move to Citus; marks are partitioned by academic year; rollups and
 * per-enrolment day counts are kept in the same transaction as the marks, so that measures never
 * scan marks.
 */
export class Migration20261203100000_attendance extends Migration {
  override async up(): Promise<void> {
    const codes = REGISTER_CODES.map(
      (definition) =>
        `(${literal(definition.code)}, ${literal(definition.statisticalClass)}, ${definition.late}, ${literal(definition.meaning)})`,
    ).join(',\n        ');
    const partitions = [];
    for (let year = FIRST_PARTITIONED_YEAR; year <= LAST_PARTITIONED_YEAR; year += 1) {
      partitions.push(markPartitionSql(year));
    }
    this.addSql(`
      -- Reference table (a Citus reference table if distributed): how DfE's statistics treat a code.
      create table attendance.register_code (
        code varchar(2) primary key,
        statistical_class text not null,
        late boolean not null,
        meaning text not null
      );
      insert into attendance.register_code (code, statistical_class, late, meaning) values
        ${codes};

      -- A pupil as registered at one school: DfE counts enrolments, so a dual-registered child is
      -- an enrolment at each school. The id is opaque and random; the UPN is never a key in the API.
      create table attendance.enrolment (
        id uuid primary key,
        urn integer not null check (urn between 100000 and 999999),
        upn char(13) not null,
        date_of_birth date not null,
        year_group smallint not null check (year_group between -2 and 14),
        sex char(1) not null check (sex in ('F', 'M')),
        fsm boolean not null,
        sen_status char(1) not null check (sen_status in ('N', 'K', 'E')),
        eal boolean not null,
        admitted_on date not null,
        left_on date,
        updated_at timestamptz not null default now(),
        unique (urn, upn),
        check (left_on is null or left_on >= admitted_on)
      );

      -- The current mark of each session. Group characteristics are kept as they were on the day,
      -- so that an amendment takes back exactly what the mark added to the rollups.
      create table attendance.mark (
        urn integer not null,
        enrolment_id uuid not null,
        date date not null,
        session char(2) not null check (session in ('AM', 'PM')),
        -- Codes are checked by the ingestion service; a foreign key per row would halve insert speed.
        code varchar(2) not null,
        headline boolean not null,
        fsm boolean not null,
        sen_status char(1) not null,
        year_group smallint not null,
        sex char(1) not null,
        eal boolean not null,
        source_updated_at timestamptz not null,
        submission_id uuid not null,
        recorded_at timestamptz not null default now(),
        primary key (urn, enrolment_id, date, session)
      ) partition by range (date);
      ${partitions.join('\n')}

      -- Every value a mark held before an amendment, with when and by whom it was replaced.
      -- Append-only: registers are kept at least six years (reg 7 of the 2024 regulations).
      create table attendance.mark_history (
        id bigserial primary key,
        urn integer not null,
        enrolment_id uuid not null,
        date date not null,
        session char(2) not null,
        code varchar(2) not null,
        source_updated_at timestamptz not null,
        submission_id uuid not null,
        replaced_by_code varchar(2) not null,
        replaced_by_submission_id uuid not null,
        replaced_at timestamptz not null default now(),
        source text not null
      );
      create index mark_history_mark_idx on attendance.mark_history (urn, enrolment_id, date, session);

      -- Daily sessions per school and pupil group, by code. dimension 'all' has group_value ''.
      create table attendance.daily_rollup (
        urn integer not null,
        date date not null,
        dimension text not null check (dimension in ('all', 'fsm', 'sen', 'yearGroup', 'sex', 'eal')),
        group_value text not null,
        headline boolean not null,
        code varchar(2) not null,
        -- No check (sessions >= 0): PostgreSQL checks the proposed row of an upsert, which holds
        -- the negative delta of an amendment, before resolving the conflict.
        sessions integer not null,
        primary key (urn, date, dimension, group_value, headline, code)
      );
      create index daily_rollup_date_idx on attendance.daily_rollup (date, dimension, group_value);

      -- Each enrolment's headline-scope sessions per day: persistent and severe absence, penalty
      -- windows and early warning sum these instead of marks.
      create table attendance.enrolment_day (
        urn integer not null,
        enrolment_id uuid not null,
        date date not null,
        possible smallint not null,
        absence smallint not null,
        unauthorised smallint not null,
        primary key (urn, enrolment_id, date)
      );
      create index enrolment_day_date_idx on attendance.enrolment_day (urn, date);

      -- One row per accepted submission; the idempotency key is unique per caller.
      create table attendance.register_submission (
        id uuid primary key,
        urn integer not null,
        source text not null,
        vendor_id text,
        idempotency_key text,
        payload_hash char(64) not null,
        inserted integer not null default 0,
        amended integer not null default 0,
        unchanged integer not null default 0,
        stale integer not null default 0,
        pupils integer not null default 0,
        created_at timestamptz not null default now(),
        unique (source, idempotency_key)
      );
      create index register_submission_vendor_idx on attendance.register_submission (vendor_id, created_at);

      -- Which MIS vendors a school has authorised to send its registers.
      create table attendance.vendor_authorisation (
        vendor_id text not null,
        urn integer not null check (urn between 100000 and 999999),
        authorised_on date not null,
        revoked_on date,
        primary key (vendor_id, urn)
      );

      -- The bulk path stages CSV rows here through COPY, then validates and upserts them.
      create unlogged table attendance.import_staging (
        batch_id uuid not null,
        line integer not null,
        urn text, upn text, date_of_birth text, year_group text, sex text, fsm text,
        sen_status text, eal text, admitted_on text, left_on text,
        date text, session text, code text, recorded_at text
      );
      create index import_staging_batch_idx on attendance.import_staging (batch_id, urn, line);
    `);
  }
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The mark partition for the academic year starting in September of `startYear`. */
/** The suffix of a year's partitions, as `2025_26`. */
export function partitionLabel(startYear: number): string {
  return `${startYear}_${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function markPartitionName(startYear: number): string {
  return `attendance.mark_${partitionLabel(startYear)}`;
}

export function markPartitionSql(startYear: number): string {
  return `create table if not exists ${markPartitionName(startYear)} partition of attendance.mark
        for values from ('${startYear}-09-01') to ('${startYear + 1}-09-01');`;
}
