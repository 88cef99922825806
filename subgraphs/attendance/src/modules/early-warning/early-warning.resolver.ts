import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { Pupil } from '../pupil/pupil.type';
import { AbsenceRiskPupil, AbsenceRiskReport } from './early-warning.type';

@Resolver(() => AbsenceRiskReport)
export class AbsenceRiskReportResolver {
  @FieldResolver(() => [AbsenceRiskPupil], {
    nullable: true,
    description:
      'On-course pupils, highest 4-week projection first; null with FORBIDDEN for viewers who may not see the pupils',
  })
  pupils(@Root() report: AbsenceRiskReport, @Ctx() ctx: AttendanceContext) {
    return ctx.earlyWarning.pupils(report);
  }
}

@Resolver(() => AbsenceRiskPupil)
export class AbsenceRiskPupilResolver {
  @FieldResolver(() => Pupil)
  pupil(@Root() row: AbsenceRiskPupil, @Ctx() ctx: AttendanceContext) {
    return ctx.pupils.find(row.pupilId, row.checkedOn);
  }
}
