import { Migration } from '@mikro-orm/migrations';

export class Migration20261203100000_inspections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- One row per inspection, under the URN it was made under. School data (names, trusts, links)
      -- belongs to the academies subgraph and is never copied here.
      create table inspections.inspection (
        id serial primary key,
        urn integer not null check (urn between 100000 and 999999),
        kind text not null check (kind in ('graded', 'ungraded', 'urgent', 'reportCard')),
        inspection_number text,
        start_date date,
        publication_date date,
        -- The start date, or the publication date where the source has no start date.
        inspection_date date not null,
        overall_effectiveness smallint check (overall_effectiveness between 1 and 4),
        category_of_concern text
          check (category_of_concern in ('specialMeasures', 'seriousWeaknesses', 'noticeToImprove')),
        safeguarding text
          check (safeguarding in ('effective', 'notEffective', 'notRecorded', 'met', 'notMet')),
        -- EIF sub-judgements (graded) or evaluation areas (report cards), by area.
        judgements jsonb not null default '{}',
        outcome_text text,
        number_of_pupils integer check (number_of_pupils >= 0),
        source text not null,
        check (start_date is null or inspection_date = start_date),
        check (publication_date is null or start_date is null or publication_date >= start_date),
        -- Single headline grades ended on 2 September 2024 (domain.md §4.2).
        check (overall_effectiveness is null or (kind = 'graded' and inspection_date < date '2024-09-02')),
        -- Report cards began on 10 November 2025 and are never on the 1-4 scale.
        check (kind <> 'reportCard' or (inspection_date >= date '2025-11-10' and overall_effectiveness is null)),
        unique (urn, kind, inspection_date)
      );
      create index inspection_urn_idx on inspections.inspection (urn, inspection_date desc);
    `);
  }
}
