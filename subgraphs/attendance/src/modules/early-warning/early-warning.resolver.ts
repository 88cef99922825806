import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { Pupil } from '../pupil/pupil.type';
import { School } from '../school/school.type';
import { AbsenceRiskGroupReport, AbsenceRiskPupil, AbsenceRiskReport } from './early-warning.type';

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

@Resolver(() => AbsenceRiskGroupReport)
export class AbsenceRiskGroupReportResolver {
  @FieldResolver(() => [AbsenceRiskPupil], {
    nullable: true,
    description:
      'On-course pupils at all the schools counted, highest 4-week projection first; null with FORBIDDEN for viewers other than that trust or LA and DfE',
  })
  pupils(@Root() report: AbsenceRiskGroupReport, @Ctx() ctx: AttendanceContext) {
    return ctx.earlyWarning.groupPupils(report);
  }
}

@Resolver(() => AbsenceRiskPupil)
export class AbsenceRiskPupilResolver {
  @FieldResolver(() => Pupil)
  pupil(@Root() row: AbsenceRiskPupil, @Ctx() ctx: AttendanceContext) {
    return ctx.pupils.find(row.pupilId, row.checkedOn);
  }

  @FieldResolver(() => School, { description: 'The school the pupil is at' })
  school(@Root() row: AbsenceRiskPupil): School {
    return Object.assign(new School(), { urn: row.urn });
  }
}
