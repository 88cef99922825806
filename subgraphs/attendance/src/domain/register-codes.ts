import { type IsoDate, isIsoDate } from '@estate/subgraph-kit/src/dates';

/**
 * The day the 2024 attendance regulations took effect. Codes they removed are accepted only for
 * sessions before it, codes they introduced only from it (domain.md §2.2).
 */
export const CODES_2024_IN_FORCE_FROM: IsoDate = '2024-08-19';

/** How DfE's statistics treat a register code (ADD `process_attendance_data`, domain.md §2.3). */
export type StatisticalClass =
  | 'present'
  | 'approvedEducationalActivity'
  | 'authorisedAbsence'
  | 'unauthorisedAbsence'
  | 'notCounted';

/** Which code sets a code belongs to: both, only before 19 Aug 2024, or only from that day. */
export type CodeEra = 'both' | 'legacyBefore2024' | 'newIn2024';

export interface RegisterCodeDefinition {
  code: string;
  meaning: string;
  statisticalClass: StatisticalClass;
  era: CodeEra;
  /** L and U: they feed `late_sessions` on top of their own class. */
  late: boolean;
  /** The EES column that publishes the code, or null where DfE does not publish it. */
  eesColumn: string | null;
}

function code(
  code: string,
  meaning: string,
  statisticalClass: StatisticalClass,
  eesColumn: string | null,
  options: { era?: CodeEra; late?: boolean } = {},
): RegisterCodeDefinition {
  return {
    code,
    meaning,
    statisticalClass,
    era: options.era ?? 'both',
    late: options.late ?? false,
    eesColumn,
  };
}

/**
 * The code table of domain.md §2.2. The era of each code comes from the doc where it says so
 * (K, J, H, F) and otherwise from what the 2024 regulations changed: leave codes C1, J1 and C2,
 * the LA-arranged provision code K and the "unable to attend" codes Q and Y1–Y7 are new, and they
 * replace the legacy interview-as-activity J, the holiday codes H and F and the single Y that the
 * pre-2024 DfE API test lists as "not counted".
 */
export const REGISTER_CODES: readonly RegisterCodeDefinition[] = [
  code('/', 'Present (AM)', 'present', 'reason_present_am'),
  code('\\', 'Present (PM)', 'present', 'reason_present_pm'),
  code(
    'L',
    'Late, arrived before the register closed',
    'present',
    'reason_l_present_late_before_registers_closed',
    { late: true },
  ),
  code(
    'K',
    'Attending education provision arranged by the local authority',
    'approvedEducationalActivity',
    'reason_k_aea_education_arranged_by_la',
    { era: 'newIn2024' },
  ),
  code(
    'V',
    'Educational visit or trip',
    'approvedEducationalActivity',
    'reason_v_aea_educational_visit_trip',
  ),
  code(
    'P',
    'Approved sporting activity',
    'approvedEducationalActivity',
    'reason_p_aea_approved_sporting_activity',
  ),
  code('W', 'Work experience', 'approvedEducationalActivity', 'reason_w_aea_work_experience'),
  code(
    'B',
    'Other approved off-site educational activity',
    'approvedEducationalActivity',
    'reason_b_aea_education_off_site',
  ),
  code('J', 'Interview (legacy code)', 'approvedEducationalActivity', 'reason_j_aea_interview', {
    era: 'legacyBefore2024',
  }),
  code(
    'D',
    'Dual registered, attending the other school',
    'notCounted',
    'reason_d_dual_registration',
  ),
  code(
    'C1',
    'Leave for a regulated performance or employment abroad',
    'authorisedAbsence',
    'reason_c1_authorised_regulated_performance',
    { era: 'newIn2024' },
  ),
  code(
    'M',
    'Medical or dental appointment',
    'authorisedAbsence',
    'reason_m_authorised_medical_dental',
  ),
  code('J1', 'Leave for an interview', 'authorisedAbsence', 'reason_j1_authorised_interview', {
    era: 'newIn2024',
  }),
  code('S', 'Study leave', 'authorisedAbsence', 'reason_s_authorised_study_leave'),
  code(
    'C2',
    'Leave for a temporary part-time timetable',
    'authorisedAbsence',
    'reason_c2_authorised_temp_reduced_timetable',
    { era: 'newIn2024' },
  ),
  code(
    'C',
    'Leave for exceptional circumstances',
    'authorisedAbsence',
    'reason_c_authorised_other',
  ),
  code(
    'T',
    'Parent travelling for occupational purposes (mobile child)',
    'authorisedAbsence',
    'reason_t_authorised_mobile_child',
  ),
  code(
    'R',
    'Religious observance',
    'authorisedAbsence',
    'reason_r_authorised_religious_observance',
  ),
  code('I', 'Illness (not appointments)', 'authorisedAbsence', 'reason_i_authorised_illness'),
  code(
    'E',
    'Suspended or excluded, no alternative provision',
    'authorisedAbsence',
    'reason_e_authorised_excluded',
  ),
  code('H', 'Agreed holiday (legacy code)', 'authorisedAbsence', 'reason_h_authorised_holiday', {
    era: 'legacyBefore2024',
  }),
  code(
    'F',
    'Agreed extended family holiday (legacy code)',
    'authorisedAbsence',
    'reason_f_legacy_family_holiday',
    { era: 'legacyBefore2024' },
  ),
  code(
    'G',
    'Holiday not granted by the school',
    'unauthorisedAbsence',
    'reason_g_unauthorised_holiday',
  ),
  code(
    'U',
    'Arrived after the register closed',
    'unauthorisedAbsence',
    'reason_u_unauthorised_late_after_registers_closed',
    { late: true },
  ),
  code(
    'O',
    'Absent in other or unknown circumstances',
    'unauthorisedAbsence',
    'reason_o_other_unauthorised',
  ),
  code('N', 'Reason not yet established', 'unauthorisedAbsence', 'reason_n_no_reason_yet'),
  code('X', 'Non-compulsory school age, not required to attend', 'notCounted', null),
  code(
    'Q',
    'Unable to attend: lack of access arrangements by the local authority',
    'notCounted',
    'reason_q_la_arrangements',
    { era: 'newIn2024' },
  ),
  code('Y', 'Unable to attend due to exceptional circumstances (legacy code)', 'notCounted', null, {
    era: 'legacyBefore2024',
  }),
  code(
    'Y1',
    'Unable to attend: transport not provided',
    'notCounted',
    'reason_y1_transport_not_provided',
    {
      era: 'newIn2024',
    },
  ),
  code(
    'Y2',
    'Unable to attend: widespread travel disruption',
    'notCounted',
    'reason_y2_travel_disruption',
    {
      era: 'newIn2024',
    },
  ),
  code(
    'Y3',
    'Unable to attend: part of the premises out of use',
    'notCounted',
    'reason_y3_premises_out_of_use',
    {
      era: 'newIn2024',
    },
  ),
  code(
    'Y4',
    'Unable to attend: whole school unexpectedly closed',
    'notCounted',
    'reason_y4_closed_session_cancelled',
    { era: 'newIn2024' },
  ),
  code(
    'Y5',
    'Unable to attend: in criminal justice detention',
    'notCounted',
    'reason_y5_detention_sentence',
    {
      era: 'newIn2024',
    },
  ),
  code(
    'Y6',
    'Unable to attend: public health guidance or law',
    'notCounted',
    'reason_y6_prohibited_infection_disease',
    { era: 'newIn2024' },
  ),
  code(
    'Y7',
    'Unable to attend: other unavoidable cause',
    'notCounted',
    'reason_y7_unavoidable_cause',
    {
      era: 'newIn2024',
    },
  ),
  code(
    'Z',
    'Prospective pupil, not yet on the admission register',
    'notCounted',
    'reason_z_not_attending_not_on_roll',
  ),
  code(
    '#',
    'Planned whole or part school closure',
    'notCounted',
    'reason_not_attending_planned_closed',
  ),
];

export type RegisterCode = string;

const DEFINITIONS_BY_CODE = new Map(
  REGISTER_CODES.map((definition) => [definition.code, definition]),
);

export function registerCodeDefinition(code: RegisterCode): RegisterCodeDefinition | undefined {
  return DEFINITIONS_BY_CODE.get(code);
}

/** Codes in the denominator: every class except "not counted" (D, X, Q, Y, Y1–Y7, Z, #). */
export function countsInPossibleSessions(definition: RegisterCodeDefinition): boolean {
  return definition.statisticalClass !== 'notCounted';
}

/** Unauthorised codes G, N, O and U: the ones the penalty-notice threshold counts (§2.7). */
export function isUnauthorisedAbsence(code: RegisterCode): boolean {
  return registerCodeDefinition(code)?.statisticalClass === 'unauthorisedAbsence';
}

export type RegisterCodeValidation =
  { valid: true; definition: RegisterCodeDefinition } | { valid: false; message: string };

/** Whether a code may be recorded for a session on `date`, with a message a vendor can act on. */
export function validateRegisterCode(code: string, date: IsoDate): RegisterCodeValidation {
  if (!isIsoDate(date)) {
    return { valid: false, message: `date must be a real date as YYYY-MM-DD, got "${date}"` };
  }
  const definition = registerCodeDefinition(code);
  if (!definition) {
    return { valid: false, message: `"${code}" is not a register code in the DfE code table` };
  }
  if (definition.era === 'legacyBefore2024' && date >= CODES_2024_IN_FORCE_FROM) {
    return {
      valid: false,
      message: `"${code}" (${definition.meaning}) was withdrawn by the 2024 regulations and is accepted only for sessions before ${CODES_2024_IN_FORCE_FROM}; got ${date}`,
    };
  }
  if (definition.era === 'newIn2024' && date < CODES_2024_IN_FORCE_FROM) {
    return {
      valid: false,
      message: `"${code}" (${definition.meaning}) was introduced by the 2024 regulations and is accepted only for sessions from ${CODES_2024_IN_FORCE_FROM}; got ${date}`,
    };
  }
  return { valid: true, definition };
}
