import { DateScalar } from '@estate/subgraph-kit';
import { Field, Float, Int, InterfaceType, ObjectType } from 'type-graphql';
import { isGrade, subJudgementLabel } from '../../domain/grades';
import {
  type Inspection as DomainInspection,
  EIF_JUDGEMENT_AREAS,
  inspectionDate,
  overallEffectivenessWording,
} from '../../domain/inspection';
import { REPORT_CARD_AREAS, reportCardGradeLabel } from '../../domain/report-card';
import {
  CategoryOfConcernEnum,
  EifJudgementAreaEnum,
  InspectionKindEnum,
  InterventionResponseEnum,
  InterventionRuleEnum,
  JoiningPeriodEnum,
  ProfileOutcomeEnum,
  ReportCardAreaEnum,
  ReportCardGradeEnum,
  RuleStandingEnum,
  SafeguardingEffectivenessEnum,
} from './inspection.enums';
import { subJudgementCode } from './inspection.record';

@InterfaceType({
  description:
    'An Ofsted inspection of a school, under the URN it was made under. Graded inspections (1–4 scale) and report cards (five-point scale) are different types.',
  resolveType: (value: { kind: InspectionKindEnum }) =>
    value.kind === InspectionKindEnum.REPORT_CARD ? 'ReportCardInspection' : 'GradedInspection',
})
export abstract class Inspection {
  @Field(() => Int, { description: 'The URN the inspection was made under' })
  urn!: number;

  @Field(() => Boolean, {
    description:
      "True when it was made under a predecessor's URN, i.e. of the school before it converted or re-registered",
  })
  isPredecessorInspection!: boolean;

  @Field(() => InspectionKindEnum)
  kind!: InspectionKindEnum;

  @Field(() => DateScalar, {
    description: 'The start date, or the publication date where Ofsted published no start date',
  })
  inspectionDate!: string;

  @Field(() => DateScalar, { nullable: true })
  startDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  publicationDate!: string | null;

  @Field(() => String, { nullable: true, description: "Ofsted's inspection number" })
  inspectionNumber!: string | null;

  @Field(() => CategoryOfConcernEnum, { nullable: true })
  categoryOfConcern!: CategoryOfConcernEnum | null;
}

@ObjectType({ description: 'One EIF sub-judgement with its Ofsted code' })
export class EifJudgement {
  @Field(() => EifJudgementAreaEnum)
  area!: EifJudgementAreaEnum;

  @Field(() => Int, {
    description:
      'As Ofsted publishes it: 1–4, 0 insufficient evidence, 8 does not apply, 9 not judged',
  })
  code!: number;

  @Field(() => Int, { nullable: true, description: 'The grade 1–4; null for 0, 8 and 9' })
  grade!: number | null;

  @Field(() => String)
  label!: string;
}

@ObjectType({
  implements: Inspection,
  description:
    'An inspection on the four-point scale: graded (section 5), ungraded (section 8) or urgent. Only graded ones before 2 September 2024 have an overall effectiveness grade.',
})
export class GradedInspection extends Inspection {
  @Field(() => Int, {
    nullable: true,
    description:
      '1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate. Null when the visit gave no headline grade, and always from 2 September 2024; never derived from sub-judgements.',
  })
  overallEffectiveness!: number | null;

  @Field(() => String, {
    description: 'The headline grade in the words of its day, or "Not available"',
  })
  overallEffectivenessLabel!: string;

  @Field(() => [EifJudgement], { description: 'EIF sub-judgements given at this inspection' })
  judgements!: EifJudgement[];

  @Field(() => SafeguardingEffectivenessEnum, { nullable: true })
  safeguarding!: SafeguardingEffectivenessEnum | null;

  @Field(() => String, {
    nullable: true,
    description: 'Ofsted\'s wording for an ungraded visit, e.g. "School remains Good"',
  })
  outcomeText!: string | null;
}

@ObjectType({ description: 'One report-card evaluation area on the five-point scale' })
export class ReportCardEvaluation {
  @Field(() => ReportCardAreaEnum)
  area!: ReportCardAreaEnum;

  @Field(() => ReportCardGradeEnum)
  grade!: ReportCardGradeEnum;

  @Field(() => String)
  label!: string;
}

@ObjectType({
  implements: Inspection,
  description:
    'A report card (from 10 November 2025): each area on the five-point scale, safeguarding met or not. Never mapped onto the 1–4 scale.',
})
export class ReportCardInspection extends Inspection {
  @Field(() => [ReportCardEvaluation])
  evaluations!: ReportCardEvaluation[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'Safeguarding standard met; null if not recorded',
  })
  safeguardingMet!: boolean | null;
}

/** The API view of a domain inspection, marked when it was made under a predecessor's URN. */
export function inspectionView(
  inspection: DomainInspection,
  isPredecessorInspection: boolean,
): GradedInspection | ReportCardInspection {
  const common = {
    urn: inspection.urn,
    isPredecessorInspection,
    kind: inspection.kind as InspectionKindEnum,
    inspectionDate: inspectionDate(inspection),
    startDate: inspection.startDate,
    publicationDate: inspection.publicationDate,
    inspectionNumber: inspection.inspectionNumber,
    categoryOfConcern: inspection.categoryOfConcern as CategoryOfConcernEnum | null,
  };
  if (inspection.kind === 'reportCard') {
    return Object.assign(new ReportCardInspection(), common, {
      evaluations: REPORT_CARD_AREAS.flatMap((area) => {
        const grade = inspection.evaluations[area];
        return grade === undefined
          ? []
          : [
              {
                area: area as ReportCardAreaEnum,
                grade: grade as ReportCardGradeEnum,
                label: reportCardGradeLabel(grade),
              },
            ];
      }),
      safeguardingMet: inspection.safeguarding === null ? null : inspection.safeguarding === 'met',
    });
  }
  const date = inspectionDate(inspection);
  return Object.assign(new GradedInspection(), common, {
    overallEffectiveness: inspection.overallEffectiveness,
    overallEffectivenessLabel: overallEffectivenessWording(inspection),
    judgements: EIF_JUDGEMENT_AREAS.flatMap((area) => {
      const judgement = inspection.subJudgements[area];
      return judgement === undefined
        ? []
        : [
            {
              area: area as EifJudgementAreaEnum,
              code: subJudgementCode(judgement),
              grade: isGrade(judgement) ? judgement : null,
              label: subJudgementLabel(judgement, date),
            },
          ];
    }),
    safeguarding: inspection.safeguarding as SafeguardingEffectivenessEnum | null,
    outcomeText: inspection.outcomeText,
  });
}

@ObjectType({
  description:
    'Whether a school is eligible for intervention or support on a date, by the rules in force that day',
})
export class InterventionStatus {
  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => Boolean)
  eligible!: boolean;

  @Field(() => InterventionRuleEnum, {
    description: 'The rule that made the school eligible or, when none did, the one checked',
  })
  rule!: InterventionRuleEnum;

  @Field(() => String)
  ruleName!: string;

  @Field(() => RuleStandingEnum, { description: 'Statute, policy, or a reported proposal' })
  standing!: RuleStandingEnum;

  @Field(() => InterventionResponseEnum, { nullable: true })
  response!: InterventionResponseEnum | null;

  @Field(() => String, { description: 'The reason in words, naming the inspections it rests on' })
  reason!: string;

  @Field(() => [InterventionRuleEnum], { description: 'Every rule in force on asOf, in order' })
  rulesInForce!: InterventionRuleEnum[];

  @Field(() => Int, {
    description:
      'Headline-graded inspections in a row, newest backwards, below Good (predecessor included)',
  })
  consecutiveBelowGood!: number;
}

@ObjectType({ description: 'How many member schools stand at one outcome, and their pupils' })
export class InspectionOutcomeCount {
  @Field(() => ProfileOutcomeEnum)
  outcome!: ProfileOutcomeEnum;

  @Field(() => Int)
  schools!: number;

  @Field(() => Int, {
    description: 'Pupils on roll at those schools, as Ofsted recorded at their latest inspection',
  })
  pupils!: number;
}

@ObjectType({
  description:
    "Member schools by their latest full inspection published on a date. Inspections under a member's own URN only.",
})
export class InspectionProfile {
  @Field(() => DateScalar)
  on!: string;

  @Field(() => Int, { description: 'Member schools on the date' })
  schools!: number;

  @Field(() => [InspectionOutcomeCount], { description: 'Every outcome, zero counts included' })
  outcomes!: InspectionOutcomeCount[];

  @Field(() => Int, { description: 'Pupils at member schools whose pupil numbers are known' })
  pupils!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Percentage (0–100, one decimal place) of those pupils in schools whose latest headline grade is Good or Outstanding; null when no pupils are known',
  })
  goodOrOutstandingPupilPercentage!: number | null;
}

@ObjectType({ description: "An inspection of a trust's member school, before or after it joined" })
export class TrustSchoolInspection {
  @Field(() => Int, { description: 'The member school' })
  schoolUrn!: number;

  @Field(() => DateScalar)
  joinedOn!: string;

  @Field(() => JoiningPeriodEnum)
  period!: JoiningPeriodEnum;

  @Field(() => Inspection)
  inspection!: GradedInspection | ReportCardInspection;
}
