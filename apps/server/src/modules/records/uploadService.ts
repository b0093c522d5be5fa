import type { Upload } from '@tus/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/connection.js';
import { caseFiles, cases, officers } from '../../db/schema.js';
import type { Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';
import { type FileStore, storageKeyFor } from './fileStore.js';
import type { DigestingFileStore } from './stagingStore.js';

export const FILE_KINDS = ['evidence', 'av'] as const;
export const CONFIDENTIALITIES = ['public', 'internal', 'confidential'] as const;

/** Largest file one upload may carry. */
export const MAX_UPLOAD_BYTES = 20 * 1024 ** 3;

/**
 * A refusal in the form @tus/server sends: its status and body. The body is the API's usual
 * error JSON, so the console shows the same Chinese message as for any other request.
 */
export interface TusRefusal {
  status_code: number;
  body: string;
}

export function tusRefusal(status: number, code: string, message: string): TusRefusal {
  return { status_code: status, body: JSON.stringify({ code, message }) };
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .optional()
    .transform((s) => s || undefined);

/** Upload-Metadata of a case file, as the client declares it (tus sends every value as text). */
export const uploadMetadataSchema = z.object({
  caseId: z.coerce.number({ error: '缺少案件编号' }).int({ error: '案件编号无效' }).positive({ error: '案件编号无效' }),
  kind: z.enum(FILE_KINDS, { error: '材料类别只能是证据材料（evidence）或音像记录（av）' }),
  step: optionalText(64, '环节'),
  name: z
    .string({ error: '缺少文件名' })
    .trim()
    .min(1, { error: '缺少文件名' })
    .max(255, { error: '文件名不能超过 255 个字' }),
  mimeType: z
    .string({ error: '缺少文件类型' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][\w.+-]*\/[\w.+-]+$/, { error: '文件类型（MIME）格式不正确' })
    .max(127, { error: '文件类型（MIME）格式不正确' }),
  sha256: z
    .string({ error: '缺少文件的 SHA-256 摘要' })
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, { error: 'SHA-256 摘要应为 64 位十六进制' }),
  confidentiality: z
    .enum(CONFIDENTIALITIES, { error: '密级只能是 公开（public）、内部（internal）或 保密（confidential）' })
    .default('internal'),
  device: optionalText(200, '采集设备'),
  capturedAt: z.iso
    .datetime({ offset: true, error: '采集时间应为 ISO 8601 格式（如 2026-11-23T09:30:00+08:00）' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  capturedByOfficerId: z.coerce
    .number({ error: '采集人员编号无效' })
    .int({ error: '采集人员编号无效' })
    .positive({ error: '采集人员编号无效' })
    .optional(),
  place: optionalText(200, '采集地点'),
});
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

/** Parses tus metadata (keys without a value arrive as null) into a case file's declared facts. */
export function parseUploadMetadata(raw: Record<string, string | null> | undefined): UploadMetadata {
  const values = Object.fromEntries(
    Object.entries(raw ?? {}).filter((e): e is [string, string] => e[1] !== null && e[1] !== ''),
  );
  const parsed = uploadMetadataSchema.safeParse(values);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? '上传信息有误';
    throw tusRefusal(400, 'VALIDATION_FAILED', `上传信息有误：${message}`);
  }
  return parsed.data;
}

/** The case, if it exists and the caller may add files to it: agency staff, their own agency's case. */
async function caseForUpload(db: Executor, p: Principal, caseId: number) {
  if (p.scope.kind !== 'agency') {
    throw tusRefusal(403, 'FORBIDDEN', '司法行政机关（执法监督）用户只能调阅案件材料，不能上传');
  }
  const [row] = await db
    .select({ id: cases.id, agencyId: cases.agencyId, state: cases.state })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!row || row.agencyId !== p.scope.agencyId) throw tusRefusal(404, 'NOT_FOUND', '未找到该案件，或您无权查看');
  if (row.state === 'archived') throw tusRefusal(409, 'CASE_ARCHIVED', '案件已归档，不能再上传材料');
  return row;
}

/**
 * Checks a new upload before anything is created (tus onUploadCreate): its metadata, and that the
 * case is the caller's. Returns the metadata to store with the upload, stamped with the uploader
 * (whatever the client sent under those keys is overwritten).
 */
export async function checkNewUpload(db: Db, p: Principal, upload: Upload): Promise<Record<string, string>> {
  if (upload.sizeIsDeferred) throw tusRefusal(400, 'VALIDATION_FAILED', '上传时须声明文件大小（Upload-Length）');
  const meta = parseUploadMetadata(upload.metadata);
  const c = await caseForUpload(db, p, meta.caseId);
  if (meta.capturedByOfficerId !== undefined) {
    const [o] = await db
      .select({ id: officers.id })
      .from(officers)
      .where(and(eq(officers.id, meta.capturedByOfficerId), eq(officers.agencyId, c.agencyId)));
    if (!o) throw tusRefusal(400, 'VALIDATION_FAILED', '上传信息有误：采集人员不是本案执法主体的执法人员');
  }
  const stored: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) if (v !== undefined) stored[k] = String(v);
  stored.uploaderId = String(p.userId);
  stored.agencyId = String(c.agencyId);
  return stored;
}

/** Whether the caller started this upload: only the uploader may resume, query or cancel it. */
export function ownsUpload(p: Principal, metadata: Record<string, string | null> | undefined): boolean {
  return metadata?.uploaderId === String(p.userId);
}

export interface FinishDeps {
  db: Db;
  staging: DigestingFileStore;
  store: FileStore;
}

/**
 * A complete upload (tus onUploadFinish): takes its digests (computed while it streamed), refuses
 * it if the SHA-256 is not the one the client declared, else stores the bytes and, in one
 * transaction, writes the case_files row and its `file.upload` ledger entry (DESIGN.md principle 2).
 * The staged upload is removed in every outcome: a refused or failed upload starts afresh.
 */
export async function finishUpload(deps: FinishDeps, p: Principal, upload: Upload): Promise<number> {
  const { db, staging, store } = deps;
  const size = upload.size ?? upload.offset;
  try {
    const meta = parseUploadMetadata(upload.metadata);
    const digests = await staging.digests(upload.id, size);
    if (digests.sha256 !== meta.sha256) {
      throw tusRefusal(
        460,
        'DIGEST_MISMATCH',
        `文件校验失败：收到内容的 SHA-256（${digests.sha256.slice(0, 16)}…）与声明的（${meta.sha256.slice(0, 16)}…）不一致，文件未保存，请重新上传`,
      );
    }
    const storageKey = storageKeyFor(digests.sha256);
    // Stored before the row that names it: a crash in between leaves an unreferenced object
    // (content-addressed, harmless), never a row without its bytes.
    await store.writeFromFile(storageKey, staging.pathOf(upload.id));
    const capturedAt = meta.capturedAt ? new Date(meta.capturedAt) : null;
    return await db.transaction(async (tx) => {
      const c = await caseForUpload(tx, p, meta.caseId);
      const [row] = await tx
        .insert(caseFiles)
        .values({
          caseId: c.id,
          agencyId: c.agencyId,
          kind: meta.kind,
          step: meta.step ?? null,
          name: meta.name,
          mimeType: meta.mimeType,
          size,
          sm3: digests.sm3,
          sha256: digests.sha256,
          storageKey,
          confidentiality: meta.confidentiality,
          device: meta.device ?? '',
          capturedAt,
          capturedByOfficerId: meta.capturedByOfficerId ?? null,
          place: meta.place ?? '',
          uploadedBy: p.userId,
        })
        .returning({ id: caseFiles.id });
      if (!row) throw new Error('insert returned no row');
      await appendEntry(tx, {
        actor: actorOf(p),
        agencyId: c.agencyId,
        subjectType: 'case',
        subjectId: c.id,
        action: 'file.upload',
        payload: {
          fileId: row.id,
          name: meta.name,
          kind: meta.kind,
          step: meta.step ?? null,
          mimeType: meta.mimeType,
          size,
          sm3: digests.sm3,
          sha256: digests.sha256,
          confidentiality: meta.confidentiality,
          device: meta.device ?? '',
          capturedAt: capturedAt?.toISOString() ?? null,
          capturedByOfficerId: meta.capturedByOfficerId ?? null,
          place: meta.place ?? '',
        },
      });
      return row.id;
    });
  } finally {
    await staging.discard(upload.id);
  }
}
