import { describe, expect, it } from 'vitest';
import {
  type RegisterMark,
  assessAbsenceRisk,
  remainingSessionsToStatutoryMinimum,
} from '../src/domain';
import { fullDays, weekdays } from './factories';

// Autumn 2024 to Fri 13 Dec: 14 school weeks (half-term 28 Oct – 1 Nov off), 140 sessions.
const schoolDays = weekdays('2024-09-02', '2024-12-13', [{ from: '2024-10-28', to: '2024-11-01' }]);
const asOf = '2024-12-13';
const remaining = remainingSessionsToStatutoryMinimum(140);

/** A full register for the term, with both sessions of the given days marked O instead. */
function registerAbsentOn(absentDays: string[]): RegisterMark[] {
  return [
    ...fullDays(
      schoolDays.filter((day) => !absentDays.includes(day)),
      '/',
    ),
    ...fullDays(absentDays, 'O'),
  ];
}

const mondays = (from: string) =>
  schoolDays.filter((day) => day >= from && new Date(`${day}T00:00:00Z`).getUTCDay() === 1);

describe('early warning of persistent absence', () => {
  it('leaves 240 sessions to come after 140 if the school meets the statutory 380', () => {
    expect(remaining).toBe(240);
  });

  it('flags a pupil on course for persistent absence when both the 4- and 8-week rates project past 10%', () => {
    // Absent every Monday for the last 6 school weeks: 12 of 140 sessions (8.6 %) so far,
    // 8 of the last 40 (20 %) and 12 of the last 80 (15 %).
    const assessment = assessAbsenceRisk({
      pupilMarks: registerAbsentOn(mondays('2024-11-04')),
      schoolSessionDates: schoolDays,
      asOf,
      remainingPossibleSessions: remaining,
    });
    expect(assessment.risk).toBe('onCourse');
    expect(assessment.yearToDate).toMatchObject({
      possibleSessions: 140,
      overallAbsenceSessions: 12,
    });
    expect(assessment.lastFourSchoolWeeks).toMatchObject({
      possibleSessions: 40,
      overallAbsenceSessions: 8,
      overallAbsenceRate: 20,
    });
    expect(assessment.lastFourSchoolWeeks.projectedYearEndAbsenceRate).toBeCloseTo(
      (60 / 380) * 100,
      9,
    );
    expect(assessment.lastEightSchoolWeeks.overallAbsenceRate).toBe(15);
    expect(assessment.lastEightSchoolWeeks.projectedYearEndAbsenceRate).toBeCloseTo(
      (48 / 380) * 100,
      9,
    );
  });

  it('puts a pupil on watch when only the last 4 weeks project past 10%', () => {
    // Absent every Monday for the last 4 weeks: 8 of the last 40, but 8 of the last 80.
    const assessment = assessAbsenceRisk({
      pupilMarks: registerAbsentOn(mondays('2024-11-18')),
      schoolSessionDates: schoolDays,
      asOf,
      remainingPossibleSessions: remaining,
    });
    expect(assessment.risk).toBe('watch');
    expect(assessment.lastFourSchoolWeeks.onCourseForPersistentAbsence).toBe(true);
    expect(assessment.lastEightSchoolWeeks.onCourseForPersistentAbsence).toBe(false);
  });

  it('reaches back over the half-term week for the last 8 school weeks', () => {
    const assessment = assessAbsenceRisk({
      pupilMarks: registerAbsentOn([]),
      schoolSessionDates: schoolDays,
      asOf,
      remainingPossibleSessions: remaining,
    });
    expect(assessment.lastEightSchoolWeeks.window.from).toBe('2024-10-14');
    expect(assessment.lastEightSchoolWeeks.possibleSessions).toBe(80);
    expect(assessment.risk).toBe('notAtRisk');
  });

  it('projects exactly 10% as on course, and just under as not', () => {
    // 8 absences, all in the last 4 weeks (20 %): (8 + 0.2 × 60) / (140 + 60) is exactly 10 %.
    const marks = registerAbsentOn(mondays('2024-11-18'));
    const at = (remainingPossibleSessions: number) =>
      assessAbsenceRisk({
        pupilMarks: marks,
        schoolSessionDates: schoolDays,
        asOf,
        remainingPossibleSessions,
      }).lastFourSchoolWeeks;
    expect(at(60).onCourseForPersistentAbsence).toBe(true);
    expect(at(60).projectedYearEndAbsenceRate).toBeCloseTo(10, 12);
    expect(at(59).onCourseForPersistentAbsence).toBe(false);
  });

  it('reports a pupil already at 10% for the year to date as already persistently absent', () => {
    // Absent every Monday morning: 14 of 140 sessions, exactly 10 %.
    const everyMondayMorning = new Set(mondays('2024-09-02'));
    const marks = fullDays(schoolDays, '/').map((m) =>
      m.session === 'AM' && everyMondayMorning.has(m.date) ? { ...m, code: 'O' } : m,
    );
    const assessment = assessAbsenceRisk({
      pupilMarks: marks,
      schoolSessionDates: schoolDays,
      asOf,
      remainingPossibleSessions: remaining,
    });
    expect(assessment.yearToDate.overallAbsenceRate).toBe(10);
    expect(assessment.risk).toBe('alreadyPersistentlyAbsent');
  });

  it('does not reach back into last year: the year to date and its windows start on 1 September', () => {
    const lastSummer = fullDays(weekdays('2024-07-01', '2024-07-19'), 'O');
    const assessment = assessAbsenceRisk({
      pupilMarks: [...lastSummer, ...fullDays(weekdays('2024-09-02', '2024-09-06'), '/')],
      schoolSessionDates: [],
      asOf: '2024-09-06',
      remainingPossibleSessions: 370,
    });
    expect(assessment.yearToDate.overallAbsenceSessions).toBe(0);
    expect(assessment.lastEightSchoolWeeks.window.weeksCommencing).toEqual(['2024-09-02']);
    expect(assessment.risk).toBe('notAtRisk');
  });
});
