import { type EntityManager, type IsoDate, todayIso } from '@estate/subgraph-kit';
import type DataLoader from 'dataloader';
import { consecutiveBelowGood } from '../../domain/grade-history';
import { inspectionDate, knownOn } from '../../domain/inspection';
import { interventionStatus, rulesInForceOn } from '../../domain/intervention-status';
import {
  type HistoryEntry,
  isUnambiguousPredecessorLink,
  mergePredecessorHistory,
} from '../../domain/predecessor-history';
import {
  InterventionResponseEnum,
  InterventionRuleEnum,
  JoiningPeriodEnum,
  RuleStandingEnum,
} from './inspection.enums';
import { createInspectionsByUrnLoader } from './inspection.loader';
import { inspectionProfile, type MembershipSpanInput, spansOn } from './inspection.profile';
import type { StoredInspection } from './inspection.record';
import {
  type GradedInspection,
  type InspectionProfile,
  type InterventionStatus,
  type ReportCardInspection,
  type TrustSchoolInspection,
  inspectionView,
} from './inspection.type';

/** A school as federation hands it over: its URN and, through `@requires`, academies' links. */
export interface SchoolKey {
  urn: number;
  predecessorUrns?: readonly number[] | null;
}

type InspectionView = GradedInspection | ReportCardInspection;

/**
 * Ofsted history and what follows from it. Every read goes through one per-request loader keyed by
 * URN, so a page of schools, their predecessors and a trust's members cost one statement.
 */
export class InspectionService {
  private readonly byUrn: DataLoader<number, StoredInspection[]>;

  constructor(em: EntityManager) {
    this.byUrn = createInspectionsByUrnLoader(em);
  }

  /**
   * A school's history newest first, with its predecessor's inspections where academies links it to
   * exactly one predecessor, as FIAT does; a merger's several predecessors are not followed.
   */
  async history(school: SchoolKey): Promise<HistoryEntry[]> {
    const predecessors = [...new Set(school.predecessorUrns ?? [])].filter(
      (urn) => urn !== school.urn,
    );
    const predecessorUrn = isUnambiguousPredecessorLink(predecessors) ? predecessors[0]! : null;
    // Both loads are issued in the same tick, so they join the batch of every other school.
    const [own, inherited] = await Promise.all([
      this.byUrn.load(school.urn),
      predecessorUrn === null ? Promise.resolve([]) : this.byUrn.load(predecessorUrn),
    ]);
    return mergePredecessorHistory(
      school.urn,
      own.map((stored) => stored.inspection),
      predecessorUrn === null
        ? null
        : {
            urn: predecessorUrn,
            inspections: inherited.map((stored) => stored.inspection),
            linkIsUnambiguous: true,
          },
    );
  }

  async inspections(school: SchoolKey): Promise<InspectionView[]> {
    return (await this.history(school)).map((entry) =>
      inspectionView(entry.inspection, entry.isPredecessors),
    );
  }

  async latestInspection(school: SchoolKey): Promise<InspectionView | null> {
    const [latest] = await this.history(school);
    return latest ? inspectionView(latest.inspection, latest.isPredecessors) : null;
  }

  async latestGradedInspection(school: SchoolKey): Promise<GradedInspection | null> {
    const latest = (await this.history(school)).find((entry) => entry.inspection.kind === 'graded');
    return latest
      ? (inspectionView(latest.inspection, latest.isPredecessors) as GradedInspection)
      : null;
  }

  async interventionStatus(
    school: SchoolKey,
    asOf: IsoDate = todayIso(),
  ): Promise<InterventionStatus> {
    const history = (await this.history(school)).map((entry) => entry.inspection);
    const status = interventionStatus(history, asOf);
    return {
      asOf: status.asOf,
      eligible: status.eligible,
      rule: status.rule as InterventionRuleEnum,
      ruleName: status.ruleName,
      standing: status.standing as RuleStandingEnum,
      response: status.response as InterventionResponseEnum | null,
      reason: status.reason,
      rulesInForce: rulesInForceOn(asOf).map((rule) => rule as InterventionRuleEnum),
      consecutiveBelowGood: consecutiveBelowGood(knownOn(history, asOf)),
    };
  }

  /** A trust's members on the date, by their latest full inspection published by then. */
  async trustProfile(
    spans: readonly MembershipSpanInput[],
    on: IsoDate = todayIso(),
  ): Promise<InspectionProfile> {
    return this.profileOf(
      spansOn(spans, on).map((span) => span.urn),
      on,
    );
  }

  /**
   * The schools open in the area on the date, by their latest full inspection by then. Open schools
   * only, so that a converted school is not counted again under its closed predecessor's URN.
   */
  async localAuthorityProfile(
    schools: readonly { urn: number; openedOn: string | null; closedOn: string | null }[],
    on: IsoDate = todayIso(),
  ): Promise<InspectionProfile> {
    const open = schools.filter(
      (school) =>
        (school.openedOn === null || school.openedOn <= on) &&
        (school.closedOn === null || on <= school.closedOn),
    );
    return this.profileOf([...new Set(open.map((school) => school.urn))], on);
  }

  /**
   * Each member school's inspections published by the date, newest first, tagged before or after it
   * joined (FIAT: an inspection dated on or after the joining day is after).
   */
  async inspectionsSinceJoining(
    spans: readonly MembershipSpanInput[],
    on: IsoDate = todayIso(),
  ): Promise<TrustSchoolInspection[]> {
    const members = spansOn(spans, on);
    const histories = await this.byUrn.loadMany(members.map((span) => span.urn));
    return members.flatMap((span, index) => {
      const history = histories[index];
      if (history instanceof Error) throw history;
      return knownOn(
        (history ?? []).map((stored) => stored.inspection),
        on,
      ).map((inspection) => ({
        schoolUrn: span.urn,
        joinedOn: span.joinedOn,
        period:
          inspectionDate(inspection) >= span.joinedOn
            ? JoiningPeriodEnum.AFTER_JOINING
            : JoiningPeriodEnum.BEFORE_JOINING,
        inspection: inspectionView(inspection, false),
      }));
    });
  }

  private async profileOf(urns: readonly number[], on: IsoDate): Promise<InspectionProfile> {
    const histories = await this.byUrn.loadMany(urns);
    return inspectionProfile(
      on,
      histories.map((history) => {
        if (history instanceof Error) throw history;
        return history;
      }),
    );
  }
}
