import { Migration } from '@mikro-orm/migrations';

export class Migration20261203000000_estate extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table academies.local_authority (
        code char(3) primary key check (code ~ '^[0-9]{3}$'),
        name text not null,
        gss_code varchar(9),
        region text
      );

      create table academies.school (
        urn integer primary key check (urn between 100000 and 999999),
        la_code char(3) not null references academies.local_authority (code),
        establishment_number integer check (establishment_number between 0 and 9999),
        name text not null,
        type_code smallint not null,
        type_name text not null,
        type_group_code smallint not null,
        type_group_name text not null,
        status_code smallint not null check (status_code between 1 and 4),
        phase_code smallint not null check (phase_code between 0 and 7),
        statutory_low_age smallint,
        statutory_high_age smallint,
        opened_on date,
        closed_on date,
        reason_opened text,
        reason_closed text,
        number_of_pupils integer,
        percentage_fsm numeric(5, 2),
        street text,
        locality text,
        town text,
        postcode text,
        region text,
        ukprn varchar(8)
      );
      create index school_la_code_idx on academies.school (la_code, urn);
      create index school_name_idx on academies.school (lower(name) text_pattern_ops);

      create table academies.trust (
        group_uid text primary key,
        group_id text,
        name text not null,
        type_code char(2) not null check (type_code in ('06', '10', '11')),
        companies_house_number varchar(8),
        ukprn varchar(8),
        status text not null default 'OPEN',
        opened_on date,
        closed_on date
      );
      create index trust_name_idx on academies.trust (lower(name) text_pattern_ops);

      -- No foreign key to school: GIAS group links may name schools that are not loaded (yet);
      -- they appear in a trust's schools once the school is.
      create table academies.trust_membership (
        id serial primary key,
        group_uid text not null references academies.trust (group_uid),
        urn integer not null,
        joined_on date not null,
        left_on date,
        check (left_on is null or left_on >= joined_on),
        unique (group_uid, urn, joined_on)
      );
      create index trust_membership_trust_idx on academies.trust_membership (group_uid, urn);
      create index trust_membership_urn_idx on academies.trust_membership (urn);

      -- Links are stored as GIAS publishes them, one row per direction given, and read both ways.
      create table academies.school_link (
        urn integer not null,
        linked_urn integer not null,
        link_type text not null,
        established_on date,
        primary key (urn, linked_urn, link_type)
      );
      create index school_link_linked_idx on academies.school_link (linked_urn);
    `);
  }
}
