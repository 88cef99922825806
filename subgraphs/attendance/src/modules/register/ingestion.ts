import {
  AcademicYear,
  badUserInput,
  type EntityManager,
  type InputProblem,
  isIsoDate,
  type IsoDate,
  todayIso,
} from '@estate/subgraph-kit';
import { createHash, randomUUID } from 'node:crypto';
import { isSessionInHeadlineScope } from '../../domain/headline-scope';
import {
  countsInPossibleSessions,
  registerCodeDefinition,
  validateRegisterCode,
} from '../../domain/register-codes';
import { validateUpn } from '../../domain/upn';
import {
  markPartitionName,
  markPartitionSql,
} from '../../migrations/Migration20261203100000_attendance';
import {
  rollupPartitionName,
  rollupPartitionSql,
} from '../../migrations/Migration20261203160000_partition_daily_rollup';
import { asJson, runSql } from '../../sql';

/** A pupil as a batch carries them, before validation. */
export interface PupilSubmission {
  upn: string;
  dateOfBirth: string;
  yearGroup: number;
  sex: string;
  freeSchoolMeals: boolean;
  senStatus: string;
  englishAsAdditionalLanguage: boolean;
  admittedOn: string;
  leftOn?: string | null;
}

export interface MarkSubmission {
  upn: string;
  date: string;
  session: string;
  code: string;
  recordedAt?: string | null;
}

export interface RegisterBatch {
  urn: number;
  idempotencyKey?: string | null;
  pupils: PupilSubmission[];
  marks: MarkSubmission[];
}

/** Who is writing, already authorised for the URN by the caller (`mayWrite`). */
export interface BatchSource {
  source: string;
  vendorId: string | null;
  mayWrite: boolean;
}

export interface IngestionLimits {
  maxMarks: number;
  maxPupils: number;
  /** The day after which marks are "in the future"; tests pin it. */
  today?: IsoDate;
  /** Stamped on marks that carry no recordedAt; defaults to now. */
  receivedAt?: Date;
}

export interface IngestionResult {
  submissionId: string;
  urn: number;
  inserted: number;
  amended: number;
  unchanged: number;
  stale: number;
  pupils: number;
  replayed: boolean;
  acceptedAt: string;
}

export const SEN_STATUSES = ['N', 'K', 'E'] as const;
export const SEXES = ['F', 'M'] as const;
export const SESSIONS = ['AM', 'PM'] as const;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

interface EnrolmentRow {
  id: string;
  upn: string;
  date_of_birth: string;
  year_group: number;
  sex: string;
  fsm: boolean;
  sen_status: string;
  eal: boolean;
  admitted_on: string;
  left_on: string | null;
}

interface StoredMark {
  enrolment_id: string;
  date: string;
  session: string;
  code: string;
  headline: boolean;
  fsm: boolean;
  sen_status: string;
  year_group: number;
  sex: string;
  eal: boolean;
  source_updated_at: Date;
  submission_id: string;
}

/** The group characteristics a mark carries into the rollups, as they were on the day. */
interface MarkGroups {
  headline: boolean;
  fsm: boolean;
  sen_status: string;
  year_group: number;
  sex: string;
  eal: boolean;
}

/** The dimensions every mark is rolled up under; 'all' is the whole school. */
function groupValuesOf(groups: Omit<MarkGroups, 'headline'>): [string, string][] {
  return [
    ['all', ''],
    ['fsm', String(groups.fsm)],
    ['sen', groups.sen_status],
    ['yearGroup', String(groups.year_group)],
    ['sex', groups.sex],
    ['eal', String(groups.eal)],
  ];
}

function payloadHash(batch: RegisterBatch): string {
  const canonical = JSON.stringify({
    urn: batch.urn,
    pupils: batch.pupils.map((p) => [
      p.upn,
      p.dateOfBirth,
      p.yearGroup,
      p.sex,
      p.freeSchoolMeals,
      p.senStatus,
      p.englishAsAdditionalLanguage,
      p.admittedOn,
      p.leftOn ?? null,
    ]),
    marks: batch.marks.map((m) => [m.upn, m.date, m.session, m.code, m.recordedAt ?? null]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

function isTimestamp(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

// Per ORM, that is per database, and only once the transaction that created them has committed:
// a rolled-back creation must be tried again.
const knownPartitions = new WeakMap<object, Set<number>>();

function partitionsKnownTo(em: EntityManager): Set<number> {
  let known = knownPartitions.get(em.config);
  if (!known) {
    known = new Set();
    knownPartitions.set(em.config, known);
  }
  return known;
}

/**
 * Marks and daily rollups are partitioned per academic year; a backfill into an older year creates
 * its partitions. Returns the years whose partitions exist once the transaction commits, for the
 * caller to remember then. Years already there are found without the lock, which would otherwise
 * make a process's first writers queue behind each other's whole transactions.
 */
async function ensurePartitions(em: EntityManager, dates: Iterable<IsoDate>): Promise<number[]> {
  const years = new Set<number>();
  for (const date of dates) years.add(AcademicYear.containing(date).startYear);
  const known = partitionsKnownTo(em);
  const unknown = [...years].filter((year) => !known.has(year));
  if (unknown.length === 0) return [];
  const [absent] = await runSql<{ years: number[] }>(
    em,
    `select coalesce(array_agg(p.year), '{}') as years
     from unnest(?::int[], ?::text[], ?::text[]) as p(year, mark, rollup)
     where to_regclass(p.mark) is null or to_regclass(p.rollup) is null`,
    [unknown, unknown.map(markPartitionName), unknown.map(rollupPartitionName)],
  );
  if (absent!.years.length > 0) {
    await runSql(em, `select pg_advisory_xact_lock(hashtext('attendance.mark partitions'))`);
    for (const year of absent!.years) {
      await runSql(em, markPartitionSql(year));
      await runSql(em, rollupPartitionSql(year));
    }
  }
  return unknown;
}

/** For writers of rollups without marks: the partitions of the years of `dates`, committed. */
export async function ensurePartitionsCommitted(
  rootEm: EntityManager,
  dates: Iterable<IsoDate>,
): Promise<void> {
  const present = await rootEm.fork().transactional((em) => ensurePartitions(em, dates));
  for (const year of present) partitionsKnownTo(rootEm).add(year);
}

/**
 * Writes one school's register batch: all of it or, if anything in it is wrong, none of it, with
 * every problem listed by index. Marks are upserted by their natural key (urn, pupil, date,
 * session); a changed code is an amendment whose previous value goes to history; rollups and
 * per-enrolment day counts change in the same transaction. Submissions for one school are
 * serialised by an advisory lock, so two concurrent resends cannot both insert a mark.
 */
export async function ingestRegister(
  rootEm: EntityManager,
  batch: RegisterBatch,
  writer: BatchSource,
  limits: IngestionLimits,
): Promise<IngestionResult> {
  const today = limits.today ?? todayIso();
  const receivedAt = limits.receivedAt ?? new Date();
  if (batch.marks.length > limits.maxMarks || batch.pupils.length > limits.maxPupils) {
    throw badUserInput(
      `A submission may carry at most ${limits.maxMarks} marks and ${limits.maxPupils} pupils (got ${batch.marks.length} and ${batch.pupils.length}); send larger backfills through the bulk path, pnpm import registers <csv>`,
      [{ path: 'marks', message: 'too many items for one submission; use the bulk path' }],
    );
  }
  const key = batch.idempotencyKey ?? null;
  if (key !== null && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    throw badUserInput(`idempotencyKey must have 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, [
      { path: 'idempotencyKey', message: 'must have 1 to 255 characters' },
    ]);
  }
  const hash = payloadHash(batch);

  let partitionYears: number[] = [];
  const result = await rootEm.transactional(async (em) => {
    const submissionId = randomUUID();
    if (key !== null) {
      // The unique (source, key) index makes a concurrent twin wait here until we commit, then
      // find our row; if we roll back, it goes ahead as if it were first.
      const claimed = await runSql<{ id: string }>(
        em,
        `insert into attendance.register_submission (id, urn, source, vendor_id, idempotency_key, payload_hash)
         values (?, ?, ?, ?, ?, ?) on conflict (source, idempotency_key) do nothing returning id`,
        [submissionId, batch.urn, writer.source, writer.vendorId, key, hash],
      );
      if (claimed.length === 0) return replay(em, writer.source, key, hash);
    }
    if (Number.isInteger(batch.urn)) {
      await runSql(em, 'select pg_advisory_xact_lock(?)', [batch.urn]);
    }

    const upns = [
      ...new Set([...batch.pupils.map((p) => p.upn), ...batch.marks.map((m) => m.upn)]),
    ];
    const existing = await runSql<EnrolmentRow>(
      em,
      `select id, upn, to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth, year_group, sex, fsm,
              sen_status, eal, to_char(admitted_on, 'YYYY-MM-DD') as admitted_on,
              to_char(left_on, 'YYYY-MM-DD') as left_on
       from attendance.enrolment
       where urn = ? and upn in (select value from json_array_elements_text(?::json))`,
      [batch.urn, JSON.stringify(upns)],
    );
    const enrolments = new Map(existing.map((row) => [row.upn, row]));
    const problems = validateBatch(batch, writer, enrolments, today);
    if (problems.length > 0) {
      throw badUserInput(
        `The register was not accepted: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written`,
        problems,
      );
    }

    // Pupils: insert new ones with a fresh opaque id, update those that changed. MIS send the
    // whole roll with every day's register, so most are unchanged and need no write.
    const pupilRows = batch.pupils.map((p) => ({
      id: enrolments.get(p.upn)?.id ?? randomUUID(),
      urn: batch.urn,
      upn: p.upn,
      date_of_birth: p.dateOfBirth,
      year_group: p.yearGroup,
      sex: p.sex,
      fsm: p.freeSchoolMeals,
      sen_status: p.senStatus,
      eal: p.englishAsAdditionalLanguage,
      admitted_on: p.admittedOn,
      left_on: p.leftOn ?? null,
    }));
    const changedPupils = pupilRows.filter((row) => !sameEnrolment(enrolments.get(row.upn), row));
    if (changedPupils.length > 0) {
      await runSql(
        em,
        `insert into attendance.enrolment
           (id, urn, upn, date_of_birth, year_group, sex, fsm, sen_status, eal, admitted_on, left_on)
         select id, urn, upn, date_of_birth, year_group, sex, fsm, sen_status, eal, admitted_on, left_on
         from json_to_recordset(?::json) as r(id uuid, urn integer, upn text, date_of_birth date,
           year_group smallint, sex text, fsm boolean, sen_status text, eal boolean,
           admitted_on date, left_on date)
         on conflict (urn, upn) do update set date_of_birth = excluded.date_of_birth,
           year_group = excluded.year_group, sex = excluded.sex, fsm = excluded.fsm,
           sen_status = excluded.sen_status, eal = excluded.eal,
           admitted_on = excluded.admitted_on, left_on = excluded.left_on, updated_at = now()`,
        [asJson(changedPupils)],
      );
      for (const row of changedPupils) enrolments.set(row.upn, row);
    }

    const result = { inserted: 0, amended: 0, unchanged: 0, stale: 0 };
    if (batch.marks.length > 0) {
      partitionYears = await ensurePartitions(
        em,
        batch.marks.map((m) => m.date),
      );
      const stored = (await hasMarksBetween(em, batch.urn, batch.marks))
        ? await storedMarks(
            em,
            batch.urn,
            batch.marks.map((m) => ({
              enrolment_id: enrolments.get(m.upn)!.id,
              date: m.date,
              session: m.session,
            })),
          )
        : [];
      const storedByKey = new Map(
        stored.map((row) => [`${row.enrolment_id}|${row.date}|${row.session.trim()}`, row]),
      );
      const changes = new Changes(batch.urn);
      const pupilDays = new PupilDays(enrolments);
      const receivedAtIso = receivedAt.toISOString();
      const inserts: object[] = [];
      const updates: object[] = [];
      const history: object[] = [];
      for (const mark of batch.marks) {
        const day = pupilDays.of(mark.upn, mark.date);
        const recordedAt = mark.recordedAt
          ? new Date(mark.recordedAt).toISOString()
          : receivedAtIso;
        const row = {
          enrolment_id: day.enrolmentId,
          date: mark.date,
          session: mark.session,
          code: mark.code,
          headline: day.groups.headline,
          fsm: day.groups.fsm,
          sen_status: day.groups.sen_status,
          year_group: day.groups.year_group,
          sex: day.groups.sex,
          eal: day.groups.eal,
          source_updated_at: recordedAt,
        };
        const previous = storedByKey.get(`${day.enrolmentId}|${mark.date}|${mark.session}`);
        if (!previous) {
          result.inserted += 1;
          inserts.push(row);
          changes.add(day, mark.code, 1);
        } else if (new Date(previous.source_updated_at).getTime() > Date.parse(recordedAt)) {
          result.stale += 1;
        } else if (previous.code === mark.code) {
          result.unchanged += 1;
        } else {
          result.amended += 1;
          updates.push(row);
          history.push({
            enrolment_id: day.enrolmentId,
            date: mark.date,
            session: mark.session,
            code: previous.code,
            source_updated_at: new Date(previous.source_updated_at).toISOString(),
            submission_id: previous.submission_id,
            replaced_by_code: mark.code,
          });
          changes.add(pupilDayAsStored(previous), previous.code, -1);
          changes.add(day, mark.code, 1);
        }
      }
      const markColumns = `enrolment_id uuid, date date, session text, code text, headline boolean,
        fsm boolean, sen_status text, year_group smallint, sex text, eal boolean,
        source_updated_at timestamptz`;
      if (inserts.length > 0) {
        await runSql(
          em,
          `insert into attendance.mark (urn, enrolment_id, date, session, code, headline, fsm,
             sen_status, year_group, sex, eal, source_updated_at, submission_id)
           select ?, enrolment_id, date, session, code, headline, fsm, sen_status, year_group, sex,
             eal, source_updated_at, ?
           from json_to_recordset(?::json) as r(${markColumns})`,
          [batch.urn, submissionId, asJson(inserts)],
        );
      }
      if (updates.length > 0) {
        await runSql(
          em,
          `insert into attendance.mark_history (urn, enrolment_id, date, session, code,
             source_updated_at, submission_id, replaced_by_code, replaced_by_submission_id, source)
           select ?, enrolment_id, date, session, code, source_updated_at, submission_id,
             replaced_by_code, ?, ?
           from json_to_recordset(?::json) as r(enrolment_id uuid, date date, session text,
             code text, source_updated_at timestamptz, submission_id uuid, replaced_by_code text)`,
          [batch.urn, submissionId, writer.source, asJson(history)],
        );
        await runSql(
          em,
          `update attendance.mark m set code = r.code, headline = r.headline, fsm = r.fsm,
             sen_status = r.sen_status, year_group = r.year_group, sex = r.sex, eal = r.eal,
             source_updated_at = r.source_updated_at, submission_id = ?, recorded_at = now()
           from json_to_recordset(?::json) as r(${markColumns})
           where m.urn = ? and m.enrolment_id = r.enrolment_id and m.date = r.date
             and m.session = r.session`,
          [submissionId, asJson(updates), batch.urn],
        );
      }
      await changes.apply(em);
    }

    const acceptedAt = new Date();
    const counts = { ...result, pupils: pupilRows.length };
    if (key !== null) {
      await runSql(
        em,
        `update attendance.register_submission set inserted = ?, amended = ?, unchanged = ?,
           stale = ?, pupils = ?, created_at = ? where id = ?`,
        [
          counts.inserted,
          counts.amended,
          counts.unchanged,
          counts.stale,
          counts.pupils,
          acceptedAt,
          submissionId,
        ],
      );
    } else {
      await runSql(
        em,
        `insert into attendance.register_submission (id, urn, source, vendor_id, idempotency_key,
           payload_hash, inserted, amended, unchanged, stale, pupils, created_at)
         values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?)`,
        [
          submissionId,
          batch.urn,
          writer.source,
          writer.vendorId,
          hash,
          counts.inserted,
          counts.amended,
          counts.unchanged,
          counts.stale,
          counts.pupils,
          acceptedAt,
        ],
      );
    }
    return {
      submissionId,
      urn: batch.urn,
      ...counts,
      replayed: false,
      acceptedAt: acceptedAt.toISOString(),
    };
  });
  for (const year of partitionYears) partitionsKnownTo(rootEm).add(year);
  return result;
}

function sameEnrolment(stored: EnrolmentRow | undefined, sent: EnrolmentRow): boolean {
  return (
    stored !== undefined &&
    stored.date_of_birth === sent.date_of_birth &&
    stored.year_group === sent.year_group &&
    stored.sex === sent.sex &&
    stored.fsm === sent.fsm &&
    stored.sen_status === sent.sen_status &&
    stored.eal === sent.eal &&
    stored.admitted_on === sent.admitted_on &&
    stored.left_on === sent.left_on
  );
}

/**
 * Whether the school has any mark in the batch's date range. Most batches are a new day's
 * register, and the per-mark lookup of what is already stored is the costliest read of a batch;
 * every mark writes its enrolment's day row, whose (urn, date) index answers this cheaply.
 */
async function hasMarksBetween(
  em: EntityManager,
  urn: number,
  marks: readonly MarkSubmission[],
): Promise<boolean> {
  let first = marks[0]!.date;
  let last = first;
  for (const { date } of marks) {
    if (date < first) first = date;
    if (date > last) last = date;
  }
  const [row] = await runSql<{ found: boolean }>(
    em,
    `select exists (select 1 from attendance.enrolment_day
       where urn = ? and date between ? and ?) as found`,
    [urn, first, last],
  );
  return row!.found;
}

async function storedMarks(
  em: EntityManager,
  urn: number,
  keys: readonly { enrolment_id: string; date: string; session: string }[],
): Promise<StoredMark[]> {
  return runSql<StoredMark>(
    em,
    `select m.enrolment_id, to_char(m.date, 'YYYY-MM-DD') as date, m.session, m.code, m.headline,
            m.fsm, m.sen_status, m.year_group, m.sex, m.eal, m.source_updated_at, m.submission_id
     from json_to_recordset(?::json) as k(enrolment_id uuid, date date, session text)
     join attendance.mark m on m.urn = ? and m.enrolment_id = k.enrolment_id
      and m.date = k.date and m.session = k.session`,
    [asJson(keys), urn],
  );
}

async function replay(
  em: EntityManager,
  source: string,
  key: string,
  hash: string,
): Promise<IngestionResult> {
  const [first] = await runSql<{
    id: string;
    urn: number;
    payload_hash: string;
    inserted: number;
    amended: number;
    unchanged: number;
    stale: number;
    pupils: number;
    created_at: Date;
  }>(
    em,
    `select id, urn, payload_hash, inserted, amended, unchanged, stale, pupils, created_at
     from attendance.register_submission where source = ? and idempotency_key = ?`,
    [source, key],
  );
  if (!first) throw new Error('An idempotency key was claimed but its submission is missing');
  if (first.payload_hash !== hash) {
    throw badUserInput(
      'This idempotencyKey was already used with a different payload; use a new key for a new batch',
      [{ path: 'idempotencyKey', message: 'already used with a different payload' }],
    );
  }
  return {
    submissionId: first.id,
    urn: first.urn,
    inserted: first.inserted,
    amended: first.amended,
    unchanged: first.unchanged,
    stale: first.stale,
    pupils: first.pupils,
    replayed: true,
    acceptedAt: new Date(first.created_at).toISOString(),
  };
}

/** `check`, asked once for each distinct value. */
function onceEach<T>(check: (value: string) => T): (value: string) => T {
  const answers = new Map<string, T>();
  return (value) => {
    if (answers.has(value)) return answers.get(value)!;
    const answer = check(value);
    answers.set(value, answer);
    return answer;
  };
}

function validateBatch(
  batch: RegisterBatch,
  writer: BatchSource,
  enrolments: ReadonlyMap<string, Pick<EnrolmentRow, 'admitted_on' | 'left_on'>>,
  today: IsoDate,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!Number.isInteger(batch.urn) || batch.urn < 100000 || batch.urn > 999999) {
    problem('urn', `must be a 6-digit URN, got ${batch.urn}`);
  } else if (!writer.mayWrite) {
    problem('urn', 'the caller may not write registers for this URN');
  }

  const rolls = new Map<string, { admittedOn: string; leftOn: string | null }>();
  for (const [upn, row] of enrolments) {
    rolls.set(upn, { admittedOn: row.admitted_on, leftOn: row.left_on });
  }
  const seenPupils = new Set<string>();
  batch.pupils.forEach((pupil, index) => {
    const at = (field: string) => `pupils[${index}].${field}`;
    const upn = validateUpn(pupil.upn);
    if (!upn.valid) problem(at('upn'), upn.problems.join('; '));
    if (seenPupils.has(pupil.upn)) problem(at('upn'), 'the same pupil appears twice in pupils');
    seenPupils.add(pupil.upn);
    if (!isIsoDate(pupil.dateOfBirth))
      problem(at('dateOfBirth'), 'must be a real date as YYYY-MM-DD');
    else if (pupil.dateOfBirth > today) problem(at('dateOfBirth'), 'is in the future');
    if (!Number.isInteger(pupil.yearGroup) || pupil.yearGroup < -2 || pupil.yearGroup > 14) {
      problem(at('yearGroup'), 'must be a national curriculum year from -2 to 14');
    }
    if (!(SEXES as readonly string[]).includes(pupil.sex)) problem(at('sex'), 'must be "F" or "M"');
    if (!(SEN_STATUSES as readonly string[]).includes(pupil.senStatus)) {
      problem(at('senStatus'), 'must be "N", "K" or "E"');
    }
    const admittedOk = isIsoDate(pupil.admittedOn);
    if (!admittedOk) problem(at('admittedOn'), 'must be a real date as YYYY-MM-DD');
    const leftOn = pupil.leftOn ?? null;
    if (leftOn !== null && !isIsoDate(leftOn))
      problem(at('leftOn'), 'must be a real date as YYYY-MM-DD');
    else if (leftOn !== null && admittedOk && leftOn < pupil.admittedOn) {
      problem(at('leftOn'), 'is before admittedOn');
    }
    if (admittedOk) rolls.set(pupil.upn, { admittedOn: pupil.admittedOn, leftOn });
  });

  // A register repeats each pupil, date and code across hundreds of marks: each is checked once.
  const isValidUpn = onceEach((upn: string) => validateUpn(upn).valid);
  const isRealDate = onceEach(isIsoDate);
  // Asked only with a real date, whose ten characters come first.
  const codeOnDate = onceEach((dateAndCode: string) =>
    validateRegisterCode(dateAndCode.slice(10), dateAndCode.slice(0, 10)),
  );
  const seenMarks = new Set<string>();
  batch.marks.forEach((mark, index) => {
    const at = (field: string) => `marks[${index}].${field}`;
    const roll = rolls.get(mark.upn);
    if (!isValidUpn(mark.upn)) problem(at('upn'), 'is not a valid UPN');
    else if (!roll)
      problem(at('upn'), 'is not a pupil of this school; send the pupil with the marks');
    if (!(SESSIONS as readonly string[]).includes(mark.session)) {
      problem(at('session'), 'must be "AM" or "PM"');
    }
    if (!isRealDate(mark.date)) {
      problem(at('date'), `must be a real date as YYYY-MM-DD, got "${mark.date}"`);
      return;
    }
    if (mark.date > today) problem(at('date'), `${mark.date} is in the future`);
    const code = codeOnDate(`${mark.date}${mark.code}`);
    if (!code.valid) problem(at('code'), code.message);
    if (mark.recordedAt && !isTimestamp(mark.recordedAt)) {
      problem(at('recordedAt'), 'must be an ISO 8601 date and time');
    }
    const key = `${mark.upn}|${mark.date}|${mark.session}`;
    if (seenMarks.has(key)) problem(at('session'), 'the same session appears twice in marks');
    seenMarks.add(key);
    // Z is the code for a prospective pupil not yet on the admission register.
    if (roll && mark.code !== 'Z') {
      const onRoll =
        roll.admittedOn <= mark.date && (roll.leftOn === null || mark.date <= roll.leftOn);
      if (!onRoll) problem(at('date'), `the pupil is not on roll on ${mark.date}`);
    }
  });
  return problems;
}

/** One pupil on one date, with the groups their marks that day are rolled up under. */
interface PupilDay {
  enrolmentId: string;
  date: IsoDate;
  groups: MarkGroups;
  /** Date and groups in one string: the marks of pupils who share it sum into the same rollups. */
  signature: string;
}

function pupilDayOf(enrolmentId: string, date: IsoDate, groups: MarkGroups): PupilDay {
  const signature = `${date}|${groups.headline}|${groups.fsm}|${groups.sen_status}|${groups.year_group}|${groups.sex}|${groups.eal}`;
  return { enrolmentId, date, groups, signature };
}

/** The day of a stored mark, with the groups it was rolled up under when it was written. */
function pupilDayAsStored(mark: StoredMark): PupilDay {
  return pupilDayOf(mark.enrolment_id, mark.date, mark);
}

/**
 * The batch's pupil-days. A register carries two sessions a day for each pupil, and each day's
 * groups (headline scope above all, from the pupil's age on the date) are worked out once.
 */
class PupilDays {
  private readonly days = new Map<string, PupilDay>();

  constructor(private readonly enrolments: ReadonlyMap<string, EnrolmentRow>) {}

  of(upn: string, date: IsoDate): PupilDay {
    const key = `${upn}|${date}`;
    let day = this.days.get(key);
    if (!day) {
      const enrolment = this.enrolments.get(upn)!;
      day = pupilDayOf(enrolment.id, date, {
        headline: isSessionInHeadlineScope(enrolment.date_of_birth, date),
        fsm: enrolment.fsm,
        sen_status: enrolment.sen_status,
        year_group: enrolment.year_group,
        sex: enrolment.sex,
        eal: enrolment.eal,
      });
      this.days.set(key, day);
    }
    return day;
  }
}

interface RollupDelta {
  date: IsoDate;
  dimension: string;
  group_value: string;
  headline: boolean;
  code: string;
  sessions: number;
}

/** Rollup and enrolment-day deltas of one batch, summed before they are written. */
class Changes {
  // Keyed by the pupil-day's signature and the code, and spread over the rollup dimensions only
  // when written: one map update per mark instead of one per dimension.
  private readonly bySignature = new Map<
    string,
    { day: PupilDay; code: string; sessions: number }
  >();
  private readonly days = new Map<
    string,
    { enrolment_id: string; date: IsoDate; possible: number; absence: number; unauthorised: number }
  >();

  constructor(private readonly urn: number) {}

  add(day: PupilDay, code: string, sign: 1 | -1): void {
    const signature = `${day.signature}|${code}`;
    const entry = this.bySignature.get(signature);
    if (entry) entry.sessions += sign;
    else this.bySignature.set(signature, { day, code, sessions: sign });
    const dayKey = `${day.enrolmentId}|${day.date}`;
    let counts = this.days.get(dayKey);
    if (!counts) {
      counts = {
        enrolment_id: day.enrolmentId,
        date: day.date,
        possible: 0,
        absence: 0,
        unauthorised: 0,
      };
      this.days.set(dayKey, counts);
    }
    const definition = registerCodeDefinition(code)!;
    if (day.groups.headline && countsInPossibleSessions(definition)) {
      counts.possible += sign;
      if (definition.statisticalClass === 'authorisedAbsence') counts.absence += sign;
      if (definition.statisticalClass === 'unauthorisedAbsence') {
        counts.absence += sign;
        counts.unauthorised += sign;
      }
    }
  }

  private rollupDeltas(): RollupDelta[] {
    const rollup = new Map<string, RollupDelta>();
    for (const { day, code, sessions } of this.bySignature.values()) {
      if (sessions === 0) continue;
      const { date, groups } = day;
      for (const [dimension, value] of groupValuesOf(groups)) {
        const key = `${date}|${dimension}|${value}|${groups.headline}|${code}`;
        const delta = rollup.get(key);
        if (delta) delta.sessions += sessions;
        else {
          rollup.set(key, {
            date,
            dimension,
            group_value: value,
            headline: groups.headline,
            code,
            sessions,
          });
        }
      }
    }
    return [...rollup.values()].filter((delta) => delta.sessions !== 0);
  }

  async apply(em: EntityManager): Promise<void> {
    const rollupRows = this.rollupDeltas();
    if (rollupRows.length > 0) {
      await runSql(
        em,
        `insert into attendance.daily_rollup as d (urn, date, dimension, group_value, headline, code, sessions)
         select ?, date, dimension, group_value, headline, code, sessions
         from json_to_recordset(?::json) as r(date date, dimension text, group_value text,
           headline boolean, code text, sessions integer)
         on conflict (urn, date, dimension, group_value, headline, code)
         do update set sessions = d.sessions + excluded.sessions`,
        [this.urn, asJson(rollupRows)],
      );
    }
    if (this.days.size > 0) {
      await runSql(
        em,
        `insert into attendance.enrolment_day as e (urn, enrolment_id, date, possible, absence, unauthorised)
         select ?, enrolment_id, date, possible, absence, unauthorised
         from json_to_recordset(?::json) as r(enrolment_id uuid, date date, possible smallint,
           absence smallint, unauthorised smallint)
         on conflict (urn, enrolment_id, date) do update set possible = e.possible + excluded.possible,
           absence = e.absence + excluded.absence, unauthorised = e.unauthorised + excluded.unauthorised`,
        [this.urn, asJson([...this.days.values()])],
      );
    }
  }
}
