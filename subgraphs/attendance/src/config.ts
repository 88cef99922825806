import { type Env, envInt, readSubgraphConfig, type SubgraphConfig } from '@estate/subgraph-kit';

export interface AttendanceConfig extends SubgraphConfig {
  /** Marks one `submitRegister` call may carry; larger backfills go through `pnpm import registers`. */
  maxMarksPerSubmission: number;
  /** Pupils one `submitRegister` call may carry. */
  maxPupilsPerSubmission: number;
}

export const DEFAULT_MAX_MARKS_PER_SUBMISSION = 5_000;
export const DEFAULT_MAX_PUPILS_PER_SUBMISSION = 2_500;

export function readAttendanceConfig(env: Env): AttendanceConfig {
  return {
    ...readSubgraphConfig(env, 'attendance', 4002),
    maxMarksPerSubmission: envInt(
      env,
      'ATTENDANCE_MAX_MARKS_PER_SUBMISSION',
      DEFAULT_MAX_MARKS_PER_SUBMISSION,
    ),
    maxPupilsPerSubmission: envInt(
      env,
      'ATTENDANCE_MAX_PUPILS_PER_SUBMISSION',
      DEFAULT_MAX_PUPILS_PER_SUBMISSION,
    ),
  };
}
