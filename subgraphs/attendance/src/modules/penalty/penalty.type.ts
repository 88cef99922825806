import { DateScalar } from '@estate/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { Pupil } from '../pupil/pupil.type';

@ObjectType({ description: 'One unauthorised session that counts towards the threshold' })
export class CountingSession {
  @Field(() => DateScalar)
  date!: string;

  @Field(() => String)
  session!: string;

  @Field(() => String, { description: 'G, N, O or U' })
  code!: string;
}

@ObjectType({
  description:
    'A pupil with 10 or more unauthorised sessions (G, N, O, U) in the rolling 10 school weeks up to the date asked: a penalty notice must be considered (national framework, August 2024)',
})
export class PenaltyNoticeCandidate {
  @Field(() => Pupil)
  pupil!: Pupil;

  @Field(() => Int)
  unauthorisedSessions!: number;

  @Field(() => DateScalar, { description: 'Monday of the oldest school week in the window' })
  windowFrom!: string;

  @Field(() => DateScalar)
  windowTo!: string;

  @Field(() => [CountingSession], { description: 'The sessions that count, oldest first' })
  countingSessions!: CountingSession[];
}
