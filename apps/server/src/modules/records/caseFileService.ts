import { and, asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import { caseFiles, ledgerEntries, officers, users } from '../../db/schema.js';
import { DomainError, notFound } from '../../http/errors.js';
import { caseInScope } from '../cases/caseRecords.js';
import type { Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';

/**
 * The access-log action of opening a protected file (S-5). The access log (GET
 * /api/ledger/access-log) lists the actions ending in `.view`, like `officer.residentId.view`.
 */
export const FILE_VIEW_ACTION = 'file.view';
/** How long one recorded access opens a confidential file (enough to watch a long AV record). */
export const ACCESS_GRANT_MINUTES = 30;

/** The files of a case with their digests, capture metadata, uploader and ledger entry. */
export async function listCaseFiles(db: Db, p: Principal, caseId: number) {
  await caseInScope(db, p, caseId);
  const [rows, entries] = await Promise.all([
    db
      .select({ f: caseFiles, uploaderName: users.displayName, capturedByName: officers.name })
      .from(caseFiles)
      .leftJoin(users, eq(users.id, caseFiles.uploadedBy))
      .leftJoin(officers, eq(officers.id, caseFiles.capturedByOfficerId))
      .where(eq(caseFiles.caseId, caseId))
      .orderBy(asc(caseFiles.id)),
    db
      .select({ seq: ledgerEntries.seq, payload: ledgerEntries.payload })
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.subjectType, 'case'),
          eq(ledgerEntries.subjectId, String(caseId)),
          eq(ledgerEntries.action, 'file.upload'),
        ),
      ),
  ]);
  const seqOf = new Map<number, number>();
  for (const e of entries) {
    const fileId = (JSON.parse(e.payload) as { fileId?: unknown }).fileId;
    if (typeof fileId === 'number') seqOf.set(fileId, e.seq);
  }
  return rows.map(({ f, uploaderName, capturedByName }) => ({
    id: f.id,
    caseId: f.caseId,
    kind: f.kind,
    step: f.step,
    name: f.name,
    mimeType: f.mimeType,
    size: f.size,
    sm3: f.sm3,
    sha256: f.sha256,
    confidentiality: f.confidentiality,
    device: f.device,
    capturedAt: f.capturedAt,
    capturedByOfficerId: f.capturedByOfficerId,
    capturedByName,
    place: f.place,
    uploadedBy: f.uploadedBy,
    uploaderName,
    createdAt: f.createdAt,
    /** Sequence number of the `file.upload` ledger entry (its inclusion proof: /api/ledger/entries/:seq/proof). */
    ledgerSeq: seqOf.get(f.id) ?? null,
  }));
}
export type CaseFileDto = Awaited<ReturnType<typeof listCaseFiles>>[number];

async function fileInScope(db: Executor, p: Principal, caseId: number, fileId: number) {
  await caseInScope(db, p, caseId);
  const [f] = await db
    .select()
    .from(caseFiles)
    .where(and(eq(caseFiles.id, fileId), eq(caseFiles.caseId, caseId)));
  if (!f) throw notFound('文件');
  return f;
}

/**
 * Records that the caller opens a file, with the reason (调阅, S-5), in the case's ledger trail
 * (which the access log lists). Returns the entry's sequence number: the content route opens a
 * confidential file for the caller who wrote that entry, for ACCESS_GRANT_MINUTES.
 */
export async function recordFileAccess(db: Db, p: Principal, caseId: number, fileId: number, reason: string) {
  return db.transaction(async (tx) => {
    const f = await fileInScope(tx, p, caseId, fileId);
    const { seq } = await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: f.agencyId,
      subjectType: 'case',
      subjectId: caseId,
      action: FILE_VIEW_ACTION,
      payload: { fileId: f.id, name: f.name, confidentiality: f.confidentiality, sha256: f.sha256, reason },
    });
    return { access: seq, expiresAt: new Date(Date.now() + ACCESS_GRANT_MINUTES * 60_000).toISOString() };
  });
}

const S5_REQUIRED = () =>
  new DomainError(
    'ACCESS_REASON_REQUIRED',
    '该文件为保密材料：须先填写调阅事由并记入调阅记录（S-5），方可在 30 分钟内查看',
    403,
  );

/**
 * The file to send, if the caller may open it. A confidential file needs `access`: the sequence
 * number of the caller's own recorded access to this very file, at most ACCESS_GRANT_MINUTES old.
 * Stateless: every request (each range of a video) checks the entry in the ledger.
 */
export async function fileForContent(db: Db, p: Principal, caseId: number, fileId: number, access?: number) {
  const f = await fileInScope(db, p, caseId, fileId);
  if (f.confidentiality !== 'confidential') return f;
  if (access === undefined) throw S5_REQUIRED();
  const [e] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.seq, access));
  const fresh = e && Date.now() - e.createdAt.getTime() <= ACCESS_GRANT_MINUTES * 60_000;
  const ofThisFile =
    e &&
    e.action === FILE_VIEW_ACTION &&
    e.actorUserId === p.userId &&
    e.subjectType === 'case' &&
    e.subjectId === String(caseId) &&
    (JSON.parse(e.payload) as { fileId?: unknown }).fileId === fileId;
  if (!ofThisFile) throw S5_REQUIRED();
  if (!fresh) {
    throw new DomainError(
      'ACCESS_EXPIRED',
      `调阅已超过 ${ACCESS_GRANT_MINUTES} 分钟，请重新填写调阅事由并记入调阅记录（S-5）`,
      403,
    );
  }
  return f;
}
