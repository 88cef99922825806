import {
  type EntityManager,
  type Page,
  todayIso,
  toConnection,
  type Viewer,
} from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import {
  forbiddenPupilData,
  mayReadSubmission,
  mayWriteRegister,
  registerWriterOf,
} from '../../authorization';
import type { AttendanceConfig } from '../../config';
import { runSql } from '../../sql';
import { ingestRegister, type IngestionResult, type RegisterBatch } from './ingestion';
import { RegisterSubmissionEntity } from './register.entity';
import { RegisterSubmissionResult } from './register.type';

export type RegisterLimits = Pick<
  AttendanceConfig,
  'maxMarksPerSubmission' | 'maxPupilsPerSubmission'
>;

function toResult(result: IngestionResult): RegisterSubmissionResult {
  return Object.assign(new RegisterSubmissionResult(), result);
}

function fromEntity(entity: RegisterSubmissionEntity): RegisterSubmissionResult {
  return toResult({
    submissionId: entity.id,
    urn: entity.urn,
    inserted: entity.inserted,
    amended: entity.amended,
    unchanged: entity.unchanged,
    stale: entity.stale,
    pupils: entity.pupils,
    replayed: false,
    acceptedAt: new Date(entity.createdAt).toISOString(),
  });
}

/** Register writes from schools and MIS vendors, and vendors reading back their own receipts. */
export class RegisterService {
  private readonly submissionById: DataLoader<string, RegisterSubmissionEntity | null>;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly limits: RegisterLimits,
  ) {
    this.submissionById = new DataLoader(async (ids) => {
      const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
      const rows = valid.length
        ? await em.find(RegisterSubmissionEntity, { id: { $in: valid } })
        : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  async submit(batch: RegisterBatch): Promise<RegisterSubmissionResult> {
    const writer = registerWriterOf(this.viewer);
    const authorised =
      writer.kind === 'vendor'
        ? await this.vendorAuthorisedUrns(writer.vendorId, batch.urn)
        : new Set<number>();
    const result = await ingestRegister(
      this.em,
      batch,
      {
        source: writer.source,
        vendorId: writer.kind === 'vendor' ? writer.vendorId : null,
        mayWrite: mayWriteRegister(writer, batch.urn, authorised),
      },
      {
        maxMarks: this.limits.maxMarksPerSubmission,
        maxPupils: this.limits.maxPupilsPerSubmission,
      },
    );
    return toResult(result);
  }

  /** A receipt, to its vendor, its school or DfE; anyone else gets FORBIDDEN whether it exists or not. */
  async submission(id: string): Promise<RegisterSubmissionResult> {
    const entity = await this.submissionById.load(id);
    if (!entity || !mayReadSubmission(this.viewer, entity)) throw forbiddenPupilData();
    return fromEntity(entity);
  }

  /** The viewer's own submissions (a vendor's, or a school's), in id order. */
  async ownSubmissions(page: Page) {
    const { viewer } = this;
    let condition: string;
    let param: unknown;
    if (viewer.role === 'MIS_VENDOR' && viewer.vendorId) {
      condition = 'vendor_id = ?';
      param = viewer.vendorId;
    } else if (viewer.role === 'SCHOOL' && viewer.urn !== undefined) {
      condition = 'urn = ?';
      param = viewer.urn;
    } else {
      throw forbiddenPupilData();
    }
    const after = page.afterKey ?? '';
    const [rows, counts] = await Promise.all([
      runSql(
        this.em,
        `select * from attendance.register_submission where ${condition} and id::text > ?
         order by id limit ?`,
        [param, after, page.first + 1],
      ),
      runSql<{ total: number }>(
        this.em,
        `select count(*)::int as total from attendance.register_submission where ${condition}`,
        [param],
      ),
    ]);
    const submissions = rows.map((row) => fromEntity(this.em.map(RegisterSubmissionEntity, row)));
    return toConnection(
      submissions,
      page,
      counts[0]?.total ?? 0,
      (s) => s.submissionId,
      (node, cursor) => ({ node, cursor }),
    );
  }

  private async vendorAuthorisedUrns(vendorId: string, urn: number): Promise<Set<number>> {
    if (!Number.isInteger(urn)) return new Set();
    const today = todayIso();
    const rows = await runSql<{ urn: number }>(
      this.em,
      `select urn from attendance.vendor_authorisation
       where vendor_id = ? and urn = ? and authorised_on <= ? and (revoked_on is null or revoked_on > ?)`,
      [vendorId, urn, today, today],
    );
    return new Set(rows.map((row) => row.urn));
  }
}
