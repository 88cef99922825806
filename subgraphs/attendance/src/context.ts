import type { EntityManager, MikroORM, SubgraphContextBase, Viewer } from '@estate/subgraph-kit';
import type { AttendanceConfig } from './config';
import { EarlyWarningService } from './modules/early-warning/early-warning.service';
import { MeasuresService } from './modules/measures/measures.service';
import { MentoringService } from './modules/mentoring/mentoring.service';
import { PenaltyNoticeService } from './modules/penalty/penalty-notice.service';
import { PenaltyService } from './modules/penalty/penalty.service';
import { PupilService } from './modules/pupil/pupil.service';
import { RegisterService, type RegisterLimits } from './modules/register/register.service';

export interface AttendanceContext extends SubgraphContextBase {
  em: EntityManager;
  pupils: PupilService;
  measures: MeasuresService;
  registers: RegisterService;
  penalties: PenaltyService;
  penaltyNotices: PenaltyNoticeService;
  mentoring: MentoringService;
  earlyWarning: EarlyWarningService;
}

/**
 * Everything request-scoped is built here: a forked entity manager and services holding their own
 * DataLoaders, so that no identity map or cached pupil outlives the request or crosses viewers.
 */
export function createContext(
  orm: MikroORM,
  viewer: Viewer,
  requestId: string,
  limits: RegisterLimits,
): AttendanceContext {
  const em = orm.em.fork();
  return {
    viewer,
    requestId,
    em,
    pupils: new PupilService(em, viewer),
    measures: new MeasuresService(em, viewer),
    registers: new RegisterService(em, viewer, limits),
    penalties: new PenaltyService(em, viewer),
    penaltyNotices: new PenaltyNoticeService(em, viewer),
    mentoring: new MentoringService(em, viewer),
    earlyWarning: new EarlyWarningService(em, viewer),
  };
}

export function limitsOf(config: AttendanceConfig): RegisterLimits {
  return {
    maxMarksPerSubmission: config.maxMarksPerSubmission,
    maxPupilsPerSubmission: config.maxPupilsPerSubmission,
  };
}
