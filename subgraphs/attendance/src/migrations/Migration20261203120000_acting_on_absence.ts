import { Migration } from '@mikro-orm/migrations';

/**
 * Acting on absence (issue 5, domain.md §2.6–2.7): the 1-2-1 mentoring pilot's cases and the
 * penalty notices an LA issues. Both carry `urn`, the distribution column, like every other table,
 * and, like marks, refer to enrolments without a foreign key: the services check them.
 */
export class Migration20261203120000_acting_on_absence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- One pupil's time in the mentoring pilot. The YTD figures that made the pupil eligible are
      -- kept as they were on the day, since later amendments to the register may change them.
      create table attendance.mentoring_case (
        id uuid primary key,
        urn integer not null,
        enrolment_id uuid not null,
        mentor_name text not null,
        mentor_organisation text not null,
        enrolled_on date not null,
        ended_on date,
        end_reason text,
        eligibility_possible integer not null,
        eligibility_absence integer not null,
        recorded_by text not null,
        created_at timestamptz not null default now(),
        check (ended_on is null or ended_on >= enrolled_on)
      );
      -- At most one open case per enrolment.
      create unique index mentoring_case_open_idx on attendance.mentoring_case (enrolment_id)
        where ended_on is null;
      create index mentoring_case_urn_idx on attendance.mentoring_case (urn, enrolled_on);

      -- Notices to improve and penalty notices, one parent about one child. The framework counts
      -- per parent, per child, so the limit is checked by UPN, across the child's schools.
      create table attendance.penalty_notice (
        id uuid primary key,
        urn integer not null,
        enrolment_id uuid not null,
        upn char(13) not null,
        parent_reference text not null,
        kind text not null check (kind in ('noticeToImprove', 'penaltyNotice')),
        ordinal text check (ordinal in ('first', 'second')),
        issued_on date not null,
        amount_pounds integer,
        reduced_amount_pounds integer,
        unauthorised_sessions integer not null,
        window_from date not null,
        status text not null default 'issued'
          check (status in ('issued', 'paid', 'prosecuted', 'withdrawn')),
        paid_on date,
        amount_paid_pounds integer,
        withdrawn_on date,
        withdrawal_reason text,
        issued_by text not null,
        created_at timestamptz not null default now(),
        check ((kind = 'penaltyNotice') = (ordinal is not null))
      );
      create index penalty_notice_child_idx on attendance.penalty_notice (upn, parent_reference, issued_on);
      create index penalty_notice_urn_idx on attendance.penalty_notice (urn, issued_on, id);
    `);
  }
}
