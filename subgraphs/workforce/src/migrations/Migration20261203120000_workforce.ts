import { Migration } from '@mikro-orm/migrations';

export class Migration20261203120000_workforce extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Teacher records as the teacher, pension and workforce-census feeds give them. Schools are
      -- referred to by URN only: the academies subgraph owns them.
      create table workforce.teacher (
        trn char(7) primary key check (trn ~ '^[0-9]{7}$'),
        name text not null check (btrim(name) <> ''),
        route text not null
          check (route in ('postgraduate_itt', 'undergraduate_itt', 'assessment_only', 'overseas_recognition')),
        itt_start_date date,
        itt_completion_date date,
        qts_awarded_on date,
        itt_subject text not null
          check (itt_subject in ('chemistry', 'computing', 'mathematics', 'physics', 'other')),
        degree_subjects text[] not null default '{}',
        eligible_subject_teaching_percent numeric(5, 2) not null
          check (eligible_subject_teaching_percent between 0 and 100)
      );

      create table workforce.employment_spell (
        id serial primary key,
        trn char(7) not null references workforce.teacher (trn) on delete cascade,
        urn integer not null check (urn between 100000 and 999999),
        start_date date not null,
        end_date date,
        contract_type text not null check (contract_type in ('permanent', 'fixed_term', 'supply')),
        whole_term_contract boolean not null,
        employed_directly_by_school boolean not null,
        check (end_date is null or end_date >= start_date)
      );
      create index employment_spell_urn_idx on workforce.employment_spell (urn, start_date);
      create index employment_spell_trn_idx on workforce.employment_spell (trn);

      create table workforce.formal_action (
        id serial primary key,
        trn char(7) not null references workforce.teacher (trn) on delete cascade,
        kind text not null check (kind in ('performance', 'disciplinary')),
        started_on date not null,
        ended_on date,
        check (ended_on is null or ended_on >= started_on)
      );
      create index formal_action_trn_idx on workforce.formal_action (trn);

      -- The latest upload of each claim year's list; an upload replaces its year's rows entirely.
      -- A school listed at 0 is never stored: absent means ineligible.
      create table workforce.premium_award (
        academic_year smallint not null,
        urn integer not null check (urn between 100000 and 999999),
        award_amount_pounds integer not null check (award_amount_pounds > 0),
        primary key (academic_year, urn)
      );
      create index premium_award_urn_idx on workforce.premium_award (urn, academic_year);

      create table workforce.premium_award_upload (
        id serial primary key,
        academic_year smallint not null,
        uploaded_at timestamptz not null default now(),
        source text not null,
        schools integer not null
      );

      -- One claim per teacher per claim year; the award is captured when the claim is made.
      create table workforce.premium_claim (
        trn char(7) not null references workforce.teacher (trn),
        academic_year smallint not null,
        urn integer not null check (urn between 100000 and 999999),
        subject text not null check (subject in ('chemistry', 'computing', 'mathematics', 'physics')),
        award_amount_pounds integer not null check (award_amount_pounds > 0),
        claimed_on date not null,
        primary key (trn, academic_year)
      );
      create index premium_claim_year_idx on workforce.premium_claim (academic_year, urn);

      create table workforce.premium_top_up (
        id serial primary key,
        trn char(7) not null,
        academic_year smallint not null,
        amount_pounds integer not null check (amount_pounds > 0),
        created_on date not null,
        foreign key (trn, academic_year) references workforce.premium_claim (trn, academic_year)
      );
      create index premium_top_up_claim_idx on workforce.premium_top_up (trn, academic_year);
    `);
  }
}
