import type { IsoDate } from '@estate/subgraph-kit';
import { type Inspection, knownOn, latestFullInspection } from '../../domain/inspection';
import { isBelowExpectedStandard } from '../../domain/report-card';
import { ProfileOutcomeEnum } from './inspection.enums';
import type { StoredInspection } from './inspection.record';
import type { InspectionProfile } from './inspection.type';

/** A dated span of a school in a trust, as academies publishes it; leftOn is the first day out. */
export interface MembershipSpanInput {
  urn: number;
  joinedOn: string;
  leftOn: string | null;
}

export function isMemberOn(span: MembershipSpanInput, on: IsoDate): boolean {
  return span.joinedOn <= on && (span.leftOn === null || on < span.leftOn);
}

/** The spans in force on a date, one per school (the latest joined, should spans overlap). */
export function spansOn(spans: readonly MembershipSpanInput[], on: IsoDate): MembershipSpanInput[] {
  const byUrn = new Map<number, MembershipSpanInput>();
  for (const span of spans) {
    if (!isMemberOn(span, on)) continue;
    const seen = byUrn.get(span.urn);
    if (!seen || seen.joinedOn < span.joinedOn) byUrn.set(span.urn, span);
  }
  return [...byUrn.values()].sort((a, b) => a.urn - b.urn);
}

/**
 * Where a school stands on a date by its latest full inspection published by then. An ungraded
 * visit does not change a grade; a graded inspection from 2 September 2024 has no headline grade
 * and none is derived; a report card is read on its own scale: below the expected standard if any
 * area needs attention or urgent improvement.
 */
export function outcomeOn(history: readonly Inspection[], on: IsoDate): ProfileOutcomeEnum {
  const latest = latestFullInspection(knownOn(history, on));
  if (latest === null) return ProfileOutcomeEnum.NOT_INSPECTED;
  if (latest.kind === 'reportCard') {
    return Object.values(latest.evaluations).some(isBelowExpectedStandard)
      ? ProfileOutcomeEnum.REPORT_CARD_BELOW_EXPECTED_STANDARD
      : ProfileOutcomeEnum.REPORT_CARD_EXPECTED_STANDARD_OR_ABOVE;
  }
  switch (latest.overallEffectiveness) {
    case 1:
      return ProfileOutcomeEnum.OUTSTANDING;
    case 2:
      return ProfileOutcomeEnum.GOOD;
    case 3:
      return ProfileOutcomeEnum.REQUIRES_IMPROVEMENT;
    case 4:
      return ProfileOutcomeEnum.INADEQUATE;
    default:
      return ProfileOutcomeEnum.NO_HEADLINE_GRADE;
  }
}

/** Pupils on roll as Ofsted last recorded them by the date; null when never recorded. */
export function pupilsOn(history: readonly StoredInspection[], on: IsoDate): number | null {
  const known = knownOn(
    history.map((stored) => ({ ...stored.inspection, numberOfPupils: stored.numberOfPupils })),
    on,
  );
  const withPupils = known
    .filter((inspection) => inspection.numberOfPupils !== null)
    .sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''));
  return withPupils[0]?.numberOfPupils ?? null;
}

/**
 * Counts schools by outcome, and the share of pupils in Good or Outstanding schools, as a
 * percentage of pupils at every counted school whose pupil numbers are known, to one decimal place.
 */
export function inspectionProfile(
  on: IsoDate,
  histories: readonly (readonly StoredInspection[])[],
): InspectionProfile {
  const counts = new Map<ProfileOutcomeEnum, { schools: number; pupils: number }>(
    Object.values(ProfileOutcomeEnum).map((outcome) => [outcome, { schools: 0, pupils: 0 }]),
  );
  let pupils = 0;
  let goodOrOutstandingPupils = 0;
  for (const history of histories) {
    const outcome = outcomeOn(
      history.map((stored) => stored.inspection),
      on,
    );
    const roll = pupilsOn(history, on) ?? 0;
    const count = counts.get(outcome)!;
    count.schools += 1;
    count.pupils += roll;
    pupils += roll;
    if (outcome === ProfileOutcomeEnum.OUTSTANDING || outcome === ProfileOutcomeEnum.GOOD) {
      goodOrOutstandingPupils += roll;
    }
  }
  return {
    on,
    schools: histories.length,
    outcomes: [...counts].map(([outcome, count]) => ({ outcome, ...count })),
    pupils,
    goodOrOutstandingPupilPercentage:
      pupils === 0 ? null : Math.round((goodOrOutstandingPupils / pupils) * 1000) / 10,
  };
}
