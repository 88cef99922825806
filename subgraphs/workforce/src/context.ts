import type { EntityManager, MikroORM, SubgraphContextBase, Viewer } from '@estate/subgraph-kit';
import type { WorkforceConfig } from './config';
import { PremiumAwardService } from './modules/premium-award/premium-award.service';
import { PremiumClaimService } from './modules/premium-claim/premium-claim.service';
import { PremiumEligibilityService } from './modules/premium-eligibility/premium-eligibility.service';
import { createTeacherLoader } from './modules/teacher/teacher.loader';
import { TeacherService } from './modules/teacher/teacher.service';

export interface WorkforceContext extends SubgraphContextBase {
  em: EntityManager;
  teachers: TeacherService;
  awards: PremiumAwardService;
  eligibility: PremiumEligibilityService;
  claims: PremiumClaimService;
}

/** Everything request-scoped is built here, so no identity map or loader cache outlives a request. */
export function createContext(
  orm: MikroORM,
  config: Pick<WorkforceConfig, 'policyYears' | 'today'>,
  viewer: Viewer,
  requestId: string,
): WorkforceContext {
  const em = orm.em.fork();
  const teacherRecords = createTeacherLoader(em);
  const awards = new PremiumAwardService(em, viewer, config.today);
  return {
    viewer,
    requestId,
    em,
    teachers: new TeacherService(em, viewer, teacherRecords, config.today),
    awards,
    eligibility: new PremiumEligibilityService(
      em,
      viewer,
      config.policyYears,
      config.today,
      teacherRecords,
      awards,
    ),
    claims: new PremiumClaimService(em, viewer, config.policyYears, config.today),
  };
}
