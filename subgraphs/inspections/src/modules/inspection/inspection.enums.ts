import { registerEnumType } from 'type-graphql';

/*
 * The API's enums. Each value is the domain's own string, so that domain results pass through
 * unchanged; GraphQL shows the names.
 */

export enum InspectionKindEnum {
  GRADED = 'graded',
  UNGRADED = 'ungraded',
  URGENT = 'urgent',
  REPORT_CARD = 'reportCard',
}
registerEnumType(InspectionKindEnum, {
  name: 'InspectionKind',
  description:
    'Graded (section 5), ungraded (section 8), urgent (no formal designation), or a report card (from 10 November 2025)',
});

export enum CategoryOfConcernEnum {
  SPECIAL_MEASURES = 'specialMeasures',
  SERIOUS_WEAKNESSES = 'seriousWeaknesses',
  NOTICE_TO_IMPROVE = 'noticeToImprove',
}
registerEnumType(CategoryOfConcernEnum, {
  name: 'CategoryOfConcern',
  description:
    'SERIOUS_WEAKNESSES is also "requires significant improvement", its newer name; NOTICE_TO_IMPROVE is the pre-2012 category',
});

export enum SafeguardingEffectivenessEnum {
  EFFECTIVE = 'effective',
  NOT_EFFECTIVE = 'notEffective',
  NOT_RECORDED = 'notRecorded',
}
registerEnumType(SafeguardingEffectivenessEnum, {
  name: 'SafeguardingEffectiveness',
  description: 'Ofsted MI "Safeguarding is effective?": Yes, No, or 9 (not recorded)',
});

export enum EifJudgementAreaEnum {
  QUALITY_OF_EDUCATION = 'qualityOfEducation',
  BEHAVIOUR_AND_ATTITUDES = 'behaviourAndAttitudes',
  PERSONAL_DEVELOPMENT = 'personalDevelopment',
  LEADERSHIP_AND_MANAGEMENT = 'leadershipAndManagement',
  EARLY_YEARS_PROVISION = 'earlyYearsProvision',
  SIXTH_FORM_PROVISION = 'sixthFormProvision',
}
registerEnumType(EifJudgementAreaEnum, { name: 'EifJudgementArea' });

export enum ReportCardAreaEnum {
  CURRICULUM_AND_TEACHING = 'curriculumAndTeaching',
  ATTENDANCE_AND_BEHAVIOUR = 'attendanceAndBehaviour',
  PERSONAL_DEVELOPMENT_AND_WELLBEING = 'personalDevelopmentAndWellbeing',
  LEADERSHIP_AND_GOVERNANCE = 'leadershipAndGovernance',
  INCLUSION = 'inclusion',
  ACHIEVEMENT = 'achievement',
  EARLY_YEARS_PROVISION = 'earlyYearsProvision',
  POST_16_PROVISION = 'post16Provision',
}
registerEnumType(ReportCardAreaEnum, { name: 'ReportCardArea' });

export enum ReportCardGradeEnum {
  EXCEPTIONAL = 'exceptional',
  STRONG_STANDARD = 'strongStandard',
  EXPECTED_STANDARD = 'expectedStandard',
  NEEDS_ATTENTION = 'needsAttention',
  URGENT_IMPROVEMENT = 'urgentImprovement',
}
registerEnumType(ReportCardGradeEnum, {
  name: 'ReportCardGrade',
  description: 'The report-card five-point scale, best first. It is not the 1–4 scale.',
});

export enum InterventionRuleEnum {
  CATEGORY_OF_CONCERN = 'categoryOfConcern',
  TWO_REQUIRES_IMPROVEMENT_2022 = 'twoRequiresImprovement2022',
  STUCK_SCHOOL_SUPPORT_2024 = 'stuckSchoolSupport2024',
  REPORT_CARD_STUCK_SCHOOL_PROPOSAL_2025 = 'reportCardStuckSchoolProposal2025',
}
registerEnumType(InterventionRuleEnum, {
  name: 'InterventionRule',
  description: 'The intervention rules of domain.md §4.3, each in force over its own dates',
});

export enum RuleStandingEnum {
  STATUTORY = 'statutory',
  POLICY = 'policy',
  PROPOSAL = 'proposal',
}
registerEnumType(RuleStandingEnum, { name: 'RuleStanding' });

export enum InterventionResponseEnum {
  INTERVENTION = 'intervention',
  SUPPORT = 'support',
}
registerEnumType(InterventionResponseEnum, {
  name: 'InterventionResponse',
  description:
    'Structural intervention (academy order, termination warning notice) or support only',
});

export enum ProfileOutcomeEnum {
  OUTSTANDING = 'outstanding',
  GOOD = 'good',
  REQUIRES_IMPROVEMENT = 'requiresImprovement',
  INADEQUATE = 'inadequate',
  NO_HEADLINE_GRADE = 'noHeadlineGrade',
  REPORT_CARD_EXPECTED_STANDARD_OR_ABOVE = 'reportCardExpectedStandardOrAbove',
  REPORT_CARD_BELOW_EXPECTED_STANDARD = 'reportCardBelowExpectedStandard',
  NOT_INSPECTED = 'notInspected',
}
registerEnumType(ProfileOutcomeEnum, {
  name: 'InspectionOutcome',
  description:
    "A school's standing from its latest full inspection: a headline grade, none (graded from 2 September 2024), or a report card, which is never mapped onto the 1–4 scale",
});

export enum JoiningPeriodEnum {
  BEFORE_JOINING = 'beforeJoining',
  AFTER_JOINING = 'afterJoining',
}
registerEnumType(JoiningPeriodEnum, {
  name: 'JoiningPeriod',
  description: 'As FIAT tags it: an inspection on or after the day the school joined is after',
});
